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


@needs_dataset
def test_scaled_corpus_repeats_marked_copies_past_the_corpus(onnx_encoder):
    from retrieval.config import ChunkingSettings

    arts, planned = latency.scaled_corpus(bench.DEFAULT_DATASET, 300, onnx_encoder.token_spans,
                                          ChunkingSettings())
    assert planned >= 300 and len({a["id"] for a in arts}) == len(arts)
    assert not any("~" in a["id"] for a in arts)  # 300 passages: no copy needed yet


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
