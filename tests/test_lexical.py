from retrieval.lexical import query_terms, term_counts, tokenize


def test_tokenize_folds_case_accents_and_possessives():
    assert tokenize("Russia's Zakharová SAID") == ["russia", "zakharova", "said"]
    assert query_terms("What did Zakharova say about the election?") == ["zakharova", "election"]


def test_term_counts_are_per_passage():
    rows = term_counts(["Peskov said relations are bad, bad.", "Zakharova"])
    assert rows[0]["bad"] == 2 and rows[0]["peskov"] == 1 and rows[1] == {"zakharova": 1}
