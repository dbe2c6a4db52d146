"""What answering needs from an index: the read seam, as a protocol, and an in-memory table.

`retrieval.index.Snapshot` satisfies `StatementSource`. Person questions reach statements only
through `speaker_names` (name -> count, for the speaker directory, built once per source) and
`speaker_statements` (a speaker's statements closest to the topic, or the newest, at most a
limit: an index answers it from the stored statement vectors); the passages through
`lexical_search` and `passage` (to see whether an absent name is mentioned at all). Nothing here
scans every statement or every article per question.

`StatementTable` is the same seam over a plain list of statements and articles: for tests,
benchmarks and callers without an index.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import Protocol

import numpy as np

from ..lexical import tokenize
from ..models import Article, Chunk, Statement
from ..store.base import Scope, SpeakerStatements, speaker_statements_from


class StatementSource(Protocol):
    """The index as answering sees it (a subset of `retrieval.index.Snapshot`)."""

    @property
    def articles(self) -> Mapping[str, Article]: ...

    @property
    def text_hashes(self) -> Mapping[str, str]: ...  # article id -> `Article.text_hash`

    def speaker_names(self) -> Mapping[str, int]: ...

    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]: ...

    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None: ...

    def speaker_statements(self, names: Iterable[str], query: np.ndarray | None, limit: int,
                           scope: Scope | None = None) -> SpeakerStatements: ...

    def lexical_search(
        self, terms: Sequence[str], k: int, rows: np.ndarray | None = None
    ) -> list[tuple[int, float]]: ...

    def passage(self, i: int) -> Chunk: ...


class PassageHit(Protocol):
    """A passage found by the general search (`retrieval.answer.Hit` is one)."""

    @property
    def article_id(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def fused(self) -> float: ...


# (query, k) -> the best passages for the query, fused dense + lexical, as for any question
PassageSearch = Callable[[str, int], Sequence[PassageHit]]


class StatementTable:
    """`StatementSource` over statements and articles held in memory. Each article is one
    passage; `calls` counts the seam calls (tests check that a question makes few)."""

    def __init__(self, statements: Iterable[Statement], articles: Mapping[str, Article],
                 vectors: np.ndarray | None = None) -> None:
        self.statements = tuple(statements)
        self._articles = dict(articles)
        self._vectors = vectors
        self._rows = list(self._articles)
        self._by_speaker: dict[str, list[int]] = defaultdict(list)
        for i, st in enumerate(self.statements):
            self._by_speaker[st.speaker].append(i)
        self._words: list[Counter[str]] | None = None
        self.calls: Counter[str] = Counter()

    @property
    def articles(self) -> Mapping[str, Article]:
        return self._articles

    @cached_property
    def text_hashes(self) -> Mapping[str, str]:
        return {aid: a.text_hash for aid, a in self._articles.items()}

    def speaker_names(self) -> Mapping[str, int]:
        self.calls["speaker_names"] += 1
        return {name: len(ids) for name, ids in self._by_speaker.items()}

    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]:
        self.calls["statements_by_speaker"] += 1
        ids = sorted(i for n in set(names) for i in self._by_speaker.get(n, ()))
        return [(i, self.statements[i]) for i in ids]

    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None:
        self.calls["statement_vectors"] += 1
        if self._vectors is None:
            return None
        return self._vectors[np.asarray(ids, dtype=np.int64)]

    def speaker_statements(self, names: Iterable[str], query: np.ndarray | None, limit: int,
                           scope: Scope | None = None) -> SpeakerStatements:
        self.calls["speaker_statements"] += 1
        return speaker_statements_from(self, names, query, limit, scope)

    def lexical_search(
        self, terms: Sequence[str], k: int, rows: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        self.calls["lexical_search"] += 1
        if self._words is None:
            self._words = [Counter(tokenize(a.title + "\n" + a.text))
                           for a in self._articles.values()]
        scored = [(i, float(sum(w[t] for t in terms))) for i, w in enumerate(self._words)]
        hits = [(i, sc) for i, sc in scored if sc > 0 and (rows is None or i in set(rows))]
        hits.sort(key=lambda x: -x[1])
        return hits[:k]

    def passage(self, i: int) -> Chunk:
        self.calls["passage"] += 1
        a = self._articles[self._rows[i]]
        return Chunk(a.id, 0, len(a.text), a.text)


def word_pattern(words: Sequence[str], escaped: bool = True) -> re.Pattern[str]:
    """A name as written in text: its words in order, an optional middle initial between.
    `escaped=False`: the words are patterns already."""
    ws = [re.escape(w) for w in words] if escaped else list(words)
    if len(ws) >= 2:
        return re.compile(r"\b" + ws[0] + r"\s+(?:[A-Z]\.\s+)?" + r"\s+".join(ws[1:]) + r"\b")
    return re.compile(r"\b" + ws[0] + r"\b")
