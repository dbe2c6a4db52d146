"""Immutable values shared by the core and its adapters."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One news article. `text` is the body that every offset in the index points into."""

    id: str
    title: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None  # outlet or agency, e.g. "MENAFN", "usatoday.com"
    url: str | None = None
    authors: tuple[str, ...] = ()
    path: str | None = None  # the file it came from

    @property
    def content_hash(self) -> str:
        """Hash of what the index depends on: text and metadata shown in citations."""
        h = hashlib.sha256()
        for part in (self.title, self.text, self.date or "", self.source or "", self.url or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def text_hash(self) -> str:
        """Hash of the normalised text alone: the same story under two names."""
        norm = " ".join(self.text.split()).lower()
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Chunk:
    """A passage of an article: `text == article.text[start:end]`."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Statement:
    """Something a speaker said in an article: `text == article.text[start:end]`."""

    article_id: str
    speaker: str  # canonical name: "Maria Zakharova", or an institution: "Russian Foreign Ministry"
    role: str | None  # "Russian Foreign Ministry spokeswoman", when the text gives one
    kind: str  # "quote" (direct, verbatim) or "reported" (reported speech)
    cue: str  # the verb or phrase that attributes it: "said", "stated", "denied", "according to"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceRef:
    """Another article carrying the same passage (a syndicated or repeated copy)."""

    article_id: str
    title: str
    source: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class Citation:
    n: int
    article_id: str
    title: str
    source: str | None
    date: str | None
    url: str | None
    path: str | None
    start: int
    end: int
    text: str
    score: float
    also_in: tuple[SourceRef, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 4),
            "also_in": [
                {"article_id": r.article_id, "title": r.title, "source": r.source,
                 "date": r.date, "url": r.url}
                for r in self.also_in
            ],
        }


@dataclass(frozen=True)
class Quote:
    """A statement shown in an answer, verified verbatim against its cited article."""

    speaker: str
    role: str | None
    text: str
    cue: str
    citation: int  # the `n` of the Citation it comes from
    start: int
    end: int
    kind: str = "quote"
    also_in: tuple[int, ...] = ()  # `n` of further citations carrying the same statement

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "role": self.role,
            "text": self.text,
            "cue": self.cue,
            "kind": self.kind,
            "citation": self.citation,
            "also_in": list(self.also_in),
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    text: str  # chat-style reply with [n] markers
    no_answer: bool
    citations: tuple[Citation, ...] = ()  # the sources the text cites, numbered from 1
    quotes: tuple[Quote, ...] = ()
    more: tuple[Citation, ...] = ()  # further relevant passages, not cited in `text`
    as_of: str | None = None  # date of the newest indexed article

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "no_answer": self.no_answer,
            "citations": [c.to_json() for c in self.citations],
            "quotes": [q.to_json() for q in self.quotes],
            "more": [c.to_json() for c in self.more],
            "as_of": self.as_of,
        }


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    source: str | None = None  # case-insensitive substring of the outlet
    speaker: str | None = None  # restrict to statements by this person
    as_of: str | None = None  # ISO date the question is asked on: "this week" is read against
    # it and newer articles are left out; None: the newest indexed article's date


@dataclass(frozen=True)
class Rejected:
    """A file or line (`path` or `path:line`) that could not be used, and why. With `warning`,
    the article was used and only a detail was dropped (e.g. a date that cannot be read)."""

    path: str
    reason: str
    warning: bool = False


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run did."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (new id, id of the article it repeats)
    rejected: tuple[Rejected, ...] = ()
    chunks_embedded: int = 0
    missing: tuple[str, ...] = field(default=())  # ids asked to remove that were not indexed


@dataclass(frozen=True)
class Stats:
    articles: int
    passages: int
    statements: int
    speakers: int
    newest_date: str | None
    oldest_date: str | None
    sources: tuple[tuple[str, int], ...]
    model: str
    index_dir: str
    generation: str | None
