"""Answer latency: a cold `newsqa ask`, warm questions at growing index sizes, indexing throughput.

    python -m benchmarks.latency                          # sample, ~16k real, 50k: a few minutes
    python -m benchmarks.latency --sizes sample,real,50000,1000000 --topic 20 --people 20
    python -m benchmarks.latency --sizes sample --cold 3 --throughput 0   # quickest

Everything against baselines measured in the same run:

* cold: `newsqa ask` as a fresh process on the sample index (median of `--cold` runs, wall and
  CPU seconds), next to `python -c pass` and `python -c "import sentence_transformers"`; and
  whether the asking process imported torch (`python -X importtime`).
* warm: p50/p95 of `Engine.ask` per question, topic questions (RealTime QA's, in file order) and
  person questions ("What did X say?" and "What did X say about T?" for the index's most
  quoted speakers, and by their surnames alone, where namesakes are compared for T, after
  `Engine.load` has built the speaker directory) and role questions ("What did the Kremlin
  spokesman say?" for the roles the articles give most) apart, next to one question encode.
  Questions are always encoded by the real model (the ONNX encoder). Sizes:
  `sample` (examples/articles, real model), `real` (the 1,280 RealTime QA articles in the search
  results of the first 150 questions, ~16k passages, real vectors through
  `benchmarks.vector_cache.CachedEmbedder`), and a number N: at least N passages of RealTime QA
  articles in the benchmark's fixed order (repeated, each copy marked, past the corpus; see
  `build_scaled`), written through the store with vectors from a fast deterministic embedder
  that claims the real model's fingerprint, so the index opens for the real question encoder;
  texts whose real vectors are in the vector cache (the `real` articles come first in that
  order) get those, so their questions are answered, and composed, as with the real model; the
  rest are filler with meaningless dense neighbours.
* throughput: `Engine.index` passages/s against `SentenceTransformer.encode` alone on the same
  passages (half before, half after, as benchmarks/run.py does), and the ONNX encoder's bare
  encode of the same passages (is it worth indexing with?).

Figures go to stdout as markdown, to `benchmarks/results/latency-<time>.json`, and with
`--out BENCHMARKS.md` into that file between this benchmark's own two marker lines.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

for _key, _value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                     ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_key, _value)

import numpy as np  # noqa: E402

from benchmarks import run as bench  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "examples" / "articles"
MARK_BEGIN = "<!-- benchmarks.latency: generated figures begin (replaced by every run) -->"
MARK_END = "<!-- benchmarks.latency: generated figures end -->"
REAL_QUESTIONS = 150  # the `real` size: the search results of the first 150 questions
DEFAULT_SIZES = "sample,real,50000"
# "What did X say about T?" for the most quoted speakers, T taken in turn from these
PERSON_TOPICS = ("the economy", "the election", "immigration", "Ukraine", "tariffs",
                 "the border", "health care", "China")
Log = Callable[[str], None]


# -- a fast embedder for the large sizes --------------------------------------------------------


class FastEmbedder:
    """Deterministic hashed bag-of-words vectors in the model's 384 dimensions, with the real
    tokenizer's spans (so chunking is the real one) and the real weights' fingerprint (so the
    index opens for the real question encoder). For building large indexes quickly only. With
    `cache` (benchmarks.vector_cache's file, read only), texts it holds get their real vectors:
    the `real` articles then answer their questions as with the real model, and the answer path
    does its full work (a purely fast index passes no relevance gate, so nothing is composed)."""

    def __init__(self, real: Any, buckets: int = 4096, cache: Path | None = None) -> None:
        self.name, self.fingerprint = real.name, real.fingerprint
        self.dim, self.max_tokens = real.dim, real.max_tokens
        self._spans = real.token_spans
        self._proj = np.random.default_rng(8).standard_normal((buckets, self.dim)).astype(
            np.float32)
        self._buckets = buckets
        self._cache = None  # read-only: real vectors of the texts benchmarks.vector_cache holds
        if cache is not None and cache.exists():
            import sqlite3

            self._cache = sqlite3.connect(f"file:{cache}?mode=ro", uri=True,
                                          check_same_thread=False)
        self.real = self.fast = 0

    def _cached(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        if self._cache is None:
            return {}
        keys = [hashlib.sha1(f"{self.fingerprint}\x00{t}".encode()).digest() for t in texts]
        where = {k: i for i, k in enumerate(keys)}
        found: dict[int, np.ndarray] = {}
        for lo in range(0, len(keys), 500):
            part = keys[lo:lo + 500]
            q = f"SELECT k, vec FROM v WHERE k IN ({','.join('?' * len(part))})"
            for k, vec in self._cache.execute(q, part):
                found[where[k]] = np.frombuffer(vec, dtype=np.float32)
        return found

    def _bucket(self, word: str) -> int:
        return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest()) % (
            self._buckets)

    def embed(self, texts: Sequence[str], progress: Any = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        memo: dict[str, int] = {}
        cached = self._cached(texts)
        self.real += len(cached)
        self.fast += len(texts) - len(cached)
        for i, text in enumerate(texts):
            if i in cached:
                out[i] = cached[i]
                continue
            ids = [memo.get(w) or memo.setdefault(w, self._bucket(w))
                   for w in re.findall(r"\w+", text.lower())]
            if ids:
                v = self._proj[ids].sum(axis=0)
                out[i] = v / max(float(np.linalg.norm(v)), 1e-9)
        if progress is not None:
            progress(len(texts), len(texts))
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return self._spans(texts)


# -- helpers ------------------------------------------------------------------------------------


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def time_command(cmd: Sequence[str], runs: int, env: dict[str, str]) -> dict[str, Any]:
    """Median (and all) wall and CPU seconds of `runs` fresh processes."""
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = child_cpu(), time.perf_counter()
        proc = subprocess.run(list(cmd), cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=600)
        walls.append(time.perf_counter() - t0)
        cpus.append(child_cpu() - c0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.strip()[-500:]}")
    return {"wall_s": statistics.median(walls), "cpu_s": statistics.median(cpus),
            "walls": [round(w, 3) for w in walls], "cpus": [round(c, 3) for c in cpus],
            "load": os.getloadavg()[0]}


def write_config(folder: Path, index_dir: Path, cache_dir: Path) -> Path:
    path = folder / "config.yaml"
    path.write_text(f"paths:\n  index_dir: {index_dir}\n  articles: [{SAMPLES}]\n"
                    f"model:\n  cache_dir: {cache_dir}\n", "utf-8")
    return path


def settings_for(index_dir: Path, cache_dir: Path) -> Any:
    from retrieval.config import load_config

    s = load_config(REPO / "config.yaml").with_index_dir(str(index_dir))
    return dataclasses.replace(s, model=dataclasses.replace(s.model, cache_dir=str(cache_dir)))


def ms_stats(values: Sequence[float]) -> dict[str, Any]:
    return {"n": len(values), "p50_ms": bench.pct(values, 50), "p95_ms": bench.pct(values, 95),
            "max_ms": max(values) if values else math.nan}


# -- the parts ----------------------------------------------------------------------------------


def cold(work: Path, cache_dir: Path, runs: int, question: str, say: Log) -> dict[str, Any]:
    """A fresh `newsqa ask` on the sample index, next to two baselines."""
    from retrieval.engine import Engine

    index_dir = work / "cold-index"
    settings = settings_for(index_dir, cache_dir)
    Engine(settings).index([SAMPLES])  # as `newsqa index` does
    config = write_config(work, index_dir, cache_dir)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    ask = [sys.executable, "-m", "retrieval.cli", "--config", str(config), "ask", question]
    say("cold: one untimed ask (makes the ONNX export if it is not cached)")
    subprocess.run(ask, cwd=REPO, env=env, capture_output=True, check=True, timeout=600)
    imports = subprocess.run([sys.executable, "-X", "importtime", *ask[1:]], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=600)
    modules = {line.rsplit("|", 1)[-1].strip() for line in imports.stderr.splitlines()
               if line.startswith("import time:")}
    out: dict[str, Any] = {"runs": runs, "question": question,
                           "imports_torch": "torch" in modules,
                           "imports_sentence_transformers": "sentence_transformers" in modules}
    for name, cmd in (("python_pass", [sys.executable, "-c", "pass"]),
                      ("import_sentence_transformers",
                       [sys.executable, "-c", "import sentence_transformers"]),
                      ("newsqa_ask", ask)):
        say(f"cold: {name} x {runs}")
        out[name] = time_command(cmd, runs, env)
    st = out["import_sentence_transformers"]
    out["ask_to_st_import_wall"] = out["newsqa_ask"]["wall_s"] / st["wall_s"]
    out["ask_to_st_import_cpu"] = out["newsqa_ask"]["cpu_s"] / st["cpu_s"]
    return out


def real_corpus(dataset: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    articles, questions = bench.load_dataset(dataset)
    known = {a["id"]: a for a in articles}
    wanted: dict[str, None] = {}
    for q in questions[:REAL_QUESTIONS]:
        for i in q.get("search_results") or ():
            if i in known:
                wanted.setdefault(i, None)
    return [known[i] for i in wanted], questions


BATCH_PASSAGES = 200_000  # passages per store change when building a large index
ORIGINAL_PASSAGES = 50_000  # past this many passages of distinct articles, marked copies
_ORIGINALS: dict[tuple[str, ...], list[Any]] = {}  # built articles, shared by the sizes of a run


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return math.nan


def build_scaled(settings: Any, encoder: Any, passages: int, opts: argparse.Namespace,
                 say: Log) -> dict[str, Any]:
    """At least `passages` passages of RealTime QA articles in the fixed order, written through
    the store interface in changes of `BATCH_PASSAGES`: each article read by the product's
    loader, chunked by the real chunker, its statements extracted by the real extractor, its
    BM25 terms counted as `Engine.index` does, its vectors from `FastEmbedder` (real ones where
    the vector cache holds them). Past `ORIGINAL_PASSAGES` passages of distinct articles (the
    questions' search results come first in the order), marked copies repeat them: a copy shares
    its original's passages, vectors, terms and statements, shifted past a "(Copy n.) " marker,
    so a million passages cost the chunking and extraction of 50k once (the old way, one
    `Engine.index` of every copy, took 16 min and 6.5 GB at 248k passages: every passage's text,
    term counts and vector, and every statement, held at once for one change)."""
    from retrieval.articles import load as load_articles
    from retrieval.indexing import (
        EXTRACTOR_VERSION,
        Plan,
        chunking_manifest,
        model_manifest,
        plan_article,
    )
    from retrieval.store import ArticleData, Change, open_store

    articles, questions = bench.load_dataset(opts.dataset)
    by_id = {a["id"]: a for a in articles}
    fields = ("id", "title", "url", "source", "date", "authors", "text")
    src = Path(tempfile.mkdtemp(prefix="newsqa-scaled-")) / "corpus.jsonl"
    bench.write_jsonl(src, ({k: by_id[i].get(k) for k in fields}
                            for i in bench.article_order(articles, questions)))
    arts, _ = load_articles([src])  # in the fixed order, normalised as `newsqa index` does
    shutil.rmtree(src.parent, ignore_errors=True)
    del articles, by_id
    embedder = FastEmbedder(encoder, cache=opts.vector_cache)
    chunking = settings.chunking
    key = (str(opts.dataset), str(opts.vector_cache))
    originals: list[ArticleData] = _ORIGINALS.setdefault(key, [])
    total = sum(len(d.spans) for d in originals)
    want = min(passages, ORIGINAL_PASSAGES)
    for lo in range(len(originals), len(arts), 200):
        if total >= want:
            break
        plans: list[Plan] = []
        inputs: list[str] = []
        for art in arts[lo:lo + 200]:
            if total >= want:
                break
            plans.append(plan_article(art, embedder, chunking))
            inputs += plans[-1].inputs
            total += len(plans[-1].spans)
        vectors = embedder.embed(inputs)
        at = 0
        for plan in plans:
            originals.append(plan.data(vectors[at:at + len(plan.inputs)]))
            at += len(plan.inputs)
    say(f"{passages:,}: {len(originals):,} articles chunked and extracted, {total:,} passages")
    meta = {"model": model_manifest(embedder), "chunking": chunking_manifest(chunking),
            "extractor_version": EXTRACTOR_VERSION}
    store = open_store(settings)
    out: dict[str, Any] = {"planned_passages": total, "originals": len(originals)}
    n_articles, n_copies, written, first = 0, 0, 0, True

    def copies() -> Any:
        yield from originals
        copy = 1
        while True:
            marker = f"(Copy {copy}.) "
            shift = len(marker)
            for d in originals:
                a = d.article
                art = dataclasses.replace(
                    a, id=f"{a.id}~{copy}", text=marker + a.text,
                    url=f"{a.url}#copy{copy}" if a.url else None)
                yield ArticleData(
                    article=art, hash=art.content_hash,
                    spans=tuple((s + shift, e + shift) for s, e in d.spans),
                    vectors=d.vectors, terms=d.terms,
                    statements=tuple(dataclasses.replace(st, article_id=art.id,
                                                         start=st.start + shift,
                                                         end=st.end + shift)
                                     for st in d.statements),
                    statement_vectors=d.statement_vectors)
            copy += 1

    batch: list[ArticleData] = []
    in_batch = 0
    with store.writing():
        for d in copies():
            if written >= passages:
                break
            batch.append(d)
            in_batch += len(d.spans)
            written += len(d.spans)
            n_articles += 1
            n_copies += "~" in d.article.id
            if in_batch >= BATCH_PASSAGES or written >= passages:
                store.apply(Change(put=tuple(batch), reset=first, meta=meta))
                say(f"{passages:,}: {written:,} passages written")
                batch, in_batch, first = [], 0, False
    counts = _ORIGINALS.setdefault(("counts", *key), [0, 0])  # [real, fast] over the run
    counts[0] += embedder.real
    counts[1] += embedder.fast
    out.update(articles=n_articles, copies=n_copies, real_vectors=counts[0],
               fast_vectors=counts[1], embedder="FastEmbedder")
    return out


def build(kind: str, work: Path, cache_dir: Path, encoder: Any, opts: argparse.Namespace,
          say: Log) -> tuple[Any, list[str], dict[str, Any]]:
    """Index one size; (engine for questions, topic questions, build figures)."""
    from retrieval.embedding import SentenceTransformerEmbedder, passage_embedder
    from retrieval.engine import Engine

    index_dir = work / f"index-{kind}"
    shutil.rmtree(index_dir, ignore_errors=True)
    settings = settings_for(index_dir, cache_dir)
    _, questions = bench.load_dataset(opts.dataset)
    topic = [q["question"] for q in questions[:opts.topic]]
    info: dict[str, Any] = {}
    t0 = time.perf_counter()
    if kind == "sample":  # the product's own passage embedder (the ONNX encoder on a CPU)
        embedder: Any = passage_embedder(settings.model, cache_dir, encoder)
        report = Engine(settings, embedder=embedder).index([SAMPLES])
    elif kind == "real":
        from benchmarks.vector_cache import CachedEmbedder

        arts, _ = real_corpus(opts.dataset)
        embedder = CachedEmbedder(lambda: SentenceTransformerEmbedder(settings.model),
                                  opts.vector_cache, fingerprint=encoder.fingerprint)
        src = work / f"articles-{kind}.jsonl"
        bench.write_jsonl(src, arts)
        say(f"{kind}: indexing {len(arts):,} articles")
        report = Engine(settings, embedder=embedder).index([src])
        src.unlink()
        info["vector_cache_hits"], info["vector_cache_misses"] = embedder.hits, embedder.misses
    else:
        info.update(build_scaled(settings, encoder, int(kind), opts, say))
    info["build_seconds"] = time.perf_counter() - t0
    info["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # so far
    if "articles" not in info:
        info["articles"] = len(report.added)
        info["embedder"] = type(embedder).__name__
    gc.collect()
    info.update(view_memory(index_dir, cache_dir))
    engine = Engine(settings, encoder=encoder)
    stats = engine.stats()
    info["passages"], info["statements"] = stats.passages, stats.statements
    return engine, topic, info


def view_memory(index_dir: Path, cache_dir: Path) -> dict[str, Any]:
    """Resident memory of a fresh asking process: after its imports and encoder, after opening
    the index, and after a few questions (the build's own memory is not in it)."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.latency", "--view-memory",
                           str(index_dir), "--model-cache", str(cache_dir)],
                          cwd=REPO, capture_output=True, text=True, timeout=3600)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("MEMORY ")), None)
    if line is None:
        raise RuntimeError(f"view memory: {proc.stderr.strip()[-500:]}")
    import json

    return dict(json.loads(line[7:]))


def _view_memory_child(index_dir: Path, cache_dir: Path) -> None:
    import json

    from retrieval.config import ModelSettings
    from retrieval.engine import Engine
    from retrieval.onnx_encoder import OnnxEmbedder

    encoder = OnnxEmbedder(ModelSettings(), cache_dir)
    engine = Engine(settings_for(index_dir, cache_dir), encoder=encoder)
    base = rss_mb()
    t = time.perf_counter()
    view = engine.snapshot()
    load = time.perf_counter() - t
    opened = rss_mb()
    for q in ("What did the Kremlin spokesman say?", "What happened in the election?"):
        engine.ask(q)
    print("MEMORY " + json.dumps({"process_base_mb": base, "view_rss_mb": opened - base,
                                  "asked_rss_mb": rss_mb(), "view_load_s": load,
                                  "segments": len(view.manifest["segments"])}), flush=True)


def warm(engine: Any, encoder: Any, topic: Sequence[str], people: int, say: Log
         ) -> dict[str, Any]:
    """p50/p95 of Engine.ask per question, topic and person questions apart."""
    names = [name for name, _role, _n in engine.speakers()[:people]]
    person = [f"What did {name} say?" for name in names]
    person_topic = [f"What did {name} say about {PERSON_TOPICS[i % len(PERSON_TOPICS)]}?"
                    for i, name in enumerate(names)]
    # by surname only: where several people share it, the namesakes are compared for T
    surname_topic = [f"What did {name.split()[-1]} say about "
                     f"{PERSON_TOPICS[i % len(PERSON_TOPICS)]}?" for i, name in enumerate(names)
                     if len(name.split()) > 1]
    # questions naming a role ("What did the Kremlin spokesman say?"): the most given roles
    given: Counter[str] = Counter()
    for roles in engine.snapshot().speaker_roles().values():
        given.update(roles)
    role = [f"What did the {r} say?" for r, _n in given.most_common(max(1, people // 2))]
    t0 = time.perf_counter()
    engine.load()  # as the bot does before it connects: the view and the speaker directory
    out: dict[str, Any] = {"load_ms": (time.perf_counter() - t0) * 1000}
    engine.ask(topic[0] if topic else "What happened?")  # warm: code paths
    for label, qs in (("topic", topic), ("person", person), ("person_topic", person_topic),
                      ("surname_topic", surname_topic), ("role", role)):
        walls, cpus, encodes = [], [], []
        answered = 0
        for q in qs:
            c0, t0 = time.process_time(), time.perf_counter()
            ans = engine.ask(q)
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
            answered += not ans.no_answer
            t0 = time.perf_counter()
            encoder.embed([q])
            encodes.append((time.perf_counter() - t0) * 1000)
        out[label] = {**ms_stats(walls), "cpu_p50_ms": bench.pct(cpus, 50),
                      "encode_p50_ms": bench.pct(encodes, 50),
                      "answered": answered / len(qs) if qs else None}
        say(f"  {label}: {len(qs)} questions, p50 {out[label]['p50_ms']:.0f} ms, "
            f"p95 {out[label]['p95_ms']:.0f} ms")
    if topic:
        out["topic_profile"] = profile(engine, topic)
    return out


def profile(engine: Any, questions: Sequence[str], top: int = 25) -> list[dict[str, Any]]:
    """Where a warm topic question's time goes: the same questions again under cProfile (after
    the timed pass, so the profiler's overhead is not in the latencies), the project's functions
    by cumulative time per question."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for q in questions:
        engine.ask(q)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    rows = []
    for (path, line, name), (_cc, nc, _tt, ct, _callers) in stats.items():
        if "/retrieval/" in path:
            rows.append({"function": f"{path.split('/retrieval/')[-1]}:{line}({name})",
                         "ms_per_question": 1000 * ct / len(questions),
                         "calls_per_question": nc / len(questions)})
    rows.sort(key=lambda r: -r["ms_per_question"])
    return rows[:top]


def throughput(work: Path, cache_dir: Path, encoder: Any, opts: argparse.Namespace, say: Log
               ) -> dict[str, Any]:
    """`Engine.index` passages/s, with the engine's own passage embedder (the ONNX encoder on a
    CPU), against the bare encode of the same passages by that encoder and by
    `SentenceTransformer.encode`; each baseline half before, half after the pipeline."""
    from retrieval.embedding import SentenceTransformerEmbedder, passage_embedder
    from retrieval.engine import Engine

    articles, questions = bench.load_dataset(opts.dataset)
    by_id = {a["id"]: a for a in articles}
    ids = bench.article_order(articles, questions)[:opts.throughput]
    src = work / "throughput.jsonl"
    fields = ("id", "title", "url", "source", "date", "authors", "text")
    bench.write_jsonl(src, ({k: by_id[i].get(k) for k in fields} for i in ids))
    settings = settings_for(work / "index-throughput", cache_dir)
    st = SentenceTransformerEmbedder(settings.model)
    model = bench.st_model(st, settings)
    own = passage_embedder(settings.model, cache_dir, encoder)
    batch = settings.model.batch_size
    planned = bench.planned_inputs(src, encoder, settings.chunking)
    longest = sorted(planned, key=len)[-2 * batch:]
    model.encode(longest, batch_size=batch, show_progress_bar=False)  # warm-ups
    own.embed(longest)
    say(f"throughput: {len(ids)} articles, {len(planned)} passages")
    halves = (planned[0::2], planned[1::2])
    with bench.Stopwatch() as st1:
        st.embed(halves[0])
    with bench.Stopwatch() as own1:
        own.embed(halves[0])
    timing = bench.TimingEmbedder(own)
    with bench.Stopwatch() as pipe:
        report = Engine(settings, embedder=timing).index([src])
    with bench.Stopwatch() as own2:
        own_vecs = own.embed(halves[1])
    with bench.Stopwatch() as st2:
        st_vecs = st.embed(halves[1])
    n = report.chunks_embedded

    def rate(a: Any, b: Any, cpu: bool = False) -> float:
        return len(planned) / ((a.cpu + b.cpu) if cpu else (a.wall + b.wall))

    pipe_rate, pipe_cpu_rate = n / pipe.wall, n / pipe.cpu
    return {
        "articles": len(ids), "passages": n, "planned": len(planned),
        "statements_embedded": timing.embedded - n,  # statement texts, stored for person questions
        "passage_embedder": type(own).__name__,
        "pipeline": pipe.figures(n),
        "pipeline_embed_share": timing.embed_seconds / pipe.wall if pipe.wall else math.nan,
        "bare_own_passages_per_s": rate(own1, own2),
        "bare_st_passages_per_s": rate(st1, st2),
        "ratio_pipeline_to_own": pipe_rate / rate(own1, own2),
        "ratio_pipeline_to_own_cpu": pipe_cpu_rate / rate(own1, own2, True),
        "ratio_pipeline_to_st": pipe_rate / rate(st1, st2),
        "ratio_pipeline_to_st_cpu": pipe_cpu_rate / rate(st1, st2, True),
        "ratio_own_to_st": rate(own1, own2) / rate(st1, st2),
        "ratio_own_to_st_cpu": rate(own1, own2, True) / rate(st1, st2, True),
        "max_abs_diff_own_vs_st": float(np.abs(own_vecs - st_vecs).max()) if n else 0.0,
        "load_at_end": pipe.load,
    }


# -- the run ------------------------------------------------------------------------------------


def run(opts: argparse.Namespace, say: Log) -> dict[str, Any]:
    from retrieval.config import ModelSettings
    from retrieval.onnx_encoder import OnnxEmbedder

    started = time.time()
    res: dict[str, Any] = {"started": dt.datetime.fromtimestamp(started, dt.UTC).isoformat(
        timespec="seconds"), "machine": bench.machine(), "errors": {}}
    work = Path(tempfile.mkdtemp(prefix="newsqa-latency-"))
    cache_dir = opts.model_cache or work / "model-cache"

    def part(name: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except Exception as exc:  # one failing part still leaves the others' figures
            say(f"{name} failed: {exc!r}")
            res["errors"][name] = repr(exc)
            return None

    try:
        t = time.perf_counter()
        encoder = OnnxEmbedder(ModelSettings(), cache_dir)
        res["encoder_load_seconds"] = time.perf_counter() - t
        if opts.cold:
            res["cold"] = part("cold", lambda: cold(work, cache_dir, opts.cold,
                                                    "What did Zakharova say?", say))
        res["warm"] = {}
        for kind in opts.sizes:
            def one(kind: str = kind) -> dict[str, Any]:
                say(f"size {kind}: building")
                engine, topic, info = build(kind, work, cache_dir, encoder, opts, say)
                say(f"size {kind}: {info['passages']:,} passages; asking")
                return {**info, **warm(engine, encoder, topic, opts.people, say)}

            res["warm"][kind] = part(f"warm {kind}", one)
            shutil.rmtree(work / f"index-{kind}", ignore_errors=True)
        if opts.throughput:
            res["throughput"] = part("throughput",
                                     lambda: throughput(work, cache_dir, encoder, opts, say))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    res["seconds"] = time.time() - started
    return res


def _n(x: Any, fmt: str = ".0f") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return format(x, fmt)


def render(res: dict[str, Any], command: str) -> str:
    m = res["machine"]
    lines = [f"Run of `{command}` on {res['started'][:10]}, {res['seconds'] / 60:.1f} min; "
             f"{m['cores']} cores, CPU only, shared (load average per part below). Question "
             f"encoder: ONNX export of the bundled weights on onnxruntime (loaded in "
             f"{res.get('encoder_load_seconds', math.nan):.2f} s).", ""]
    add = lines.append
    c = res.get("cold")
    if c:
        add(f"**Cold one-shot `newsqa ask`** on the sample index, median of {c['runs']} fresh "
            f"processes:")
        add("")
        add("| command | wall s | CPU s | load |")
        add("|---|---:|---:|---:|")
        for key, label in (("python_pass", "`python -c pass`"),
                           ("import_sentence_transformers",
                            "`python -c \"import sentence_transformers\"`"),
                           ("newsqa_ask", "`newsqa ask \"What did Zakharova say?\"`")):
            add(f"| {label} | {c[key]['wall_s']:.2f} | {c[key]['cpu_s']:.2f} | "
                f"{c[key]['load']:.1f} |")
        add("")
        add(f"`newsqa ask` / sentence-transformers import: **{c['ask_to_st_import_wall']:.2f}x** "
            f"wall, **{c['ask_to_st_import_cpu']:.2f}x** CPU. The asking process imports torch: "
            f"{'yes' if c['imports_torch'] else 'no'}; sentence-transformers: "
            f"{'yes' if c['imports_sentence_transformers'] else 'no'}.")
        add("")
    w = res.get("warm") or {}
    if w:
        add("**Warm `Engine.ask`** per question (model and index loaded; questions encoded by "
            "the real model):")
        add("")
        add("| index | passages | built with | questions | n | p50 ms | p95 ms | CPU p50 ms "
            "| encode p50 ms | answered |")
        add("|---|---:|---|---|---:|---:|---:|---:|---:|---:|")
        for kind, r in w.items():
            if not r:
                add(f"| {kind} | failed: {res['errors'].get('warm ' + kind, '?')[:80]} "
                    "| | | | | | | | |")
                continue
            for label in ("topic", "person", "person_topic", "surname_topic", "role"):
                if label not in r:
                    continue
                q = r[label]
                ans = "n/a" if q["answered"] is None else f"{100 * q['answered']:.0f} %"
                add(f"| {kind} | {r['passages']:,} | {r['embedder']} | {label} | {q['n']} | "
                    f"{_n(q['p50_ms'])} | {_n(q['p95_ms'])} | {_n(q['cpu_p50_ms'])} | "
                    f"{_n(q['encode_p50_ms'], '.1f')} | {ans} |")
        add("")
        built = [f"{k}: {r['articles']:,} articles"
                 + (f" ({r['copies']:,} of them marked copies)" if r.get("copies") else "")
                 + f", {r['statements']:,} statements"
                 + (f" (`Engine.load`, view and speaker directory: {r['load_ms'] / 1000:.1f} s)"
                    if "load_ms" in r else "")
                 + ", built in "
                 f"{r['build_seconds']:.0f} s, peak memory {r.get('peak_rss_mb', 0) / 1024:.1f} GB"
                 + (f"; a fresh asking process: {r['view_rss_mb'] / 1024:.2f} GB for the "
                    f"index ({r['segments']} segments, opened in {r['view_load_s']:.1f} s), "
                    f"{r['asked_rss_mb'] / 1024:.2f} GB resident after two questions"
                    if r.get("view_rss_mb") is not None else "")
                 + (
                     f" (vector cache {r['vector_cache_hits']:,} hits, "
                     f"{r['vector_cache_misses']:,} misses)" if "vector_cache_hits" in r else "")
                 + (f" ({r['real_vectors']:,} real vectors from the cache, "
                    f"{r['fast_vectors']:,} fast)" if "real_vectors" in r else "")
                 for k, r in w.items() if r]
        add("Indexes: " + "; ".join(built) + ".")
        add("")
    tp = res.get("throughput")
    if tp:
        add(f"**Indexing throughput** on the first {tp['articles']} articles of the fixed order "
            f"({tp['passages']:,} passages; passages embedded by {tp['passage_embedder']}):")
        add("")
        add("| what | passages/s | vs bare encode (wall) | (CPU) |")
        add("|---|---:|---:|---:|")
        add(f"| `Engine.index` | {tp['pipeline']['passages_per_s']:.1f} | "
            f"{tp['ratio_pipeline_to_own']:.2f}x own encoder, {tp['ratio_pipeline_to_st']:.2f}x "
            f"sentence-transformers | {tp['ratio_pipeline_to_own_cpu']:.2f}x, "
            f"{tp['ratio_pipeline_to_st_cpu']:.2f}x |")
        add(f"| bare encode, {tp['passage_embedder']} | {tp['bare_own_passages_per_s']:.1f} | "
            f"{tp['ratio_own_to_st']:.2f}x sentence-transformers | "
            f"{tp['ratio_own_to_st_cpu']:.2f}x |")
        add(f"| bare `SentenceTransformer.encode` | {tp['bare_st_passages_per_s']:.1f} | 1 | 1 |")
        add("")
        if "statements_embedded" in tp:
            add(f"Besides its {tp['passages']:,} passages the pipeline embeds "
                f"{tp['statements_embedded']:,} statement texts (their vectors are stored for "
                "person questions); the ratios count passages only.")
            add("")
        add(f"Max abs difference between the two encoders' vectors: "
            f"{tp['max_abs_diff_own_vs_st']:.1e}; the model's share of the pipeline's time: "
            f"{100 * tp['pipeline_embed_share']:.0f} %.")
        add("")
    for name, err in res["errors"].items():
        add(f"- {name} failed: `{err[:200]}`")
    return "\n".join(lines).rstrip() + "\n"


def write_section(path: Path, body: str) -> None:
    """Replace this benchmark's section of `path` (between its markers) or append one."""
    bench.replace_section(path, body, MARK_BEGIN, MARK_END,
                          "## Answer latency (`python -m benchmarks.latency`)\n\n")


def sizes(text: str) -> list[str]:
    out = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        mult = {"k": 1000, "m": 1_000_000}.get(part[-1:], 1)
        if part in ("sample", "real"):
            out.append(part)
        elif (part[:-1] if mult > 1 else part).isdigit():
            out.append(str(int(part[:-1] if mult > 1 else part) * mult))
        else:
            raise argparse.ArgumentTypeError(f"unknown size {part!r} (sample, real, or a number "
                                             "of passages such as 50000, 50k, 1m)")
    return out


def build_parser() -> argparse.ArgumentParser:
    from benchmarks.vector_cache import DEFAULT_CACHE

    p = argparse.ArgumentParser(prog="python -m benchmarks.latency",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=sizes, default=sizes(DEFAULT_SIZES),
                   help=f"comma-separated: sample, real, or passages (default {DEFAULT_SIZES})")
    p.add_argument("--topic", type=int, default=30, help="topic questions per size (default 30)")
    p.add_argument("--people", type=int, default=20,
                   help="person questions per size: the most quoted speakers (default 20)")
    p.add_argument("--cold", type=int, default=5, help="cold runs of each command (0: skip)")
    p.add_argument("--throughput", type=int, default=40, metavar="ARTICLES",
                   help="articles for the indexing throughput (default 40; 0: skip)")
    p.add_argument("--dataset", type=Path, default=bench.DEFAULT_DATASET)
    p.add_argument("--vector-cache", type=Path, default=DEFAULT_CACHE,
                   help="real vectors for the `real` size (default ../bench-cache/vectors.sqlite)")
    p.add_argument("--model-cache", type=Path,
                   help="ONNX export cache to reuse (default: a fresh one in the temp folder)")
    p.add_argument("--out", default="-", metavar="PATH",
                   help="markdown file to update between this benchmark's markers (e.g. "
                        "BENCHMARKS.md); default - (stdout only)")
    p.add_argument("--json", type=Path, help="JSON results (default benchmarks/results/...)")
    p.add_argument("--view-memory", type=Path, help=argparse.SUPPRESS)  # the child's index
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.view_memory:
        _view_memory_child(args.view_memory, args.model_cache)
        return 0
    command = " ".join(["python -m benchmarks.latency", *(sys.argv[1:] if argv is None else argv)])
    t0 = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:7.1f}s] {msg}", file=sys.stderr, flush=True)

    res = run(args, say)
    stamp = res["started"].replace(":", "").replace("-", "")[:15]
    json_path = args.json or bench.RESULTS_DIR / f"latency-{stamp}.json"
    bench.write_json(res, json_path)
    md = render(res, command)
    print(md)
    if args.out != "-":
        write_section(Path(args.out), md)
    say(f"wrote {json_path}" + ("" if args.out == "-" else f" and {args.out}"))
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        raise SystemExit(main())
