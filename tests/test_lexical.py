from retrieval.lexical import query_terms, term_counts, tokenize


def test_tokenize_folds_case_accents_and_possessives():
    assert tokenize("Russia's Zakharová SAID") == ["russia", "zakharova", "said"]
    assert query_terms("What did Zakharova say about the election?") == ["zakharova", "election"]


def test_term_counts_are_per_passage():
    rows = term_counts(["Peskov said relations are bad, bad.", "Zakharova"])
    assert rows[0]["bad"] == 2 and rows[0]["peskov"] == 1 and rows[1] == {"zakharova": 1}


def test_the_ascii_short_way_folds_as_the_full_way():
    import unicodedata

    from retrieval.lexical import _fold

    def full(word: str) -> str:
        word = unicodedata.normalize("NFKD", word.lower())
        word = "".join(c for c in word if not unicodedata.combining(c))
        word = word.replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        return word.replace("'", "")

    words = ["Russia's", "Russia’s", "ZAKHAROVA", "Zacharová", "Peskov", "O'Neil", "it's",
             "Ｆｕｌｌ", "ß", "İstanbul", "Ñandú", "Москва", "42", "co-op", "Lavrov’S", "s's"]
    for w in words:
        assert _fold(w) == full(w), w
