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


@runtime_checkable
class View(Protocol):
    """An immutable view of the index: a write produces a new view, this one never changes."""

    generation: str | None
    manifest: Mapping[str, Any]
    articles: Mapping[str, Article]

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
