"""QuoteSpan spans, masking and sentences: where an article's quotations are, and its narration."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .lexicon import (
    ABBREV,
)
from .tokens import (
    MASK,
)

_RX_PARAGRAPHS_1 = re.compile(r"[^\n]+")
_RX_SENTENCES_1 = re.compile(r"(?:[a-z]\.)+")
_RX_SENTENCES_2 = re.compile(r"[a-z]\.")
_MARK_RE = re.compile(r"’’|‘‘|''|[“”\"«»„]")
_OPENING_CONTEXT = set(" \t\n([{—–-/")
_CLOSING_FOLLOW = set(" \t\n,.;:!?)]}—–-/…")


@dataclass
class QuoteSpan:
    open: int  # index of the opening mark
    close: int  # index of the closing mark; -1 when the quote is never closed
    start: int  # content offsets, without the marks and surrounding space
    end: int
    para: int  # paragraph of the opening mark
    para_end: int  # paragraph of the closing mark
    close_len: int = 1
    speaker: object | None = None  # resolved Entity
    cue: str | None = None
    absorbed: bool = False
    attributed_pos: int = -1  # where its attribution is (for pronoun history)
    adjacent: bool = False  # has a cue right next to it


def paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _RX_PARAGRAPHS_1.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s] in " \t\r\u00a0":
            s += 1
        while e > s and text[e - 1] in " \t\r\u00a0":
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _mark_type(text: str, i: int, mark: str, ps: int, pe: int) -> str:
    if mark in "“„«" or mark == "‘‘":
        return "open"
    if mark in "”»" or mark == "’’":
        return "close"
    # a straight mark ('"' or "''"): read from the characters around it
    w = len(mark)
    prev = text[i - 1] if i > ps else " "
    nxt = text[i + w] if i + w < pe else " "
    if prev in _OPENING_CONTEXT and nxt not in " \t\n":
        return "open"
    if prev not in " \t\n" and (nxt in _CLOSING_FOLLOW or i + w >= pe):
        return "close"
    return "either"


_SINGLE_OPEN_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[\w“])")
_SINGLE_CLOSE_RE = re.compile(r"(?<=[^\s])[’'](?=[\s,.;:!?)\]—–-]|$)")


def _single_quotes(text: str, ps: int, pe: int, pi: int) -> list[QuoteSpan]:
    """Quotes in single marks: ‘We will win,’ he said. An opening mark starts a word; a closing
    mark ends one and is not followed by a letter (so "don’t" is an apostrophe), and a plural
    possessive ("the parents’ rights") does not close a quote. At least three words inside."""
    out: list[QuoteSpan] = []
    pos = ps
    while pos < pe:
        mo = _SINGLE_OPEN_RE.search(text, pos, pe)
        if mo is None:
            break
        o = mo.start()
        close = -1
        for mc in _SINGLE_CLOSE_RE.finditer(text, o + 2, pe):
            c = mc.start()
            after = text[c + 1:c + 3]
            if text[c - 1] in "sS" and re.match(r"\s[a-z]", after) and not re.match(
                    r"\s(?:said|says|she|he|they|it|added|told|asked|according)\b",
                    text[c + 1:c + 14]):
                continue  # "the parents’ rights": a possessive
            close = c
            break
        if close < 0:
            break
        body = text[o + 1:close]
        if len(body.split()) >= 3:
            q = _make_quote(text, o, close, 1, pi, pi)
            if q is not None:
                out.append(q)
        pos = close + 1
    return out


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    quotes: list[QuoteSpan] = []
    open_at = -1  # index of an opening mark not yet closed
    open_para = -1
    prev_end = 0
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in _MARK_RE.finditer(text, ps, pe)]
        if not marks and open_at < 0:
            # no double quotation marks: single ones may be quotation marks (British style)
            quotes.extend(_single_quotes(text, ps, pe, pi))
            prev_end = pe
            continue
        if open_at >= 0:
            # a quote left open by the previous paragraph continues only if this paragraph
            # opens with a quote mark
            if marks and marks[0][0] == ps and _mark_type(text, ps, marks[0][1], ps, pe) != "close":
                marks = marks[1:]
            else:
                _add_unclosed(text, quotes, open_at, open_para, pi - 1, prev_end)
                open_at = -1
        for i, mark in marks:
            kind = _mark_type(text, i, mark, ps, pe)
            if open_at < 0:
                if kind in ("open", "either"):
                    open_at, open_para = i, pi
                # a stray closing mark is ignored
                continue
            if kind == "open" and (mark != '"' or text[i - 1] in " \t"):
                # a new opening mark while one is open: the earlier one was never closed
                if open_para == pi:
                    open_at = i
                    continue
                _add_unclosed(text, quotes, open_at, open_para, pi - 1, prev_end)
                open_at, open_para = i, pi
                continue
            q = _make_quote(text, open_at, i, len(mark), open_para, pi)
            if q is not None:
                quotes.append(q)
            open_at = -1
        prev_end = pe
    if open_at >= 0:
        _add_unclosed(text, quotes, open_at, open_para, len(paras) - 1, prev_end)
    return quotes


def _add_unclosed(text, quotes, open_at, open_para, last_para, end) -> None:
    """A quote never closed: it runs to the end of the last paragraph that continued it."""
    s = open_at + (2 if text[open_at:open_at + 2] in ("''", "‘‘") else 1)
    while s < end and text[s] in " \t":
        s += 1
    e = end
    while e > s and text[e - 1] in " \t,;:":
        e -= 1
    if e - s < 2:
        return
    quotes.append(QuoteSpan(open=open_at, close=-1, start=s, end=e, para=open_para,
                         para_end=last_para, close_len=0))


def _make_quote(text, o, c, clen, pa, pb) -> QuoteSpan | None:
    s = o + (2 if text[o:o + 2] in ("''", "‘‘") else 1)
    e = c if c >= 0 else s
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    while e > s and text[e - 1] in ",;:":
        e -= 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    if c >= 0 and e <= s:
        return None
    return QuoteSpan(open=o, close=c, start=s, end=e, para=pa, para_end=pb, close_len=clen)


def mask(text: str, quotes: list[QuoteSpan]) -> str:
    parts = []
    pos = 0
    for q in quotes:
        qe = q.close if q.close >= 0 else q.end
        if q.open < pos:
            continue
        parts.append(text[pos:q.open])
        parts.append("“")
        parts.append(MASK * (qe - q.open - 1))
        if q.close >= 0:
            parts.append("”" + " " * (q.close_len - 1))
            pos = q.close + q.close_len
        else:
            pos = qe
    parts.append(text[pos:])
    masked = "".join(parts)
    # stray quote marks that did not pair: blank them
    for mark in ('"', "„", "«", "»"):
        if mark in masked:
            masked = masked.replace(mark, " ")
    # a link to another story ("More: Trump revives push to ...") names no one of this one:
    # its words are blanked (quote marks and masked quotes kept, offsets unchanged)
    return _LINK_LINE_RE.sub(lambda m: _KEEP_MARKS_RE.sub(" ", m.group()), masked)


_LINK_LINE_RE = re.compile(r"(?m)^[ \t]*(?:More|MORE|Read more|READ MORE|Related|RELATED|"
                           r"See also|SEE ALSO|Also read|ALSO READ)\s*:[^\n]*")
_KEEP_MARKS_RE = re.compile(rf"[^“”{MASK}]")


_PLACE_ABBREV_END = frozenset({"u.s.", "u.k.", "u.n.", "d.c.", "u.s.a.", "e.u."})
_QUOTE_START_RE = re.compile(r"\s+[“\"][A-Z]")
_SENT_END_RE = re.compile(r"[.!?]+[)\]]?(?=\s)|”(?=\s)|\n+")


def sentences(text: str, masked: str) -> list[tuple[int, int]]:
    bounds = [0]
    n = len(masked)
    for m in _SENT_END_RE.finditer(masked):
        e = m.end()
        ch = m.group()[0]
        if ch == "\n":
            bounds.append(e)
            continue
        if ch == "”":
            before = text[m.start() - 1] if m.start() > 0 else ""
            # the sentence ends with the quote when its last character ends a sentence
            k = m.start() - 1
            while k > 0 and text[k] in " \t":
                k -= 1
            before = text[k]
            if before not in ".!?…":
                continue
        else:
            # abbreviation or initial before the period?
            ws = masked.rfind(" ", max(0, m.start() - 20), m.start()) + 1
            word = masked[ws:m.start() + 1].strip("([{“").lower()
            raw = masked[ws:m.start()].strip("([{“")
            capitals = len(raw) >= 2 and raw.isalpha() and raw.isupper()  # "the FT."
            if word.endswith(".") and ((word[:-1] in ABBREV and not capitals)
                                       or _RX_SENTENCES_1.fullmatch(word)
                                       or _RX_SENTENCES_2.fullmatch(word)) and not (
                    word == "x." and masked[max(0, ws - 3):ws] == "on ") and not (
                    word in _PLACE_ABBREV_END and _QUOTE_START_RE.match(text, e)):
                continue  # (but "said on X." ends a sentence: the platform, not an initial;
                # and '… said of the U.S. “I do not …': a place abbreviation before a quote;
                # and "said the FT.": an acronym in capitals, not "ft.")
        # next non-space must look like a sentence start
        j = e
        while j < n and masked[j] in " \t":
            j += 1
        if j < n and masked[j] == "\n":
            continue
        if j >= n:
            continue
        c = masked[j]
        if c.isupper() or c.isdigit() or c in "“(‘'\"":
            bounds.append(j)
    bounds.append(n)
    out = []
    bounds = sorted(set(bounds))
    for a, b in itertools.pairwise(bounds):
        while a < b and masked[a] in " \t\n":
            a += 1
        e = b
        while e > a and masked[e - 1] in " \t\n":
            e -= 1
        if a < e:
            out.append((a, e))
    return out
