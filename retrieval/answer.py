"""From a question to a cited, chat-style answer.

Retrieval fuses the dense (FAISS) and the lexical (BM25) rankings with reciprocal rank fusion,
keeps only passages that are plausibly about the question, and collapses near-duplicates (the same
paragraph twice, or one wire story carried by several outlets) into one result listing every
outlet. The answer is extractive: the sentences of the best passages that are closest to the
question, verbatim, each followed by the number of its citation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .chunking import split_sentences
from .config import RetrievalSettings
from .embedding import Embedder
from .index import Snapshot
from .lexical import query_terms, tokenize
from .models import Answer, Article, Citation, Filters, SourceRef

_RECENCY = re.compile(
    r"\b(latest|newest|most recent|recent(ly)?|current(ly)?|now|today|this week|so far)\b", re.I
)
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


def allowed_articles(snapshot: Snapshot, filters: Filters) -> set[str] | None:
    """Article ids that pass the date and outlet filters; None when there are no filters."""
    if not (filters.since or filters.until or filters.source):
        return None
    out = set()
    want = (filters.source or "").lower()
    for a in snapshot.articles.values():
        if filters.since and (a.date is None or a.date < filters.since):
            continue
        if filters.until and (a.date is None or a.date > filters.until):
            continue
        if want and want not in (a.source or "").lower() and want not in (a.url or "").lower():
            continue
        out.add(a.id)
    return out


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = tokenize(text)
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def search(
    snapshot: Snapshot,
    embedder: Embedder,
    query: str,
    k: int,
    filters: Filters,
    settings: RetrievalSettings,
    qvec: np.ndarray | None = None,
) -> list[Hit]:
    """The best `k` distinct passages that are about the query (possibly none)."""
    if not snapshot.size:
        return []
    rows_allowed = snapshot.allowed_rows(allowed_articles(snapshot, filters))
    if rows_allowed is not None and not len(rows_allowed):
        return []
    n_pool = snapshot.size if rows_allowed is None else len(rows_allowed)
    depth = min(settings.candidates, n_pool)
    if qvec is None:
        qvec = embedder.embed([query])[0]

    dense_rank = [i for i, _ in snapshot.dense_search(qvec, depth, rows_allowed)]
    terms = query_terms(query)
    lexical_rank = [i for i, _ in snapshot.lexical_search(terms, depth, rows_allowed)]

    fused: dict[int, float] = {}
    for rank, row in enumerate(dense_rank):
        fused[row] = fused.get(row, 0.0) + settings.dense_weight / (settings.rrf_k + rank + 1)
    for rank, row in enumerate(lexical_rank):
        fused[row] = fused.get(row, 0.0) + settings.lexical_weight / (settings.rrf_k + rank + 1)
    order = sorted(fused, key=lambda r: -fused[r])
    if not order:
        return []
    cand = np.array(order, dtype=np.int64)
    cosines = snapshot.passage_vectors(order) @ qvec
    coverage = snapshot.coverage(terms, order)

    hits: list[Hit] = []
    shingles: list[set[tuple[str, ...]]] = []
    for row, cos, cov in zip(cand, cosines, coverage, strict=True):
        # About the question: close in meaning and sharing some of its rare words, or sharing
        # most of them (names), or very close in meaning alone. Never padding.
        relevant = (
            (cos >= settings.min_similarity and cov >= settings.min_coverage)
            or (cov >= settings.min_lexical and cos >= settings.min_similarity * 0.6)
            or cos >= settings.min_similarity + 0.15
        )
        if not relevant:
            continue
        p = snapshot.passage(int(row))
        sh = _shingles(p.text)
        dup_of = next(
            (j for j, other in enumerate(shingles)
             if _containment(sh, other) >= settings.duplicate_similarity),
            None,
        )
        if dup_of is not None:
            h = hits[dup_of]
            if p.article_id != h.article_id and p.article_id not in h.also_in:
                hits[dup_of] = Hit(h.row, h.article_id, h.start, h.end, h.text, h.fused,
                                   h.cosine, h.coverage, (*h.also_in, p.article_id))
            continue
        if len(hits) < k:
            hits.append(Hit(int(row), p.article_id, p.start, p.end, p.text, fused[int(row)],
                            float(cos), float(cov)))
            shingles.append(sh)
    if _RECENCY.search(query):
        hits.sort(key=lambda h: snapshot.articles[h.article_id].date or "", reverse=True)
    return hits


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


def newest_date(snapshot: Snapshot) -> str | None:
    return max((a.date for a in snapshot.articles.values() if a.date), default=None)


def compose(
    question: str,
    hits: Sequence[Hit],
    snapshot: Snapshot,
    embedder: Embedder,
    qvec: np.ndarray,
    settings: RetrievalSettings,
) -> Answer:
    """Pick the sentences of the hits closest to the question and number their sources."""
    as_of = newest_date(snapshot)
    if not hits:
        return Answer(question, NO_ANSWER, True, as_of=as_of)
    terms = query_terms(question)
    candidates: list[tuple[int, int, int]] = []  # (hit index, start, end)
    for h_i, h in enumerate(hits):
        text = snapshot.articles[h.article_id].text
        for s in split_sentences(text, h.start, h.end):
            if len(text[s.start:s.end]) >= 25:
                candidates.append((h_i, s.start, s.end))
    if not candidates:
        candidates = [(i, h.start, h.end) for i, h in enumerate(hits)]
    sent_texts = [snapshot.articles[hits[i].article_id].text[a:b] for i, a, b in candidates]
    sims = embedder.embed(sent_texts) @ qvec
    weights = {t: snapshot.idf(t) for t in terms}
    total = sum(weights.values()) or 1.0
    overlap = np.array([
        sum(weights.get(t, 0.0) for t in set(tokenize(s))) / total for s in sent_texts
    ])
    score = sims + 0.4 * overlap - 0.02 * np.array([i for i, _, _ in candidates])
    best = float(score.max())
    chosen: list[int] = []
    per_hit: dict[int, int] = {}
    seen: list[set[tuple[str, ...]]] = []
    for j in np.argsort(-score, kind="stable"):
        if len(chosen) >= settings.answer_sentences or score[j] < best - 0.2:
            break
        h_i = candidates[j][0]
        if per_hit.get(h_i, 0) >= 2:
            continue
        sh = _shingles(sent_texts[j])
        if any(_containment(sh, o) >= settings.duplicate_similarity for o in seen):
            continue
        chosen.append(int(j))
        seen.append(sh)
        per_hit[h_i] = per_hit.get(h_i, 0) + 1
    chosen.sort(key=lambda j: (candidates[j][0], candidates[j][1]))  # by passage rank, then order
    numbers: dict[int, int] = {}
    parts: list[str] = []
    for j in chosen:
        h_i = candidates[j][0]
        n = numbers.setdefault(h_i, len(numbers) + 1)
        parts.append(f"{' '.join(sent_texts[j].split())} [{n}]")
    cited = sorted(numbers, key=numbers.get)  # type: ignore[arg-type]
    rest = [i for i in range(len(hits)) if i not in numbers]

    def cite(n: int, h: Hit) -> Citation:
        art = snapshot.articles[h.article_id]
        return citation(n, art, h.start, h.end, h.fused,
                        [snapshot.articles[x] for x in h.also_in])

    citations = tuple(cite(numbers[i], hits[i]) for i in cited)
    more = tuple(cite(len(cited) + m + 1, hits[i]) for m, i in enumerate(rest))
    return Answer(question, " ".join(parts), False, citations, (), more, as_of)


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

    question = question.strip()

    def own_search(query: str, n: int) -> list[Hit]:  # the person path's topic fallback
        return search(snapshot, embedder, query, n, filters, settings)

    asked = follow_up(question, history)  # "and Medvedev?" after "What did Lavrov say?"
    for q in (asked,) if asked else dict.fromkeys((question, contextualize(question, history))):
        person = answer_about_person(q, snapshot, embedder.embed, k=k, filters=filters,
                                     search=own_search)
        if person is not None:
            return replace(person, question=question, as_of=newest_date(snapshot))
    query = contextualize(question, history)
    qvec = embedder.embed([query])[0]
    hits = search(snapshot, embedder, query, k, filters, settings, qvec=qvec)
    return compose(question, hits, snapshot, embedder, qvec, settings)
