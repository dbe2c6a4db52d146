"""The storage interface: one write verb (`Store.apply`) and one read view (`View`).

Everything outside `retrieval/store/` reaches the index through these names; no FAISS, scipy or
Milvus object leaves a backend. Passages and statements are identified by stable int64 ids that
are never reused (not by rows), so an id read from one view means the same passage in the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..models import Article, Chunk, Statement

REINDEX = "run `newsqa reindex` to rebuild it"


@dataclass(frozen=True)
class ArticleData:
    """An article as it goes into the store, with everything derived from it."""

    article: Article
    hash: str  # content hash: an unchanged article is never rewritten
    spans: tuple[tuple[int, int], ...]  # (start, end) of each passage in article.text
    vectors: np.ndarray  # one normalised row per passage
    terms: tuple[Counter[str], ...]  # BM25 term counts of each passage (title included)
    statements: tuple[Statement, ...]
    statement_vectors: np.ndarray  # one normalised row per statement


@dataclass(frozen=True)
class Change:
    """One atomic change: after `apply`, readers see all of it or none of it.

    `put`: articles added, or replacing the stored article of the same id (its passages, vectors,
    terms and statements all go). `delete`: article ids removed. `reset`: the store holds only
    `put` afterwards (a rebuild). `restatements`: new statements (and their vectors) for stored
    articles whose passages stay as they are (a new quote extractor). `meta`: model, chunking and
    extractor version recorded with the index."""

    put: tuple[ArticleData, ...] = ()
    delete: tuple[str, ...] = ()
    reset: bool = False
    restatements: Mapping[str, tuple[tuple[Statement, ...], np.ndarray]] = field(
        default_factory=dict
    )
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalog:
    """What a writer needs to know about the stored articles, without loading their passages."""

    hashes: Mapping[str, str]  # article id -> content hash
    text_owner: Mapping[str, str]  # normalised-text hash -> article id
    meta: Mapping[str, Any]  # model, chunking, extractor version


@dataclass(frozen=True)
class Scope:
    """Which articles a search may return: dated from `since` to `until` (ISO dates, inclusive;
    an undated article fails either), published in the question's window `lo`..`hi` (an undated
    article passes it), from an outlet or URL containing `source` (case-insensitive). A backend
    turns it into rows (files) or a filter expression (Milvus)."""

    since: str | None = None
    until: str | None = None
    lo: str | None = None
    hi: str | None = None
    source: str | None = None

    def __bool__(self) -> bool:
        return any((self.since, self.until, self.lo, self.hi, self.source))

    def admits(self, a: Article) -> bool:
        if self.since and (a.date is None or a.date < self.since):
            return False
        if self.until and (a.date is None or a.date > self.until):
            return False
        if a.date and ((self.lo and a.date < self.lo) or (self.hi and a.date > self.hi)):
            return False
        want = (self.source or "").lower()
        return not want or want in (a.source or "").lower() or want in (a.url or "").lower()


@dataclass(frozen=True)
class SpeakerStatements:
    """A speaker's statements chosen for one question: `items` (statement id, statement, score),
    best first, at most the limit asked for; `total`: how many of theirs the scope holds.
    `ranked`: the scores are cosines of the query and the stored statement vectors. Without a
    query the items are the newest (scores 0); with a query but no stored vectors, every
    statement in the scope, newest first (the caller ranks them)."""

    items: tuple[tuple[int, Statement, float], ...]
    total: int
    ranked: bool


def choose_statements(sids: np.ndarray, scores: np.ndarray | None, dates: np.ndarray,
                      limit: int) -> np.ndarray:
    """Positions of the `limit` best statements: by score (a cosine) when given, ties and the
    rest by newest article (`dates`: yyyymmdd ints, 0 for undated) then id."""
    n = len(sids)
    if not n:
        return np.zeros(0, np.int64)
    if scores is not None:
        if n > limit:  # the best `limit`, and every statement tied with the last of them
            kth = -np.partition(-scores, limit - 1)[limit - 1]
            cut = np.flatnonzero(scores >= kth)
            order = cut[np.lexsort((sids[cut], -dates[cut], -scores[cut]))]
        else:
            order = np.lexsort((sids, -dates, -scores))
        return order[:limit]
    return np.lexsort((sids, -dates))[:limit]


def date_number(date: str | None) -> int:
    """An ISO date as yyyymmdd (0 when missing or unreadable), for sorting in arrays."""
    if date and len(date) >= 10 and date[4] == "-" and date[7] == "-":
        digits = date[:4] + date[5:7] + date[8:10]
        if digits.isdigit():
            return int(digits)
    return 0


def speaker_statements_from(view: Any, names: Iterable[str], query: np.ndarray | None,
                            limit: int, scope: Scope | None) -> SpeakerStatements:
    """`View.speaker_statements` for a backend without a faster way: every statement of the
    speaker read, then chosen by their stored vectors."""
    items = [(sid, st) for sid, st in view.statements_by_speaker(names)
             if not scope or ((a := view.articles.get(st.article_id)) is not None
                              and scope.admits(a))]
    if not items:
        return SpeakerStatements((), 0, False)
    sids = np.array([sid for sid, _ in items], dtype=np.int64)
    dates = np.array([date_number(getattr(view.articles.get(st.article_id), "date", None))
                      for _, st in items], dtype=np.int64)
    scores = None
    if query is not None:
        vecs = view.statement_vectors([int(s) for s in sids])
        if vecs is not None:
            scores = np.asarray(vecs, dtype=np.float32) @ np.asarray(query, dtype=np.float32)
    every = query is not None and scores is None
    pick = choose_statements(sids, scores, dates, len(sids) if every else limit)
    return SpeakerStatements(
        tuple((int(sids[i]), items[i][1], float(scores[i]) if scores is not None else 0.0)
              for i in pick), len(items), scores is not None)


@runtime_checkable
class View(Protocol):
    """An immutable view of the index: a write produces a new view, this one never changes."""

    generation: str | None
    manifest: Mapping[str, Any]
    articles: Mapping[str, Article]
    @property
    def text_hashes(self) -> Mapping[str, str]: ...  # article id -> `Article.text_hash`, stored
    @property
    def size(self) -> int: ...
    # The passages a search may return: None when the scope filters nothing, else a selection
    # the same view's searches take as `rows` (passage ids, or a backend's own filter); its len()
    # is how many passages it holds.
    def allowed_rows(self, scope: Scope | None) -> Any: ...
    def dense_search(self, qvec: np.ndarray, k: int,
                     rows: Any = None) -> list[tuple[int, float]]: ...
    def lexical_search(self, terms: Sequence[str], k: int,
                       rows: Any = None) -> list[tuple[int, float]]: ...
    def passage_vectors(self, ids: Sequence[int] | np.ndarray) -> np.ndarray: ...
    def idf(self, term: str) -> float: ...
    def coverage(self, terms: Sequence[str], ids: Sequence[int]) -> np.ndarray: ...
    def passage(self, i: int) -> Chunk: ...
    def passage_ids(self) -> np.ndarray: ...
    def speaker_names(self) -> Mapping[str, int]: ...
    def speaker_roles(self) -> Mapping[str, Mapping[str, int]]: ...
    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]: ...
    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None: ...
    # What "What did X say (about T)?" reads: at most `limit` of these speakers' statements in
    # the scope, those closest to `query` (the topic's vector), or without one the newest; its
    # cost follows `limit` and the speaker's own statement count, never the index size.
    def speaker_statements(self, names: Iterable[str], query: np.ndarray | None, limit: int,
                           scope: Scope | None = None) -> SpeakerStatements: ...
    @property
    def statements(self) -> tuple[Statement, ...]: ...
    def disk_bytes(self) -> int: ...


class Store(Protocol):
    """A backend. Writers call `apply` inside `writing()`; readers call `view()`."""

    def exists(self) -> bool: ...
    def generation(self) -> str | None:
        """Cheap: the id of the live state, to tell whether a held view is stale."""
        ...
    def view(self, fingerprint: str | None) -> View: ...
    def catalog(self) -> Catalog: ...
    def writing(self) -> contextlib.AbstractContextManager[None]: ...
    def apply(self, change: Change) -> str: ...


def check_meta(where: str, meta: Mapping[str, Any], fingerprint: str | None) -> None:
    """Refuse an index built with another model than the configured one."""
    from ..errors import IndexUnavailable

    built = meta.get("model", {}).get("sha256")
    if fingerprint is not None and built != fingerprint:
        name = meta.get("model", {}).get("name", "?")
        raise IndexUnavailable(
            f"the index at {where} was built with another model ({name}, weights "
            f"{str(built)[:12]}…) than the configured one (weights {fingerprint[:12]}…): {REINDEX}"
        )


def bm25_idf(n: int, df: float) -> float:
    import math

    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def top_k(ids: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (id, score), best first; ties by id (stable across backends)."""
    if k <= 0 or not len(ids):
        return []
    if len(ids) > k:
        part = np.argpartition(-scores, k - 1)[:k]
        ids, scores = ids[part], scores[part]
    order = np.lexsort((ids, -scores))
    return [(int(ids[i]), float(scores[i])) for i in order]


@contextlib.contextmanager
def nothing() -> Iterator[None]:
    yield


# -- the one writer ------------------------------------------------------------------------------

WaitHook = Callable[[int | None], None]


def say_waiting(pid: int | None) -> None:
    print(f"waiting for another newsqa write (pid {pid if pid else '?'})", file=sys.stderr,
          flush=True)


@contextlib.contextmanager
def writer_lock(path: Path, on_wait: WaitHook = say_waiting) -> Iterator[None]:
    """One writer at a time, across processes: an flock on `path`, which holds the writer's
    pid; a second writer calls `on_wait(pid)` and waits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            held = f.read().strip()
            on_wait(int(held) if held.isdigit() else None)
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            f.seek(0)
            f.truncate()
            f.write(str(os.getpid()))
            f.flush()
            yield
        finally:
            f.seek(0)
            f.truncate()
            f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)
