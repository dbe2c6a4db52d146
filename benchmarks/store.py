"""The index as it grows: the segmented file store and Milvus (milvus-lite) side by side.

    python -m benchmarks.store                      # 5k, 50k, 200k passages; milvus-lite 5k
    python -m benchmarks.store --milvus-sizes 5000 50000   # milvus-lite at 50k too (slow)
    python -m benchmarks.store --sizes 5000 --milvus-sizes 5000 --work /tmp/x   # a quick look

For each backend and size, a base index is built directly through the store interface from
synthetic passages (deterministic: Zipf-distributed words, random unit vectors, no model), then a
fresh process measures: load time, resident memory, retrieval latency (`answer.search` with a
precomputed query vector: dense + BM25 + fusion + relevance gate, no answer composition), adding
1 and 10 real news articles through `Engine.index` (the real chunker, BM25 terms and quote
extractor; vectors from a fast deterministic stand-in embedder, so the model is not in these
figures), the bytes each add wrote against the size of the segment it added, and disk size.
Recall@10 of the approximate dense index (IVF, and HNSW beside it) against exact search is
measured on the real MiniLM vectors of the benchmark's vector cache (`benchmarks/vector_cache.py`)
and on the synthetic vectors of each index that has one.
Nothing of the dataset's text is stored: articles are read from it at run time.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATASET = REPO.parent / "shared" / "datasets" / "realtimeqa-2025" / "articles.jsonl.gz"
CACHE = Path(os.environ.get("NEWSQA_VECTOR_CACHE", REPO.parent / "bench-cache" / "vectors.sqlite"))
DIM = 384
PER_ARTICLE = 8  # passages per synthetic article
WORDS = 110  # words per synthetic passage
VOCAB = 60_000
BATCH_PASSAGES = 200_000  # passages per change when building a file-store base


class FastEmbedder:
    """Deterministic unit vectors from a hash of the text; regex tokens. Not a model."""

    name = "fast-stand-in"
    fingerprint = "5" * 64
    dim = DIM
    max_tokens = 256

    def embed(self, texts: Sequence[str], progress: Any = None) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            v = np.random.default_rng(zlib.crc32(t.encode())).standard_normal(DIM)
            out[i] = v / np.linalg.norm(v)
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        import re

        return [[m.span() for m in re.finditer(r"\w+|[^\w\s]", t)] for t in texts]


def _settings(backend: str, folder: Path) -> Any:
    from retrieval.config import load_config

    s = load_config(REPO / "config.yaml").with_index_dir(str(folder / "index"))
    store = dataclasses.replace(s.store, backend=backend,
                                uri=str(folder / "milvus.db") if backend == "milvus" else None)
    return dataclasses.replace(s, store=store)


def _words() -> list[str]:
    rng = np.random.default_rng(7)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return ["".join(rng.choice(letters, size=int(rng.integers(4, 10)))) for _ in range(VOCAB)]


def _zipf(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.minimum(rng.zipf(1.15, size=n) - 1, VOCAB - 1)


def build(backend: str, size: int, folder: Path) -> dict[str, Any]:
    """A base index of `size` synthetic passages, written through the store in one change."""
    from retrieval.engine import Engine
    from retrieval.indexing import (
        EXTRACTOR_VERSION,  # the one import of the extractor
        chunking_manifest,
    )
    from retrieval.models import Article
    from retrieval.store import ArticleData, Change

    folder.mkdir(parents=True, exist_ok=True)
    settings = _settings(backend, folder)
    engine = Engine(settings, embedder=FastEmbedder())
    words = _words()
    rng = np.random.default_rng(size)
    t0 = time.perf_counter()
    meta = {"model": {"name": FastEmbedder.name, "sha256": FastEmbedder.fingerprint,
                      "dim": DIM, "max_tokens": 256},
            "chunking": chunking_manifest(settings.chunking),
            "extractor_version": EXTRACTOR_VERSION}
    n_articles = size // PER_ARTICLE
    # milvus: bounded request sizes; files: one segment per 200k passages bounds the builder's
    # memory (as a bulk load in batches would), each segment with its own approximate index
    batch = 2_000 if backend == "milvus" else BATCH_PASSAGES // PER_ARTICLE
    with engine.store.writing():
        for lo in range(0, n_articles, batch):
            put = []
            for a in range(lo, min(lo + batch, n_articles)):
                ids = _zipf(rng, PER_ARTICLE * WORDS + 6).reshape(-1)
                title = " ".join(words[i] for i in ids[:6])
                paras = [" ".join(words[i] for i in ids[6 + p * WORDS:6 + (p + 1) * WORDS])
                         for p in range(PER_ARTICLE)]
                text = "\n\n".join(paras)
                spans, at = [], 0
                for p in paras:
                    spans.append((at, at + len(p)))
                    at += len(p) + 2
                terms = tuple(Counter(title.split() + p.split()) for p in paras)
                v = rng.standard_normal((PER_ARTICLE, DIM)).astype(np.float32)
                v /= np.linalg.norm(v, axis=1, keepdims=True)
                day = 1 + a % 28
                art = Article(id=f"syn-{a:07d}", title=title, text=text,
                              date=f"2024-{1 + a % 12:02d}-{day:02d}", source=f"outlet{a % 40}")
                put.append(ArticleData(art, art.content_hash, tuple(spans), v, terms, (),
                                       np.zeros((0, DIM), np.float32)))
            engine.store.apply(Change(put=tuple(put), reset=(lo == 0), meta=meta))
    return {"build_s": time.perf_counter() - t0}


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return math.nan


def _dir_bytes(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def _real_articles(n: int, skip: int) -> list[dict[str, Any]]:
    out = []
    with gzip.open(DATASET, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < skip:
                continue
            rec = json.loads(line)
            if len(rec.get("text") or "") > 500:
                out.append({"id": f"add-{rec['id']}", "title": rec["title"], "text": rec["text"],
                            "date": (rec.get("date") or "").replace("/", "-") or None,
                            "source": rec.get("source")})
            if len(out) == n:
                break
    return out


def measure(backend: str, size: int, folder: Path, queries: int) -> dict[str, Any]:
    """In a fresh process: load, memory, retrieval latency, adds, disk."""
    from retrieval.answer import search
    from retrieval.engine import Engine
    from retrieval.models import Filters

    settings = _settings(backend, folder)
    engine = Engine(settings, embedder=FastEmbedder())  # imports (faiss, pymilvus) not timed
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    view = engine.snapshot()
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()
    words = _words()
    rng = np.random.default_rng(1)
    lat: list[float] = []
    for _ in range(queries):
        q = rng.standard_normal(DIM).astype(np.float32)
        q /= np.linalg.norm(q)
        text = " ".join(words[int(i)] for i in rng.integers(20, 3000, size=3))
        t = time.perf_counter()
        search(view, engine.embedder, text, 5, Filters(), settings.retrieval, qvec=q)
        lat.append((time.perf_counter() - t) * 1000)
    rss_queried = _rss_mb()
    out: dict[str, Any] = {
        "backend": backend, "passages": view.size, "load_s": load_s,
        "rss_mb": rss_queried, "rss_view_mb": rss_loaded - rss0,
        "p50_ms": float(np.percentile(lat, 50)), "p95_ms": float(np.percentile(lat, 95)),
    }
    if backend == "files":
        out["recall10_synthetic"] = _recall_on_view(view, rng)
        kinds = Counter(p.seg.ann_kind or "exact" for p in view.parts)
        out["segments"] = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    adds: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="newsqa-adds-"))
    skip = 40 * _added_before(engine)  # new articles on every run over the same index
    for n, reps in ((1, 5), (10, 3)):
        walls, written, segs = [], [], []
        for _ in range(reps):
            arts = _real_articles(n, skip)
            skip += n * 3
            path = work / f"add-{skip}.jsonl"
            path.write_text("".join(json.dumps(a) + "\n" for a in arts), "utf-8")
            before = _segment_names(engine)
            t = time.perf_counter()
            report = engine.index([path])
            walls.append(time.perf_counter() - t)
            assert len(report.added) == n, report
            written.append(engine.store.last_write_bytes)
            segs.append(sum(_dir_bytes(settings.index_dir / s)
                            for s in _segment_names(engine) - before))
        adds[str(n)] = {"wall_s": float(np.median(walls)), "walls": [round(w, 3) for w in walls],
                        "load": os.getloadavg()[0], "bytes": int(np.median(written)),
                        "segment_bytes": int(np.median(segs))}
    out["adds"] = adds
    out["disk_mb"] = (_dir_bytes(settings.index_dir) if backend == "files"
                      else _dir_bytes(folder)) / 1e6
    return out


def cold_add(backend: str, folder: Path, nth: int) -> dict[str, Any]:
    """One article added by a fresh process, as `newsqa index one.json` does (imports and the
    model excluded; the writer's first look at the stored catalog included)."""
    from retrieval.engine import Engine

    settings = _settings(backend, folder)
    engine = Engine(settings, embedder=FastEmbedder())
    arts = _real_articles(1, 2000 + 7 * nth + 40 * _added_before(engine))
    path = Path(tempfile.mkdtemp(prefix="newsqa-cold-")) / "one.jsonl"
    path.write_text(json.dumps(arts[0]) + "\n", "utf-8")
    t = time.perf_counter()
    report = engine.index([path])
    wall = time.perf_counter() - t
    assert len(report.added) == 1, report
    return {"cold_add_s": wall}


def _added_before(engine: Any) -> int:
    return sum(1 for k in engine.store.catalog().hashes if k.startswith("add-"))


def _segment_names(engine: Any) -> set[str]:
    root = engine.settings.index_dir
    return {p.name for p in root.glob("seg-*")} if root.exists() else set()


def _recall_on_view(view: Any, rng: np.random.Generator, n: int = 30) -> float | None:
    """The approximate index against exact search in the view's largest segment, if it has
    one (synthetic random vectors: no neighbourhood structure, a worst case)."""
    parts = [p for p in view.parts if p.seg.ann is not None]
    if not parts:
        return None
    part = max(parts, key=lambda p: len(p.seg.pids))
    seg = part.seg
    hits = 0
    for _ in range(n):
        q = rng.standard_normal(DIM).astype(np.float32)
        q /= np.linalg.norm(q)
        exact = set(seg.pids[np.argsort(-(seg.vectors @ q))[:10]].tolist())
        got = set(view._segment_search(part, q, 10, None)[0].tolist())  # measured before adds
        hits += len(exact & got)
    return hits / (10 * n)


def recall_real(limit: int = 100_000, queries: int = 200,
                shares: Sequence[float] = (0.2, 0.3, 0.4, 0.5)) -> dict[str, Any]:
    """IVF (and HNSW) recall@10 against exact search on the real MiniLM vectors of the
    benchmark's vector cache, through the store: the IVF index at the configured share of lists
    searched, and at `shares`, on every distinct vector the cache holds."""
    from retrieval.models import Article
    from retrieval.store import ArticleData, Change
    from retrieval.store import files as filestore

    if not CACHE.exists():
        return {"vectors": 0}
    db = sqlite3.connect(f"file:{CACHE}?mode=ro", uri=True)
    vecs = np.array([np.frombuffer(v, dtype=np.float32) for (v,) in
                     db.execute("SELECT vec FROM v LIMIT ?", (limit,))], dtype=np.float32)
    db.close()
    vecs = np.unique(vecs, axis=0)  # a passage repeated across articles counts once
    if len(vecs) < 200:
        return {"vectors": len(vecs)}
    rng = np.random.default_rng(3)
    order = rng.permutation(len(vecs))
    qs, corpus = vecs[order[:queries]], vecs[order[queries:]]
    put = []
    for a in range(0, len(corpus), 10):
        block = corpus[a:a + 10]
        text = " ".join(["x"] * len(block))
        art = Article(id=f"r{a}", title="t", text=text)
        put.append(ArticleData(art, art.content_hash,
                               tuple((2 * j, 2 * j + 1) for j in range(len(block))), block,
                               tuple(Counter(["x"]) for _ in block), (),
                               np.zeros((0, DIM), np.float32)))
    configured = _settings("files", Path(tempfile.gettempdir())).store.ivf_probe_share
    out: dict[str, Any] = {"vectors": len(corpus), "queries": len(qs),
                           "probe_share": configured}
    saved = filestore.EXACT_BELOW, filestore.IVF_MIN_PASSAGES
    filestore.EXACT_BELOW = filestore.IVF_MIN_PASSAGES = 0  # the approximate index at any size
    try:
        for kind in ("ivf", "hnsw"):
            folder = Path(tempfile.mkdtemp(prefix="newsqa-recall-"))
            store = filestore.FileStore(folder, dense=kind)
            t = time.perf_counter()
            with store.writing():
                store.apply(Change(put=tuple(put), meta={"model": {"dim": DIM}}))
            build_s = time.perf_counter() - t
            view = store.view(None)
            ids = view.passage_ids()
            exact = [set(ids[np.argsort(-(corpus @ q))[:10]].tolist()) for q in qs]
            for share in ([configured, *shares] if kind == "ivf" else [None]):
                if share is not None:
                    view.probe_share = share
                hits = sum(len(e & {i for i, _ in view.dense_search(q, 10)})
                           for q, e in zip(qs, exact, strict=True))
                key = f"{kind}@{share}" if share is not None else kind
                out.setdefault("recall", {})[key] = hits / (10 * len(qs))
            out.setdefault("build_s", {})[kind] = build_s
            if kind == "ivf":
                out["ivf_lists"] = int(view.parts[0].seg.ann.nlist)
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    finally:
        filestore.EXACT_BELOW, filestore.IVF_MIN_PASSAGES = saved
    out["recall@10"] = out["recall"][f"ivf@{configured}"]
    return out


def statement_cost(n_articles: int) -> dict[str, Any]:
    """What embedding every statement with the passages costs, with the real bundled model:
    the same `embed` call, timed on the passages alone and on the statements alone."""
    from retrieval.articles import load as load_articles
    from retrieval.chunking import chunk_article
    from retrieval.config import ModelSettings
    from retrieval.embedding import SentenceTransformerEmbedder
    from retrieval.indexing import embedding_inputs, extract_statements

    if n_articles <= 0 or not DATASET.exists():
        return {}
    work = Path(tempfile.mkdtemp(prefix="newsqa-stmt-"))
    path = work / "a.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in _real_articles(n_articles, 5000 - 1000)),
                    "utf-8")
    arts, _ = load_articles([path])
    emb = SentenceTransformerEmbedder(ModelSettings())
    passages: list[str] = []
    statements: list[str] = []
    for a in arts:
        chunks = chunk_article(a, emb.token_spans, 200, 40)
        passages += embedding_inputs(emb, a.title, [c.text for c in chunks], 200)
        statements += [st.text for st in extract_statements(a.id, a.text)]
    emb.embed(passages[:8])  # warm
    t = time.perf_counter()
    emb.embed(passages)
    p_s = time.perf_counter() - t
    t = time.perf_counter()
    emb.embed(statements)
    s_s = time.perf_counter() - t
    return {"articles": len(arts), "passages": len(passages), "statements": len(statements),
            "passages_s": p_s, "statements_s": s_s, "share": s_s / p_s if p_s else math.nan}


def render(results: list[dict[str, Any]], recall: dict[str, Any], cmd: str) -> str:
    lines = [f"Command: `{cmd}`. Base indexes: synthetic passages ({PER_ARTICLE} per article, "
             f"{WORDS} Zipf words each, random unit vectors, dim {DIM}) written through the store "
             "in one change; adds: real RealTime QA articles through `Engine.index` (real "
             "chunker, BM25 terms, quote extractor; a deterministic hash embedder stands in for "
             "the model). Each row measured in a fresh process.", "",
             "| backend | passages | segments (dense index) | base build s | load s | RSS MB | "
             "search p50 ms | p95 ms | add 1: s | add 1, fresh process: s | "
             "bytes written / new segment | add 10: s | bytes / segment | disk MB |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
             "---: | ---: |"]
    for r in results:
        a1, a10 = r["adds"]["1"], r["adds"]["10"]

        def ratio(a: dict[str, Any]) -> str:
            seg = a["segment_bytes"]
            return f"{a['bytes'] / 1e3:.0f} kB / {seg / 1e3:.0f} kB" if seg else (
                f"{a['bytes'] / 1e3:.0f} kB")

        lines.append(
            f"| {r['backend']} | {r['passages']:,} | {r.get('segments', '?')} | "
            f"{r.get('build_s', math.nan):.0f} | {r['load_s']:.2f} | {r['rss_mb']:.0f} | "
            f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {a1['wall_s']:.2f} | "
            f"{r.get('cold_add_s', math.nan):.2f} | {ratio(a1)} | "
            f"{a10['wall_s']:.2f} | {ratio(a10)} | {r['disk_mb']:.0f} |")
    lines.append("")
    syn = [r for r in results if r.get("recall10_synthetic") is not None]
    for r in syn:
        lines.append(f"Approximate index recall@10 against exact search, synthetic random "
                     f"vectors (a worst case: no neighbourhood structure), largest segment of "
                     f"the {r['passages']:,}-passage index: {r['recall10_synthetic']:.3f}.")
    sc = recall.get("statement_cost") or {}
    if sc:
        lines.append(f"Statement vectors (real model, {sc['articles']} real articles): "
                     f"{sc['passages']} passages embed in {sc['passages_s']:.1f} s, their "
                     f"{sc['statements']} statements in {sc['statements_s']:.1f} s more "
                     f"(+{100 * sc['share']:.0f}% of the embedding time).")
    if recall.get("recall@10") is not None:
        rec = recall["recall"]
        sweep = ", ".join(f"{k.split('@')[1]}: {v:.3f}" for k, v in rec.items()
                          if k.startswith("ivf@"))
        lines.append(f"Recall@10 against exact search on {recall['vectors']:,} distinct real "
                     f"MiniLM passage vectors ({recall['queries']} held-out real vectors as "
                     f"queries), through the store: IVF ({recall['ivf_lists']} lists) at the "
                     f"configured `store.ivf_probe_share` {recall['probe_share']}: "
                     f"**{recall['recall@10']:.3f}** (by share of lists searched: {sweep}); "
                     f"HNSW: {rec.get('hnsw', math.nan):.3f}. Build on these vectors: IVF "
                     f"{recall['build_s']['ivf']:.1f} s, HNSW {recall['build_s']['hnsw']:.1f} s.")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[5_000, 50_000, 200_000])
    ap.add_argument("--milvus-sizes", type=int, nargs="*", default=[5_000])
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsqa-store")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--statement-articles", type=int, default=30,
                    help="real articles for the statement-embedding cost (real model); 0: skip")
    ap.add_argument("--recall-vectors", type=int, default=100_000,
                    help="real vectors from the cache for the recall figures (at most)")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the indexes left in --work by an earlier run (no rebuild)")
    ap.add_argument("--child", nargs=3, metavar=("WHAT", "BACKEND", "SIZE"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        what, backend, size = args.child
        folder = args.work / f"{backend}-{size}"
        if what == "build":
            res = build(backend, int(size), folder)
        elif what.startswith("cold"):
            res = cold_add(backend, folder, int(what[4:]))
        else:
            res = measure(backend, int(size), folder, args.queries)
        print("RESULT " + json.dumps(res), flush=True)
        return 0
    results = []
    plan = [("files", s) for s in args.sizes] + [("milvus", s) for s in args.milvus_sizes]
    for backend, size in plan:
        res: dict[str, Any] = {}
        steps = ["measure", "cold0", "cold1", "cold2"]
        if not (args.reuse and (args.work / f"{backend}-{size}").exists()):
            steps.insert(0, "build")
        colds = []
        for what in steps:
            print(f"{what} {backend} {size:,}", file=sys.stderr, flush=True)
            if what == "build":
                import shutil

                shutil.rmtree(args.work / f"{backend}-{size}", ignore_errors=True)
            proc = subprocess.run(
                [sys.executable, "-m", "benchmarks.store", "--work", str(args.work),
                 "--queries", str(args.queries), "--child", what, backend, str(size)],
                cwd=REPO, capture_output=True, text=True, check=False)
            line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                sys.stderr.write(proc.stdout + proc.stderr)
                return 1
            got = json.loads(line[7:])
            if "cold_add_s" in got:
                colds.append(got["cold_add_s"])
            else:
                res.update(got)
        res["cold_add_s"] = float(np.median(colds))
        print(json.dumps(res), file=sys.stderr, flush=True)
        results.append(res)
    recall = recall_real(args.recall_vectors)
    recall["statement_cost"] = statement_cost(args.statement_articles)
    cmd = "python -m benchmarks.store " + " ".join(sys.argv[1:] if argv is None else argv)
    text = render(results, recall, cmd.strip())
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"results": results, "recall": recall}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
