"""The latency benchmark's machinery, quickly (no wall-clock assertions)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import latency  # noqa: E402
from benchmarks import run as bench  # noqa: E402

needs_dataset = pytest.mark.skipif(
    not (bench.DEFAULT_DATASET / "articles.jsonl.gz").exists(),
    reason=f"no dataset at {bench.DEFAULT_DATASET}")


def test_sizes_are_names_or_passage_counts():
    assert latency.sizes("sample, real,50000,50k,1m") == [
        "sample", "real", "50000", "50000", "1000000"]
    with pytest.raises(argparse.ArgumentTypeError, match="unknown size 'big'"):
        latency.sizes("big")


def test_fast_embedder_is_deterministic_unit_length_and_claims_the_real_model(onnx_encoder):
    fast = latency.FastEmbedder(onnx_encoder)
    texts = ["Peskov said the talks would continue.", "Lavrov said nothing.", ""]
    a, b = fast.embed(texts), latency.FastEmbedder(onnx_encoder).embed(texts)
    assert np.array_equal(a, b) and a.shape == (3, onnx_encoder.dim)
    assert np.allclose(np.linalg.norm(a[:2], axis=1), 1.0) and not a[2].any()
    assert (fast.fingerprint, fast.dim, fast.max_tokens) == (
        onnx_encoder.fingerprint, onnx_encoder.dim, onnx_encoder.max_tokens)
    assert fast.token_spans(texts[:1]) == onnx_encoder.token_spans(texts[:1])


def test_fast_embedder_takes_real_vectors_from_the_cache_without_writing_it(onnx_encoder,
                                                                           tmp_path):
    from benchmarks.vector_cache import CachedEmbedder

    cache = tmp_path / "vectors.sqlite"
    known = "Peskov said the talks would continue."
    CachedEmbedder(onnx_encoder, cache).embed([known])
    fast = latency.FastEmbedder(onnx_encoder, cache=cache)
    out = fast.embed([known, "Something else entirely."])
    assert np.array_equal(out[0], onnx_encoder.embed([known])[0])
    assert (fast.real, fast.fast) == (1, 1)
    import sqlite3

    assert sqlite3.connect(cache).execute("SELECT count(*) FROM v").fetchone() == (1,)
    assert not np.array_equal(out[1], onnx_encoder.embed(["Something else entirely."])[0])


def test_the_section_replaces_only_itself(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text(f"# Benchmarks\n\n{bench.MARK_BEGIN}\nrun.py's\n{bench.MARK_END}\n\nNotes.\n")
    latency.write_section(out, "first\n")
    latency.write_section(out, "second\n")
    text = out.read_text()
    assert "run.py's" in text and "Notes." in text and "second" in text and "first" not in text
    assert text.count(latency.MARK_BEGIN) == 1 and text.count("## Answer latency") == 1


def test_a_scaled_index_repeats_marked_copies_through_the_store(onnx_encoder, tmp_path,
                                                               monkeypatch):
    import gzip
    import json

    from retrieval.config import load_config
    from retrieval.store import open_store

    data = tmp_path / "data"
    data.mkdir()
    paras = ['"We will not give up," said Maria Zakharova, a Foreign Ministry spokeswoman.',
             "The talks continued for a second day in Geneva, officials said.",
             'Dmitry Peskov told reporters: "There is no progress yet."']
    arts = [{"id": f"a{i}", "title": f"Talks, day {i}", "date": f"2024-11-0{i + 1}",
             "source": "wire", "url": f"https://x/{i}", "authors": [],
             "text": "\n\n".join(p.replace("day", f"day {i}") for p in paras * 6)}
            for i in range(3)]
    with gzip.open(data / "articles.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(a) + "\n" for a in arts))
    (data / "questions.jsonl").write_text(json.dumps(
        {"question": "What did Zakharova say?", "search_results": ["a1"]}) + "\n")
    monkeypatch.setattr(latency, "BATCH_PASSAGES", 4)  # several changes, several segments
    settings = load_config(REPO / "config.yaml").with_index_dir(str(tmp_path / "index"))
    opts = argparse.Namespace(dataset=data, vector_cache=None)
    info = latency.build_scaled(settings, onnx_encoder, 20, opts, lambda msg: None)
    view = open_store(settings).view(onnx_encoder.fingerprint)  # opens for the real encoder
    assert view.size >= 20 and info["originals"] == 3 and info["copies"] > 0
    assert len(view.manifest["segments"]) > 1
    ids = sorted(view.articles)
    assert {"a0", "a1", "a2", "a1~1"} <= set(ids)
    copy, original = view.articles["a1~1"], view.articles["a1"]
    assert copy.text == "(Copy 1.) " + original.text and copy.url == "https://x/1#copy1"
    by_article: dict[str, list[str]] = {}
    for pid in view.passage_ids():
        p = view.passage(int(pid))
        by_article.setdefault(p.article_id, []).append(p.text)
    assert by_article["a1~1"] == by_article["a1"][:len(by_article["a1~1"])]
    said = view.statements_by_speaker(["Maria Zakharova"])
    assert {st.article_id for _, st in said} >= {"a0", "a1", "a1~1"}
    for _, st in said:
        assert view.articles[st.article_id].text[st.start:st.end] == st.text


@needs_dataset
def test_a_small_run_reports_every_part(onnx_cache, tmp_path):
    args = latency.build_parser().parse_args(
        ["--sizes", "sample", "--cold", "1", "--throughput", "2", "--topic", "2", "--people", "2",
         "--model-cache", str(onnx_cache)])
    res = latency.run(args, lambda msg: None)
    assert res["errors"] == {}
    assert res["cold"]["imports_torch"] is False
    sample = res["warm"]["sample"]
    assert sample["passages"] > 0 and sample["topic"]["n"] == 2 and sample["person"]["n"] == 2
    assert res["throughput"]["max_abs_diff_own_vs_st"] <= 1e-5
    md = latency.render(res, "python -m benchmarks.latency")
    assert "Cold one-shot" in md and "| sample |" in md and "Indexing throughput" in md
