"""People and institutions of one article: the entity table that resolves later mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    FIRST_F,
    FIRST_M,
    GROUP_SPEAKERS,
    HONORIFICS,
    MEDIA,
    MEDIA_WORDS,
    ROLE_STRONG,
    SUFFIXES,
    TITLE_ABBREV,
    TITLES,
)
from .tokens import (
    INITIAL_RE,
)

PARTY_RE = re.compile(r"[RDI]-[A-Z][\w.\-]*")
AGE_RE = re.compile(r"[\w-]+-year-old|\d+-year-old", re.I)
RELATIVE_ROLE = re.compile(r"\b(?:first lady|lady|wife|husband|son|daughter|brother|sister|mother"
                            r"|father|widow|niece|nephew|cousin|aunt|uncle|granddaughter|grandson|"
                            r"stepdaughter|stepson|daughter-in-law|son-in-law|spouse|child|sibling)\b",
                            re.I)
_FEMALE_ROLE = re.compile(r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|"
                          r"councilwoman|assemblywoman|queen|princess|actress|wife|mother|"
                          r"daughter|sister|widow|first lady|madam|dame|lady|mrs\.?|ms\.?|"
                          r"miss|duchess|empress|grandmother|girlfriend)\b", re.I)
_MALE_ROLE = re.compile(r"\b(?:spokesman|chairman|congressman|businessman|councilman|"
                        r"assemblyman|king|prince|actor|husband|father|son|brother|widower|"
                        r"mr\.?|sir|lord|duke|emperor|grandfather|boyfriend|pope|fr\.)\b", re.I)
RX_ROLE_WORDS_1 = re.compile(r"[\w’'\-]+")
_RX_NORM_NAME_1 = re.compile(r"\s+")
_RX_NORM_NAME_2 = re.compile(r"[’']s$")
_RX_ORG_1 = re.compile(r"^(?:the|The)\s+")
_RX_IS_MEDIA_1 = re.compile(r"^the ")
_RX_IS_MEDIA_2 = re.compile(r"\.(?:com|org|net|co\.uk|tv)\b|-tv\b|\btv\b|\bradio\b")


# abbreviated titles and the role nouns they stand for
_TITLE_WORDS: dict[str, tuple[str, ...]] = {
    "gov": ("governor",), "sen": ("senator",), "rep": ("representative", "congressman",
                                                       "congresswoman", "lawmaker"),
    "gen": ("general",), "prof": ("professor",), "atty": ("attorney",),
    "supt": ("superintendent",), "adm": ("admiral",), "capt": ("captain",),
    "col": ("colonel",), "lt": ("lieutenant",), "sgt": ("sergeant",), "maj": ("major",),
    "cmdr": ("commander",), "amb": ("ambassador",), "pres": ("president",),
}


@dataclass(eq=False)
class Entity:
    name: str
    kind: str  # "person" | "org"
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    alias: Entity | None = None  # merged into this entity

    def final(self) -> Entity:
        e = self
        while e.alias is not None:
            e = e.alias
        return e

    @property
    def surname(self) -> str:
        toks = [t for t in self.name.split() if t.lower() not in SUFFIXES
                and not INITIAL_RE.fullmatch(t)]
        return toks[-1].lower() if toks else self.name.lower()

    @property
    def role(self) -> str | None:
        """The most informative role the article gives: a strong title with its institution
        ("White House press secretary") before a bare one ("spokeswoman")."""
        best, best_score = None, -1.0
        for i, r in enumerate(self.roles):
            words = r.split()
            low = {w.strip(",.").lower() for w in words}
            if low <= HONORIFICS:
                continue  # "Donald Trump, Mr., said": a form of address, not a role
            score = 0.0
            if low & ROLE_STRONG:
                score += 2
            if any(w[0].isupper() and w.strip(",.").lower() not in TITLES for w in words):
                score += 1
            score += min(len(words), 6) * 0.05 - i * 0.01
            if score > best_score:
                best, best_score = r, score
        return best

    def role_words(self) -> set[str]:
        out: set[str] = set()
        for r in self.roles:
            for w in RX_ROLE_WORDS_1.findall(r.lower()):
                w = w.removesuffix("’s").removesuffix("'s")
                out.add(w)
                # "Gov. Gavin Newsom" is the one a later "the governor" means
                out.update(_TITLE_WORDS.get(w.rstrip("."), ()))
        return out


@dataclass
class NP:
    kind: str  # "pron" | "name" | "role"
    start: int  # offsets of the whole phrase
    end: int
    pron: str | None = None
    name: str | None = None  # the name part (persons) or whole chain (institutions)
    is_org: bool = False
    role: str | None = None
    head: str | None = None  # role noun
    mods: tuple[str, ...] = ()
    definite: bool = True
    org_pp: str | None = None  # "a spokesperson for the State Department" -> State Department
    sentence_initial: bool = False
    title_gender: str | None = None
    appos_name: bool = False  # "One of Cohen's lawyers, Lanny Davis, said": name in apposition


def norm_name(s: str) -> str:
    s = _RX_NORM_NAME_1.sub(" ", s).strip()
    s = _RX_NORM_NAME_2.sub("", s)
    return s


def gender_of(name: str, role: str | None, title: str | None = None) -> str | None:
    if title:
        g = TITLE_ABBREV.get(title.lower())
        if g:
            return g
    if role:
        if _FEMALE_ROLE.search(role):
            return "F"
        if _MALE_ROLE.search(role):
            return "M"
    parts = name.split()
    if len(parts) >= 2:
        first = parts[0].lower().strip(".")
        if first in FIRST_F:
            return "F"
        if first in FIRST_M:
            return "M"
    last = parts[-1].lower() if parts else ""
    if last.endswith(("ova", "eva", "yova", "skaya", "tskaya", "ina")) and len(last) > 5:
        return "F"
    if last.endswith(("ov", "ev", "yov", "sky", "skiy", "skyi", "ovich", "evich", "enko")):
        return "M"
    return None


ANONYMOUS = Entity(name="", kind="person")  # an unnamed speaker ("a Syrian officer")


class Registry:
    def __init__(self) -> None:
        self.people: dict[str, Entity] = {}
        self.orgs: dict[str, Entity] = {}
        self.by_surname: dict[str, list[Entity]] = {}
        # (pos, entity, named other than in passing, see lookup_surname)
        self.mentions: list[tuple[int, Entity, bool]] = []

    # -- registration --
    def person(self, name: str, role: str | None, gender: str | None) -> Entity:
        name = norm_name(name)
        key = name.lower()
        e = self.people.get(key)
        if e is None and len(name.split()) >= 2:
            # "Holmes Norton" after "Eleanor Holmes Norton", "Taylor Greene" after "Marjorie
            # Taylor Greene": the last words of a longer name named before
            longer = [p for k, p in self.people.items() if k.endswith(" " + key)
                      and len(k.split()) > len(key.split())]
            if len({id(p.final()) for p in longer}) == 1:
                e = longer[0]
                self.people[key] = e
        if e is None and len(name.split()) >= 3:
            # "Marko Ivanovich Dovrenko" (a birth name) after "Marko Dovrenko": the same first
            # and last name, with middle names, is the person named before
            toks = key.split()
            same = {id(p.final()): p.final() for k, p in self.people.items()
                    if "." not in key and len(k.split()) == 2
                    and k.split()[0] == toks[0] and k.split()[1] == toks[-1]
                    and p.final().kind == "person"}
            if len(same) == 1:
                (e,) = same.values()
                self.people[key] = e
        if e is None:
            e = Entity(name=name, kind="person")
            self.people[key] = e
            toks = name.split()
            if len(toks) >= 2:
                sur = e.surname
                # a surname-only entity seen earlier becomes this person
                lone = self.people.get(sur)
                # (not a relative of theirs introduced later, "President Obama ... first lady
                # Michelle Obama", nor someone of the other gender)
                if lone is not None and lone is not e and lone.alias is None and \
                        len(lone.name.split()) == 1 and not (
                            role and RELATIVE_ROLE.search(role)) and not (
                            gender and lone.gender and gender != lone.gender):
                    lone.alias = e
                    e.roles.extend(r for r in lone.roles if r not in e.roles)
                    e.gender = e.gender or lone.gender
                self.by_surname.setdefault(sur, []).append(e)
        e = e.final()
        if role and role not in e.roles:
            e.roles.append(role)
        if gender and not e.gender:
            e.gender = gender
        return e

    def org(self, name: str) -> Entity:
        name = norm_name(name)
        name = _RX_ORG_1.sub("", name)
        # "the Democratic-led Senate Finance Committee": who leads it is no part of its name
        name = _LED_RE.sub("", name) if len(_LED_RE.sub("", name).split()) >= 2 else name
        key = name.lower()
        e = self.orgs.get(key)
        if e is None:
            e = Entity(name=name, kind="org", gender="N")
            self.orgs[key] = e
            # "the Syrian Democratic Forces ... the SDF said": an acronym of an institution
            # the article names in full is that institution (either order)
            if _ACRONYM_RE.fullmatch(name):
                full = {id(o.final()): o.final() for o in self.orgs.values()
                        if o is not e and name in (_initials(o.name), _initials(o.name, True))}
                if len(full) == 1:
                    e.alias = next(iter(full.values()))
            else:
                ini = _initials(name)
                short = self.orgs.get(ini.lower()) if len(ini) >= 2 else None
                if short is not None and short is not e and short.alias is None and \
                        short.name == ini:
                    short.alias = e
        return e.final()

    def lookup_surname(self, word: str, pos: int) -> Entity | None:
        cands = self.by_surname.get(word.lower())
        if not cands:
            return None
        # relatives introduced as such ("first lady Melania Trump") are not who a bare
        # surname means: news writes "Melania" for her and "Trump" for the president
        kin = {id(c.final()): c.final() for c in cands}
        cands = [c.final() for c in cands if not any(RELATIVE_ROLE.search(r) for r in c.roles)]
        if not cands:
            # ("Donna Holyan and her mother, Ella Wauneka ... Wauneka said": the only one of
            # that surname; not a first lady, nor beside a "President Obama" named by surname)
            if len(kin) != 1 or word.lower() in self.people:
                return None
            (only,) = kin.values()
            return None if any("lady" in r.lower() for r in only.roles) else only
        if len({id(c) for c in cands}) == 1:
            return cands[0]
        # several people share the surname ("Donald Trump", "Melania Trump"): the one named
        # in the last few paragraphs (the most recent), else the one named most often
        count: dict[int, int] = {}
        last: dict[int, int] = {}
        subj: set[int] = set()  # named other than in passing
        for p, ent, is_subj in self.mentions:
            if p >= pos:
                continue
            ent = ent.final()
            if any(ent is c for c in cands):
                count[id(ent)] = count.get(id(ent), 0) + 1
                last[id(ent)] = max(last.get(id(ent), -1), p)
                if is_subj:
                    subj.add(id(ent))
        if not count:
            return cands[0]
        if subj and len(subj) < len({id(c) for c in cands}):
            # "Marko Dovrenko was born in Pelzig. His father taught at a school with Maria
            # Dovrenko. / Dovrenko said": a bare surname means one named other than in passing,
            # not one named since only after a preposition or as an owner
            cands = [c for c in cands if id(c) in subj]
        near = [c for c in cands if pos - last.get(id(c), -10**9) <= 1500]
        if near:
            return max(near, key=lambda c: last[id(c)])
        return max(cands, key=lambda c: (count.get(id(c), 0), last.get(id(c), -1)))


_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
_INITIAL_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "on", "in"})


def _initials(name: str, lead: bool = False) -> str:
    """'Syrian Democratic Forces' -> 'SDF' (capitalised words); with `lead`, without the
    leading words that are acronyms already ('EU-US Trade and Tech Council' -> 'TTC')."""
    words = [w for w in name.split() if w.lower() not in _INITIAL_SKIP]
    while lead and words and (w := words[0]) and (not w.isalpha() or w.isupper()):
        words = words[1:]
    if len(words) < 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words)


def is_media(name: str) -> bool:
    low = _RX_NORM_NAME_1.sub(" ", name.lower()).strip()
    low = _RX_IS_MEDIA_1.sub("", low)
    if _RX_IS_MEDIA_2.search(low):
        return True
    if low in MEDIA or ("the " + low) in MEDIA:
        return True
    words = low.split()
    if words and words[-1] in MEDIA_WORDS:
        return True
    return bool("news" in words or "novosti" in words or low.endswith(" news agency")
                or (words and words[-1] == "agency" and len(words) >= 2
                    and words[-2] in ("news", "novosti", "press", "information", "tass", "ria")))


_LED_RE = re.compile(r"^[A-Z][\w.]*-(?:led|controlled|run|backed|dominated)\s+")
_GROUP_LEAD = re.compile(
    r"^(?:(?:the|some|many|most|several|other|few|a few|top|fellow|both|all|leading|key"
    r"|prominent|more|two|three|a number of|a group of|a handful of)\s+)+", re.I)


def group_name(phrase: str) -> str | None:
    """The group a plural phrase names, as stored: "Some Senate Republicans" -> "Senate
    Republicans", "Democrats" -> "Democrats"; None when the phrase names no group."""
    text = _GROUP_LEAD.sub("", phrase.strip()).strip()
    words = text.split()
    if not words or len(words) > 4:
        return None
    head = re.sub(r"['’]s?$", "", words[-1]).lower()
    if head not in GROUP_SPEAKERS:
        return None
    if head not in ("democrats", "republicans") and not any(w[:1].isupper() for w in words[:-1]):
        return None  # "officials", "experts": no one in particular
    return " ".join(words)
