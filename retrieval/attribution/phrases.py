"""Noun phrases read left or right of a speech cue: who the cue's speaker is, as written."""

from __future__ import annotations

import re

from .cues import (
    CUE_KIND,
)
from .entities import (
    AGE_RE,
    NP,
    PARTY_RE,
    RX_ROLE_WORDS_1,
    is_media,
)
from .lexicon import (
    ADV_AUX,
    CONNECTORS,
    CORE_FUNC,
    FIRST_F,
    FIRST_M,
    FUNC_CAPS,
    GROUP_SPEAKERS,
    LEAD_FUNC,
    LY_NOUNS,
    MEDIA_WORDS,
    MONTHS,
    NOT_NAME_LEADS,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_WORDS,
    PARTICLES,
    PARTY_WORDS,
    PHOTO_CREDITS,
    PLACES,
    PREPS,
    PRONOUNS,
    RELATIVE,
    ROLE_NOUNS,
    SUFFIXES,
    TITLE_ABBREV,
    TITLES,
    WEEKDAYS,
)
from .tokens import (
    INITIAL_RE,
    MASK,
    Tok,
    is_acronym,
    is_name_tok,
    tokens,
)


def _split_chain(chain: list[Tok]) -> tuple[list[Tok], list[Tok]]:
    """Split a capitalised chain into (title/role part, name part)."""
    cut = -1
    for i, t in enumerate(chain):
        low = t.base
        if i == 0 and len(chain) >= 3 and low in ROLE_NOUNS and low not in FIRST_M \
                and low not in FIRST_F and low not in ("marine", "dean", "major", "king", "earl"):
            cut = 0  # "Bartender Johnny Ransdell", "Principal Joshua Otlin"
            continue
        if i >= 2 and chain[i - 1].low in ("of", "for") and (
                chain[i - 2].base in TITLES or chain[i - 2].base in ORG_WORDS):
            cut = i  # "Secretary of War Pete Hegseth": the word after "of" is part of the title
            continue
        if i >= 2 and chain[i - 1].low == "to" and chain[i - 2].base in _TO_TITLES and \
                t.base not in TITLES:
            cut = i  # "Ambassador to Russia John Sullivan"
            continue
        if i >= 3 and chain[i - 1].low == "the" and chain[i - 2].low == "to" and \
                chain[i - 3].base in _TO_TITLES:
            cut = i  # "Ambassador to the UN Barbara Woodward"
            continue
        if i == len(chain) - 1 and i >= 1 and low in TITLES and not t.possessive and (
                INITIAL_RE.fullmatch(chain[i - 1].text) or chain[i - 1].low in FIRST_M
                or chain[i - 1].low in FIRST_F):
            continue  # "Stephen J. Pope", "John King": a surname after a first name
        if low in TITLES or low.rstrip(".") in TITLES or low in ORG_WORDS or t.possessive \
                or (low in _NAMED_TITLES and i < len(chain) - 2) \
                or (is_acronym(t.text) and i < len(chain) - 1 and len(chain) > 1
                    and not _initials_as_name(t, chain[i + 1])) or low in CONNECTORS:
            cut = i
    name = chain[cut + 1:]
    # the name part must hold a real name token, not just "Jr." or an initial
    while name and not any(
        t.low not in SUFFIXES and not INITIAL_RE.fullmatch(t.text) for t in name
    ):
        # back off to an earlier cut
        prev = -1
        for i in range(cut):
            t = chain[i]
            if t.base in TITLES or t.base in ORG_WORDS or t.low in CONNECTORS:
                prev = i
        if prev == cut or prev < 0:
            cut = -1
            name = chain
            break
        cut = prev
        name = chain[cut + 1:]
    if len(name) >= 3 and (name[0].low in PLACES or name[0].low in _PLACE_TAILS) and \
            name[0].low not in _PLACE_FIRST_NAMES and \
            name[0].low not in FIRST_M and \
            name[0].low not in FIRST_F and not INITIAL_RE.fullmatch(name[1].text) and \
            name[1].low not in PARTICLES and not name[0].possessive and \
            not any(t.low in MEDIA_WORDS or t.base in ORG_WORDS for t in name[1:]):
        # "envoy to Ukraine Keith Kellogg", "Pennsylvania Josh Shapiro": a place before a
        # full name is no part of it
        cut += 1
        name = chain[cut + 1:]
    return chain[:cut + 1], name


# the second word of a two-word place ("North Dakota Doug Burgum" read as "Dakota Doug Burgum")
_PLACE_TAILS = frozenset(p.split()[1] for p in PLACES if len(p.split()) == 2
                         and p.split()[0] in ("north", "south", "new", "west", "rhode"))

# titles only before a full name ("Public Advocate Jumaane Williams", "Clerk and Recorder X",
# "Town Moderator X"), not when they end the chain ("the National Taxpayer Advocate", "the New
# Orleans Advocate": an office, a newspaper)
_NAMED_TITLES = frozenset({"advocate", "recorder", "moderator",
                           # "Labour MP Jess Phillips" (not "MP Materials", a company)
                           "mp", "mep", "msp", "pm"})

# places that are also first names or surnames ("Georgia Ann Bell", "Booker T. Washington")
_PLACE_FIRST_NAMES = frozenset({"georgia", "india", "israel", "jordan", "paris", "virginia",
                                "washington", "florida", "austin", "china", "kenya"})


def _initials_as_name(t: Tok, nxt: Tok) -> bool:
    """'JB Pritzker', 'JD Vance': two or three capitals used as a first name."""
    letters = t.text.replace(".", "")
    return len(letters) <= 3 and nxt.base not in TITLES and nxt.base not in ORG_WORDS \
        and not is_acronym(nxt.text) and nxt.text[:1].isupper()


def _is_orgish(chain: list[Tok]) -> bool:
    if not chain:
        return False
    last = chain[-1]
    low = last.base
    if low in ORG_HEADS:
        return True
    # "Office of the Director of National Intelligence", "Bank of America" (but not "Bank of
    # America analyst Ebrahim H. Poonawala")
    if len(chain) >= 3 and chain[0].base in ORG_HEADS and chain[1].low in ("of", "for"):
        _title, name = _split_chain(chain)
        return len(name) <= 1
    # "Ohio Department of Transportation", "U.S. Office of Personnel Management": a place
    # before the institution's name
    for k in range(1, min(4, len(chain) - 2)):
        if chain[k].base in ORG_HEADS and chain[k + 1].low in ("of", "for") and all(
                c.cap and not c.possessive and c.base not in TITLES and c.low not in CONNECTORS
                and not INITIAL_RE.fullmatch(c.text) for c in chain[:k]):
            _title, name = _split_chain(chain[k:])
            return len(name) <= 1
    if len(chain) == 1 and is_acronym(last.text) and low not in ("jd",):
        return True
    return bool(is_acronym(last.text) and len(chain) > 1 and chain[-2].base in ORG_WORDS)


_TIME_UNITS = frozenset({"week", "month", "year", "weekend", "spring", "summer", "fall",
                         "winter"})
# "Gov. Kathy Hochul in a Saturday statement said": the medium between subject and cue
_SUBJECT_PP_RE = re.compile(
    r"(?<=\w)\s+(?:in|on)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:statement|interview|post|letter|tweet|speech|video|message|memo|release|email"
    r"|news\s+conference|press\s+conference|briefing)(?:\s+(?:on|to)\s+[\w’'-]+)?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\s*$")
# a pronoun subject contracted with "has" or "have" ("He's said", "they've told"); not "it's",
# which is as often "it is said"
_PERFECT_PRONOUN = {"he's": "he", "she's": "she", "they've": "they"}
_MANNER_ADVERB_RE = re.compile(r"[a-z]{3,}ly")
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that",
                          "another", "one"})
# words that open an appositive describing the phrase before it, not naming a person
_DESCRIPTION_OPENERS = frozenset({"a", "an", "one", "another", "the", "which", "whose"})


class Parser:
    """Noun phrases read left or right from a cue, within one sentence of masked text."""

    def __init__(self, text: str, masked: str, surnames: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.masked = masked
        # function words the article uses as someone's surname ("Theresa May", "George
        # Will"): a capitalised one is that person, not "may" opening a sentence
        self.surnames = surnames

    def adjacent(self, a: Tok, b: Tok) -> bool:
        """Only white space between two tokens (no period, no line break)."""
        gap = self.masked[a.end:b.start]
        return not gap or (gap.isspace() and "\n" not in gap)

    def toks(self, lo: int, hi: int) -> list[Tok]:
        return tokens(self.masked[lo:hi], lo)

    # -- backward: the phrase that ends at `hi` --
    def before(self, lo: int, hi: int, allow_appos: bool = True,
               allow_object: bool = False) -> NP | None:
        lo = max(lo, hi - 200)
        mpp = _SUBJECT_PP_RE.search(self.masked, lo, hi)
        if mpp is not None and mpp.end() == hi and mpp.start() > lo:
            # "Gov. Kathy Hochul in a Saturday statement said": the medium between the subject
            # and the cue
            hi = mpp.start()
        toks = self.toks(lo, hi)
        i = len(toks) - 1
        # skip adverbs and auxiliaries: "Peskov also said", "he has repeatedly said"
        skipped = 0
        while i >= 0 and skipped < 4:
            t = toks[i]
            low = t.low
            if (low in ADV_AUX and not t.text[:1].isupper()) or low in WEEKDAYS or (
                    _MANNER_ADVERB_RE.fullmatch(t.text) and low not in LY_NOUNS):
                # "Trump falsely said", "Ruiz allegedly said": any manner adverb
                i -= 1
                skipped += 1
                if low in WEEKDAYS and i >= 0 and toks[i].low == "on":
                    i -= 1
                continue
            if low in _TIME_UNITS and i >= 1 and toks[i - 1].low in ("last", "this") and \
                    not t.text[:1].isupper():
                # "Trump last week threatened", "Ames this month said"
                i -= 2
                skipped += 1
                if i >= 0 and toks[i].low == "earlier":
                    i -= 1
                continue
            break
        if i < 0:
            return None
        t = toks[i]
        contracted = _PERFECT_PRONOUN.get(t.low.replace("’", "'"))
        if contracted is not None:
            # "He's also said ...", "They've told reporters ...": a pronoun and "has"/"have"
            # opening the sentence or a clause of its own ("the $25 million he's called for":
            # an object's relative clause, not a statement)
            prev = toks[i - 1] if i > 0 else None
            if prev is not None and prev.text not in (",", ";", "—") and prev.low not in (
                    "but", "though", "although", "because", "since", "while", "as", "after",
                    "when", "if", "what"):
                return None
            return NP("pron", t.start, t.end, pron=contracted, sentence_initial=i == 0)
        if t.low in PRONOUNS:
            prev = toks[i - 1] if i > 0 else None
            if (prev is not None and prev.low in ("and", "or", "&") and not (
                    # 'And he added, “...': the conjunction opens the sentence (one speaker)
                    i == 1 and prev.text[:1].isupper())) or (
                    prev is not None and prev.low in RELATIVE):
                return None
            return NP("pron", t.start, t.end, pron=t.low,
                       sentence_initial=i == 0)
        if t.text == "," and allow_appos:
            return self._appositive(toks, i, lo) or self._name_then_comma(toks, i)
        if t.text == ")" and i >= 3 and toks[i - 2].text == "(" and \
                is_acronym(toks[i - 1].text):
            # 'The Ukrainian Security Service (SBU) announces': the name before its acronym
            i -= 3
        np = self.np_ending_at(toks, i)
        if np is None:
            return None
        named = self._name_before_role(toks, np)
        if named is not None:
            return named
        ext = self._extend_pp(toks, np, lo)
        if ext is np and not allow_object:
            # the object of a preposition or a relative clause is not the speaker:
            # "member of Congress says", "which Twitter said was"
            k = next((x for x, tk in enumerate(toks) if tk.start == np.start), None)
            if k is not None and k > 0:
                pw = toks[k - 1].low
                d = k - 1
                if pw in ("the", "a", "an") and k > 1:
                    d = k - 2
                    pw = toks[d].low
                if pw in _STAFF_PREPS and d > 0 and toks[d - 1].low in _ORG_PEOPLE and \
                        np.kind == "name" and np.name and _institution_name(np) and (
                            d == 1 or toks[d - 2].low in _CLAUSE_OPENERS):
                    # "Organizers at Turning Point USA said", "officials at the Pentagon say":
                    # the institution speaks through its people
                    return NP("name", toks[d - 1].start, np.end, name=np.name, is_org=True,
                              sentence_initial=d == 1)
                if pw in PREPS or (pw in RELATIVE and not (
                        # 'a call in which Biden warned that …': the relative clause's
                        # own subject speaks
                        pw in ("which", "whom") and d > 0 and toks[d - 1].low in PREPS)):
                    return None
        return ext

    def _name_then_comma(self, toks: list[Tok], i: int) -> NP | None:
        """'…, Georgia State Election Board member Edward Lindsey, urged': a stray comma
        between a person's full name, opening its clause, and the cue."""
        np = self.np_ending_at(toks, i - 1)
        if np is None or np.kind != "name" or np.is_org or len((np.name or "").split()) < 2 \
                or self._after_prep(toks, np):
            return None
        first = (np.name or "").split()[0].lower()
        if not np.role and first not in FIRST_M and first not in FIRST_F:
            return None  # ('…, a farmer in Laur, Nueva Ecija, said': a place)
        k = next((x for x, t in enumerate(toks) if t.start == np.start), None)
        if k is None or (k > 0 and toks[k - 1].text != ","):
            return None
        return np

    def _appositive(self, toks: list[Tok], i: int, lo: int, depth: int = 0) -> NP | None:
        """toks[i] is a comma just before the cue: '... NAME, APPOSITIVE, said'. A second
        appositive describing the first ('Mike Dorn, president of the Welders Union, one of
        the four unions that voted no, said'; 'Ann Lee, a fellow at Bruegel, a Brussels think
        tank, told') is passed over to the person the first one gives a role to."""
        np = self._one_appositive(toks, i, lo, depth)
        if np is not None or depth >= 1:
            return np
        j = i - 1
        while j >= 0 and toks[j].text != ",":
            j -= 1
        if j <= 0 or j == i - 1 or toks[j + 1].low not in _DESCRIPTION_OPENERS:
            return None
        outer = self._one_appositive(toks, j, lo, depth + 1)
        k = j - 1
        while k >= 0 and toks[k].text != ",":
            k -= 1
        # ("Delia Cintron, 70, a retired manager, said": an age, then the description)
        aged = k >= 0 and j - k >= 2 and all(a.text.isdigit() for a in toks[k + 1:j])
        if outer is None or outer.kind != "name" or outer.is_org or not (outer.role or aged):
            return None
        outer.end = toks[i].start
        return outer

    def _one_appositive(self, toks: list[Tok], i: int, lo: int, depth: int = 0) -> NP | None:
        j = i - 1
        while j >= 0 and i - j <= 30:
            tt = toks[j]
            if tt.text == ",":
                break
            if tt.text in (";", ":", "“", "”", "(", ")") or MASK in tt.text:
                return None
            j -= 1
        if j < 0 or toks[j].text != "," or j == i - 1:
            return None
        appos = toks[j + 1:i]
        if all(a.text.isdigit() for a in appos):
            # "Kyvin Battle, 57, told": an age, not a second phrase
            aged = self.np_ending_at(toks, j - 1)
            if aged is not None and aged.kind == "name":
                aged.end = toks[i].start
            return aged
        if appos[0].low in PRONOUNS or appos[0].low in ("both", "all", "each", "together"):
            return None  # "Walz and his wife, Gwen, both former teachers, said": two speakers
        np = self.np_ending_at(toks, j - 1)
        if np is not None and np.kind == "name" and _institution_name(np):
            # "John Smith of the Heritage Foundation, a think tank, said": the person of it
            ext = self._extend_pp(toks, np, lo)
            if ext.kind == "name" and not ext.is_org:
                np = ext
        if np is not None and np.kind == "name" and not np.is_org and self._after_prep(toks, np):
            return None  # "Authorities in Texas, including the governor, have pledged"
        # "One of Cohen's lawyers, Lanny Davis, said": the appositive is the name
        if (np is None or np.kind == "role") and is_name_tok(appos[-1]):
            inner = self.np_ending_at(appos, len(appos) - 1)
            if inner is not None and inner.kind == "name" and not inner.is_org and \
                    inner.start == appos[0].start:
                inner.end = toks[i].start
                inner.appos_name = True
                return inner
        again = depth < 2 and (
            (np is not None and np.kind == "name" and np.name and PARTY_RE.fullmatch(np.name))
            or (np is None and j - 1 >= 0 and toks[j - 1].low in WEEKDAYS)
            # "Tim Dillingham, executive director of the American Littoral Society, a coastal
            # advocacy group, said": the institution is inside the first appositive
            or (np is not None and np.kind == "name" and np.is_org and self._after_prep(toks, np)))
        if again:
            return self._one_appositive(toks, j, lo, depth + 1)
        if np is None or np.kind == "pron":
            # "he, however, said"
            if j - 1 >= 0 and toks[j - 1].low in ("he", "she", "they", "it"):
                t = toks[j - 1]
                return NP("pron", t.start, t.end, pron=t.low)
            return None
        appos_text = self.text[appos[0].start:appos[-1].end]
        words = {a.base for a in appos}
        if np.kind == "name" and not np.is_org and not np.role and (
                words & ROLE_NOUNS or words & TITLES):
            r = _RX_APPOSITIVE_1.sub("", appos_text).strip()
            if 0 < len(r) <= 120 and not r.lower().startswith(("who ", "which ", "whose ")):
                np.role = r
        np.end = toks[i].start
        return np

    def _name_before_role(self, toks: list[Tok], np: NP) -> NP | None:
        """'Robert J. Stevens, chairman and CEO said': a name, a comma, then its role."""
        words = re.findall(r"[\w’'.\-]+", self.text[np.start:np.end])
        if not words or not all(w.lower().rstrip(".") in TITLES or w.lower() in ROLE_NOUNS
                                or w.lower() in ("and", "of", "the") for w in words):
            return None
        k = next((x for x, t in enumerate(toks) if t.start == np.start), None)
        if k is None:
            return None
        while k > 0 and toks[k - 1].text != "," and (
                toks[k - 1].base in ROLE_NOUNS or toks[k - 1].base in TITLES
                or toks[k - 1].low in ("and", "of", "the", "senior", "former", "chief")):
            k -= 1
        if k < 2 or toks[k - 1].text != ",":
            return None
        name = self.np_ending_at(toks, k - 2)
        if name is None or name.kind != "name" or name.is_org:
            return None
        name.role = name.role or self.text[toks[k].start:np.end]
        name.end = np.end
        return name

    @staticmethod
    def _after_prep(toks: list[Tok], np: NP) -> bool:
        k = next((x for x, t in enumerate(toks) if t.start == np.start), None)
        if k is None or k == 0:
            return False
        pw = toks[k - 1].low
        if pw in ("the", "a", "an") and k > 1:
            pw = toks[k - 2].low
        return pw in PREPS

    def np_ending_at(self, toks: list[Tok], i: int, in_group: bool = False) -> NP | None:
        """The noun phrase whose last token is toks[i]. `in_group`: a name in a list
        ("Peskov and Lavrov") is still a mention, though not a single speaker."""
        if i < 0:
            return None
        t = toks[i]
        if MASK in t.text or t.text in "“”":
            return None
        # name chain
        if is_name_tok(t) and t.low not in PRONOUNS:
            j = i
            while j - 1 >= 0:
                p = toks[j - 1]
                if not self.adjacent(p, toks[j]):
                    break
                if is_name_tok(p) and not p.possessive:
                    j -= 1
                    continue
                if p.low in PARTICLES:
                    # "Ursula von der Leyen": one or more particles between name words
                    b = j - 1
                    while b - 1 >= 0 and toks[b - 1].low in PARTICLES and b > j - 3:
                        b -= 1
                    if b - 1 >= 0 and is_name_tok(toks[b - 1]) and not toks[b - 1].possessive:
                        j = b
                        continue
                if p.low in ("of", "from") and j - 2 >= 0 and is_name_tok(toks[j - 2]) and \
                        self.adjacent(toks[j - 2], p):
                    j -= 1
                    continue
                if p.low == "to" and j - 2 >= 0 and toks[j - 2].base in _TO_TITLES and \
                        self.adjacent(toks[j - 2], p) and toks[j].base not in TITLES and \
                        toks[j].low not in FIRST_M and toks[j].low not in FIRST_F:
                    j -= 1  # "Ambassador to Russia John Sullivan"
                    continue
                if p.low == "the" and j - 3 >= 0 and toks[j - 2].low == "to" and \
                        toks[j - 3].base in _TO_TITLES and toks[j].base not in TITLES:
                    j -= 2  # "Russian Ambassador to the US Anatoly Antonov"
                    continue
                if p.low == "the" and j - 3 >= 0 and toks[j - 2].low in ("of", "for") and \
                        is_name_tok(toks[j - 3]) and (toks[j - 3].base in ORG_WORDS
                                                       or toks[j - 3].base in TITLES):
                    j -= 2  # "Office of the Director of National Intelligence"
                    continue
                if p.low in CONNECTORS and p.low not in ("and", "&") and j - 2 >= 0 and \
                        is_name_tok(toks[j - 2]) and (
                            toks[j - 2].base in ORG_WORDS or toks[j - 2].base in TITLES
                            or toks[j].base in ORG_WORDS):
                    j -= 1
                    continue
                if p.low in ("and", "&") and j - 2 >= 0 and is_name_tok(toks[j - 2]) and \
                        toks[j - 2].base in ORG_WORDS and toks[j].base in ORG_WORDS:
                    j -= 1
                    continue
                if p.low in ("and", "&") and j - 2 >= 0 and is_name_tok(toks[j - 2]) and \
                        self.adjacent(toks[j - 2], p) and any(
                            toks[x].low in ("of", "for") and toks[x - 1].base in ORG_HEADS
                            for x in range(max(1, j - 6), j - 1)) and not any(
                            x.base in ORG_HEADS and x.base not in ("services", "service")
                            for x in toks[j:i + 1]):
                    # (but "University of Michigan and Massachusetts General Hospital": two)
                    # "Department of Agriculture and Consumer Services": one name
                    j -= 1
                    continue
                if p.low in ("and", "&") and j - 3 >= 0 and toks[i].base in ORG_HEADS and \
                        all(is_name_tok(x) and not x.possessive and x.base not in TITLES
                            and x.low not in FIRST_M and x.low not in FIRST_F
                            and x.base not in ORG_HEADS
                            for x in (toks[j - 3], toks[j - 2])) and \
                        self.adjacent(toks[j - 3], toks[j - 2]) and \
                        self.adjacent(toks[j - 2], p) and all(
                            x.base not in ORG_HEADS for x in toks[j:i]):
                    # "EU-US Trade and Tech Council": words of one name before its head
                    j -= 1
                    continue
                if p.possessive and is_name_tok(p) and (
                        toks[j].base in ORG_WORDS or toks[j].base in TITLES):
                    # "Russia's Foreign Ministry"
                    j -= 1
                    continue
                break
            chain = toks[j:i + 1]
            # "Sen. John Barrasso of Wyoming": the affiliation is not part of the name
            for x in range(1, len(chain) - 1):
                if chain[x].low in ("of", "from") and chain[x - 1].base not in TITLES and \
                        chain[x - 1].base not in ORG_WORDS and is_name_tok(chain[x - 1]) and \
                        not is_acronym(chain[x - 1].text) and not any(
                            c.base.rstrip(".") in TITLES for c in chain[x + 1:]):
                    if x - 1 == 0 and chain[0].low in FUNC_CAPS:
                        break
                    return self.np_ending_at(toks, j + x - 1, in_group)
            # a function word inside a chain ends it: "Biden That is what we owe"
            for x in range(len(chain) - 1, 0, -1):
                if chain[x].cap and chain[x].low in CORE_FUNC:
                    return self.np_ending_at(toks, j + x - 1, in_group) if x > 0 else None
            # drop sentence-initial function words ("But", "The")
            while chain and (chain[0].low in LEAD_FUNC or chain[0].low in CONNECTORS
                             or AGE_RE.fullmatch(chain[0].text)) and not (
                    len(chain) == 1 and chain[0].low in self.surnames):
                chain = chain[1:]
            # caption, credit and description words ("Watch Zelensky", "Getty Images Biden",
            # "Billionaire Elon Musk", "Neither Trump"), and the tail of an abbreviation
            # ("the U.S. Trump said" -> "S. Trump", "D-N.Y. Cipollone said" -> "Y. Cipollone")
            credit = -1
            for x in range(len(chain) - 1):
                # a credit follows a photographer's name and a slash ("Jane Doe/AFP/Getty
                # Images"), not "AP VoteCast" or "EPA officials"
                if chain[x].low in PHOTO_CREDITS and (
                        self.text[chain[x].start - 1:chain[x].start] == "/"
                        or (credit == x - 1 and credit >= 0)
                        or (chain[x].low == "getty" and chain[x + 1].low == "images")):
                    credit = x
            if credit >= 0:
                # "... Taylor/UK Parliament/Reuters Johnson announces": a caption after the
                # credit of the photo before it
                chain = chain[credit + 1:]
            while len(chain) >= 2 and (
                    chain[0].low in NOT_NAME_LEADS
                    or (len(chain[0].text) == 2 and chain[0].text[1] == "."
                        and self.text[chain[0].start - 1:chain[0].start] == "."
                        and not _is_orgish(chain[1:])
                        and (len(chain) == 2 or chain[1].low in FIRST_M
                             or chain[1].low in FIRST_F))):
                chain = chain[1:]
            while chain and chain[-1].low in CONNECTORS:
                return None
            if not chain:
                return None
            before = toks[j - 1] if j - 1 >= 0 else None
            if before is not None and before.low in ("and", "or", "&", "nor") and not in_group \
                    and not (j - 2 >= 0 and (toks[j - 2].base in ORG_WORDS
                                             or toks[j - 2].base in TITLES)):
                return None  # "Trump and Vance said": a group
            sentence_initial = j == 0 or (j <= 2 and all(x.low in FUNC_CAPS or x.text == ","
                                                          for x in toks[:j]))
            if chain[-1].possessive:
                return None
            if is_media(self.text[chain[0].start:chain[-1].end]):
                # "the Associated Press", "The New York Times": an outlet, never a title
                start = chain[0].start
                return NP("name", start, chain[-1].end, name=self.text[start:chain[-1].end],
                          is_org=True, sentence_initial=sentence_initial)
            if _is_orgish(chain):
                start = chain[0].start
                # "the Russian Foreign Ministry" / "Russia's Foreign Ministry"
                return NP("name", start, chain[-1].end, name=self.text[start:chain[-1].end],
                           is_org=True, sentence_initial=sentence_initial)
            title_part, name_part = _split_chain(chain)
            if len(name_part) == 1 and title_part and not any(
                    x.base in TITLES or x.base.rstrip(".") in TITLES or x.base in PARTY_WORDS
                    for x in title_part) \
                    and all(x.base in ORG_WORDS or x.low in CONNECTORS for x in title_part):
                # "US Catholic", "New Scientist": a name of an institution or a publication
                start = chain[0].start
                return NP("name", start, chain[-1].end, name=self.text[start:chain[-1].end],
                           is_org=True, sentence_initial=sentence_initial)
            if not name_part and len(chain) >= 2 and chain[-1].base == "international" and all(
                    x.cap and x.base not in ORG_WORDS and x.base not in TITLES
                    and x.base not in ROLE_NOUNS and x.low not in LEAD_FUNC
                    for x in chain[:-1]):
                # "Amnesty International", "Transparency International": an institution's name
                start = chain[0].start
                return NP("name", start, chain[-1].end, name=self.text[start:chain[-1].end],
                          is_org=True, sentence_initial=sentence_initial)
            if not name_part:
                # "the President", "Secretary of State"
                head = chain[-1].base.rstrip(".")
                det = before.low if before is not None else ""
                return NP("role", chain[0].start, chain[-1].end, head=head,
                          mods=tuple(x.base for x in chain[:-1]),
                           definite=det not in ("a", "an", "another", "one"),
                           sentence_initial=sentence_initial)
            # role words before the chain: "Kremlin spokesman Dmitry Peskov"
            k = j - 1
            role_start = title_part[0].start if title_part else None
            while k >= 0 and j - k <= 8:
                p = toks[k]
                low = p.base
                if not self.adjacent(p, toks[k + 1]):
                    break
                if low == "of" and not (k >= 1 and (toks[k - 1].base in TITLES
                                                    or toks[k - 1].base in ROLE_NOUNS)):
                    break
                if p.text in (",", ";", ":", "“", "”", "(", ")", "—", "–") or MASK in p.text:
                    break
                if low in WEEKDAYS or low in MONTHS:
                    break
                if low == "and" and k >= 1 and toks[k - 1].base in ROLE_NOUNS and \
                        toks[k + 1].base in ROLE_NOUNS and self.adjacent(toks[k - 1], p):
                    # "pollster and strategist Celinda Lake": one role of two nouns
                    k -= 1
                    continue
                if low in ("the", "a", "an", "and", "or", "&", "with", "by", "to", "from",
                           "at", "in", "on", "for", "as", "that", "than", "said", "says",
                           "told", "after", "before", "while", "when", "whom", "who") \
                        or CUE_KIND.get(p.low):
                    break
                if p.cap and not p.possessive and low not in TITLES and \
                        low not in ORG_WORDS and not (
                            toks[k + 1].cap or toks[k + 1].base in ROLE_NOUNS
                            or toks[k + 1].base in TITLES):
                    break  # "Harris leading former President Trump": Harris is no title
                if low in ROLE_NOUNS or low in TITLES or p.cap or p.possessive or \
                        low in ("of", "presidential", "foreign", "press", "top", "senior",
                                "former", "deputy", "acting", "interim", "chief", "current",
                                "first",
                                "then", "outgoing", "incoming", "longtime", "influential",
                                "prominent", "veteran", "republican",
                                "democratic", "defense", "military", "national", "state",
                                "federal", "local", "opposition", "conservative", "liberal",
                                "progressive", "independent", "ruling", "senior",
                                "economic", "security", "political", "executive", "general",
                                "vice", "assistant", "associate", "special", "white",
                                "house", "majority", "minority", "ranking", "party",
                                "campaign", "education", "health", "finance", "trade"):
                    role_start = p.start
                    k -= 1
                    continue
                break
            role = None
            if role_start is not None:
                rtxt = self.text[role_start:name_part[0].start].strip()
                while True:
                    mlead = _RX_NP_ENDING_AT_1.match(rtxt)
                    if not mlead or not (mlead.group(1).lower() in FUNC_CAPS - TITLES - {
                            "president", "former", "chief", "state", "federal", "national",
                            "u.s.", "american", "first"} or mlead.group(1).lower() in ("of",)):
                        break
                    rtxt = rtxt[mlead.end():]
                words = {w.lower().strip(".,") for w in rtxt.split()}
                if words & (ROLE_NOUNS | TITLES) and rtxt:
                    role = rtxt
            title_word = title_part[-1].text if title_part else None
            start = role_start if role_start is not None else name_part[0].start
            name = self.text[name_part[0].start:name_part[-1].end]
            return NP("name", start, name_part[-1].end, name=name, role=role,
                       sentence_initial=sentence_initial and role_start is None,
                       title_gender=TITLE_ABBREV.get((title_word or "").lower()))
        # an institution's lawyers: "Department of Justice lawyers have said" (the institution
        # speaks through them)
        if t.low in _ORG_STAFF and i > 0 and toks[i - 1].cap and self.adjacent(toks[i - 1], t):
            org = self.np_ending_at(toks, i - 1, in_group)
            if org is not None and org.kind == "name" and org.is_org and org.name:
                return NP("name", org.start, t.end, name=org.name, is_org=True,
                          sentence_initial=org.sentence_initial)
        # a qualified group: "Ukrainian officials", "US lawmakers" (speak as one)
        if t.base in GROUP_SPEAKERS and i > 0 and toks[i - 1].cap and self.adjacent(toks[i - 1], t):
            j = i
            while j - 1 >= 0 and toks[j - 1].cap and is_name_tok(toks[j - 1]) and \
                    self.adjacent(toks[j - 1], toks[j]) and i - j < 4:
                j -= 1
            while j < i and (toks[j].low in LEAD_FUNC or toks[j].low in FUNC_CAPS):
                j += 1
            if j < i and not (j > 0 and toks[j - 1].low in ("and", "or", "&", "of", "for")):
                return NP("name", toks[j].start, t.end, name=self.text[toks[j].start:t.end],
                          is_org=True)
        # role noun phrase: "the Kremlin spokesman", "the ministry", "the ministry's spokeswoman"
        head = t.base
        if head in ROLE_NOUNS or head in ORG_NOUNS:
            if t.possessive:
                return None
            j = i
            mods: list[str] = []  # the role noun's modifiers, read leftwards
            while j - 1 >= 0 and i - j < 6:
                p = toks[j - 1]
                if p.low in ("the", "a", "an", "its", "his", "her", "their", "this", "that",
                             "another", "one", "our", "whose"):
                    break
                if p.text in (",", ";", ":", "“", "”", "(", ")") or MASK in p.text:
                    break
                if CUE_KIND.get(p.low) or p.low in ("and", "or", "to", "in", "on", "at",
                                                     "with", "by", "from", "for", "as",
                                                     "after", "before", "when", "while"):
                    break
                mods.insert(0, p.base)
                j -= 1
            det = toks[j - 1].low if j - 1 >= 0 else ""
            if det not in ("the", "a", "an", "its", "his", "her", "their", "this", "that",
                           "another", "one") and not (mods and (toks[j].cap or toks[j].possessive)):
                return None  # a bare plural or sentence-initial "Officials said": no one speaker
            start = toks[j - 1].start if det in _DETERMINERS else toks[j].start
            return NP("role", start, t.end, head=head, mods=tuple(mods),
                       definite=det not in ("a", "an", "another", "one"))
        return None

    def _extend_pp(self, toks: list[Tok], np: NP, lo: int) -> NP:
        """'a spokesperson for the State Department' read backwards from 'Department'."""
        # find the token index of np.start
        idx = next((k for k, t in enumerate(toks) if t.start == np.start), None)
        if idx is None:
            return np
        k = idx - 1
        if k >= 0 and toks[k].low in ("the", "its"):
            k -= 1
        if k >= 0 and toks[k].low in ("for", "of", "at", "with", "from"):
            outer = self.np_ending_at(toks, k - 1)
            if outer is not None and outer.kind == "role" and outer.head in ROLE_NOUNS:
                if np.kind == "name" and np.is_org:
                    outer.org_pp = np.name
                elif np.kind == "role":
                    # "a spokesperson for the U.S. attorney's office"
                    outer.org_pp = DET_RE.sub("", self.text[np.start:np.end])
                outer.mods = outer.mods + tuple(
                    w.lower() for w in RX_ROLE_WORDS_1.findall(self.text[np.start:np.end]))
                outer.end = np.end
                return outer
            if outer is not None and outer.kind == "name" and not outer.is_org and \
                    len((outer.name or "").split()) >= 2 and np.kind == "name" and \
                    _institution_name(np) and toks[k].low != "for":
                # "John Smith of the Heritage Foundation said": the person, of the institution
                # (not "a letter from Ann Lee of the FBI said": the object of "from")
                o = next((x for x, t in enumerate(toks) if t.start == outer.start), 0)
                if o > 0 and (toks[o - 1].low in PREPS or toks[o - 1].low in RELATIVE):
                    return np
                outer.end = np.end
                outer.org_pp = outer.org_pp or np.name
                return outer
        return np

    # -- forward: the phrase that starts at `lo` ("said Kremlin spokesman Dmitry Peskov") --
    @staticmethod
    def _and_inside_name(toks: list[Tok], k: int, j: int) -> bool:
        """Is the "and" at toks[j] inside one institution's name: after "of" or "for" in it
        ("Department of Land and Natural Resources"), or before the rest of a name that ends
        in an institution's word ("American Iron and Steel Institute"), not between two
        names ("NPR and Deadline")?"""
        if any(t.low in ("of", "for") for t in toks[k:j]):
            return True
        x = j + 1
        while x < len(toks) and toks[x].cap and x - j <= 4:
            x += 1
        return toks[x - 1].base in ORG_HEADS

    def after(self, lo: int, hi: int) -> NP | None:
        hi = min(hi, lo + 260)
        toks = self.toks(lo, hi)
        if not toks:
            return None
        t0 = toks[0]
        if t0.low in PRONOUNS:
            return NP("pron", t0.start, t0.end, pron=t0.low)
        # collect the phrase: role words and capitalised tokens
        k = 0
        if t0.low in ("the", "a", "an"):
            k = 1
        j = k
        while j < len(toks) and j - k < 12:
            t = toks[j]
            low = t.base
            if t.text in (",", ";", ":", "“", "”", "(", ")", "—", "–") or MASK in t.text:
                break
            if low == "and" and j > k and toks[j - 1].base in ROLE_NOUNS and j + 1 < len(toks) \
                    and toks[j + 1].base in ROLE_NOUNS:
                j += 1  # "said pollster and strategist Celinda Lake"
                continue
            if low in ("and", "&") and j > k and toks[j - 1].cap and j + 1 < len(toks) and \
                    toks[j + 1].cap and self._and_inside_name(toks, k, j):
                j += 1  # "the American College of Obstetricians and Gynecologists"
                continue
            if is_name_tok(t) or low in ROLE_NOUNS or low in TITLES or low in PARTICLES \
                    or (low in CONNECTORS and low not in ("and", "&", "on")) or low in (
                        "presidential", "foreign", "press", "top", "senior", "former", "deputy",
                        "acting", "chief", "republican", "democratic", "national", "state",
                        "federal", "white", "house", "vice", "assistant", "executive"):
                if low in WEEKDAYS or low in MONTHS:
                    break
                j += 1
                continue
            break
        # drop trailing connectors
        while j > k and toks[j - 1].low in CONNECTORS | PARTICLES:
            j -= 1
        if j == k:
            return None
        phrase = toks[k:j]
        # a trailing "of X" that is an affiliation: "De Haan of Gas Buddy" -> keep name only
        for idx in range(1, len(phrase)):
            if phrase[idx].low in ("of", "for", "at") and idx > 0 and is_name_tok(
                    phrase[idx - 1]) and phrase[idx - 1].base not in ORG_WORDS and \
                    phrase[idx - 1].base not in TITLES:
                phrase = phrase[:idx]
                break
        end_tok = len(phrase) - 1
        np = self.np_ending_at(phrase, end_tok)
        if np is None and k == 1 and phrase[-1].base in ROLE_NOUNS:
            # 'said the king': the role phrase with its determiner
            np = self.np_ending_at(toks[:k + len(phrase)], k + end_tok)
        if np is None:
            return None
        if k == 1 and np.kind == "role":
            np.definite = t0.low == "the"
            np.start = t0.start
        # appositive after it: "said Peskov, the Kremlin spokesman,"
        rest_i = k + len(phrase)
        if np.kind == "name" and not np.is_org and not np.role and rest_i < len(toks) and \
                toks[rest_i].text == ",":
            m = rest_i + 1
            app = []
            while m < len(toks) and toks[m].text not in (",", ";", ":", "“", "”", "(", ")") \
                    and MASK not in toks[m].text and m - rest_i < 20:
                app.append(toks[m])
                m += 1
            words = {a.base for a in app}
            if app and (words & ROLE_NOUNS or words & TITLES) and \
                    app[0].low not in ("who", "which", "referring", "adding", "saying") and \
                    not CUE_KIND.get(app[0].low):
                r = self.text[app[0].start:app[-1].end]
                np.role = _RX_APPOSITIVE_1.sub("", r)
        return np


_RX_APPOSITIVE_1 = re.compile(r"^(?:the|a|an|The|A|An)\s+")
_RX_NP_ENDING_AT_1 = re.compile(r"([\w’'.]+)\s+")
DET_RE = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.I)


# titles whose post is "to" a country or body: "Ambassador to the UN Barbara Woodward"
_TO_TITLES = frozenset({"ambassador", "envoy", "representative"})
_ORG_STAFF = frozenset({"lawyers", "attorneys"})
# "organizers at X said": people who speak for the institution named after them
_ORG_PEOPLE = frozenset({"officials", "organizers", "organisers", "spokespeople", "staff",
                         "representatives", "executives", "lawyers", "attorneys", "aides"})
_STAFF_PREPS = frozenset({"at", "from", "for", "with"})
_CLAUSE_OPENERS = frozenset({"the", "and", "but", ",", "although", "though", "while", "as",
                             "because", "since", "when"})


def _institution_name(np: NP) -> bool:
    """'Turning Point USA', 'the Pentagon', 'Alabama': an institution or a place, not a person
    ('lawyers for Jack Phillips')."""
    name = np.name or ""
    words = name.split()
    return bool(words) and (np.is_org or words[-1].lower() in ORG_HEADS
                            or name.lower() in PLACES or is_acronym(words[-1]))
