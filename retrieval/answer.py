"""From a question to a cited, chat-style answer.

Retrieval fuses the dense (FAISS) and the lexical (BM25) rankings with reciprocal rank fusion,
weighs in the article's title and its date against the question's time (see timeframe.py: "this
week" is read against the stated date or the newest indexed article), keeps only passages that are
plausibly about the question, at most `max_per_article` per article, and collapses near-duplicates
(the same paragraph twice, or one wire story carried by several outlets) into one result listing
every outlet. The answer is extractive: the sentences of the best passages most likely to hold the
answer, chosen without a model call, verbatim, dated, each group followed by the number of its
article (one article is one source). A question whose time is newer than the index, or that no
passage is about, is declined with the newest indexed date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .chunking import Span as _Span
from .chunking import split_sentences
from .config import RetrievalSettings
from .embedding import Embedder
from .index import Scope, Snapshot
from .lexical import query_terms, tokenize
from .models import Answer, Article, Chunk, Citation, Filters, SourceRef
from .timeframe import TimeFrame, read_time

_FOLLOW_UP = re.compile(
    r"^\s*(and|also|what about|how about|but|so)\b|\b(he|she|they|him|her|them|his|their|it|"
    r"that|this|those|these)\b",
    re.I,
)
NO_ANSWER = "I couldn't find anything about that in the indexed articles."


@dataclass(frozen=True)
class Hit:
    row: int
    article_id: str
    start: int
    end: int
    text: str
    fused: float
    cosine: float
    coverage: float
    also_in: tuple[str, ...] = ()
    title: float = 0.0  # share of the question's rare-word weight in its article's title


def scope_of(filters: Filters, window: tuple[str | None, str | None] = (None, None)) -> Scope:
    """What a search may return: the date and outlet filters, and the question's `window` (an
    undated article passes the window)."""
    lo, hi = window
    return Scope(since=filters.since, until=filters.until, lo=lo, hi=hi, source=filters.source)


@dataclass(frozen=True)
class When:
    """The time a question is about: its reference date and what it says about time."""

    today: dt.date | None  # the stated date, else the newest indexed article's; None: undated
    frame: TimeFrame
    newest: str | None  # newest indexed article (ISO)

    @property
    def after_index(self) -> bool:
        """The question's window starts after the newest indexed article: nothing can say."""
        return bool(self.frame.since and self.newest and self.frame.since.isoformat()
                    > self.newest)


def when(snapshot: Snapshot, query: str, filters: Filters, settings: RetrievalSettings) -> When:
    newest = newest_date(snapshot)
    ref = filters.as_of or newest
    today = dt.date.fromisoformat(ref) if ref else None
    frame = read_time(query, today) if today and settings.time_filters else TimeFrame("")
    return When(today, frame, newest)


def _window(filters: Filters, w: When, settings: RetrievalSettings
            ) -> tuple[str | None, str | None]:
    """The dates an article may have: the question's window (unless it is only a prior), up to
    the stated date. (An undated article cannot be placed in time and is not excluded by it.)"""
    since = w.frame.since.isoformat() if w.frame.since and not settings.outside_window else None
    return since, filters.as_of


_SHINGLE_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Word 3-grams, lower-cased: enough to tell copies of one text apart from other texts, and
    cheap (no folding: one regex pass per passage, and a reply reads a hundred passages)."""
    words = _SHINGLE_WORD.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _topic_terms(query: str, frame: TimeFrame) -> list[str]:
    """The question's words that carry its topic: its time expression is a filter, not words
    a passage must contain."""
    if frame.phrase and not frame.recency:
        query = query.replace(frame.phrase, " ")
    return query_terms(query)


def _age_days(date: str | None, today: dt.date | None) -> float | None:
    if not date or today is None:
        return None
    return max(0.0, float((today - dt.date.fromisoformat(date)).days))


@dataclass(frozen=True)
class Retrieved:
    """The hits of a search and how surely anything indexed is about the question."""

    hits: list[Hit]
    confidence: float = 0.0


def search(snapshot: Snapshot, embedder: Embedder, query: str, k: int, filters: Filters,
           settings: RetrievalSettings, qvec: np.ndarray | None = None,
           w: When | None = None) -> list[Hit]:
    """The best `k` distinct passages that are about the query (possibly none). `w`: the
    question's time, if already read."""
    return retrieve(snapshot, embedder, query, k, filters, settings, qvec, w).hits


def retrieve(
    snapshot: Snapshot,
    embedder: Embedder,
    query: str,
    k: int,
    filters: Filters,
    settings: RetrievalSettings,
    qvec: np.ndarray | None = None,
    w: When | None = None,
    floor: float | None = None,
) -> Retrieved:
    """`search`, with the confidence that the index covers the question at all (see
    `confidence`). With a `floor` (see `decline_floor`) that the confidence reaches, a question
    no passage shares rare words with gets the passages closest to it in meaning."""
    if not snapshot.size:
        return Retrieved([])
    w = w or when(snapshot, query, filters, settings)
    if w.after_index:
        return Retrieved([])
    rows_allowed = snapshot.allowed_rows(scope_of(filters, _window(filters, w, settings)))
    if rows_allowed is not None and not len(rows_allowed):
        return Retrieved([])
    n_pool = snapshot.size if rows_allowed is None else len(rows_allowed)
    depth = min(settings.candidates, n_pool)
    if qvec is None:
        qvec = embedder.embed([query])[0]

    dense = snapshot.dense_search(qvec, depth, rows_allowed)
    dense_rank = [i for i, _ in dense]
    terms = _topic_terms(query, w.frame)
    lexical_rank = [i for i, _ in snapshot.lexical_search(terms, depth, rows_allowed)]
    fused = _fuse(((dense_rank, settings.dense_weight), (lexical_rank, settings.lexical_weight)),
                  settings.rrf_k)
    if not fused:
        return Retrieved([])
    if settings.feedback_passages and (settings.feedback_dense or settings.feedback_lexical):
        # Pseudo-relevance feedback: the best first-pass passages say what else the answer's
        # passage is likely to hold; a second ranking of each kind is fused in.
        top = sorted(fused, key=lambda r: -fused[r])[:settings.feedback_passages]
        extra = []
        if settings.feedback_dense:
            v = qvec + snapshot.passage_vectors(top).mean(axis=0)
            v = v / (np.linalg.norm(v) or 1.0)
            extra.append(([i for i, _ in snapshot.dense_search(v, depth, rows_allowed)],
                          settings.feedback_dense))
        if settings.feedback_lexical:
            more = _feedback_terms(snapshot, [snapshot.passage(r).text for r in top], terms)
            extra.append(([i for i, _ in snapshot.lexical_search([*terms, *more], depth,
                                                                  rows_allowed)],
                          settings.feedback_lexical))
        fused = _fuse(((dense_rank, settings.dense_weight),
                       (lexical_rank, settings.lexical_weight), *extra), settings.rrf_k)
    order = list(fused)
    cosines = snapshot.passage_vectors(order) @ qvec
    coverage = snapshot.coverage(terms, order)
    passages = [snapshot.passage(int(r)) for r in order]
    titles = _title_coverage(snapshot, terms, [p.article_id for p in passages])
    prefer_new = w.frame.recency or w.frame.is_window
    score = {}
    for row, p, t_cov in zip(order, passages, titles, strict=True):
        s = fused[row] * (1.0 + settings.title_weight * t_cov)
        date = snapshot.articles[p.article_id].date
        if settings.outside_window and w.frame.since and date and date < w.frame.since.isoformat():
            s *= settings.outside_window
        age = _age_days(date, w.today)
        if age is not None and settings.recency_weight:
            days = settings.recency_days / (4.0 if prefer_new else 1.0)
            s *= 1.0 + settings.recency_weight * float(np.exp(-age / days))
        score[row] = s
    sure = confidence([float(c) for _, c in dense[:CONFIDENCE_TOP]],
                      unrelated_closeness(embedder, qvec))

    hits = _select(snapshot, settings, k, order, passages, cosines, coverage, titles, score,
                   loose=False)
    if not hits and floor is not None and sure >= floor:
        # The index comes close to the question, but no passage shares its rare words: the
        # passages closest in meaning are the best it has (a question worded unlike the news).
        hits = _select(snapshot, settings, k, order, passages, cosines, coverage, titles, score,
                       loose=True)
    return Retrieved(hits, sure)


def _select(snapshot: Snapshot, settings: RetrievalSettings, k: int, order: list[int],
            passages: list[Chunk], cosines: np.ndarray, coverage: np.ndarray,
            titles: list[float], score: dict[int, float], *, loose: bool) -> list[Hit]:
    """The best `k` distinct passages of the ranking that are about the question (`loose`: close
    in meaning alone), at most `max_per_article` per article, near-duplicates merged."""
    ranked = sorted(range(len(order)), key=lambda i: -score[order[i]])
    hits: list[Hit] = []
    shingles: list[set[tuple[str, ...]]] = []
    heads: list[str] = []  # each hit's headline
    per_article: dict[str, int] = {}
    for i in ranked:
        row, p, cos, cov = order[i], passages[i], float(cosines[i]), float(coverage[i])
        # About the question: close in meaning and sharing some of its rare words, or sharing
        # most of them (names), or very close in meaning alone. Never padding.
        relevant = (
            (loose and cos >= settings.min_similarity)
            or (cos >= settings.min_similarity and cov >= settings.min_coverage)
            or (cov >= settings.min_lexical and cos >= settings.min_similarity * 0.6)
            or cos >= settings.min_similarity + 0.15
        )
        if not relevant:
            continue
        sh = _shingles(p.text)
        dup_of = next(
            (j for j, other in enumerate(shingles)
             if _containment(sh, other) >= settings.duplicate_similarity),
            None,
        )
        headline = _headline(snapshot.articles[p.article_id].title)
        if dup_of is None and headline:
            # The same story under the same headline from another outlet, reworded in places.
            dup_of = next((j for j, h in enumerate(hits) if h.article_id != p.article_id
                           and heads[j] == headline), None)
        if dup_of is not None:
            h = hits[dup_of]
            if p.article_id != h.article_id and p.article_id not in h.also_in:
                hits[dup_of] = replace(h, also_in=(*h.also_in, p.article_id))
            continue
        if per_article.get(p.article_id, 0) >= settings.max_per_article:
            continue
        if len(hits) < k:
            per_article[p.article_id] = per_article.get(p.article_id, 0) + 1
            hits.append(Hit(int(row), p.article_id, p.start, p.end, p.text, score[row],
                            cos, cov, title=titles[i]))
            shingles.append(sh)
            heads.append(headline)
    return hits


def _fuse(rankings: Sequence[tuple[Sequence[int], float]], rrf_k: int) -> dict[int, float]:
    """Reciprocal rank fusion: each ranking adds weight / (rrf_k + rank) to its passages."""
    fused: dict[int, float] = {}
    for rank_list, weight in rankings:
        if weight:
            for rank, row in enumerate(rank_list):
                fused[row] = fused.get(row, 0.0) + weight / (rrf_k + rank + 1)
    return fused


def _feedback_terms(snapshot: Snapshot, texts: Sequence[str], terms: Sequence[str],
                    n: int = 5) -> list[str]:
    """The `n` words the feedback passages share most, weighted by rarity (not the question's
    own words, not stopwords): what a passage about the same thing is likely to hold."""
    known = set(terms)
    counts: dict[str, int] = {}
    for text in texts:
        for t in set(query_terms(text)):
            if t not in known and not t.isdigit():
                counts[t] = counts.get(t, 0) + 1
    scored = sorted(((c * snapshot.idf(t), t) for t, c in counts.items() if c > 1), reverse=True)
    return [t for _, t in scored[:n]]


@functools.lru_cache(maxsize=1 << 16)
def _title_words(title: str) -> tuple[str, ...]:
    """A title's tokens, remembered: a question looks at about a hundred candidates' titles,
    the same ones question after question (tokenizing them was a third of a search)."""
    return tuple(tokenize(title))


def _headline(title: str) -> str:
    """A title as a story key: its words, when there are enough of them to identify a story."""
    words = _title_words(title)
    return " ".join(words) if len(words) >= 6 else ""


def _title_coverage(snapshot: Snapshot, terms: Sequence[str],
                    article_ids: Sequence[str]) -> list[float]:
    """Share of the terms' idf weight each passage's article title holds (0..1)."""
    weights = {t: snapshot.idf(t) for t in terms}
    total = sum(weights.values())
    if not total:
        return [0.0] * len(article_ids)
    cache: dict[str, float] = {}
    out = []
    for aid in article_ids:
        if aid not in cache:
            words = set(_title_words(snapshot.articles[aid].title))
            cache[aid] = sum(v for t, v in weights.items() if t in words) / total
        out.append(cache[aid])
    return out


CONFIDENCE_TOP = 3  # passages whose mean cosine says how close the index comes to a question
UNRELATED_WEIGHT = 0.5  # weight of the question's closeness to questions about nothing news holds


def confidence(top_cosines: Sequence[float], unrelated: float) -> float:
    """How surely the index covers a question: the mean cosine of the `CONFIDENCE_TOP` passages
    closest to it in meaning (of all that its time and filters allow), less half of how close the
    question itself comes to questions about nothing news holds (`unrelated_closeness`). A large
    index has some passage near anything (a conclave story's "Sistine Chapel" near a question
    about its ceiling); what such a question is nearest to is a trivia or how-to question. Shared
    rare words were dropped from the signal: they helped on the questions it was chosen on and
    hurt on held-out ones. Chosen on the benchmark's own question sets, see BENCHMARKS.md
    "Answer quality"."""
    if not top_cosines:
        return -UNRELATED_WEIGHT * unrelated
    return float(np.mean(top_cosines)) - UNRELATED_WEIGHT * unrelated


_TAG = re.compile(r"</?(a|abbr|b|blockquote|br|cite|code|div|em|h[1-6]|i|img|li|mark|ol|p|q|s|"
                  r"small|span|strong|sub|sup|time|u|ul)(?:\s[^<>]{0,2000})?/?>", re.I)
_BLOCK = {"blockquote", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "p", "ul"}
_MD_LINK = re.compile(r"\[([^\[\]]{1,500})\]\((?:https?://|www\.)[^()\s]{1,2000}\)")


def plain_question(question: str) -> str:
    """A question as words: markup pasted with it (HTML tags and entities, Markdown links) reduced
    to the text a reader sees, whitespace collapsed. A question copied from a web page keeps
    a link's words ("Dubai"), not its attributes (URLs and tracking ids the search would chase)."""
    text = question
    if "<" in text:  # a line break or a paragraph parts words; a link or emphasis does not
        text = _TAG.sub(lambda m: " " if m[1].lower() in _BLOCK else "", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def contextualize(question: str, history: Sequence[str]) -> str:
    """A follow-up ("and what about Lavrov?") carries the previous question along."""
    if not history:
        return question
    if len(query_terms(question)) <= 2 or _FOLLOW_UP.search(question):
        return f"{question} ({history[-1]})"
    return question


def human_date(iso: str | None) -> str | None:
    if not iso:
        return None
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def _ref(a: Article) -> SourceRef:
    return SourceRef(a.id, a.title, a.source, a.date, a.url)


def citation(n: int, a: Article, start: int, end: int, score: float,
             also_in: Sequence[Article] = ()) -> Citation:
    return Citation(
        n=n, article_id=a.id, title=a.title, source=a.source, date=a.date, url=a.url,
        path=a.path, start=start, end=end, text=a.text[start:end], score=score,
        also_in=tuple(_ref(x) for x in also_in),
    )


_UNRELATED = tuple(
    line.strip() for line in
    (Path(__file__).parent / "data" / "unrelated_questions.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#"))
_PROBES: dict[str, np.ndarray] = {}  # weights' fingerprint -> the unrelated questions' vectors
_BACKGROUND: weakref.WeakKeyDictionary[Snapshot, float] = weakref.WeakKeyDictionary()


def _unrelated_vectors(embedder: Embedder) -> np.ndarray:
    """The vectors of `data/unrelated_questions.txt`, embedded once per weights."""
    key = getattr(embedder, "fingerprint", None)  # the same weights give the same vectors
    probes = _PROBES.get(key) if key else None
    if probes is None:
        probes = np.asarray(embedder.embed(list(_UNRELATED)), dtype=np.float32)
        if key:
            _PROBES[key] = probes
    return probes


def unrelated_closeness(embedder: Embedder, qvec: np.ndarray) -> float:
    """The highest cosine between a question and the questions about nothing news holds (baking,
    knots, planets, a for loop: `data/unrelated_questions.txt`). One small product per question;
    the list is embedded once."""
    probes = _unrelated_vectors(embedder)
    return float((probes @ qvec).max()) if len(probes) else 0.0


def background_cosine(snapshot: Snapshot, embedder: Embedder) -> float:
    """How confident this index looks for questions about nothing news holds: the highest
    `confidence` any of `data/unrelated_questions.txt` reaches on it (each one's closeness to the
    others, not to itself). A large index has some passage near anything; five articles have none.
    Read once per snapshot."""
    with contextlib.suppress(KeyError, TypeError):
        return _BACKGROUND[snapshot]
    probes = _unrelated_vectors(embedder)
    near = probes @ probes.T
    np.fill_diagonal(near, -1.0)
    best = [confidence([float(c) for _, c in snapshot.dense_search(v, CONFIDENCE_TOP)],
                       float(near[i].max()) if len(probes) > 1 else 0.0)
            for i, v in enumerate(probes)]
    value = float(max(best, default=0.0))
    with contextlib.suppress(TypeError):
        _BACKGROUND[snapshot] = value
    return value


def decline_floor(snapshot: Snapshot, embedder: Embedder, settings: RetrievalSettings) -> float:
    """The confidence below which a question is declined: `min_confidence`, or on an index whose
    passages come close to nothing unrelated (a few articles), `confidence_margin` above what
    unrelated questions reach there, if that is lower (`confidence_margin: 0`: never lower)."""
    if not settings.min_confidence or not settings.confidence_margin:
        return settings.min_confidence
    return min(settings.min_confidence,
               background_cosine(snapshot, embedder) + settings.confidence_margin)


_NEWEST: weakref.WeakKeyDictionary[Snapshot, str | None] = weakref.WeakKeyDictionary()


def newest_date(snapshot: Snapshot) -> str | None:
    """The date of the newest indexed article; read once per snapshot (snapshots never change),
    not once per question."""
    with contextlib.suppress(KeyError, TypeError):  # TypeError: not weakly referenceable
        return _NEWEST[snapshot]
    newest = max((a.date for a in snapshot.articles.values() if a.date), default=None)
    with contextlib.suppress(TypeError):
        _NEWEST[snapshot] = newest
    return newest


_ASKS = (  # what a question asks for, by its wording: first match wins
    ("date", re.compile(r"\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|date|day|"
                        r"month)\b|\bhow long ago\b", re.I)),
    ("number", re.compile(r"\bhow (many|much|long|old|far|big|tall|large|high|fast)\b|\bwhat "
                          r"(percentage|percent|share|number|amount|age|price|sum|proportion|"
                          r"score|rate)\b|\bby how\b", re.I)),
    ("place", re.compile(r"\bwhere\b|\b(which|what) (\w+ )?(city|country|state|nation|region|"
                         r"island|continent|capital|province|county|town|island nation|"
                         r"territory|venue|location|place)\b", re.I)),
    ("person", re.compile(r"^\s*who\b|\bwho\b|\bwhose\b|\b(which|what) (\w+ )?(person|man|woman|"
                          r"actor|actress|singer|player|politician|president|leader|minister|"
                          r"senator|judge|ceo|star|athlete|rapper|artist|author|writer|director|"
                          r"official|candidate|pope|king|queen|prince|coach|musician|comedian)\b",
                          re.I)),
    ("name", re.compile(r"\b(which|what)\b|\bname\b", re.I)),
)
_MONTH_WORDS = ("january|february|march|april|may|june|july|august|september|october|november|"
                "december|monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_DATE_IN = re.compile(r"\b((19|20)\d\d|" + _MONTH_WORDS + r")\b", re.I)
_NUMBER_IN = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"dozen|hundred|thousand|million|billion|trillion|percent|half|third|"
                        r"quarter)\b", re.I)
_CAPS = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'\-]+(?:\s+(?:of\s+|de\s+)?[A-Z][\w’'\-]+)*")
_MIN_SENTENCE = 25
_PER_HIT = 2


def asks_for(question: str) -> str:
    """What a question asks for: date, number, place, person, name, or "" (an explanation)."""
    for kind, rx in _ASKS:
        if rx.search(question):
            return kind
    return ""


def _offers(kind: str, sentence: str, question_words: set[str]) -> float:
    """Whether a sentence holds something of the kind asked for that the question does not
    already say (a new name, number or date): 1.0, or 0.0."""
    if not kind:
        return 0.0
    if kind == "date":
        return float(any(m[0].lower() not in question_words for m in _DATE_IN.finditer(sentence)))
    if kind == "number":
        return float(any(not set(tokenize(m[0])) <= question_words
                         for m in _NUMBER_IN.finditer(sentence)))
    names = [m[0] for m in _CAPS.finditer(sentence)]
    new = [n for n in names if not set(tokenize(n)) <= question_words]
    if kind == "person":
        return float(any(" " in n for n in new)) or 0.5 * float(bool(new))
    return float(bool(new))


def _date_label(iso: str | None) -> str:
    d = human_date(iso)
    return f"({d}) " if d else ""


def compose(
    question: str,
    hits: Sequence[Hit],
    snapshot: Snapshot,
    embedder: Embedder | None,
    qvec: np.ndarray | None,
    settings: RetrievalSettings,
) -> Answer:
    """Quote the sentences of the hits most likely to answer, dated and numbered by source.

    No model runs here: a sentence is scored by the idf weight of the question's words it holds,
    whether it offers what the question asks for (a name, a place, a number, a date that the
    question does not already contain), and its passage's rank and similarity. Passages of one
    article share one citation number."""
    as_of = newest_date(snapshot)
    if not hits:
        return Answer(question, decline_text(as_of), True, as_of=as_of)
    terms = query_terms(question)
    q_words = set(tokenize(question))
    kind = asks_for(question)
    weights = {t: snapshot.idf(t) for t in terms}
    total = sum(weights.values()) or 1.0
    candidates: list[tuple[int, int, int]] = []  # (hit index, start, end)
    scores: list[float] = []
    for h_i, h in enumerate(hits):
        text = snapshot.articles[h.article_id].text
        spans = [sp for sp in split_sentences(text, h.start, h.end)
                 if sp.end - sp.start >= _MIN_SENTENCE] or [_Span(h.start, h.end)]
        before = 0.0  # the previous sentence's overlap: an answer often follows its question
        for s_i, sp in enumerate(spans):
            sent = text[sp.start:sp.end]
            words = set(tokenize(sent))
            overlap = sum(v for t, v in weights.items() if t in words) / total
            offer = _offers(kind, sent, q_words)
            # weights chosen on the RealTime QA subset (benchmarks/quality.py, see BENCHMARKS.md)
            scores.append(overlap + 0.3 * before + 0.2 * offer + h.cosine - 0.1 * h_i
                          - 0.02 * min(s_i, 5))
            candidates.append((h_i, sp.start, sp.end))
            before = overlap
    score = np.array(scores)
    sent_texts = [snapshot.articles[hits[i].article_id].text[a:b] for i, a, b in candidates]
    best = float(score.max())
    chosen: list[int] = []
    per_hit: dict[int, int] = {}
    seen: list[set[tuple[str, ...]]] = []
    for j in np.argsort(-score, kind="stable"):
        if len(chosen) >= settings.answer_sentences or score[j] < best - 1.0:
            break
        h_i = candidates[j][0]
        if per_hit.get(h_i, 0) >= _PER_HIT:
            continue
        sh = _shingles(sent_texts[j])
        if any(_containment(sh, o) >= settings.duplicate_similarity for o in seen):
            continue
        chosen.append(int(j))
        seen.append(sh)
        per_hit[h_i] = per_hit.get(h_i, 0) + 1

    # One number per article: its passages share it, as one merged citation.
    numbers: dict[str, int] = {}
    for j in sorted(chosen, key=lambda j: candidates[j][0]):
        numbers.setdefault(hits[candidates[j][0]].article_id, len(numbers) + 1)
    chosen.sort(key=lambda j: (numbers[hits[candidates[j][0]].article_id], candidates[j][1]))
    parts: list[str] = []
    last: str | None = None
    for j in chosen:
        aid = hits[candidates[j][0]].article_id
        sentence = " ".join(sent_texts[j].split())
        if aid != last:
            if parts:
                parts[-1] += f" [{numbers[last]}]"  # type: ignore[index]
            sentence = _date_label(snapshot.articles[aid].date) + sentence
            last = aid
        parts.append(sentence)
    if parts and last is not None:
        parts[-1] += f" [{numbers[last]}]"

    groups: dict[str, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.article_id, []).append(h)

    def cite(n: int, aid: str) -> Citation:
        hs = groups[aid]
        art = snapshot.articles[aid]
        also = dict.fromkeys(x for h in hs for x in h.also_in if x != aid)
        return citation(n, art, min(h.start for h in hs), max(h.end for h in hs),
                        max(h.fused for h in hs), [snapshot.articles[x] for x in also])

    cited = sorted(numbers, key=numbers.__getitem__)
    rest = [aid for aid in groups if aid not in numbers]
    citations = tuple(cite(numbers[aid], aid) for aid in cited)
    more = tuple(cite(len(cited) + m + 1, aid) for m, aid in enumerate(rest))
    return Answer(question, " ".join(parts), False, citations, (), more, as_of)


def decline_text(newest: str | None) -> str:
    if newest:
        return f"I don't have articles about that (newest indexed: {human_date(newest)})."
    return NO_ANSWER


# How a reply opens when nothing indexed is recent enough for the question: asked after the
# newest article, nothing in the window asked about, or only older articles found.
_STALE = "Nothing indexed after"
_WINDOW = "Nothing indexed from"
_OLDER = "Found in older articles only"
TIME_NOTES = (_STALE, _WINDOW, _OLDER)


def answer(
    snapshot: Snapshot,
    embedder: Embedder,
    question: str,
    *,
    k: int,
    filters: Filters,
    settings: RetrievalSettings,
    history: Sequence[str] = (),
) -> Answer:
    from .attribution import answer_about_person, follow_up

    question = plain_question(question)
    history = [plain_question(h) for h in history]

    def own_search(query: str, n: int) -> list[Hit]:  # the person path's topic fallback
        return search(snapshot, embedder, query, n, filters, settings)

    asked = follow_up(question, history)  # "and Medvedev?" after "What did Lavrov say?"
    for q in (asked,) if asked else dict.fromkeys((question, contextualize(question, history))):
        wq = when(snapshot, q, filters, settings)
        if wq.after_index:
            break  # "What did X say today?" after the newest article: declined below
        q, scoped = _in_window(q, filters, wq)
        person = answer_about_person(q, snapshot, embedder.embed, k=k, filters=scoped,
                                     search=own_search)
        if person is not None:
            return replace(person, question=question, as_of=newest_date(snapshot))
    query = contextualize(question, history)
    qvec = embedder.embed([query])[0]
    w = when(snapshot, query, filters, settings)
    floor = decline_floor(snapshot, embedder, settings)
    found = retrieve(snapshot, embedder, query, k, filters, settings, qvec=qvec, w=w,
                     floor=floor if settings.min_confidence else None)
    hits = found.hits
    if found.confidence < floor:
        hits = []  # nothing indexed is close to the question: say so rather than quote
    ans = compose(question, hits, snapshot, embedder, qvec, settings)
    if not ans.no_answer and w.today and w.newest and (
            w.today - dt.date.fromisoformat(w.newest)).days > settings.stale_days:
        # Asked well after the newest article: what follows cannot be about anything newer.
        ans = replace(ans, text=f"{_STALE} {human_date(w.newest)} (asked as of "
                                f"{human_date(w.today.isoformat())}); from older articles:\n"
                                + ans.text)
    elif not ans.no_answer and w.frame.since and _all_before(ans.citations, w.frame.since):
        # "this week", "in March": the window kept nothing about it, only older articles came
        until = w.frame.until or w.today
        span = human_date(w.frame.since.isoformat())
        if until and until != w.frame.since:
            span = f"{span} to {human_date(until.isoformat())}"
        ans = replace(ans, text=f"{_WINDOW} {span} ({w.frame.phrase}) is about this; "
                                f"from older articles:\n" + ans.text)
    elif not ans.no_answer and w.today and settings.old_days:
        dates = [c.date for c in ans.citations if c.date]
        if dates and len(dates) == len(ans.citations):  # all dated (an undated one may be new)
            latest = max(dates)
            age = (w.today - dt.date.fromisoformat(latest)).days
            if age > settings.old_days:
                # Nothing recent found: what follows may be background, not the latest news.
                ref = (f"the date asked as of ({human_date(w.today.isoformat())})"
                       if filters.as_of else f"the newest indexed article ({human_date(w.newest)})")
                ans = replace(ans, text=f"{_OLDER}: the newest is from "
                                        f"{human_date(latest)}, {_span_words(age)} before "
                                        f"{ref}.\n" + ans.text)
    return ans


def _in_window(question: str, filters: Filters, w: When) -> tuple[str, Filters]:
    """A person question's time window ("What did X say about T last month?") as the dates its
    statements may have, and the question without those words (they are not the topic)."""
    if not w.frame.since or not w.frame.phrase:
        return question, filters
    since = max(d for d in (filters.since, w.frame.since.isoformat()) if d)
    ends = [d for d in (filters.until, w.frame.until.isoformat() if w.frame.until else None) if d]
    rest = re.sub(r"\s+([?.!,])", r"\1", " ".join(question.replace(w.frame.phrase, " ").split()))
    return rest, replace(filters, since=since, until=min(ends) if ends else None)


def _span_words(days: int) -> str:
    """A time span as a reader says it: days, then months, then years."""
    if days < 60:
        return f"{days} days"
    if days < 730:
        return f"{round(days / 30.44)} months"
    return f"{round(days / 365.25)} years"


def _all_before(citations: Sequence[Citation], since: dt.date) -> bool:
    """Whether the cited articles are all dated before `since` (an undated one cannot be placed,
    so it could be inside)."""
    return bool(citations) and all(c.date and c.date < since.isoformat() for c in citations)
