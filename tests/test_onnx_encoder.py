"""The torch-free question encoder: the same vectors and token spans as sentence-transformers, an
export made once and cached with its manifest, a weights hash not recomputed on every start, and
`newsqa ask` on an existing index without importing torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from retrieval.chunking import split_sentences
from retrieval.config import ModelSettings
from retrieval.embedding import cached_sha256, fingerprint, sha256_file, weights_file
from retrieval.onnx_encoder import OPSET, OnnxEmbedder, export_dir

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "examples" / "articles"


def real_sentences(n: int) -> list[str]:
    """The sample articles' sentences, then their lines and clauses, until there are n distinct
    texts (the five articles hold 81 sentences)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    found: dict[str, None] = {}
    for text in texts:
        for s in split_sentences(text):
            found.setdefault(text[s.start:s.end], None)
    for text in texts:
        for line in text.splitlines():
            for part in (line, *line.split(", ")):
                if len(part.split()) >= 3:
                    found.setdefault(part, None)
    assert len(found) >= n
    return list(found)[:n]


def test_vectors_match_sentence_transformers_on_100_real_sentences(onnx_encoder, real_embedder):
    sentences = real_sentences(100)
    ours = onnx_encoder.embed(sentences)
    theirs = real_embedder.embed(sentences)
    assert ours.shape == theirs.shape == (100, 384) and ours.dtype == np.float32
    assert float(np.abs(ours - theirs).max()) <= 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_long_padded_and_odd_texts_match_too(onnx_encoder, real_embedder):
    """Past the 256-token window (truncated as sentence-transformers does), in batches of mixed
    lengths (padding), with surrounding spaces and non-Latin text."""
    article = (SAMPLES / sorted(os.listdir(SAMPLES))[0]).read_text(encoding="utf-8")
    texts = [article, "  Peskov said.  ", "x", "Ünïcödé — “quotes” 中文 text", article[:700]]
    ours, theirs = onnx_encoder.embed(texts), real_embedder.embed(texts)
    assert float(np.abs(ours - theirs).max()) <= 1e-5
    assert onnx_encoder.embed([]).shape == (0, 384)


def test_token_spans_are_those_of_the_model_tokenizer(onnx_encoder, real_embedder):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts += ["Ünïcödé — “quotes” 中文 text", ""]
    assert onnx_encoder.token_spans(texts) == real_embedder.token_spans(texts)
    assert len(onnx_encoder.token_spans(texts[:1])[0]) > onnx_encoder.max_tokens  # not truncated
    assert (onnx_encoder.name, onnx_encoder.dim, onnx_encoder.max_tokens) == (
        real_embedder.name, real_embedder.dim, real_embedder.max_tokens)
    assert onnx_encoder.fingerprint == real_embedder.fingerprint


def test_the_export_is_cached_with_its_manifest_and_rebuilt_when_tampered(onnx_encoder,
                                                                          onnx_cache):
    folder = export_dir(onnx_cache, onnx_encoder.fingerprint)
    onnx_file, manifest_file = folder / "model.onnx", folder / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    assert manifest["weights_sha256"] == onnx_encoder.fingerprint
    assert manifest["onnx_sha256"] == sha256_file(onnx_file)
    assert manifest["opset"] == OPSET
    assert {"onnx", "onnxruntime", "tokenizers", "exporter"} <= set(manifest["versions"])
    built = onnx_file.stat().st_mtime_ns

    again = OnnxEmbedder(ModelSettings(), onnx_cache)  # a second start: no new export
    assert onnx_file.stat().st_mtime_ns == built and again.manifest == manifest

    with open(onnx_file, "r+b") as f:  # a damaged file is noticed by its hash and re-made
        f.seek(-8, os.SEEK_END)
        f.write(b"\0" * 8)
    os.utime(onnx_file, ns=(built + 10**9, built + 10**9))
    fixed = OnnxEmbedder(ModelSettings(), onnx_cache)
    assert sha256_file(onnx_file) == manifest["onnx_sha256"]
    text = ["The Kremlin spokesman said the talks would continue."]
    assert float(np.abs(fixed.embed(text) - onnx_encoder.embed(text)).max()) == 0.0


def test_weights_hash_is_computed_once_and_kept_by_path_size_and_mtime(tmp_path):
    f = tmp_path / "weights.bin"
    f.write_bytes(b"weights" * 1000)
    cache = tmp_path / "cache"
    real = cached_sha256(f, cache)
    assert real == sha256_file(f)
    store = cache / "fingerprints.json"
    entry = json.loads(store.read_text())[str(f.resolve())]
    assert entry["sha256"] == real and entry["size"] == 7000

    # Another process (a fresh in-memory state) trusts the stored hash while the stat matches:
    # make the stored value recognisable to prove the file was not read again.
    from retrieval import embedding

    embedding._known.clear()
    data = json.loads(store.read_text())
    data[str(f.resolve())]["sha256"] = "stored"
    store.write_text(json.dumps(data))
    assert cached_sha256(f, cache) == "stored"
    embedding._known.clear()
    f.write_bytes(b"other weights")  # size and mtime change: hashed again
    assert cached_sha256(f, cache) == sha256_file(f) != real
    embedding._known.clear()
    assert fingerprint(ModelSettings(), cache) == sha256_file(weights_file(
        embedding.model_dir(ModelSettings())))


def test_newsqa_ask_on_an_existing_index_never_imports_torch(sample_engine, onnx_cache,
                                                             tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(
        f"paths:\n  index_dir: {sample_engine.root}\n  articles: [{SAMPLES}]\n"
        f"model:\n  cache_dir: {onnx_cache}\n", "utf-8")
    code = (
        "import sys\n"
        "from retrieval.cli import main\n"
        f"status = main(['--config', {str(config)!r}, 'ask', 'What did Zakharova say?'])\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers')\n"
        "               if m in sys.modules)\n"
        "print('IMPORTED:', ','.join(heavy) or 'none', file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Zakharova" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "IMPORTED: none"
    # ...and it answers as the engine with the sentence-transformers model does
    from io import StringIO

    from retrieval.cli import main

    out = StringIO()
    assert main(["--config", str(config), "ask", "What did Zakharova say?"], out=out) == 0
    assert out.getvalue() == proc.stdout


@pytest.mark.skipif("not __import__('torch').cuda.is_available()",
                    reason="no CUDA GPU here: model.device auto and cuda need one to be tested")
def test_auto_device_indexes_on_the_gpu_when_torch_sees_one(onnx_encoder):
    from retrieval.embedding import SentenceTransformerEmbedder

    gpu = SentenceTransformerEmbedder(ModelSettings(device="auto"))
    assert gpu.device == "cuda"
    texts = real_sentences(20)
    assert float(np.abs(gpu.embed(texts) - onnx_encoder.embed(texts)).max()) <= 1e-4


def test_device_cpu_and_a_missing_gpu(monkeypatch, onnx_encoder, onnx_cache):
    import torch

    from retrieval import embedding
    from retrieval.embedding import passage_embedder, torch_device
    from retrieval.errors import ConfigError

    assert torch_device("cpu") == "cpu"
    monkeypatch.setattr(embedding, "nvidia_driver", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert torch_device("auto") == "cpu"
    with pytest.raises(ConfigError, match=r"model\.device is cuda, but torch sees no CUDA GPU"):
        torch_device("cuda")
    # Passages are embedded on the CPU by the ONNX encoder (the same vectors, faster).
    assert passage_embedder(ModelSettings(device="auto"), onnx_cache, onnx_encoder) is (
        onnx_encoder)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert torch_device("auto") == "cuda"
    monkeypatch.setattr(embedding, "nvidia_driver", lambda: False)  # no driver: torch not asked
    assert torch_device("auto") == "cpu"
