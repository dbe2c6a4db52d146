"""Sentence-aware chunking with overlap, bounded by the model's tokenizer.

Every chunk is a contiguous span `article.text[start:end]` of whole sentences whose token count
(with the model's own tokenizer) is at most `max_tokens`; a sentence longer than that is cut at a
word boundary. A paragraph that repeats an earlier one in the same article is left out, so a story
pasted twice yields each passage once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .models import Article, Chunk

# A token's (start, end) character offsets; one list per text.
TokenSpans = Callable[[Sequence[str]], list[list[tuple[int, int]]]]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr st mt jr sr vs etc inc ltd co
    corp dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u
    d.c a.m p.m i.e e.g pres rev hon messrs ft""".split()
)
# End of a sentence: . ! ? (or …) possibly followed by closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _is_abbreviation(text: str, dot_end: int) -> bool:
    """Whether the '.' ending at `dot_end` closes an abbreviation or an initial, not a sentence."""
    if text[dot_end - 1] != ".":
        return False
    m = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[max(0, dot_end - 12):dot_end])
    if not m:
        return False
    word = m[1].lower()
    if word in _ABBREVIATIONS:
        return True
    # A single capital initial ("Donald J. Trump"), but not a sentence ending in "I" or "A".
    return len(m[1]) == 1 and m[1].isupper() and m[1] not in "IA"


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]` as spans, trimmed; a line break always ends one."""
    end = len(text) if end is None else end
    out: list[Span] = []
    for m in _PARAGRAPH.finditer(text, start, end):
        out.extend(_split_line(text, m.start(), m.end()))
    return out


def _split_line(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        nxt = re.match(r"\s+(\S)", text[stop:min(end, stop + 8)])
        if nxt is None:
            continue
        follower = nxt[1]
        if not (follower.isupper() or follower.isdigit() or follower in "\"'“‘(["):
            continue
        if _is_abbreviation(text, m.start() + 1 if m[0][0] == "." else stop):
            # "U.S. officials" stays one sentence; "in the U.S. The" is ambiguous: keep joined.
            continue
        spans.append(Span(pos, stop))
        pos = stop
    spans.append(Span(pos, end))
    out = []
    for s in spans:
        a, b = s.start, s.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Span(a, b))
    return out


def _normalize(s: str) -> str:
    return " ".join(s.lower().split())


def segments(text: str) -> list[Span]:
    """Runs of consecutive paragraphs, leaving out any paragraph that repeats an earlier one."""
    seen: set[str] = set()
    runs: list[Span] = []
    current: Span | None = None
    for m in _PARAGRAPH.finditer(text):
        if not m[0].strip():
            continue
        key = _normalize(m[0])
        if len(key) >= 30 and key in seen:
            if current is not None:
                runs.append(current)
                current = None
            continue
        seen.add(key)
        current = Span(m.start(), m.end()) if current is None else Span(current.start, m.end())
    if current is not None:
        runs.append(current)
    return runs


def _cut_long(text: str, span: Span, tokens: list[tuple[int, int]], max_tokens: int) -> list[Span]:
    """Cut one over-long sentence into pieces of at most `max_tokens` tokens at word starts."""
    pieces: list[Span] = []
    i = 0
    base = span.start
    while i < len(tokens):
        j = min(i + max_tokens, len(tokens))
        if j < len(tokens):
            # Back off to a token that starts a word (preceded by whitespace).
            k = j
            while k > i + 1 and not text[base + tokens[k][0] - 1].isspace():
                k -= 1
            if k > i + 1:
                j = k
        a = base + tokens[i][0]
        b = base + tokens[j - 1][1]
        pieces.append(Span(a, b))
        i = j
    return pieces


def chunk_article(
    article: Article, token_spans: TokenSpans, max_tokens: int, overlap_tokens: int
) -> list[Chunk]:
    text = article.text
    sentences: list[Span] = []
    breaks: set[int] = set()  # indices of sentences that start a new segment
    for seg in segments(text):
        breaks.add(len(sentences))
        sentences.extend(split_sentences(text, seg.start, seg.end))
    if not sentences:
        return []
    spans = token_spans([text[s.start:s.end] for s in sentences])
    units: list[tuple[Span, int, bool]] = []  # (span, tokens, starts a segment)
    for idx, (s, toks) in enumerate(zip(sentences, spans, strict=True)):
        first = idx in breaks
        if len(toks) <= max_tokens:
            units.append((s, len(toks), first))
        else:
            for n, piece in enumerate(_cut_long(text, s, toks, max_tokens)):
                units.append((piece, len(token_spans([text[piece.start:piece.end]])[0]),
                              first and n == 0))
    chunks: list[Chunk] = []
    i = 0
    while i < len(units):
        j = i
        total = 0
        while j < len(units) and total + units[j][1] <= max_tokens and (j == i or not units[j][2]):
            total += units[j][1]
            j += 1
        if j == i:  # a unit alone above the limit cannot happen after _cut_long; guard anyway
            j = i + 1
        a, b = units[i][0].start, units[j - 1][0].end
        chunks.append(Chunk(article.id, a, b, text[a:b]))
        if j >= len(units):
            break
        if units[j][2]:
            i = j  # a new segment: no overlap across a removed repeat
            continue
        # Carry whole sentences back, up to `overlap_tokens`, but always move forward.
        back, k = 0, j
        while k - 1 > i and back + units[k - 1][1] <= overlap_tokens:
            k -= 1
            back += units[k][1]
        i = k
    return chunks
