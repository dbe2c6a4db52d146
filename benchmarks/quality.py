"""Answer quality on RealTime QA 2025: retrieval, the reply itself, and honest declines.

    python -m benchmarks.quality                  # the 150-question subset (about a minute when
                                                  # the vector cache is warm)
    python -m benchmarks.quality --first 150      # questions 150-299: a held-out subset
    python -m benchmarks.quality --questions 622  # all 622 questions' search results
    python -m benchmarks.quality --all            # the whole corpus and all 622 questions

The index is built through `benchmarks.vector_cache.CachedEmbedder`, so it holds the real model's
vectors (embedded once, then read from the cache); questions are encoded by the real model too.
The subset is the articles in the `search_results` of the first N questions (the set the vector
cache is warmed for), and these question sets are asked against it:

* covered: the first N questions whose answer string occurs (case-insensitively) in an indexed
  article: the issue's "answerable";
* newer: questions dated after the newest indexed article, none of whose search results is
  indexed: events the index cannot know;
* off-domain: `benchmarks/offdomain.txt`, general-knowledge and how-to questions written for this
  project;
* off-domain held out: `benchmarks/offdomain_heldout.txt`, more of the same kind, written before
  any decline rule was tried on them and never used to choose one; and
  `benchmarks/offdomain_heldout2.txt`, a second set written after the first had been looked at,
  and `benchmarks/offdomain_heldout3.txt`, a third written before the floor followed the index;
* uncovered: `benchmarks/uncovered.txt`, harder ones (news-style wording, real names, invented
  events), those whose answer string no indexed article holds;
* short: `benchmarks/short.txt`, short chat-style news questions whose answer string some indexed
  article holds (a decline signal must not learn that short means off-topic).

Covered figures are also given for two halves (even and odd positions): tune on one, report on
the other.

RealTime QA questions are asked as of their own date (`Filters(as_of=date)`, what a user asking on
that day gets: "this week" is that week, newer articles are not yet known); the off-domain ones
as of the newest indexed article. For each covered question: recall@5/@10 and MRR@10 of the dense
and the BM25 ranking alone and of RRF fusion, each plain (gate off, no title or time prior), of
the product's ranking (gate off), and of `ask`'s own citations; whether the reply text holds the
answer string (date labels and [n] markers removed first); declines. A sweep of
`retrieval.min_confidence` gives the trade-off between declining covered and newer/off-domain
questions. The report replaces the block between this module's markers in BENCHMARKS.md; a JSON
file (ids and numbers only, no dataset text) goes to `benchmarks/results/`.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

for _key, _value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                     ("TOKENIZERS_PARALLELISM", "false")):
    os.environ.setdefault(_key, _value)

import numpy as np  # noqa: E402

from benchmarks.run import (  # noqa: E402
    DEFAULT_DATASET,
    RESULTS_DIR,
    load_dataset,
    norm,
    replace_section,
    write_jsonl,
)
from benchmarks.vector_cache import DEFAULT_CACHE, CachedEmbedder  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
OFF_DOMAIN = REPO / "benchmarks" / "offdomain.txt"
OFF_HELDOUT = REPO / "benchmarks" / "offdomain_heldout.txt"
OFF_HELDOUT2 = REPO / "benchmarks" / "offdomain_heldout2.txt"
OFF_HELDOUT3 = REPO / "benchmarks" / "offdomain_heldout3.txt"
UNCOVERED = REPO / "benchmarks" / "uncovered.txt"
SHORT = REPO / "benchmarks" / "short.txt"
MARK_BEGIN = "<!-- benchmarks.quality: generated figures begin (replaced by every run) -->"
MARK_END = "<!-- benchmarks.quality: generated figures end -->"
TOP = 10
RANKINGS = ("dense", "bm25", "fused_plain", "fused", "ask")
KINDS = ("covered", "newer", "newer_plain", "off_domain", "off_heldout", "off_heldout2",
         "off_heldout3", "uncovered", "short")
CONFIDENCE_GRID = (0.0, 0.1, 0.15, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.32, 0.35, 0.4, 0.5)
_LABEL = re.compile(r"\(\d{1,2} [A-Z][a-z]+ \d{4}\) |\s?\[\d+\]")


def reply_text(text: str) -> str:
    """The quoted words of a reply: date labels and citation markers removed."""
    return _LABEL.sub(" ", text)


def off_domain_questions(path: Path = OFF_DOMAIN) -> list[str]:
    lines = path.read_text("utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def _pairs(path: Path) -> list[tuple[str, str]]:
    """(question, answer) of each `question | answer` line."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            question, _, ans = line.partition("|")
            out.append((question.strip(), ans.strip()))
    return out


def uncovered_questions(texts: Sequence[str]) -> list[str]:
    """The questions of `uncovered.txt` whose answer string occurs in none of these (normalised)
    article texts: an index of them cannot answer. An empty answer: an invented event."""
    return [q for q, a in _pairs(UNCOVERED) if not a or not any(norm(a) in t for t in texts)]


def short_questions(texts: Sequence[str]) -> list[dict[str, Any]]:
    """The questions of `short.txt` whose answer string occurs in some of these article texts."""
    return [{"id": f"short-{i}", "question": q, "answer": a, "date": None}
            for i, (q, a) in enumerate(_pairs(SHORT)) if any(norm(a) in t for t in texts)]


def build_index(articles: Sequence[dict[str, Any]], work: Path, embedder: Any,
                config: Path = REPO / "config.yaml") -> Any:
    """An Engine over these articles in `work`, reused when it already holds exactly them."""
    from retrieval.config import load_config
    from retrieval.engine import Engine

    settings = load_config(config).with_index_dir(str(work / "index"))
    ids = sorted(a["id"] for a in articles)
    key = hashlib.sha1("\n".join([repr(settings.chunking), *ids]).encode()).hexdigest()
    work.mkdir(parents=True, exist_ok=True)
    stamp = work / "articles.sha1"
    fresh = not (stamp.exists() and stamp.read_text() == key)
    if fresh:  # other articles, or other chunking: start from an empty index
        shutil.rmtree(work / "index", ignore_errors=True)
    engine = Engine(settings, embedder=embedder)
    if fresh:
        src = work / "articles.jsonl"
        write_jsonl(src, articles)
        engine.index([src])
        src.unlink()
        stamp.write_text(key)
    return engine


def _first(flags: Sequence[bool]) -> int | None:
    return next((i + 1 for i, f in enumerate(flags) if f), None)


def rank_record(flags: Sequence[bool]) -> dict[str, Any]:
    return {"at5": any(flags[:5]), "at10": any(flags[:10]), "first": _first(flags[:10])}


def evaluate(engine: Any, covered: Sequence[dict[str, Any]], newer: Sequence[dict[str, Any]],
             off: Sequence[str], uncovered: Sequence[str], log: Any,
             short: Sequence[dict[str, Any]] = (),
             held_out: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """`held_out`: more off-domain question sets by kind (`off_heldout`, `off_heldout2`)."""
    from retrieval.answer import TIME_NOTES, plain_question, retrieve, search
    from retrieval.models import Filters

    snap = engine.snapshot()
    emb = engine.embedder
    rs = engine.settings.retrieval
    relaxed = dataclasses.replace(rs, min_similarity=-1.0, min_lexical=0.0, min_coverage=0.0)
    plain = dataclasses.replace(relaxed, title_weight=0.0, recency_weight=0.0, time_filters=False)
    variants = {
        "dense": dataclasses.replace(plain, lexical_weight=0.0),
        "bm25": dataclasses.replace(plain, dense_weight=0.0),
        "fused_plain": plain,
        "fused": relaxed,
    }
    ask_settings = dataclasses.replace(rs, min_confidence=0.0)
    records: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    items = ([("covered", q["question"], q["answer"], q["date"], q["id"]) for q in covered]
             + [("newer", q["question"], q["answer"], q["date"], q["id"]) for q in newer]
             # the same asked with no date: as of the newest indexed article, as a user asks
             + [("newer_plain", q["question"], q["answer"], None, q["id"]) for q in newer]
             + [("off_domain", q, None, None, f"off-{i}") for i, q in enumerate(off)]
             + [(kind, q, None, None, f"{kind}-{i}") for kind, qs in (held_out or {}).items()
                for i, q in enumerate(qs)]
             + [("uncovered", q, None, None, f"unc-{i}") for i, q in enumerate(uncovered)]
             + [("short", q["question"], q["answer"], None, q["id"]) for q in short])
    t0 = time.perf_counter()
    for n, (kind, question, ans, date, qid) in enumerate(items):
        question = plain_question(question)  # as `ask` reads it (markup pasted from a page)
        filters = Filters(as_of=date)
        qvec = emb.embed([question])[0]
        rec: dict[str, Any] = {"id": qid}
        if kind == "covered":
            a = norm(ans)
            for mode, s in variants.items():
                hits = search(snap, emb, question, TOP, filters, s, qvec=qvec)
                if mode in ("dense", "bm25"):
                    hits = [h for h in hits if h.fused > 0]
                rec[mode] = rank_record([a in norm(h.text) for h in hits])
        # floor -inf: the passages closest in meaning stand in when none passes the relevance
        # gate, as `ask` does at any floor the confidence reaches (so the sweep below is exact)
        found = retrieve(snap, emb, question, rs.k, filters, ask_settings, qvec=qvec,
                         floor=float("-inf"))
        rec["confidence"] = found.confidence if found.hits else None
        t = time.perf_counter()
        reply = engine.ask(question, filters=filters)
        rec["ask_ms"] = 1000 * (time.perf_counter() - t)
        rec["declined"] = reply.no_answer
        rec["as_of_caveat"] = reply.text.startswith(TIME_NOTES)
        rec["citations"] = len(reply.citations)
        if kind == "short":
            rec["in_reply"] = (not reply.no_answer) and norm(ans) in norm(reply_text(reply.text))
        if kind == "covered":
            a = norm(ans)
            rec["ask"] = rank_record([a in norm(c.text) for c in reply.citations])
            rec["in_reply"] = (not reply.no_answer) and a in norm(reply_text(reply.text))
            rec["in_cited"] = any(a in norm(c.text) for c in reply.citations)
            rec["in_cited_or_more"] = any(a in norm(c.text)
                                          for c in (*reply.citations, *reply.more))
        records[kind].append(rec)
        if (n + 1) % 50 == 0:
            log(f"{n + 1}/{len(items)} questions, {time.perf_counter() - t0:.0f} s")
    return records


def _mean(xs: Sequence[Any]) -> float | None:
    return float(np.mean(xs)) if len(xs) else None


def ranking_table(cov: Sequence[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    table = {}
    for mode in RANKINGS:
        rs = [r[mode] for r in cov]
        table[mode] = {
            "recall@5": _mean([r["at5"] for r in rs]),
            "recall@10": _mean([r["at10"] for r in rs]),
            "mrr@10": _mean([1 / r["first"] if r["first"] else 0.0 for r in rs]),
        }
    return table


def halves(cov: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The covered questions split in two by position (even, odd), with the figures that matter
    on each: tune on one half, report the other."""
    out = {}
    for name, part in (("even", cov[0::2]), ("odd", cov[1::2])):
        out[name] = {"n": len(part), "ranking": ranking_table(part),
                     **{key: _mean([r[key] for r in part])
                        for key in ("in_reply", "in_cited", "declined")}}
    return out


def summarize(records: dict[str, list[dict[str, Any]]], configured: float) -> dict[str, Any]:
    records = {k: records.get(k, []) for k in KINDS}
    cov = records["covered"]
    out: dict[str, Any] = {"n": {k: len(v) for k, v in records.items()}}
    out["ranking"] = ranking_table(cov)
    out["halves"] = halves(cov)
    out["citations_per_reply"] = float(np.mean([r["citations"] for r in cov])) if cov else None
    for key in ("in_reply", "in_cited", "in_cited_or_more", "declined"):
        out[key] = float(np.mean([r[key] for r in cov])) if cov else None
    out["declined_newer"] = (float(np.mean([r["declined"] for r in records["newer"]]))
                             if records["newer"] else None)
    out["declined_or_caveat_newer"] = (
        float(np.mean([r["declined"] or r["as_of_caveat"] for r in records["newer"]]))
        if records["newer"] else None)
    plain = records["newer_plain"]
    out["declined_newer_plain"] = _mean([r["declined"] for r in plain])
    out["declined_or_caveat_newer_plain"] = _mean([r["declined"] or r["as_of_caveat"]
                                                   for r in plain])
    out["caveat_covered"] = _mean([r["as_of_caveat"] and not r["declined"] for r in cov])
    out["declined_off_domain"] = _mean([r["declined"] for r in records["off_domain"]])
    out["declined_off_heldout"] = _mean([r["declined"] for r in records["off_heldout"]])
    out["declined_off_heldout2"] = _mean([r["declined"] for r in records["off_heldout2"]])
    out["declined_off_heldout3"] = _mean([r["declined"] for r in records["off_heldout3"]])
    out["declined_uncovered"] = _mean([r["declined"] for r in records["uncovered"]])
    out["declined_short"] = _mean([r["declined"] for r in records["short"]])
    out["in_reply_short"] = _mean([r["in_reply"] for r in records["short"]])
    ms = [r["ask_ms"] for v in records.values() for r in v]
    out["ask_ms_p50"] = float(np.percentile(ms, 50)) if ms else None
    out["ask_ms_p95"] = float(np.percentile(ms, 95)) if ms else None
    curve = []
    for t in sorted({*CONFIDENCE_GRID, configured}):
        row: dict[str, Any] = {"min_confidence": t}
        for kind, rs in records.items():
            if not rs:
                continue
            row[kind] = float(np.mean([r["confidence"] is None or r["confidence"] < t
                                       for r in rs]))
        if cov:
            row["covered_in_reply"] = float(np.mean(
                [r["in_reply"] and r["confidence"] is not None and r["confidence"] >= t
                 for r in cov]))
        curve.append(row)
    out["curve"] = curve
    return out


def _f(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _p(x: Any) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def render(res: dict[str, Any], command: str) -> str:
    s = res["summary"]
    n = s["n"]
    lines = [
        f"Run of `{command}` on {res['started'][:10]}: {res['articles']:,} articles "
        f"({res['passages']:,} passages, newest {res['newest']}); covered questions "
        f"{n['covered']}, newer-than-index {n['newer']}, off-domain {n['off_domain']} "
        f"(+ {n['off_heldout']}, {n['off_heldout2']} and {n['off_heldout3']} held out), "
        f"uncovered {n['uncovered']}, short {n['short']}; "
        f"{res['seconds']:.0f} s. Vectors: the real model's, through the cache "
        f"({res['cache_hits']:,} cached, {res['cache_misses']:,} embedded in this run).",
        "",
        f"Covered questions (n = {n['covered']}), asked as of their own date:",
        "",
        "| ranking | recall@5 | recall@10 | MRR@10 |",
        "|---|---:|---:|---:|",
    ]
    labels = {
        "dense": "dense only (FAISS), plain",
        "bm25": "BM25 only, plain",
        "fused_plain": "RRF fusion, plain (no title or time prior)",
        "fused": "newsqa ranking: fusion + title + time (gate off)",
        "ask": f"`ask` citations only ({_f(s['citations_per_reply'])} per reply)",
    }
    for mode, label in labels.items():
        r = s["ranking"][mode]
        lines.append(f"| {label} | {_f(r['recall@5'])} | {_f(r['recall@10'])} | "
                     f"{_f(r['mrr@10'])} |")
    lines += [
        "",
        f"- Reply text holds the answer string: **{_p(s['in_reply'])}** of covered questions "
        f"(a cited passage holds it for {_p(s['in_cited'])}, a cited or further listed one for "
        f"{_p(s['in_cited_or_more'])}).",
        f"- Covered questions declined: **{_p(s['declined'])}**; newer-than-index declined: "
        f"**{_p(s['declined_newer'])}** (declined or answered under \"Nothing indexed after "
        f"DATE\" or another note that nothing recent was found: "
        f"{_p(s['declined_or_caveat_newer'])}; asked with no date, as of the newest "
        f"article: declined {_p(s.get('declined_newer_plain'))}, declined or under a note that "
        f"nothing recent was found {_p(s.get('declined_or_caveat_newer_plain'))}); off-domain "
        f"declined: "
        f"**{_p(s['declined_off_domain'])}** (`offdomain.txt`), held-out off-domain declined: "
        f"**{_p(s['declined_off_heldout'])}** (`offdomain_heldout.txt`), "
        f"**{_p(s['declined_off_heldout2'])}** (`offdomain_heldout2.txt`), "
        f"**{_p(s['declined_off_heldout3'])}** (`offdomain_heldout3.txt`); uncovered declined: "
        f"**{_p(s['declined_uncovered'])}** (`uncovered.txt`, harder: news-style wording, "
        f"real names).",
        f"- Covered questions answered under such a note (only older articles found, or "
        f"nothing in the window asked about): {_p(s.get('caveat_covered'))}.",
        f"- Short chat-style questions (`short.txt`, answer in some indexed article): declined "
        f"**{_p(s['declined_short'])}**, answer in the reply {_p(s['in_reply_short'])}.",
        f"- `Engine.ask` over all questions: p50 {s['ask_ms_p50']:.1f} ms, p95 "
        f"{s['ask_ms_p95']:.1f} ms (warm, query encoding included).",
        "",
        "The covered questions in two halves by position (tune on one, report the other; the "
        "gap between them is the noise of a half):",
        "",
        "| half | n | dense r@5 | BM25 r@5 | fused r@5 | newsqa r@5 | answer in reply | "
        "in cited | declined |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[f"| {name} | {h['n']} | "
          + " | ".join(_f(h["ranking"][m]["recall@5"]) for m in ("dense", "bm25", "fused_plain",
                                                                  "fused"))
          + f" | {_p(h['in_reply'])} | {_p(h['in_cited'])} | {_p(h['declined'])} |"
          for name, h in s["halves"].items()],
        "",
        f"Decline threshold sweep (`retrieval.min_confidence`, configured "
        f"{res['min_confidence']}; a reply is declined when the time window leaves nothing or "
        f"no passage is close in meaning (`min_similarity`), or when the confidence (mean cosine "
        f"of the 3 closest passages - 0.5 x the question's closeness to unrelated questions, "
        f"`retrieval.answer.confidence`) is below the threshold):",
        "",
        "| min_confidence | covered declined | covered: answer in reply | newer declined | "
        "off-domain declined | held-out off-domain | second held-out | third held-out | "
        "uncovered declined | short declined |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in s["curve"]:
        mark = "**" if row["min_confidence"] == res["min_confidence"] else ""
        lines.append(f"| {mark}{row['min_confidence']}{mark} | {_p(row.get('covered'))} | "
                     f"{_p(row.get('covered_in_reply'))} | {_p(row.get('newer'))} | "
                     f"{_p(row.get('off_domain'))} | {_p(row.get('off_heldout'))} | "
                     f"{_p(row.get('off_heldout2'))} | {_p(row.get('off_heldout3'))} | "
                     f"{_p(row.get('uncovered'))} | "
                     f"{_p(row.get('short'))} |")
    return "\n".join(lines) + "\n"


def write_markdown(path: Path, body: str) -> None:
    replace_section(path, body, MARK_BEGIN, MARK_END, "## Answer quality\n\n")


def main(argv: Sequence[str] | None = None) -> int:
    from retrieval.config import ModelSettings
    from retrieval.embedding import SentenceTransformerEmbedder, fingerprint

    p = argparse.ArgumentParser(prog="python -m benchmarks.quality",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    p.add_argument("--questions", type=int, default=150,
                   help="index the search results of N questions (default 150; 622: all of "
                        "them, 4,209 articles)")
    p.add_argument("--first", type=int, default=0, metavar="I",
                   help="those N questions start at question I (default 0; 150 gives a "
                        "held-out subset the weights were not chosen on)")
    p.add_argument("--all", action="store_true",
                   help="index the whole corpus; every question is then a covered one")
    p.add_argument("--articles", type=int, metavar="N",
                   help="only the first N of those articles (a quick look; covered questions "
                        "are then the ones whose answer occurs in them)")
    p.add_argument("--newer", type=int, metavar="N", help="ask only the first N newer questions")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    p.add_argument("--config", type=Path, default=REPO / "config.yaml",
                   help="the settings to index and answer with (default: the project's); an "
                        "index built with other chunking is rebuilt, so give such a config a "
                        "--work-dir of its own to keep both")
    p.add_argument("--work-dir", type=Path, default=Path("/tmp/newsqa-quality"),
                   help="where the index is built and kept for the next run")
    p.add_argument("--out", default=str(REPO / "BENCHMARKS.md"),
                   help="markdown file to update between the markers; - for stdout only")
    args = p.parse_args(argv)
    command = " ".join(["python -m benchmarks.quality", *(sys.argv[1:] if argv is None
                                                          else argv)])
    t0 = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)

    articles, questions = load_dataset(args.dataset)
    known = {a["id"] for a in articles}
    if args.all:
        chosen = list(articles)
        asked = questions
    else:
        asked = questions[args.first:args.first + args.questions]
        wanted = {i for q in asked for i in q.get("search_results") or ()}
        chosen = [a for a in articles if a["id"] in wanted & known]
        if args.articles:
            chosen = chosen[:args.articles]
    emb = CachedEmbedder(lambda: SentenceTransformerEmbedder(ModelSettings()), args.cache,
                         fingerprint=fingerprint(ModelSettings()))
    work = args.work_dir / ("all" if args.all else (f"f{args.first}-" if args.first else "")
                            + f"q{args.questions}"
                            + (f"-a{args.articles}" if args.articles else ""))
    log(f"indexing {len(chosen)} articles in {work} (through the vector cache)")
    engine = build_index(chosen, work, emb, args.config)
    snap = engine.snapshot()
    from retrieval.answer import newest_date

    newest = newest_date(snap)
    texts = [norm(a.text) for a in snap.articles.values()]
    indexed = set(snap.articles)
    if args.articles:  # a partial subset: only questions whose own search results hold it
        covered = [q for q in asked if any(
            norm(q["answer"]) in norm(snap.articles[i].text)
            for i in indexed & set(q.get("search_results") or ()))]
    else:
        covered = [q for q in asked if any(norm(q["answer"]) in t for t in texts)]
    newer = [q for q in questions if newest and q["date"] > newest
             and not indexed & set(q.get("search_results") or ())]
    newer = newer[:args.newer] if args.newer else newer
    uncovered = uncovered_questions(texts)
    log(f"{len(covered)} covered, {len(newer)} newer, {len(uncovered)} uncovered, newest "
        f"indexed {newest}")
    started = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    short = short_questions(texts)
    records = evaluate(engine, covered, newer, off_domain_questions(), uncovered, log, short,
                       {"off_heldout": off_domain_questions(OFF_HELDOUT),
                        "off_heldout2": off_domain_questions(OFF_HELDOUT2),
                        "off_heldout3": off_domain_questions(OFF_HELDOUT3)})
    summary = summarize(records, engine.settings.retrieval.min_confidence)
    res = {
        "started": started, "articles": len(snap.articles), "passages": snap.size,
        "newest": newest, "seconds": time.perf_counter() - t0,
        "cache_hits": emb.hits, "cache_misses": emb.misses,
        "min_confidence": engine.settings.retrieval.min_confidence,
        "settings": dataclasses.asdict(engine.settings.retrieval),
        "summary": summary, "per_question": records,
    }
    md = render(res, command)
    print(md)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out_json = RESULTS_DIR / f"quality-{started.replace(':', '').replace('-', '')}.json"
    out_json.write_text(json.dumps(res, indent=1), "utf-8")
    if args.out != "-":
        write_markdown(Path(args.out), md)
    log(f"wrote {out_json}" + ("" if args.out == "-" else f" and {args.out}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
