from itertools import pairwise
from pathlib import Path

import pytest

from retrieval.articles import load
from retrieval.chunking import chunk_article, segments, split_sentences
from retrieval.models import Article

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def samples():
    return {a.id: a for a in load([SAMPLES])[0]}


@pytest.mark.parametrize("max_tokens", [40, 120, 200])
def test_chunks_fit_the_model_window_by_its_own_tokenizer_and_keep_offsets(
    samples, real_embedder, max_tokens
):
    for art in samples.values():
        chunks = chunk_article(art, real_embedder.token_spans, max_tokens, 20)
        assert chunks
        for c in chunks:
            assert c.text == art.text[c.start:c.end]
            assert len(real_embedder.token_spans([c.text])[0]) <= max_tokens
            assert not c.text[0].isspace() and not c.text[-1].isspace()
        # Consecutive passages overlap or touch; together they cover the (deduplicated) text.
        for a, b in pairwise(chunks):
            assert b.start > a.start


def test_overlap_repeats_whole_sentences(samples, real_embedder):
    art = samples["001_806330d807e29c95"]
    chunks = chunk_article(art, real_embedder.token_spans, 120, 60)
    overlapping = [(a, b) for a, b in pairwise(chunks) if b.start < a.end]
    assert overlapping
    for a, b in overlapping:
        shared = art.text[b.start:a.end]
        assert shared.rstrip()[-1] in ".!?”\""  # ends on a sentence boundary


def test_repeated_half_of_an_article_yields_no_duplicate_passages(samples, real_embedder):
    art = samples["004_fcea84b91e544143"]
    first = art.text.index("Russian presidential spokesman")
    second = art.text.index("Russian presidential spokesman", first + 1)
    chunks = chunk_article(art, real_embedder.token_spans, 200, 40)
    assert all(c.end <= second for c in chunks)
    texts = [" ".join(c.text.split()) for c in chunks]
    assert len(set(texts)) == len(texts)
    assert segments(art.text)[-1].end <= second


def test_long_sentence_is_cut_at_word_boundaries(fake_embedder):
    words = " ".join(f"word{i}" for i in range(500))
    art = Article(id="long", title="t", text=words + ".")
    chunks = chunk_article(art, fake_embedder.token_spans, 50, 10)
    assert len(chunks) >= 10
    for c in chunks:
        assert len(fake_embedder.token_spans([c.text])[0]) <= 50
        assert c.text.split()[0].startswith("word")  # never starts mid-word
        before = art.text[c.start - 1] if c.start else " "
        assert before == " "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. said no. Russia agreed.", ["The U.S. said no.", "Russia agreed."]),
        ("Mr. Peskov spoke. Then he left.", ["Mr. Peskov spoke.", "Then he left."]),
        ("“We will see,” he said. “Soon.”", ["“We will see,” he said.", "“Soon.”"]),
        ("Donald J. Trump won. Biden lost.", ["Donald J. Trump won.", "Biden lost."]),
        ("Line one without stop\nLine two.", ["Line one without stop", "Line two."]),
        ("It cost 3.5 billion. Markets fell.", ["It cost 3.5 billion.", "Markets fell."]),
    ],
)
def test_sentence_splitter(text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text)] == expected
