"""Tokens of narration: capitalised words, initials, abbreviations, punctuation, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ABBREV,
)

_UPPER = "A-Z" + "".join(
    c for c in map(chr, range(0xC0, 0x250)) if c.isupper() and c.isalpha()
)
_LOWER = "a-z" + "".join(
    c for c in map(chr, range(0xDF, 0x250)) if c.islower() and c.isalpha()
)
UP = f"[{_UPPER}]"
LO = f"[{_LOWER}]"
AP = "['’]"  # apostrophes
MASK = "§"
_TOKEN_RE = re.compile(
    rf"(?:{UP}\.){{2,}}"  # U.S., J.D.
    rf"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Prof|Rev|St|Jr|Sr|Hon"
    rf"|Atty|Supt|Det|Fr|Msgr|Sens|Reps|Brig)\.(?!\w)"
    rf"|{UP}\.(?=\s+{UP})"  # initial "F." before a capitalised word
    rf"|[\w§][\w§’'\-&.]*[\w§]|[\w§]"
    r"|[,;:()“”—–\"/]"
)


@dataclass
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def base(self) -> str:
        """Lower case without a possessive ending."""
        low = self.text.lower()
        if low.endswith(("’s", "'s")):
            return low[:-2]
        return low

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("’s", "'s", "s’", "s'"))

    @property
    def cap(self) -> bool:
        c = self.text[0]
        return c.isupper()


def tokens(s: str, offset: int) -> list[Tok]:
    out = []
    for m in _TOKEN_RE.finditer(s):
        t = m.group()
        # a trailing period is a sentence end unless it is an initial or abbreviation
        if t.endswith(".") and len(t) > 1 and not is_abbrev_token(t):
            out.append(Tok(t[:-1], offset + m.start(), offset + m.end() - 1))
        else:
            out.append(Tok(t, offset + m.start(), offset + m.end()))
    return out


def is_abbrev_token(t: str) -> bool:
    if _INITIALS_RE.fullmatch(t):
        return True
    return t[:-1].lower() in ABBREV


def is_name_tok(t: Tok) -> bool:
    """A token that can be part of a capitalised name chain."""
    s = t.text
    if MASK in s:
        return False
    c = s[0]
    if c == "I" and s[1:2] in ("'", "’"):
        return False  # "I've", "I'm": the first person, no name
    if c.isupper():
        return len(s) > 1  # a lone capital ("a post on X Pritzker") is no name
    low = s.lower()
    return bool(_RX_IS_NAME_TOK_1.match(low)) and len(s) > 4


def is_acronym(s: str) -> bool:
    letters = s.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isupper() and letters.isascii() and letters.isalpha()


# Patterns used in the functions below, compiled once.
_INITIALS_RE = re.compile(rf"(?:{UP}\.)+")
INITIAL_RE = re.compile(rf"{UP}\.")
_RX_IS_NAME_TOK_1 = re.compile(r"(?:al|el|ad|as|ar|an|bin|ben|abu)-\w")
