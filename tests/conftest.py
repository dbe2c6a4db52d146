"""Shared fixtures: the real bundled model, a sample index, and a fast fake embedder."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from retrieval.config import ModelSettings, Settings, load_config
from retrieval.models import Article

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "examples" / "articles"
_SAMPLE_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})(?: \(([^)]*)\))?\s*")


def load_sample_articles() -> dict[str, Article]:
    """The sample articles as the lead's parser gives them: header stripped, date kept."""
    out = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        m = _SAMPLE_HEADER.match(raw)
        date = source = None
        if m:
            date, source = m.group(1), m.group(2)
            raw = raw[m.end():]
        aid = path.stem.split("_")[0]
        out[aid] = Article(id=aid, title=raw.split(".")[0][:80], text=raw, date=date,
                           source=source, path=str(path))
    return out


def settings_for(tmp: Path, **retrieval: object) -> Settings:
    """The repository's config with the index (and uploads) under `tmp`."""
    s = load_config(REPO / "config.yaml").with_index_dir(str(tmp / "index"))
    paths = dataclasses.replace(
        s.paths, articles=(str(SAMPLES), str(tmp / "uploads")), uploads_dir=str(tmp / "uploads")
    )
    return dataclasses.replace(
        s, paths=paths, retrieval=dataclasses.replace(s.retrieval, **retrieval)
    )


@pytest.fixture(scope="session")
def real_embedder():
    from retrieval.embedding import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(ModelSettings())


@pytest.fixture(scope="session")
def sample_engine(tmp_path_factory, real_embedder):
    """An engine over the five sample articles, indexed once with the real model. Read-only."""
    from retrieval.engine import Engine

    tmp = tmp_path_factory.mktemp("sample")
    engine = Engine(settings_for(tmp), embedder=real_embedder)
    report = engine.index([SAMPLES])
    assert len(report.added) == 5
    return engine


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A writable copy of the sample articles."""
    d = tmp_path / "articles"
    shutil.copytree(SAMPLES, d)
    return d


class FakeEmbedder:
    """Deterministic bag-of-words vectors; counts what it embeds. For tests of other logic."""

    name = "fake"
    fingerprint = "f" * 64
    dim = 64
    max_tokens = 256

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str], progress=None) -> np.ndarray:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        if progress:
            progress(len(texts), len(texts))
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return [[m.span() for m in re.finditer(r"\w+|[^\w\s]", t)] for t in texts]


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def fake_engine(tmp_path: Path, fake_embedder: FakeEmbedder):
    from retrieval.engine import Engine

    # The decline signal is a real model's (how close a question comes to the news and to
    # unrelated questions): bag-of-words vectors say nothing about it, so it is off here.
    return Engine(settings_for(tmp_path, min_confidence=0.0), embedder=fake_embedder)


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory) -> Path:
    """A model cache folder for the session: the ONNX export is made once, here."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="session")
def onnx_encoder(onnx_cache):
    """The torch-free question encoder over the bundled weights (exported on first use)."""
    from retrieval.onnx_encoder import OnnxEmbedder

    return OnnxEmbedder(ModelSettings(), onnx_cache)
