"""Benchmark newsqa on RealTime QA 2025: indexing speed, retrieval quality, answer latency.

    python -m benchmarks.run                 # routine run: the fixed 1,000-article subset
    python -m benchmarks.run --full          # all 5,258 articles (well over an hour on 2 cores)
    python -m benchmarks.run --articles 200  # a quicker subset, same definition

One run indexes a subset of the corpus with the real pipeline (`Engine.index`) in a temporary
folder and measures, against baselines taken in the same run on the same machine:

* indexing throughput (passages/s) against `SentenceTransformer.encode` alone on exactly the
  passages the pipeline embedded (half of them before the pipeline runs, half after, so that drift
  on a noisy machine shows and is averaged out), a re-run on the unchanged corpus, and an
  incremental add of ~1 % new articles;
* answer recall@5/@10 and MRR@10 of dense-only, lexical-only and fused retrieval, the fused one
  both as a pure ranking (relevance gate off) and as the product runs it (gate on), plus a sweep of
  the gate's two thresholds;
* median and p95 latency of `Engine.ask` with a warm model, against one warm query encode.

The subset: walk `questions.jsonl` in file order and each question's `search_results` in their
listed order, collecting distinct article ids, and keep the first N; if that is fewer than N
(the search results of all 622 questions name 4,209 articles), continue with `articles.jsonl.gz` in
file order. The ~1 % increment is the next articles in that same order (with `--full`, where there
are none, the last 1 % of the subset is removed untimed and then added back, timed).

The markdown report replaces the generated part of `--out` (BENCHMARKS.md by default) between its
two marker lines, keeping any hand-written text around them; a JSON file with every figure and a
per-question record (ids and numbers only: no dataset text) goes to `benchmarks/results/`.
Dataset text is written only to a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import gzip
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

for _key, _value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                     ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_key, _value)

import numpy as np  # noqa: E402

from retrieval.cli import positive_int  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATASET = REPO.parent / "shared" / "datasets" / "realtimeqa-2025"
DEFAULT_ARTICLES = 1000
DEFAULT_ASK = 100
RESULTS_DIR = REPO / "benchmarks" / "results"
MARK_BEGIN = "<!-- benchmarks.run: generated figures begin (replaced by every run) -->"
MARK_END = "<!-- benchmarks.run: generated figures end -->"
TOP = 10  # passages retrieved per question
POOL = 100  # relaxed fused candidates kept per question for the gate sweep (all of them: 2 x 50)
# The gate sweep: each min_similarity with the configured min_lexical, and each min_lexical with
# the configured min_similarity.
GATE_GRID_SIMILARITY = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
GATE_GRID_LEXICAL = (0.3, 0.4, 0.5, 0.6, 0.7, 1.0)
MODES = ("dense", "lexical", "fused", "gated")
MODE_LABELS = {
    "dense": "dense only (FAISS)",
    "lexical": "lexical only (BM25)",
    "fused": "fused (RRF), gate off",
    "gated": "fused, gate on (product)",
}

Log = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    dataset: Path = DEFAULT_DATASET
    articles: int | None = DEFAULT_ARTICLES  # None: the whole corpus
    questions: int | None = None  # cap on each question set (first ones in file order)
    ask: int = DEFAULT_ASK  # questions timed through Engine.ask
    increment: float = 0.01  # share of new articles for the incremental add
    config: Path = REPO / "config.yaml"
    work_dir: Path | None = None  # temporary data and index; None: a fresh temp folder, removed


# -- the dataset and the subset ---------------------------------------------------------------


def load_dataset(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(articles, questions), each in file order."""
    with gzip.open(folder / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    with open(folder / "questions.jsonl", encoding="utf-8") as f:
        questions = [json.loads(line) for line in f if line.strip()]
    return articles, questions


def article_order(articles: Sequence[dict[str, Any]],
                  questions: Sequence[dict[str, Any]]) -> list[str]:
    """Every article id in the benchmark's fixed order: the questions' search results, question
    by question in file order, then the remaining articles in file order."""
    known = {a["id"] for a in articles}
    order: dict[str, None] = {}
    for q in questions:
        for i in q.get("search_results") or ():
            if i in known:
                order.setdefault(i, None)
    for a in articles:
        order.setdefault(a["id"], None)
    return list(order)


def split_subset(order: Sequence[str], n: int | None,
                 increment: float) -> tuple[list[str], list[str], bool]:
    """(subset, increment, increment_is_readded). The increment is the next articles in the
    order, or, when there are none left, the last ones of the subset (removed and added back)."""
    n = len(order) if n is None else min(n, len(order))
    subset = list(order[:n])
    m = max(1, round(n * increment))
    rest = list(order[n:n + m])
    if len(rest) == m:
        return subset, rest, False
    return subset, subset[-m:], True


def norm(text: str) -> str:
    """Case- and whitespace-insensitive form for answer matching."""
    return " ".join(text.lower().split())


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# -- timing helpers ---------------------------------------------------------------------------


class TimingEmbedder:
    """The real embedder, with the time spent in the model and in its tokenizer added up."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.fingerprint = inner.fingerprint
        self.dim = inner.dim
        self.max_tokens = inner.max_tokens
        self.reset()

    def reset(self) -> None:
        self.embed_seconds = 0.0
        self.embedded = 0
        self.token_seconds = 0.0

    def embed(self, texts: Sequence[str], progress: Any = None) -> np.ndarray:
        t = time.perf_counter()
        out = self.inner.embed(texts, progress=progress)
        self.embed_seconds += time.perf_counter() - t
        self.embedded += len(texts)
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        t = time.perf_counter()
        out = self.inner.token_spans(texts)
        self.token_seconds += time.perf_counter() - t
        return out


def st_model(embedder: Any, settings: Any) -> Any:
    """The SentenceTransformer the embedder wraps (the same object), or the same weights."""
    model = getattr(embedder, "_model", None)
    if model is not None:
        return model
    from sentence_transformers import SentenceTransformer

    from retrieval.embedding import model_dir

    return SentenceTransformer(str(model_dir(settings.model)), device="cpu", local_files_only=True)


class Stopwatch:
    """Wall and CPU seconds (this process, all threads) of a block, and the 1-minute load
    average at its end (how busy the machine was: other processes share the 2 cores)."""

    def __enter__(self) -> Stopwatch:
        gc.collect()
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu
        self.load = os.getloadavg()[0]

    def figures(self, passages: int) -> dict[str, float]:
        return {"passages": passages, "seconds": self.wall, "cpu_seconds": self.cpu,
                "passages_per_s": passages / self.wall if self.wall else math.nan,
                "passages_per_cpu_s": passages / self.cpu if self.cpu else math.nan,
                "load_at_end": self.load}


def encode_baseline(model: Any, texts: Sequence[str], batch_size: int) -> tuple[Stopwatch,
                                                                                np.ndarray]:
    """One `SentenceTransformer.encode` call, as the pipeline makes it, timed."""
    with Stopwatch() as sw:
        vecs = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)
    return sw, np.asarray(vecs, dtype=np.float32)


def planned_inputs(jsonl: Path, embedder: Any, chunking: Any) -> list[str]:
    """The embedding inputs the pipeline will produce for a fresh index of this file, computed
    with the pipeline's own functions (checked afterwards against the index itself)."""
    from retrieval.articles import load as load_articles
    from retrieval.chunking import chunk_article
    from retrieval.indexing import embedding_inputs

    arts, _ = load_articles([jsonl])
    seen: set[str] = set()
    texts: set[str] = set()
    out: list[str] = []
    for a in arts:
        if a.id in seen or a.text_hash in texts:
            continue
        seen.add(a.id)
        texts.add(a.text_hash)
        chunks = chunk_article(a, embedder.token_spans, chunking.max_tokens,
                               chunking.overlap_tokens)
        out += embedding_inputs(embedder, a.title, [c.text for c in chunks], chunking.max_tokens)
    return out


def indexed_inputs(snap: Any, embedder: Any, chunking: Any) -> list[str]:
    """The title-prefixed passage texts the index embedded, rebuilt from the snapshot, in row
    order."""
    from retrieval.indexing import embedding_inputs

    out: list[str] = []
    i, n = 0, snap.size
    while i < n:
        aid = snap.passage_article[i]
        j = i
        while j < n and snap.passage_article[j] == aid:
            j += 1
        art = snap.articles[aid]
        texts = [art.text[int(snap.passage_start[r]):int(snap.passage_end[r])] for r in range(i, j)]
        out += embedding_inputs(embedder, art.title, texts, chunking.max_tokens)
        i = j
    return out


def index_bytes(snap: Any) -> int:
    return int(snap.disk_bytes())


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else math.nan


# -- retrieval quality ------------------------------------------------------------------------


def relevant(cos: float, cov: float, min_similarity: float, min_lexical: float,
             min_coverage: float) -> bool:
    """The relevance gate of `retrieval.answer.search`, for the threshold sweep."""
    return bool(
        (cos >= min_similarity and cov >= min_coverage)
        or (cov >= min_lexical and cos >= min_similarity * 0.6)
        or cos >= min_similarity + 0.15
    )


def evaluate_question(snap: Any, embedder: Any, q: dict[str, Any], rs: Any,
                      evidence_ids: set[str]) -> dict[str, Any]:
    """Top-10 passages of one question four ways, and the relaxed candidate pool."""
    from retrieval.answer import search
    from retrieval.models import Filters

    relaxed = dataclasses.replace(rs, min_similarity=-1.0, min_lexical=0.0, min_coverage=0.0)
    variants = {
        "dense": dataclasses.replace(relaxed, lexical_weight=0.0),
        "lexical": dataclasses.replace(relaxed, dense_weight=0.0),
        "fused": relaxed,
        "gated": rs,
    }
    question = q["question"].strip()
    answer = norm(q["answer"])
    own = set(q.get("search_results") or ())
    qvec = embedder.embed([question])[0]
    rec: dict[str, Any] = {"id": q["id"]}
    for mode, s in variants.items():
        hits = search(snap, embedder, question, TOP, Filters(), s, qvec=qvec)
        if mode in ("dense", "lexical"):
            # The other ranking's candidates enter with a fused score of 0, after every passage
            # of this ranking: dropping them leaves this ranking alone, deduplicated as usual.
            hits = [h for h in hits if h.fused > 0]
        contains = [answer in norm(h.text) for h in hits]
        by_fused = sorted(range(len(hits)), key=lambda i: -hits[i].fused)
        arts = [{h.article_id, *h.also_in} for h in hits]
        rec[mode] = {
            "n": len(hits),
            "first": next((i + 1 for i, c in enumerate(contains) if c), None),
            "first_fused": next((r + 1 for r, i in enumerate(by_fused) if contains[i]), None),
            "at5": any(contains[i] for i in by_fused[:5]),  # the set search(k=5) returns
            "at10": any(contains),
            "evidence": bool(evidence_ids & set().union(*arts)) if arts else False,
            "grounded": any(c and a & own for c, a in zip(contains, arts, strict=True)),
            "reordered": [h.row for h in hits] != [hits[i].row for i in by_fused],
        }
    pool = search(snap, embedder, question, POOL, Filters(), relaxed, qvec=qvec)
    pool.sort(key=lambda h: -h.fused)
    rec["pool"] = [(round(h.cosine, 4), round(h.coverage, 4), answer in norm(h.text))
                   for h in pool]
    return rec


def summarize(records: Sequence[dict[str, Any]], mode: str,
              with_evidence: set[str]) -> dict[str, Any]:
    n = len(records)
    if not n:
        return {"questions": 0}
    rs = [r[mode] for r in records]
    ev = [r[mode]["evidence"] for r in records if r["id"] in with_evidence]
    return {
        "questions": n,
        "recall@5": float(np.mean([r["at5"] for r in rs])),
        "recall@10": float(np.mean([r["at10"] for r in rs])),
        "mrr@10": float(np.mean([1.0 / r["first"] if r["first"] else 0.0 for r in rs])),
        "mrr@10_no_recency": float(np.mean(
            [1.0 / r["first_fused"] if r["first_fused"] else 0.0 for r in rs])),
        "answered": float(np.mean([r["n"] > 0 for r in rs])),
        "grounded@10": float(np.mean([r["grounded"] for r in rs])),
        "evidence@10": float(np.mean(ev)) if ev else None,
        "evidence_questions": len(ev),
        "reordered_by_recency": int(sum(r["reordered"] for r in rs)),
    }


def gate_sweep(sets: dict[str, Sequence[dict[str, Any]]], ms_default: float,
               ml_default: float, min_coverage: float) -> dict[str, Any]:
    """Answered share and recall@5 under other gate thresholds, simulated on the relaxed pool."""
    grid = sorted({*((ms, ml_default) for ms in GATE_GRID_SIMILARITY),
                   *((ms_default, ml) for ml in GATE_GRID_LEXICAL),
                   (ms_default, ml_default), (-1.0, 0.0)})
    rows = []
    for ms, ml in grid:
        row: dict[str, Any] = {"min_similarity": ms, "min_lexical": ml}
        for name, recs in sets.items():
            if not recs:
                row[name] = None
                continue
            answered, at5, at10 = [], [], []
            for r in recs:
                mc = min_coverage if ms >= 0 else 0.0  # the (-1, 0) row: the gate off
                kept = [c for cos, cov, c in r["pool"] if relevant(cos, cov, ms, ml, mc)][:TOP]
                answered.append(bool(kept))
                at5.append(any(kept[:5]))
                at10.append(any(kept))
            row[name] = {"answered": float(np.mean(answered)), "recall@5": float(np.mean(at5)),
                         "recall@10": float(np.mean(at10))}
        rows.append(row)
    # How well the simulation reproduces the real gated search at the configured thresholds.
    agree = []
    unique = {r["id"]: r for recs in sets.values() for r in recs}
    for r in unique.values():
        kept = [c for cos, cov, c in r["pool"] if relevant(cos, cov, ms_default, ml_default,
                                                             min_coverage)]
        kept = kept[:TOP]
        agree.append(bool(kept) == (r["gated"]["n"] > 0) and any(kept) == r["gated"]["at10"])
    return {"rows": rows, "agreement": float(np.mean(agree)) if agree else None}


# -- the run ----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import sentence_transformers
    import torch

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "torch_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "sentence_transformers": sentence_transformers.__version__,
        "platform": platform.platform(),
    }


def run(opts: Options, embedder: Any = None, log: Log | None = None) -> dict[str, Any]:
    """Run every measurement; the figures as a JSON-ready dict. `embedder`: a loaded
    SentenceTransformerEmbedder to reuse (else one is loaded from the config's model settings)."""
    from retrieval.config import load_config
    from retrieval.embedding import SentenceTransformerEmbedder
    from retrieval.engine import Engine

    say = log or (lambda msg: None)
    started = time.time()
    t_run = time.perf_counter()

    say(f"loading {opts.dataset}")
    all_articles, questions = load_dataset(opts.dataset)
    by_id = {a["id"]: a for a in all_articles}
    order = article_order(all_articles, questions)
    subset, increment, readded = split_subset(order, opts.articles, opts.increment)
    in_subset = set(subset)
    words = sum(len(by_id[i]["text"].split()) for i in subset)

    own_tmp = opts.work_dir is None
    work = Path(tempfile.mkdtemp(prefix="newsqa-bench-")) if own_tmp else Path(opts.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    try:
        data = work / "data"
        data.mkdir(exist_ok=True)
        base_file = data / "subset.jsonl"
        inc_file = data / "increment.jsonl"
        fields = ("id", "title", "url", "source", "date", "authors", "text")
        write_jsonl(base_file, ({k: by_id[i].get(k) for k in fields} for i in subset))
        write_jsonl(inc_file, ({k: by_id[i].get(k) for k in fields} for i in increment))
        index_dir = work / "index"
        shutil.rmtree(index_dir, ignore_errors=True)

        settings = load_config(opts.config).with_index_dir(str(index_dir))
        chunking, rs = settings.chunking, settings.retrieval
        batch = settings.model.batch_size

        t = time.perf_counter()
        raw = embedder if embedder is not None else SentenceTransformerEmbedder(settings.model)
        model_load = time.perf_counter() - t
        model = st_model(raw, settings)
        timing = TimingEmbedder(raw)

        # 1. The inputs the pipeline will embed, computed ahead with its own functions.
        say(f"subset: {len(subset)} articles, {words:,} words; planning passages")
        t = time.perf_counter()
        planned = planned_inputs(base_file, raw, chunking)
        plan_seconds = time.perf_counter() - t
        # Warm-up, untimed: the model's first batches of full-length passages are slower.
        model.encode(sorted(planned, key=len)[-2 * batch:], batch_size=batch,
                     show_progress_bar=False)

        # 2. Baseline, first half (even positions), before the pipeline.
        say(f"baseline encode, first half ({len(planned[0::2])} of {len(planned)} passages)")
        before, _ = encode_baseline(model, planned[0::2], batch)

        # 3. The pipeline.
        say("pipeline: Engine.index on the subset")
        writer = Engine(settings, embedder=timing)
        load_before = os.getloadavg()[0]
        with Stopwatch() as pipe:
            report = writer.index([base_file])
        index_s = pipe.wall
        embed_s, token_s = timing.embed_seconds, timing.token_seconds
        snap = writer.snapshot()
        passages, statements, size_bytes = snap.size, len(snap.statements), index_bytes(snap)

        # 4. Baseline, second half (odd positions), after the pipeline, on the indexed inputs.
        actual = indexed_inputs(snap, raw, chunking)
        say(f"baseline encode, second half ({len(actual[1::2])} passages)")
        after, after_vecs = encode_baseline(model, actual[1::2], batch)
        stored = snap.vectors()[1::2]
        max_diff = float(np.abs(stored - after_vecs).max()) if len(stored) else 0.0

        # 5. Re-run on the unchanged corpus.
        say("re-run on the unchanged corpus")
        timing.reset()
        t = time.perf_counter()
        rerun = writer.index([base_file])
        rerun_s = time.perf_counter() - t

        # 6. Retrieval quality, on a reader engine with the plain embedder.
        engine = Engine(settings, embedder=raw)
        snap = engine.snapshot()
        texts = {i: norm(by_id[i]["text"]) for i in subset}
        indexed_ids = set(snap.articles)
        url_of = {a["url"]: a["id"] for a in all_articles if a.get("url")}

        def occurs(q: dict[str, Any], ids: Iterable[str]) -> bool:
            ans = norm(q["answer"])
            return any(ans in texts[i] for i in ids if i in texts)

        answerable = [q for q in questions if occurs(q, indexed_ids)]
        on_topic = [q for q in answerable if occurs(q, q.get("search_results") or ())]
        off_topic = [q for q in questions if q.get("search_results")
                     and not in_subset.intersection(q["search_results"])]
        if opts.questions is not None:
            answerable = answerable[:opts.questions]
            on_topic = on_topic[:opts.questions]
            off_topic = off_topic[:opts.questions]
        newest = max((a.date for a in snap.articles.values() if a.date), default=None)
        off_after = sum(1 for q in off_topic if newest and (q.get("date") or "") > newest)
        evidence_of = {q["id"]: url_of.get(q.get("evidence_url") or "") for q in questions}
        with_evidence = {qid for qid, aid in evidence_of.items() if aid in indexed_ids}

        todo = {q["id"]: q for q in [*answerable, *on_topic, *off_topic]}
        say(f"retrieval quality: {len(todo)} questions x 4 ways")
        records: dict[str, dict[str, Any]] = {}
        t = time.perf_counter()
        for n, (qid, q) in enumerate(todo.items(), 1):
            ev = {evidence_of[qid]} if evidence_of.get(qid) else set()
            records[qid] = evaluate_question(snap, raw, q, rs, ev)
            if n % 100 == 0:
                say(f"  {n}/{len(todo)}")
        quality_s = time.perf_counter() - t
        sets = {
            "answerable": [records[q["id"]] for q in answerable],
            "on_topic": [records[q["id"]] for q in on_topic],
            "off_topic": [records[q["id"]] for q in off_topic],
        }
        quality = {name: {mode: summarize(recs, mode, with_evidence) for mode in MODES}
                   for name, recs in sets.items()}
        sweep = gate_sweep(sets, rs.min_similarity, rs.min_lexical, rs.min_coverage)

        # 7. Latency of ask with a warm model, against one warm query encode.
        sample = answerable[:opts.ask]
        say(f"latency: Engine.ask on {len(sample)} questions")
        if sample:
            engine.ask(sample[0]["question"])  # warm: snapshot loaded, code paths touched
        ask_ms, encode_ms = [], []
        answered = in_reply = in_cited = 0
        for q in sample:
            t = time.perf_counter()
            ans = engine.ask(q["question"])
            ask_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            model.encode([q["question"].strip()], batch_size=batch, normalize_embeddings=True,
                         convert_to_numpy=True, show_progress_bar=False)
            encode_ms.append((time.perf_counter() - t) * 1000)
            a = norm(q["answer"])
            answered += not ans.no_answer
            in_reply += a in norm(ans.text)
            in_cited += any(a in norm(c.text) for c in (*ans.citations, *ans.more))

        # 8. Incremental add of ~1 % new articles.
        say(f"incremental add of {len(increment)} articles")
        if readded:
            writer.remove(increment)  # untimed: make them new again
        timing.reset()
        t = time.perf_counter()
        inc = writer.index([inc_file])
        inc_s = time.perf_counter() - t
        inc_embed_s = timing.embed_seconds
        final = writer.snapshot()
    finally:
        if own_tmp:
            shutil.rmtree(work, ignore_errors=True)

    n_before, n_after = len(planned[0::2]), len(actual[1::2])
    base_wall, base_cpu = before.wall + after.wall, before.cpu + after.cpu
    base_rate = (n_before + n_after) / base_wall if base_wall else math.nan
    base_cpu_rate = (n_before + n_after) / base_cpu if base_cpu else math.nan
    pipe_rate = passages / index_s if index_s else math.nan
    pipe_cpu_rate = passages / pipe.cpu if pipe.cpu else math.nan
    n_sample = len(sample)
    return {
        "started": dt.datetime.fromtimestamp(started, dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - t_run, 1),
        "machine": machine(),
        "dataset": str(opts.dataset),
        "subset": {
            "articles": len(subset),
            "corpus_articles": len(all_articles),
            "full": opts.articles is None or len(subset) == len(all_articles),
            "words": words,
            "first_ids": subset[:3],
            "last_ids": subset[-3:],
            "increment": len(increment),
            "increment_readded": readded,
        },
        "settings": {
            "model": settings.model.name, "batch_size": batch, "threads": settings.model.threads,
            "chunking": dataclasses.asdict(chunking), "retrieval": dataclasses.asdict(rs),
        },
        "indexing": {
            "articles_indexed": len(report.added),
            "duplicates_skipped": len(report.duplicates),
            "rejected": len(report.rejected),
            "passages": passages,
            "statements": statements,
            "index_bytes": size_bytes,
            "model_load_seconds": model_load,
            "plan_seconds": plan_seconds,
            "pipeline_seconds": index_s,
            "pipeline_embed_seconds": embed_s,
            "pipeline_tokenizer_seconds": token_s,
            "pipeline_other_seconds": index_s - embed_s - token_s,
            "pipeline_passages_per_s": pipe_rate,
            "pipeline": {**pipe.figures(passages), "load_at_start": load_before},
            "baseline_before": before.figures(n_before),
            "baseline_after": after.figures(n_after),
            "baseline_passages_per_s": base_rate,
            "ratio_pipeline_to_baseline": pipe_rate / base_rate if base_rate else math.nan,
            "ratio_pipeline_to_baseline_cpu": (pipe_cpu_rate / base_cpu_rate
                                               if base_cpu_rate else math.nan),
            "pipeline_outside_model_share": ((index_s - embed_s) / index_s
                                             if index_s else math.nan),
            "inputs_match_plan": planned == actual,
            "baseline_max_abs_diff": max_diff,
            "rerun_seconds": rerun_s,
            "rerun_embedded": rerun.chunks_embedded,
            "rerun_unchanged": len(rerun.unchanged),
            "increment_articles": len(inc.added) + len(inc.updated),
            "increment_embedded": inc.chunks_embedded,
            "increment_seconds": inc_s,
            "increment_embed_seconds": inc_embed_s,
            "increment_passages_per_s": inc.chunks_embedded / inc_s if inc_s else math.nan,
            "after_increment_passages": final.size,
        },
        "questions": {
            "total": len(questions),
            "answerable": len(sets["answerable"]),
            "on_topic": len(sets["on_topic"]),
            "off_topic": len(sets["off_topic"]),
            "off_topic_after_newest_article": off_after,
            "newest_article_date": newest,
            "with_evidence_article": len(with_evidence),
            "evaluated": len(records),
            "quality_seconds": quality_s,
        },
        "quality": quality,
        "gate_sweep": sweep,
        "latency": {
            "questions": n_sample,
            "ask_ms_median": pct(ask_ms, 50),
            "ask_ms_p95": pct(ask_ms, 95),
            "encode_ms_median": pct(encode_ms, 50),
            "encode_ms_p95": pct(encode_ms, 95),
            "ask_to_encode_median": pct(ask_ms, 50) / pct(encode_ms, 50) if n_sample else None,
            "answered": answered / n_sample if n_sample else None,
            "answer_in_reply": in_reply / n_sample if n_sample else None,
            "answer_in_citations": in_cited / n_sample if n_sample else None,
        },
        "per_question": [
            {"id": r["id"], **{m: {k: v for k, v in r[m].items() if k != "reordered"}
                               for m in MODES}}
            for r in records.values()
        ],
    }


# -- the report -------------------------------------------------------------------------------


def _f(x: Any, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:.{digits}f}"


def _p(x: Any) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def render_markdown(res: dict[str, Any], command: str) -> str:
    ix, qs, lat, sub, m = (res["indexing"], res["questions"], res["latency"], res["subset"],
                           res["machine"])
    r = res["settings"]["retrieval"]
    lines: list[str] = []
    add = lines.append
    which = ("the whole corpus" if sub["full"]
             else f"the fixed subset of the first {sub['articles']:,} articles")
    add(f"Run of `{command}` on {res['started'][:10]}: {which} "
        f"({sub['articles']:,} of {sub['corpus_articles']:,} articles, {sub['words']:,} words; "
        f"first ids {', '.join(sub['first_ids'])}, last {sub['last_ids'][-1]}), "
        f"{res['seconds'] / 60:.1f} min in all.")
    add("")
    add(f"Machine: {m['cores']} cores, CPU only ({m['cpu']}), torch {m['torch']} with "
        f"{m['torch_threads']} threads, sentence-transformers {m['sentence_transformers']}, "
        f"Python {m['python']}. Model {res['settings']['model']}, batch size "
        f"{res['settings']['batch_size']}; chunking {res['settings']['chunking']['max_tokens']} "
        f"tokens, overlap {res['settings']['chunking']['overlap_tokens']}.")
    add("")
    add("### Indexing")
    add("")
    b1, b2, pp = ix["baseline_before"], ix["baseline_after"], ix["pipeline"]
    add("| measure | passages | wall s | passages/s | CPU s | passages/CPU s | load (1 min) |")
    add("|---|---:|---:|---:|---:|---:|---:|")

    def row(label: str, d: dict[str, Any]) -> None:
        add(f"| {label} | {d['passages']:,} | {_f(d['seconds'], 1)} | "
            f"{_f(d['passages_per_s'], 1)} | {_f(d['cpu_seconds'], 1)} | "
            f"{_f(d['passages_per_cpu_s'], 2)} | {_f(d['load_at_end'], 1)} |")

    row("baseline: `SentenceTransformer.encode`, even half, before", b1)
    row("pipeline: `Engine.index` (parse, chunk, embed, BM25, quotes, write)", pp)
    row("baseline: `SentenceTransformer.encode`, odd half, after", b2)
    both = {k: b1[k] + b2[k] for k in ("passages", "seconds", "cpu_seconds")}
    both["passages_per_s"] = both["passages"] / both["seconds"]
    both["passages_per_cpu_s"] = both["passages"] / both["cpu_seconds"]
    both["load_at_end"] = None
    row("baseline, both halves", both)
    add("")
    add(f"**Pipeline / baseline throughput: {_f(ix['ratio_pipeline_to_baseline'], 3)}** by wall "
        f"clock, {_f(ix['ratio_pipeline_to_baseline_cpu'], 3)} by CPU time (1.0 = no overhead "
        f"beyond the model; the machine is shared, so the load column says how much the wall "
        f"clock can be trusted). A noise-free view of the overhead from inside the same run: "
        f"{_p(ix['pipeline_outside_model_share'])} of the pipeline's time is spent outside "
        f"`embed`. Inside the pipeline: model "
        f"{_f(ix['pipeline_embed_seconds'], 1)} s, tokenizer (chunking) "
        f"{_f(ix['pipeline_tokenizer_seconds'], 1)} s, everything else "
        f"{_f(ix['pipeline_other_seconds'], 1)} s. {ix['articles_indexed']:,} articles indexed "
        f"({ix['duplicates_skipped']} skipped as duplicates of another's text, "
        f"{ix['rejected']} rejected), {ix['statements']:,} statements, "
        f"{ix['index_bytes'] / 1e6:.1f} MB on disk. The baseline embeds exactly the pipeline's "
        f"inputs (title-prefixed passages; identical to the plan made beforehand: "
        f"{'yes' if ix['inputs_match_plan'] else 'NO'}; its vectors differ from the stored ones "
        f"by at most {ix['baseline_max_abs_diff']:.1e}).")
    add("")
    add(f"- Re-run on the unchanged corpus: {_f(ix['rerun_seconds'], 1)} s, "
        f"{ix['rerun_embedded']} passages embedded, {ix['rerun_unchanged']:,} articles unchanged.")
    add(f"- Incremental add of {ix['increment_articles']} new articles "
        f"({'removed, then added back' if sub['increment_readded'] else 'the next ones in order'}"
        f"): {ix['increment_embedded']} passages in {_f(ix['increment_seconds'], 1)} s "
        f"({_f(ix['increment_passages_per_s'], 1)} passages/s, of which the model "
        f"{_f(ix['increment_embed_seconds'], 1)} s; the rest is rewriting the whole generation).")
    add(f"- Model load {_f(ix['model_load_seconds'], 1)} s (not in the figures above).")
    add("")
    add("### Retrieval quality")
    add("")
    add(f"Questions: {qs['total']} in the file; **answerable** {qs['answerable']} (the answer "
        f"string occurs, case-insensitively, in at least one indexed article: the issue's "
        f"definition); **on-topic** {qs['on_topic']} (it occurs in one of the question's own "
        f"`search_results` articles that are indexed: the topic is surely covered); "
        f"**off-topic** {qs['off_topic']} (none of its `search_results` is indexed: the topic is "
        f"probably not covered; {qs['off_topic_after_newest_article']} of them are dated after "
        f"the newest indexed article, {qs['newest_article_date']}). Top {TOP} passages per "
        f"question, near-duplicates collapsed as in the product.")
    add("")
    for name, title in (("answerable", "Answerable questions"), ("on_topic", "On-topic questions")):
        block = res["quality"][name]
        n = block["dense"].get("questions", 0)
        add(f"{title} (n = {n}):")
        add("")
        add("| retrieval | recall@5 | recall@10 | MRR@10 | MRR@10 without recency re-sort | "
            "answered | answer in own search-result article @10 |")
        add("|---|---:|---:|---:|---:|---:|---:|")
        for mode in MODES:
            s = block[mode]
            if not s.get("questions"):
                continue
            add(f"| {MODE_LABELS[mode]} | {_f(s['recall@5'])} | {_f(s['recall@10'])} | "
                f"{_f(s['mrr@10'])} | {_f(s['mrr@10_no_recency'])} | {_p(s['answered'])} | "
                f"{_f(s['grounded@10'])} |")
        add("")
    off = res["quality"]["off_topic"]["gated"]
    fz = res["quality"]["answerable"]["fused"]
    add(f"- Off-topic questions the gated product still answers (lower is more honest): "
        f"{_p(off.get('answered'))} of {off.get('questions', 0)}.")
    ev = fz
    add(f"- Evidence article (`evidence_url` = article `url`) among the top {TOP}: only "
        f"{qs['with_evidence_article']} answerable question(s) have their evidence article in "
        f"the index; hit rate fused / gated: {_f(ev.get('evidence@10'))} / "
        f"{_f(res['quality']['answerable']['gated'].get('evidence@10'))}.")
    add(f"- The product re-sorts hits by date when the question says \"this week\", \"now\", "
        f"\"recent\"...: that changed the order for {fz.get('reordered_by_recency', 0)} of "
        f"{fz.get('questions', 0)} answerable questions (the MRR columns with and without it).")
    add("")
    sw = res["gate_sweep"]
    add(f"Relevance gate sweep (configured: min_similarity {r['min_similarity']}, "
        f"min_lexical {r['min_lexical']}; -1 / 0 = gate off). Simulated on each question's "
        f"relaxed candidates; it reproduces the real gated search for "
        f"{_p(sw['agreement'])} of the questions at the configured values.")
    add("")
    add("| min_similarity | min_lexical | answerable: answered | answerable: recall@5 | "
        "on-topic: answered | on-topic: recall@5 | off-topic: answered |")
    add("|---:|---:|---:|---:|---:|---:|---:|")
    for row in sw["rows"]:
        a, o, x = row["answerable"], row["on_topic"], row["off_topic"]
        mark = "**" if (row["min_similarity"], row["min_lexical"]) == (
            r["min_similarity"], r["min_lexical"]) else ""
        add(f"| {mark}{row['min_similarity']}{mark} | {mark}{row['min_lexical']}{mark} | "
            f"{_p(a and a['answered'])} | {_f(a and a['recall@5'])} | {_p(o and o['answered'])} | "
            f"{_f(o and o['recall@5'])} | {_p(x and x['answered'])} |")
    add("")
    add("### Latency (warm model)")
    add("")
    add("| measure | median ms | p95 ms |")
    add("|---|---:|---:|")
    add(f"| `Engine.ask` (retrieval, sentence selection, citations) | "
        f"{_f(lat['ask_ms_median'], 1)} | {_f(lat['ask_ms_p95'], 1)} |")
    add(f"| baseline: `SentenceTransformer.encode` of the question alone | "
        f"{_f(lat['encode_ms_median'], 1)} | {_f(lat['encode_ms_p95'], 1)} |")
    add("")
    add(f"Over the first {lat['questions']} answerable questions, one at a time (p95: numpy's "
        f"linear interpolation). ask / encode (median): {_f(lat['ask_to_encode_median'], 1)}. "
        f"Of these, {_p(lat['answered'])} got an answer, the answer string is in "
        f"{_p(lat['answer_in_reply'])} of the replies and in {_p(lat['answer_in_citations'])} "
        f"of the cited passages.")
    return "\n".join(lines) + "\n"


def replace_section(path: Path, body: str, begin: str, end: str, new_file: str) -> None:
    """Replace what stands between the markers `begin` and `end` in `path` with `body`, keeping
    the text around them; without the markers, add `new_file` then the marked body at the end."""
    block = f"{begin}\n{body}{end}\n"
    old = path.read_text("utf-8") if path.exists() else ""
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        new = head + block + ("\n" + tail if tail else "")
    else:
        new = (old.rstrip("\n") + "\n\n" if old.strip() else "") + new_file + block
    path.write_text(new, "utf-8")


def write_markdown(path: Path, body: str) -> None:
    """Replace the generated part of `path` (between the markers), or write a new file."""
    replace_section(path, body, MARK_BEGIN, MARK_END, "# Benchmarks\n\n")


def write_json(res: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(res, indent=1, default=float), "utf-8")


# -- the command ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Index a RealTime QA 2025 subset and report indexing speed, retrieval quality "
                    "and answer latency against baselines measured in the same run.",
    )
    p.add_argument("--dataset", type=Path, default=DEFAULT_DATASET,
                   help="folder with articles.jsonl.gz and questions.jsonl "
                        "(default: ../shared/datasets/realtimeqa-2025 from the repository)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--articles", type=positive_int, default=DEFAULT_ARTICLES, metavar="N",
                      help=f"index the first N articles of the fixed order "
                           f"(default {DEFAULT_ARTICLES})")
    size.add_argument("--full", action="store_true", help="index the whole corpus")
    p.add_argument("--questions", type=positive_int, metavar="N",
                   help="evaluate at most the first N questions of each set (default: all)")
    p.add_argument("--ask", type=positive_int, default=DEFAULT_ASK, metavar="N",
                   help=f"questions timed through Engine.ask (default {DEFAULT_ASK})")
    p.add_argument("--config", type=Path, default=REPO / "config.yaml",
                   help="settings (default: the repository's config.yaml; its index_dir is "
                        "replaced by a temporary folder)")
    p.add_argument("--out", default=str(REPO / "BENCHMARKS.md"), metavar="PATH",
                   help="markdown report to update between its markers (default BENCHMARKS.md); "
                        "- for stdout only")
    p.add_argument("--json", type=Path, metavar="PATH",
                   help="JSON results (default benchmarks/results/bench-<time>.json)")
    p.add_argument("--work-dir", type=Path, metavar="DIR",
                   help="keep the temporary data and index here instead of a removed temp folder")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = " ".join(["python -m benchmarks.run", *(sys.argv[1:] if argv is None else argv)])
    opts = Options(
        dataset=args.dataset, articles=None if args.full else args.articles,
        questions=args.questions, ask=args.ask, config=args.config, work_dir=args.work_dir,
    )
    t0 = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:7.1f}s] {msg}", file=sys.stderr, flush=True)

    res = run(opts, log=log)
    stamp = res["started"].replace(":", "").replace("-", "")[:15]
    json_path = args.json or RESULTS_DIR / f"bench-{stamp}.json"
    write_json(res, json_path)
    md = render_markdown(res, command)
    print(md)
    if args.out != "-":
        write_markdown(Path(args.out), md)
        log(f"wrote {args.out} and {json_path}")
    else:
        log(f"wrote {json_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
