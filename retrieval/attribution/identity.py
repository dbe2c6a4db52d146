"""Speakers across articles: one speaker for every way articles name them, and matching."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..models import Statement
from .entities import (
    group_name,
)
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


@functools.lru_cache(maxsize=1 << 18)  # names recur in every index generation's directory
def fold(s: str) -> str:
    """Lower case without accents, apostrophes or dots: 'Zelenskyy' ~ 'zelensky'."""
    if not s.isascii():  # (an ASCII string is its own NFKD form, with no combining marks)
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


_INITIAL_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "on", "in"})


def org_initials(name: str) -> str:
    """'Food and Drug Administration' -> 'FDA' ('' unless every word is capitalised)."""
    words = [w for w in name.split() if w.lower() not in _INITIAL_SKIP]
    if len(words) < 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words)


def looks_org(name: str) -> bool:
    toks = re.findall(r"[\w’'.\-]+", name)
    if not toks:
        return False
    last = toks[-1].lower().removesuffix("’s").removesuffix("'s")
    low = name.lower()
    lows = [t.lower() for t in toks]
    of = next((i for i, t in enumerate(lows) if t in ("of", "for")), 0)
    return (
        last in ORG_HEADS
        # "University of Michigan", "Bank of America", "Supporters of Israel"
        or any(t in ORG_HEADS for t in lows[:of])
        or (len(toks) == 1 and is_acronym(toks[0]))
        or low in PLACES
        or ("the " + low) in PLACES
        or all(t.lower() in ORG_WORDS for t in toks)
    )


@dataclass
class Speaker:
    """One speaker across articles: every name form the extractor gave them, with counts."""

    key: str
    kind: str  # "person" | "org"
    forms: Counter = field(default_factory=Counter)  # names as written in statements
    roles: Counter = field(default_factory=Counter)  # filled from statements when known

    @property
    def count(self) -> int:
        """Number of statements attributed to this speaker."""
        return sum(self.forms.values())

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


@functools.lru_cache(maxsize=1 << 17)
def speaker_key(name: str) -> tuple[str, str]:
    """(kind, key) of a speaker name: "person", "dmitry peskov" / "org", "kremlin"."""
    if looks_org(name):
        toks = name_tokens(re.sub(r"^the\s+", "", name, flags=re.I))
        return "org", " ".join(toks)
    core = core_tokens(name)
    if len(core) >= 2:
        return "person", f"{core[0]} {core[-1]}"
    return "person", core[0] if core else fold(name)


@functools.lru_cache(maxsize=1 << 17)
def _form_tokens(form: str, kind: str) -> tuple[str, ...]:
    return tuple(core_tokens(form) if kind == "person" else name_tokens(form))


RoleSource = Callable[[], Iterable[Statement]]
RoleCounts = Callable[[], Mapping[str, Mapping[str, int]]]  # name -> role -> articles


class SpeakerDirectory:
    """Every speaker of an index, built from the speaker names alone (name -> statement count).

    Full names that share first and last name are one speaker; a bare surname joins the full
    name that dominates it. Speakers are found by name token, so a lookup costs the same
    however many speakers there are. Roles ("Kremlin spokesman") are read from the statements
    only when a question names a role or an institution, once per directory (`role_source`).
    """

    def __init__(self, names: Mapping[str, int], role_source: RoleSource | None = None,
                 role_counts: RoleCounts | None = None) -> None:
        speakers: dict[str, Speaker] = {}
        self.key_of: dict[str, str] = {}  # name as extracted -> speaker key
        for name, n in names.items():
            kind, key = speaker_key(name)
            sp = speakers.get(key)
            if sp is None:
                sp = speakers[key] = Speaker(key=key, kind=kind)
            sp.forms[name] += n
            self.key_of[name] = key
        by_surname: dict[str, list[Speaker]] = defaultdict(list)
        for sp in speakers.values():
            if sp.kind == "person" and " " in sp.key:
                by_surname[sp.key.split()[-1]].append(sp)
        for key in [k for k, sp in speakers.items() if sp.kind == "person" and " " not in k]:
            fulls = sorted(by_surname.get(key, []), key=lambda s: -s.count)
            if not fulls:
                continue
            top = fulls[0]
            second = fulls[1].count if len(fulls) > 1 else 0
            if top.count >= 3 * second or len(fulls) == 1:
                lone = speakers.pop(key)
                for form, n in lone.forms.items():
                    top.forms[form] += n  # the full name stays the display name
                    self.key_of[form] = top.key
        # "FDA" and "Food and Drug Administration" (an article that names both gives the full
        # name): one institution, when one full name has those initials
        full_by_initials: dict[str, list[Speaker]] = defaultdict(list)
        for sp in speakers.values():
            if sp.kind == "org" and " " in sp.key:
                ini = org_initials(sp.name)
                if ini:
                    full_by_initials[ini.lower()].append(sp)
        for key in [k for k, sp in speakers.items() if sp.kind == "org" and " " not in k]:
            fulls = full_by_initials.get(key, [])
            if len(fulls) != 1 or not any(is_acronym(f) for f in speakers[key].forms):
                continue
            short = speakers.pop(key)
            for form, n in short.forms.items():
                fulls[0].forms[form] += n
                self.key_of[form] = fulls[0].key
        self.speakers = speakers
        self.by_token: dict[str, list[Speaker]] = defaultdict(list)
        for sp in speakers.values():
            toks = set(sp.key.split())
            for form in sp.forms:
                toks.update(_form_tokens(form, sp.kind))
            for t in toks:
                self.by_token[t].append(sp)
        self._role_source = role_source
        self._role_counts = role_counts  # the index's own table: preferred to role_source
        self._by_role_word: dict[str, list[Speaker]] | None = None

    def speaker_of(self, name: str) -> Speaker | None:
        key = self.key_of.get(name)
        return self.speakers.get(key) if key is not None else None

    def with_token(self, token: str) -> list[Speaker]:
        return self.by_token.get(token, [])

    def add_roles(self, statements: Iterable[Statement]) -> None:
        """Count the roles these statements give their speakers (once per article)."""
        seen: set[tuple[str, str, str]] = set()
        for st in statements:
            sp = self.speaker_of(st.speaker)
            if sp is None or not st.role or (sp.key, st.article_id, st.role) in seen:
                continue
            seen.add((sp.key, st.article_id, st.role))
            sp.roles[st.role] += 1

    def with_role_words(self, words: set[str]) -> list[Speaker]:
        """Speakers whose roles hold all these words (the role index is built on first use)."""
        if self._by_role_word is None:
            if self._role_counts is not None:
                for sp in self.speakers.values():
                    sp.roles.clear()
                for name, roles in self._role_counts().items():
                    who = self.speaker_of(name)
                    if who is not None:
                        who.roles.update(roles)
            elif self._role_source is not None:
                for sp in self.speakers.values():
                    sp.roles.clear()
                self.add_roles(self._role_source())
            index: dict[str, list[Speaker]] = defaultdict(list)
            for sp in self.speakers.values():
                for w in sp.role_words():
                    index[w].append(sp)
            self._by_role_word = index
        by_word = self._by_role_word
        if not words:
            return []
        first = min(words, key=lambda w: len(by_word.get(w, [])))
        return [sp for sp in by_word.get(first, []) if words <= sp.role_words()]


def build_speakers(statements: Sequence[Statement]) -> SpeakerDirectory:
    """The directory of these statements' speakers, with their roles."""
    directory = SpeakerDirectory(Counter(st.speaker for st in statements),
                                 role_source=lambda: statements)
    return directory


def normalise_text(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"[^\w\s]", " ", t)
    return " ".join(t.split())


def list_speakers(statements: Sequence[Statement]) -> list[tuple[str, str | None, int]]:
    """(name, role, number of distinct statements), most statements first."""
    directory = build_speakers(statements)
    directory.add_roles(statements)
    distinct: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        sp = directory.speaker_of(st.speaker)
        if sp is not None:
            distinct[sp.key].add(normalise_text(st.text))
    out = [(sp.name, sp.role, len(distinct[sp.key])) for sp in directory.speakers.values()]
    out.sort(key=lambda t: (-t[2], t[0].lower()))
    return out


@dataclass
class Who:
    """The X of a question, read into name, role and institution words (folded)."""

    raw: str
    name: list[str]  # folded name tokens
    role: list[str]  # folded role / title words
    org: list[str]  # folded institution words
    display: str


def analyse_who(who: str) -> Who:
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
    return Who(raw=raw, name=name, role=role, org=org, display=raw)


def match_name(who: Who, directory: SpeakerDirectory) -> list[Speaker]:
    q = [t for t in who.name if t not in SUFFIXES]
    if not q:
        return []
    persons = [sp for sp in directory.with_token(q[-1]) if sp.kind == "person"]
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
        found.sort(key=lambda s: (-s.count, s.key))
    # an institution named like a person query ("Hamas", "Microsoft")
    return found or match_named_org(q, directory)


def match_named_org(q: list[str], directory: SpeakerDirectory) -> list[Speaker]:
    """The institution of that name and its parts named after it ("Israel", "Israel Defense
    Forces"; not "Supporters of Israel" nor "American Israel Public Affairs Committee"), the
    institution itself first. `q`: the name's folded words."""
    found = [sp for sp in directory.with_token(q[-1])
             if sp.kind == "org" and sp.key.split()[:len(q)] == q] if q else []
    found.sort(key=lambda s: (s.key != " ".join(q), -s.count, s.key))
    return found


def match_role(who: Who, directory: SpeakerDirectory) -> list[Speaker]:
    want = set(who.role) | set(who.org) | {t for t in who.name if t not in STOP}
    if not who.role:
        return []
    strict = {"former", "vice", "deputy", "ex", "acting", "assistant", "associate"}
    found = []
    for sp in directory.with_role_words(want):
        if sp.kind != "person":
            continue
        rw = sp.role_words()
        if (strict & rw) - want and not (strict & want):
            continue
        found.append(sp)
    found.sort(key=lambda s: (-s.count, s.key))
    return found[:1]


def match_org(who: Who, directory: SpeakerDirectory) -> list[Speaker]:
    want = set(who.org) | set(who.name)
    if not want:
        return []
    first = min(want, key=lambda w: len(directory.with_token(w)))
    found = [sp for sp in directory.with_token(first)
             if sp.kind == "org" and want <= set(sp.key.split())]
    if not found and who.org:
        # "the World Economic Forum", quoted only as "WEF" (no article names it in full as a
        # speaker): the institution its initials name
        ini = org_initials(re.sub(r"^(?:the|a|an)\s+", "", who.raw, flags=re.I)).lower()
        found = [sp for sp in directory.with_token(ini) if sp.kind == "org" and sp.key == ini] \
            if len(ini) >= 2 else []
    # the institution's spokespeople speak for it ("What did the Kremlin say?"); a person's
    # full name ("Linda Trump") names no institution, so the role index is not consulted
    if not who.org and len(who.name) > 1:
        return found
    for sp in directory.with_role_words(want):
        if sp.kind == "person" and sp.role_words() & SPOKES:
            found.append(sp)
    return found


def is_speaker_phrase(who: Who, used_in_lower_case: Callable[[str], bool]) -> bool:
    """Could X be a person or institution (so that 'no statements' is the right answer)?
    `used_in_lower_case(word)`: do the articles use the word in lower case?"""
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
        if used_in_lower_case(t):
            return False  # used as an ordinary word
    return True


def is_group(who: str) -> str | None:
    """The folded key of a group asked about ("What did Republicans say?"), or None."""
    name = group_name(who)
    if name is None:
        return None
    return " ".join(name_tokens(name))


def match_group(key: str, directory: SpeakerDirectory) -> list[Speaker]:
    """Speakers that are this group or a part of it ("Republicans": "Senate Republicans")."""
    want = set(key.split())
    head = key.split()[-1]
    found = [sp for sp in directory.with_token(head)
             if sp.kind == "org" and want <= set(sp.key.split())]
    found.sort(key=lambda sp: (sp.key != key, -sp.count, sp.key))
    return found
