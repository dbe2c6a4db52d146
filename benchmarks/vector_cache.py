"""A disk cache of real-model vectors, so that benchmarks re-index real news without re-embedding.

    python -m benchmarks.vector_cache --questions 150   # warm the cache for that subset

`CachedEmbedder(inner, path)` is an Embedder: `embed(texts)` returns the cached vector of every
text seen before (keyed by the sha1 of the exact input text and the weights' fingerprint) and
embeds only the others with `inner`, storing them. Its vectors are the real model's, bit for bit,
so figures measured on an index built through it are the real pipeline's; only the time spent in
the model is saved. The cache is a SQLite file outside the repository (default
`../bench-cache/vectors.sqlite`, or `$NEWSQA_VECTOR_CACHE`); it holds vectors and hashes only, no
dataset text.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = Path(os.environ.get("NEWSQA_VECTOR_CACHE", REPO.parent / "bench-cache"
                                    / "vectors.sqlite"))


class CachedEmbedder:
    """An Embedder that remembers the vectors of `inner` on disk. `inner` may be a callable that
    returns the embedder, so that the model is loaded only if some text is not cached."""

    def __init__(self, inner: Any, path: Path = DEFAULT_CACHE, *, fingerprint: str | None = None,
                 dim: int = 384, max_tokens: int = 256, name: str = "all-MiniLM-L6-v2") -> None:
        self._inner = inner
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS v (k BLOB PRIMARY KEY, vec BLOB NOT NULL)")
        self._db.execute("PRAGMA journal_mode=WAL")
        if fingerprint is None:
            fingerprint = self.inner.fingerprint
        self.fingerprint = fingerprint
        self.name, self.dim, self.max_tokens = name, dim, max_tokens
        self.hits = self.misses = 0

    @property
    def inner(self) -> Any:
        with self._lock:
            if callable(self._inner) and not hasattr(self._inner, "embed"):
                self._inner = self._inner()
            return self._inner

    def _key(self, text: str) -> bytes:
        return hashlib.sha1(f"{self.fingerprint}\x00{text}".encode()).digest()

    def embed(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
              ) -> np.ndarray:
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        for lo in range(0, len(keys), 500):
            part = keys[lo:lo + 500]
            q = f"SELECT k, vec FROM v WHERE k IN ({','.join('?' * len(part))})"
            for k, vec in self._db.execute(q, part):
                found[k] = np.frombuffer(vec, dtype=np.float32)
        missing = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        for lo in range(0, len(missing), 512):  # stored batch by batch: a kill keeps the rest
            part = missing[lo:lo + 512]
            vecs = self.inner.embed([texts[i] for i in part])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO v VALUES (?, ?)",
                    [(keys[i], vecs[j].astype(np.float32).tobytes()) for j, i in enumerate(part)],
                )
            for j, i in enumerate(part):
                found[keys[i]] = vecs[j]
            if progress is not None:
                progress(lo + len(part), len(missing))
        if not missing and progress is not None:
            progress(len(texts), len(texts))
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return self.inner.token_spans(texts)


def main(argv: Sequence[str] | None = None) -> int:
    import tempfile

    from benchmarks.run import load_dataset, write_jsonl
    from retrieval.config import ModelSettings, load_config
    from retrieval.embedding import fingerprint, passage_embedder
    from retrieval.engine import Engine

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--questions", type=int, default=150,
                   help="index the search results of the first N questions (default 150)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    p.add_argument("--dataset", type=Path, default=REPO.parent / "shared" / "datasets"
                   / "realtimeqa-2025")
    args = p.parse_args(argv)
    articles, questions = load_dataset(args.dataset)
    known = {a["id"] for a in articles}
    wanted = {i for q in questions[:args.questions] for i in q.get("search_results") or ()}
    wanted &= known
    with tempfile.TemporaryDirectory() as tmp:
        # the product's passage embedder (ONNX on a CPU: the same vectors, about twice as fast)
        emb = CachedEmbedder(lambda: passage_embedder(ModelSettings(), Path(tmp) / "model"),
                             args.cache, fingerprint=fingerprint(ModelSettings()))
        src = Path(tmp) / "articles.jsonl"
        write_jsonl(src, [a for a in articles if a["id"] in wanted])
        settings = load_config(REPO / "config.yaml").with_index_dir(str(Path(tmp) / "index"))
        report = Engine(settings, embedder=emb).index([src])
    print(f"{len(report.added)} articles, {report.chunks_embedded} passages; "
          f"cache hits {emb.hits}, misses {emb.misses}; cache {args.cache}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
