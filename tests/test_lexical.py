import numpy as np
from pytest import approx

from retrieval.lexical import Lexical, query_terms, tokenize


def test_tokenize_folds_case_accents_and_possessives():
    assert tokenize("Russia's Zakharová SAID") == ["russia", "zakharova", "said"]
    assert query_terms("What did Zakharova say about the election?") == ["zakharova", "election"]


def test_bm25_ranks_the_passage_with_the_rare_name_first():
    texts = ["Peskov said relations are bad.", "Zakharova said it makes no difference.",
             "Relations between Russia and the US."]
    lex = Lexical.empty().select_and_extend(np.zeros(0, dtype=np.int64), Lexical.rows(texts))
    scores = lex.scores(query_terms("What did Zakharova say?"))
    assert int(np.argmax(scores)) == 1
    assert scores[0] == 0 and scores[2] == 0
    assert lex.coverage(["zakharova", "relations"], np.array([0, 1, 2])).tolist() == approx([
        lex.idf("relations") / (lex.idf("relations") + lex.idf("zakharova")),
        lex.idf("zakharova") / (lex.idf("relations") + lex.idf("zakharova")),
        lex.idf("relations") / (lex.idf("relations") + lex.idf("zakharova")),
    ])


def test_dropping_rows_drops_terms_nobody_uses(tmp_path):
    lex = Lexical.empty().select_and_extend(
        np.zeros(0, dtype=np.int64), Lexical.rows(["alpha beta", "gamma delta"])
    )
    kept = lex.select_and_extend(np.array([1]), Lexical.rows(["epsilon"]))
    assert sorted(kept.vocab) == ["delta", "epsilon", "gamma"]
    kept.save(tmp_path)
    again = Lexical.load(tmp_path)
    assert again.vocab == kept.vocab
    assert (again.counts != kept.counts).nnz == 0
