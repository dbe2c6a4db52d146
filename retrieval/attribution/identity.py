"""Speakers across articles: one speaker for every way articles name them, and matching."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..models import Article, Statement
from .lexicon import (
    FUNC_CAPS,
    GENERIC_HEADS,
    NOT_A_SPEAKER,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_WORDS,
    PLACES,
    ROLE_NOUNS,
    SPOKES,
    STOP,
    SUFFIXES,
    TITLES,
)
from .tokens import (
    is_acronym,
)


def fold(s: str) -> str:
    """Lower case without accents, apostrophes or dots: 'Zelenskyy' ~ 'zelensky'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = s.replace(".", "").replace("'", "")
    s = re.sub(r"(?:yy|iy|yi|ii)\b", "y", s)
    return s.strip()
def name_tokens(name: str) -> list[str]:
    toks = [fold(t) for t in re.findall(r"[\w’'.\-]+", name)]
    return [t for t in toks if t]
def core_tokens(name: str) -> list[str]:
    """Name tokens without initials and suffixes: 'Robert F. Kennedy Jr.' -> robert kennedy."""
    out = []
    for t in re.findall(r"[\w’'.\-]+", name):
        f = fold(t)
        if not f or t.lower() in SUFFIXES or f in SUFFIXES or re.fullmatch(r"[A-Z]\.?", t):
            continue
        out.append(f)
    return out
def looks_org(name: str) -> bool:
    toks = re.findall(r"[\w’'.\-]+", name)
    if not toks:
        return False
    last = toks[-1].lower().removesuffix("’s").removesuffix("'s")
    low = name.lower()
    return (
        last in ORG_HEADS
        or (len(toks) == 1 and is_acronym(toks[0]))
        or low in PLACES
        or ("the " + low) in PLACES
        or all(t.lower() in ORG_WORDS for t in toks)
    )
@dataclass
class Speaker:
    """One speaker across articles."""

    key: str
    kind: str  # "person" | "org"
    forms: Counter = field(default_factory=Counter)  # names as written in statements
    roles: Counter = field(default_factory=Counter)
    statements: list[Statement] = field(default_factory=list)

    @property
    def name(self) -> str:
        # the most frequent full form; ties: the longest
        return max(self.forms.items(), key=lambda kv: (len(kv[0].split()) > 1, kv[1],
                                                       len(kv[0])))[0]

    @property
    def role(self) -> str | None:
        if not self.roles:
            return None
        return max(self.roles.items(), key=lambda kv: (kv[1], len(kv[0])))[0]

    @property
    def surname(self) -> str:
        core = core_tokens(self.name)
        return core[-1] if core else fold(self.name)

    def role_words(self) -> set[str]:
        words: set[str] = set()
        for r in self.roles:
            words.update(fold(w) for w in re.findall(r"[\w’'\-]+", r))
        if words & SPOKES:
            words |= SPOKES
        return words
def _speaker_key(name: str) -> tuple[str, str]:
    if looks_org(name):
        toks = name_tokens(re.sub(r"^the\s+", "", name, flags=re.I))
        return "org", " ".join(toks)
    core = core_tokens(name)
    if len(core) >= 2:
        return "person", f"{core[0]} {core[-1]}"
    return "person", core[0] if core else fold(name)
def build_speakers(statements: Sequence[Statement]) -> dict[str, Speaker]:
    """Group statements by speaker across articles."""
    speakers: dict[str, Speaker] = {}
    seen_role: set[tuple[str, str, str]] = set()
    for st in statements:
        kind, key = _speaker_key(st.speaker)
        sp = speakers.get(key)
        if sp is None:
            sp = speakers[key] = Speaker(key=key, kind=kind)
        sp.forms[st.speaker] += 1
        if st.role and (key, st.article_id, st.role) not in seen_role:
            seen_role.add((key, st.article_id, st.role))  # a role counts once per article
            sp.roles[st.role] += 1
        sp.statements.append(st)
    # a bare surname joins the full name that dominates it
    by_surname: dict[str, list[Speaker]] = defaultdict(list)
    for sp in speakers.values():
        if sp.kind == "person" and " " in sp.key:
            by_surname[sp.key.split()[-1]].append(sp)
    for key in [k for k, sp in speakers.items() if sp.kind == "person" and " " not in k]:
        fulls = sorted(by_surname.get(key, []), key=lambda s: -len(s.statements))
        if not fulls:
            continue
        top = fulls[0]
        second = len(fulls[1].statements) if len(fulls) > 1 else 0
        if len(top.statements) >= 3 * second or len(fulls) == 1:
            lone = speakers.pop(key)
            top.statements.extend(lone.statements)
            top.roles.update(lone.roles)  # the full name stays the display name
    return speakers
_SPEAKERS_CACHE: list[tuple[Sequence[Statement], int, dict[str, Speaker]]] = []
def speakers_for(statements: Sequence[Statement]) -> dict[str, Speaker]:
    """build_speakers, remembered for the last two statement collections seen (the index's
    statements do not change between questions; the cache holds the collection itself, so an
    id is never confused with a new one)."""
    for obj, n, speakers in _SPEAKERS_CACHE:
        if obj is statements and n == len(statements):
            return speakers
    speakers = build_speakers(statements)
    if isinstance(statements, tuple):  # only immutable collections are safe to remember
        _SPEAKERS_CACHE.insert(0, (statements, len(statements), speakers))
        del _SPEAKERS_CACHE[2:]
    return speakers
def normalise_text(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"[^\w\s]", " ", t)
    return " ".join(t.split())
def list_speakers(statements: Sequence[Statement]) -> list[tuple[str, str | None, int]]:
    """(name, role, number of distinct statements), most statements first."""
    out = []
    for sp in build_speakers(statements).values():
        distinct = {normalise_text(s.text) for s in sp.statements}
        out.append((sp.name, sp.role, len(distinct)))
    out.sort(key=lambda t: (-t[2], t[0].lower()))
    return out
@dataclass
class _Who:
    raw: str
    name: list[str]  # folded name tokens
    role: list[str]  # folded role / title words
    org: list[str]  # folded institution words
    display: str
def analyse_who(who: str) -> _Who:
    raw = who.strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", raw, flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    toks = re.findall(r"[\w’'.\-]+", text)
    name, role, org = [], [], []
    for t in toks:
        low = t.lower().rstrip(".")
        base = re.sub(r"['’]s$", "", low)
        f = fold(t)
        if not f:
            continue
        if base in TITLES or base in ROLE_NOUNS or base in SPOKES or low in ("mr", "ms", "mrs"):
            role.append(f)
        elif base in ORG_WORDS or base in ORG_NOUNS:
            org.append(f)
        elif base in ("of", "the", "for", "and", "to", "at", "in"):
            continue
        else:
            name.append(f)
    return _Who(raw=raw, name=name, role=role, org=org, display=raw)
def match_name(who: _Who, speakers: dict[str, Speaker]) -> list[Speaker]:
    q = [t for t in who.name if t not in SUFFIXES]
    if not q:
        return []
    persons = [sp for sp in speakers.values() if sp.kind == "person"]
    found: list[Speaker] = []
    if len(q) >= 2:
        for sp in persons:
            core = set(core_tokens(sp.name)) | set(sp.key.split())
            full_match = q[-1] in core and set(q) <= core | set(name_tokens(sp.name))
            if full_match or (" " not in sp.key and sp.key == q[-1]):
                found.append(sp)
        # a speaker known only by the surname counts only if nobody else with that surname
        # speaks ("What did Linda Trump say?" must not show a bare "Trump")
        namesakes = [f for f in persons if " " in f.key and f.key.split()[-1] == q[-1]
                     and f.key.split()[0] != q[0]]
        fulls = [sp for sp in found if " " in sp.key]
        found = fulls + ([sp for sp in found if " " not in sp.key] if not namesakes else [])
    else:
        tok = q[0]
        for sp in persons:
            if sp.surname == tok or sp.key == tok:
                found.append(sp)
        if not found:
            # a first name alone ("Kamala") or a middle part of the name
            for sp in persons:
                if tok in core_tokens(sp.name):
                    found.append(sp)
        # several people share the surname: the one who speaks most is meant (the answer
        # names the others, so that the user can ask for them by full name)
        found.sort(key=lambda s: (-len(s.statements), s.key))
    # an institution named like a person query ("Hamas", "Microsoft")
    if not found:
        for sp in speakers.values():
            if sp.kind == "org" and set(q) <= set(sp.key.split()):
                found.append(sp)
    return found
def match_role(who: _Who, speakers: dict[str, Speaker]) -> list[Speaker]:
    want = set(who.role) | set(who.org) | {t for t in who.name if t not in STOP}
    if not who.role:
        return []
    strict = {"former", "vice", "deputy", "ex", "acting", "assistant", "associate"}
    found = []
    for sp in speakers.values():
        if sp.kind != "person":
            continue
        rw = sp.role_words()
        if not rw or not want <= rw:
            continue
        if (strict & rw) - want and not (strict & want):
            continue
        found.append(sp)
    found.sort(key=lambda s: -len(s.statements))
    return found[:1]
def match_org(who: _Who, speakers: dict[str, Speaker]) -> list[Speaker]:
    want = set(who.org) | set(who.name)
    if not want:
        return []
    found = [sp for sp in speakers.values() if sp.kind == "org" and want <= set(sp.key.split())]
    # the institution's spokespeople speak for it ("What did the Kremlin say?")
    for sp in speakers.values():
        if sp.kind == "person" and sp.role_words() & SPOKES and want <= sp.role_words():
            found.append(sp)
    return found
def is_speaker_phrase(who: _Who, question: str, articles: Mapping[str, Article]) -> bool:
    """Could X be a person or institution (so that 'no statements' is the right answer)?"""
    low = who.raw.lower()
    if low in NOT_A_SPEAKER:
        return False
    words = low.split()
    if not words:
        return False
    head = re.sub(r"['’]s$", "", words[-1])
    if head in GENERIC_HEADS:
        return False
    if who.role or (who.org and any(o in ORG_NOUNS or o in ORG_HEADS for o in who.org)):
        return True
    # a capitalised word in the question (not the first word) reads as a name
    if re.search(r"(?<!^)\b[A-Z][\w’'.\-]+", who.raw) or who.raw[:1].isupper():
        return not all(w.lower() in FUNC_CAPS for w in who.raw.split())
    # lower case: a name only if the articles never use the word in lower case
    if len(who.name) > 3 or not who.name:
        return False
    for t in who.name:
        if t in STOP or t in GENERIC_HEADS:
            return False
        rx = re.compile(r"\b" + re.escape(t) + r"\b")
        for art in articles.values():
            if rx.search(art.text):
                return False  # used as an ordinary word
    return True
