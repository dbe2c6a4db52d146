"""In-article speaker resolution: cues, quotes and mentions in text order give statements.

`extract_statements(article_id, text)` returns every statement the article attributes to a
person, an institution, a group ("Senate Republicans") or an outlet ("Politico reported"), with
the speaker resolved within the article, the cue that attributes it (as written; '' for a quote
attributed with no verb) and the exact character offsets of its text. It is pure and
deterministic (no model, no state kept between calls), so the index can store its output; bump
`EXTRACTOR_VERSION` whenever that output changes.

In order (the modules below this one do the first steps):

1. **Quote spans** (`spans`): double marks paired per paragraph, a quote left open continuing
   into a paragraph that opens with a mark; single marks in paragraphs with no double ones.
   The inside of every quote is masked, so that cues and names are only read in narration.
2. **Mentions** (`entities`, `phrases`): capitalised name chains become people and institutions
   with the titles and roles the text gives; later surnames, "the Kremlin spokesman", "the
   king", "she" resolve to them (the most recent compatible one in the last few paragraphs; an
   unnamed speaker, "a Syrian officer told Reuters", blocks a later "he said").
3. **Cues** (`cues`): speech verbs in the narration; the speaker is the noun phrase before the
   cue ("Peskov said", "Zakharova, the ministry's spokeswoman, said", "she added") or after it
   ('..." said Kremlin spokesman Dmitry Peskov').
4. **Statements**: a quote gets the speaker of a cue right after it ('...," Peskov said'), right
   before it ('Zakharova said: "...', 'said when asked about X: "...'), of a short "X said."
   sentence (or paragraph) after it, of a name and a colon before it ('Peskov: "...') or a dash
   and a name after it; a quoted word someone calls something ('called the remarks
   "unfortunate."'); a full-sentence quote with no cue continues the attributed quote before
   it. '"A," he said, "B."' gives two statements. Reported speech: "X said (that) ...",
   "..., X said.", "According to X, ...", "..., according to X." (not when the content has a
   speaker of its own).
5. Not statements: scare quotes and titles, documents ("the statement said"), unnamed people
   and bare groups ("officials said", "experts say"), two speakers at once, relative clauses
   ("which Moscow denies"), negated or infinitive cues, pronouns that resolve to nobody.

Every returned Statement has `text == text[start:end]`; statements are ordered by offset.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from ..models import Statement
from .cues import (
    ADVERBIAL_RE,
    CUE_KIND,
    CUE_RE,
    ING_OR_CONJ_CUT,
    ING_WORD_RE,
    TOLD_OBJ_RE,
)
from .entities import (
    ANONYMOUS,
    NP,
    RELATIVE_ROLE,
    Entity,
    Registry,
    gender_of,
    group_name,
    is_media,
    norm_name,
)
from .lexicon import (
    ADVERBIAL_OPENERS,
    CONNECTORS,
    DOC_NOUNS,
    FIRST_F,
    FIRST_M,
    FUNC_CAPS,
    GENERIC_NOUNS,
    GROUP_HEADS,
    LEAD_FUNC,
    MONTHS,
    NEGATIONS,
    NOUNY_CUES,
    OBJECT_CUES,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_WORDS,
    PARTICLES,
    PLACES,
    PREPS,
    PRONOUNS,
    ROLE_NOUNS,
    SUFFIXES,
    THAT_ONLY,
    TITLE_SMALL,
    TITLES,
    VERBISH,
    WEEKDAYS,
)
from .phrases import (
    DET_RE,
    Parser,
)
from .spans import (
    QuoteSpan,
    find_quotes,
    mask,
    paragraphs,
    sentences,
)
from .tokens import (
    MASK,
    UP,
    Tok,
    is_abbrev_token,
    is_acronym,
    is_name_tok,
    tokens,
)

# Bump when the extractor's output changes: the next `index` re-extracts every stored article.
EXTRACTOR_VERSION = 13


@dataclass
class _Event:
    """Something to resolve in text order: an attribution, or a subject mention."""

    pos: int
    kind: str  # "attr" | "mention" | "anon" (an unnamed speaker)
    np: NP | None = None
    entity: Entity | None = None
    cue: str = ""
    quote: QuoteSpan | None = None  # attribution of a quote
    content: tuple[int, int] | None = None  # reported content span
    inherit: bool = False  # subject is the previous cue's subject in this sentence
    sent: int = -1
    para: int = -1
    order: int = 0
    ce: int = -1  # end of the cue
    paren: bool = False  # 'A, he said, B': B has a subject of its own
    also: NP | None = None  # 'Specter and Van Dyke said': the second of two people speaking


def _trail_gap(gap: str) -> bool:
    """May this stand between a closing quote and its speaker's name? ',' and a few lower-case
    words, or the rest of a title the name phrase did not take in ('”, Under Secretary of
    Defense for Policy Colin Kahl said', '”, Pentagon press secretary Brig. Gen. Pat Ryder')."""
    if _TRAIL_GAP_RE.fullmatch(gap):
        return True
    body = gap.strip().lstrip(",").strip()
    if any(c in body for c in ";:“”§\n") or body.count(",") > 0:
        return False
    words = body.split()
    return 0 < len(words) <= 8 and all(
        w[:1].isupper() or w.lower().rstrip(".") in TITLES or w.lower() in ROLE_NOUNS
        or w.lower() in ORG_WORDS or w.lower() in CONNECTORS for w in words)


def _role_modifier_gap(gap: str) -> bool:
    """'”, White House communications director Kate Bedingfield said': capitalised words and
    up to three lower-case ones describing the role that opens the name phrase."""
    body = gap.strip().lstrip(",").strip()
    if any(c in body for c in ";:“”§\n,"):
        return False
    words = body.split()
    lows = [w for w in words if not w[:1].isupper()]
    return 0 < len(words) <= 6 and len(lows) <= 3 and all(w.isalpha() for w in lows)


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:—–-":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:—–-":
        e -= 1
    return s, e


def _dateline_end(masked: str, ss: int) -> int:
    """End of a dateline opening a sentence at ss ('Washington: ...'), else ss."""
    md = _DATELINE_RE.match(masked, ss)
    return md.end() if md and (ss == 0 or masked[ss - 1] == "\n") else ss


def _word_count(text: str, s: int, e: int) -> int:
    return len(_RX_WORD_COUNT_1.findall(text[s:e]))


# dotted initials read as one chain token ("J.D. Vance", "C.C. Wei"), but not the usual place
# abbreviations ("U.S. Army", "D-N.Y."), except the post of an ambassador ("Ambassador to the
# U.S. Oksana Markarova")
_DOTTED = (r"(?:(?<=mbassador\sto\sthe\s)U\.[SN]\.|(?!U\.[SKN]\.|E\.U\.|D\.C\.|N\.[YJH]\.|L\.A\.)"
           rf"{UP}\.(?:{UP}\.)+)")


class _Extractor:
    def __init__(self, article_id: str, text: str) -> None:
        self.article_id = article_id
        self.text = text
        self.paras = paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]
        self.quotes = find_quotes(text, self.paras)
        self.masked = mask(text, self.quotes)
        self.sents = sentences(text, self.masked)
        self.sent_starts = [s for s, _ in self.sents]
        self.parser = Parser(text, self.masked, _function_word_surnames(self.masked))
        self.reg = Registry()
        self.q_by_open = {q.open: q for q in self.quotes}
        self.q_by_close = {q.close: q for q in self.quotes if q.close >= 0}
        self.q_opens = sorted(self.q_by_open)
        self._lower_words: set[str] | None = None
        # people named outside a subject position ("The tradition pre-dates Emhoff"): whom a
        # "he said" right after means when no one else could be meant (see resolve_pronoun)
        self.weak: list[tuple[int, Entity]] = []
        # sentence-initial one-word possessors taken as the topic ("Trump’s order ...")
        self.topic_possessors: set[int] = set()
        self.twins: list[tuple[_Event, Entity, Entity]] = []  # (event, first, second speaker)
        self.doc_owner: dict[str, tuple[int, Entity]] = {}  # 'post' -> (paragraph, its speaker)

    # -- helpers --
    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def is_common_word(self, word: str) -> bool:
        """Does the article use this word in lower case (so a capitalised one is not a name)?"""
        if self._lower_words is None:
            self._lower_words = set(_RX_IS_COMMON_WORD_1.findall(self.masked))
        return word.lower() in self._lower_words

    # -- 3. mentions --
    _CHAIN_RE = re.compile(
        rf"(?:(?:{_DOTTED}|{UP}[\w’'\-]*\.?|{UP}\.|(?:al|el)-{UP}\w+)"
        rf"(?:\s+(?:(?:de|da|di|del|der|van|von|la|le|du|bin|ibn|al|of|the|for|and|&"
        # "Ambassador to the UN Barbara Woodward": a post "to" a country or body
        rf"|(?<=mbassador\s)to|(?<=nvoy\s)to|(?<=epresentative\s)to)\s+)*"
        rf"(?:{_DOTTED}|{UP}[\w’'\-]*\.?|{UP}\.|(?:al|el)-{UP}\w+))+)"
    )

    def scan_mentions(self) -> list[_Event]:
        events: list[_Event] = []
        masked = self.masked
        adjacent = self.parser.adjacent
        for m in self._CHAIN_RE.finditer(masked):
            s, e = m.start(), m.end()
            if masked[e - 1] == "." and not is_abbrev_token(
                    masked[max(s, masked.rfind(" ", s, e) + 1):e]):
                e -= 1
            all_toks = tokens(masked[s:e], s)
            # a chain does not run over a sentence end: "Puna. To"; each part is a chain of
            # its own ("... said Sen. Kamala Harris. The Senate ...": both parts are read)
            cuts = [0] + [x for x in range(1, len(all_toks))
                          if not adjacent(all_toks[x - 1], all_toks[x])] + [len(all_toks)]
            for a, b in itertools.pairwise(cuts):
                if b - a >= 2:
                    self.chain_mentions(all_toks[a:b], events)
        self.single_word_mentions(events)
        events = [ev for ev in events if ev.order == 0]
        return events

    def chain_mentions(self, toks: list[Tok], events: list[_Event]) -> None:
        """The names of one chain of capitalised words (one or more names, last first)."""
        e = toks[-1].end
        possessive = toks[-1].possessive
        if possessive:
            last = toks[-1]
            cut = 2 if last.text.endswith(("’s", "'s")) else 1
            toks[-1] = Tok(last.text[:-cut], last.start, last.end - cut)
            e = toks[-1].end
        while len(toks) >= 2:
            np = self.parser.np_ending_at(toks, len(toks) - 1, in_group=True)
            if np is not None:
                self.register_mention(np, max(np.start, toks[0].start), e, possessive, events)
                # "Kremlin spokesman Dmitry Peskov and Foreign Minister Sergey Lavrov": the
                # chain may hold more names before this one
                k = next((x for x, tk in enumerate(toks) if tk.start >= np.start), len(toks))
            elif toks[-1].possessive and any(t.low in ("of", "at", "from") for t in toks[:-1]):
                # "Anthony Romilio of the University of Queensland’s Dinosaur Lab": the
                # owner names no one; the names before it are still read
                k = len(toks) - 1
            else:
                break
            toks = toks[:k]
            while toks and (toks[-1].low in CONNECTORS or not is_name_tok(toks[-1])):
                toks = toks[:-1]
            if toks:
                e = toks[-1].end
            possessive = False

    def single_word_mentions(self, events: list[_Event]) -> None:
        """Single-word mentions of known surnames ("Peskov said")."""
        masked = self.masked
        by_surname = self.reg.by_surname
        if by_surname:
            for m in _CAPWORD_RE.finditer(masked):
                word = m.group()
                s = m.start()
                if word.endswith(("’s", "'s")) and word[:-2].lower() in by_surname and \
                        self.sent_bounds(s)[0] == s and not _CAP_BEFORE_RE.search(
                            masked, max(0, s - 25), s) and self.bare_topic_sentence(s):
                    # "Trump’s order, titled ..., seeks ... / “...,” he said when signing
                    # the order": a sentence-initial possessor is the topic (as for a full
                    # name in register_mention)
                    ent = self.reg.lookup_surname(word[:-2], s)
                    if ent is not None and ent.final().kind == "person":
                        events.append(_Event(s, "mention", entity=ent))
                        self.topic_possessors.add(s)
                    continue
                if word.lower() not in by_surname:
                    continue
                if _CAP_BEFORE_RE.search(masked, max(0, s - 25), s):
                    continue  # part of a longer name, counted above
                if _ELDER_BEFORE_RE.search(masked, max(0, s - 10), s) and len(
                        {id(c.final()) for c in by_surname[word.lower()]}) > 1:
                    # "The elder Bush ... he told": one of two, not read from the surname
                    if self.is_subject(s, m.end()):
                        events.append(_Event(s, "anon"))
                    continue
                ent = self.reg.lookup_surname(word, s)
                lone = self.reg.people.get(word.lower())
                if ent is None and lone is not None and lone.final().kind == "person":
                    # "President Obama" beside "first lady Michelle Obama": "Obama recited"
                    ent = lone.final()
                if ent is not None and self.is_subject(s, m.end()):
                    events.append(_Event(s, "mention", entity=ent))
                elif ent is not None and not masked.startswith(("’s", "'s"), m.end()):
                    self.weak.append((s, ent))

    def bare_topic_sentence(self, s: int) -> bool:
        """'Trump’s order, titled …, seeks to ban …': a sentence about a possessor, with no
        other name after it (not 'Kennedy's momentum has not surprised Del Bigtree'). (Its
        cues are not the possessor's: see clause_subject and resolve_pronoun.)"""
        se = self.sent_bounds(s)[1]
        body = self.masked[s:se]
        if not self.text[s:se].rstrip().rstrip("”\"’'").endswith((".", "!", "?")):
            return False  # a heading ("Sherrill's hard-hitting ad")
        if any(s < p < se and ent.final().kind == "person" for p, ent, _n in self.reg.mentions):
            return False
        own = body[:body.find("’") if "’" in body[:30] else body.find("'")].lower()
        return not any(m.group().lower() in self.reg.by_surname and m.group().lower() != own
                       for m in _CAPWORD_RE.finditer(body, len(own) + 2))

    def register_mention(self, np: NP, s: int, e: int, possessive: bool,
                         events: list[_Event]) -> None:
        masked = self.masked
        # role words before the chain in the sentence ("spokesman Dmitry Peskov")
        if np.kind == "name" and not np.is_org and np.start > 0 and _ROLEISH_BEFORE_RE.search(
                masked, max(0, np.start - 40), np.start):
            full = self.parser.before(self.sent_bounds(np.start)[0], e, allow_appos=False)
            if full is not None and full.kind == "name" and full.name == np.name:
                np = full
        if np.kind == "name" and not np.is_org and not np.role and \
                _DET_BEFORE_RE.search(masked, max(0, np.start - 6), np.start):
            return  # "a Schedule III drug", "the Trump administration"
        ent = self.entity_for_name(np, np.start)
        if ent is None:
            return
        owned = " " not in ent.name and _OWNED_BEFORE_RE.search(
            masked, max(0, np.start - 4), e) is not None
        subject = (self.sent_bounds(np.start)[0] == np.start) if possessive else \
            self.is_subject(np.start, e)
        # named only in passing, after a preposition ("a school with Maria Dovrenko"): not whom
        # a bare surname means when someone of that surname has been named otherwise (see
        # Registry.lookup_surname)
        passing = not possessive and _PREP_BEFORE_RE.search(
            masked, max(0, np.start - 10), np.start) is not None
        self.reg.mentions.append((np.start, ent, not passing))
        # appositive role: "Dmitry Peskov, the Kremlin spokesman,"
        if ent.kind == "person" and masked.startswith(",", e):
            self.appositive_role(ent, e)
        if possessive:
            # "Trump's stance softened. He pledged ...": a sentence-initial possessor is the topic
            if subject and ent.kind == "person":
                events.append(_Event(np.start, "mention", np=np, entity=ent))
            elif ent.kind == "person" and not owned:
                # "... and Elena Varga's heart was shattered. / “...,” she said": whom a
                # pronoun right after means when no one else could be (see weak_referent)
                self.weak.append((np.start, ent))
        elif subject:
            events.append(_Event(np.start, "mention", np=np, entity=ent))
        elif ent.kind == "person" and not owned:
            # (not "Day" of "Valentine's Day": a thing someone's, no one of its own)
            self.weak.append((np.start, ent))

    def sent_bounds(self, pos: int) -> tuple[int, int]:
        return self.sents[self.sent_of(pos)] if self.sents else (0, len(self.text))

    def appositive_role(self, ent: Entity, e: int) -> None:
        m = _RX_APPOSITIVE_ROLE_1.match(
                     self.masked[e:e + 140])
        if not m:
            return
        r = m.group(1)
        words = {w.lower().strip("’'s") for w in r.split()}
        if words & ROLE_NOUNS or RELATIVE_ROLE.search(r):
            # "Paul Pelosi, the speaker’s husband,": a relative is not whom "Pelosi" means
            r = _RX_APPOSITIVE_ROLE_2.sub("", r)
            if r not in ent.roles:
                ent.roles.append(r)
            if not ent.gender:
                ent.gender = gender_of(ent.name, r)

    def is_subject(self, s: int, e: int) -> bool:
        """Is the mention at [s, e) the subject of a main clause?"""
        m = self.masked
        if _SUBORDINATE_BEFORE_RE.search(m, max(0, s - 12), s):
            return False  # "after Biden defeated him": not whom a later "he" means
        if e < len(m) and m[e:e + 2] in ("’s", "'s"):
            return False
        if self.role_appositive_subject(s, e):
            return True
        if _PREP_BEFORE_RE.search(m, max(0, s - 10), s):
            return False  # "co-chair with Musk, Vivek Rao, is leaving": Musk is no subject
        rest = m[e:e + 160]
        # skip appositives: "Jason Streem, also 46, a dentist from Ohio, objected"
        skipped = False
        for _ in range(3):
            # (", D-Nev.,": a party and state tag, dots and all)
            ma = _PARTY_APPOS_RE.match(rest) or _RX_IS_SUBJECT_1.match(rest)
            if not ma or (skipped and not _APPOSITIVE_OPEN_RE.match(rest, 1)):
                break  # a second appositive opens as one: ", 78, a dentist," (not ", has")
            rest, skipped = rest[ma.end() - 1:], True
        if skipped:
            rest = rest[1:]
        mw = _RX_IS_SUBJECT_2.match(rest)
        if not mw:
            return False
        w = mw.group(1)
        if w in VERBISH or w == "who":
            return True
        # a verb: "Dmitriev congratulated", "Peskov insists" (not "a Schedule III drug")
        return (w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is"))))


    def role_appositive_subject(self, s: int, e: int) -> bool:
        """'The U.N.'s secretary-general, Antonio Guterres, has used ...', 'But the
        party's new co-chair, Vivek Rao, is leaving': a name set off by commas after the role
        phrase that opens the sentence, with a verb after it, is the subject."""
        m = self.masked
        ss = self.sent_bounds(s)[0]
        mb = _ROLE_SUBJECT_LEAD_RE.fullmatch(m, ss, s)
        if mb is None:
            return False
        head = mb.group("head").lower()
        last = head.split("-")[-1]
        if not (head in ROLE_NOUNS or last in ROLE_NOUNS or _AGENT_NOUN_RE.search(head)):
            return False
        body = _RX_WORD_COUNT_1.findall(mb.group("body"))
        if any(w.lower() in VERBISH or w.lower() in _CLAUSE_WORDS or (
                w.endswith("ed") and nxt.lower() in _DETERMINERS)
               for w, nxt in zip(body, [*body[1:], ""], strict=True)):
            return False  # ("The board fired its chief, John Smith, said": a verb before)
        mv = _RX_ROLE_SUBJECT_VERB.match(m, e)
        if mv is None:
            return False
        w = mv.group(1)
        return w in VERBISH or w.endswith("ed") or (
            w.endswith("s") and not w.endswith(("ss", "us", "is")))

    def entity_for_name(self, np: NP, pos: int) -> Entity | None:
        if np.kind != "name" or not np.name:
            return None
        name = norm_name(np.name)
        first = name.split()[0]
        if len(name.split()) >= 2 and not np.is_org and first.lower() not in FIRST_M | FIRST_F \
                and (self.sent_bounds(np.start)[0] == np.start or len(name.split()) >= 3) \
                and self.is_common_word(first):
            # "Echoing Trump, ...", "Youth and Information Dana Morris Dixon": a word the
            # article also uses in lower case does not begin a name
            name = name.split(None, 1)[1]
        words = name.split()
        if len(words) >= 3 and not np.is_org and words[0].lower() not in FIRST_M | FIRST_F \
                and words[0].lower() not in PARTICLES and (
                    words[1].lower() in FIRST_M | FIRST_F
                    # "Curator Wilma Townsend": a first name outside the lists still is one
                    # when the word before it is a role and it is no word of the article
                    or ((words[0].lower() in ROLE_NOUNS or words[0].lower()[:-1] in ROLE_NOUNS
                         or self.is_common_word(words[0]))
                        and not self.is_common_word(words[1])
                        and words[1].lower() not in ROLE_NOUNS | FUNC_CAPS | TITLES)) \
                and ("-" in words[0] or self.is_common_word(words[0])
                     or words[0].lower() in GENERIC_NOUNS or words[0].lower() in ROLE_NOUNS
                     or words[0].lower()[:-1] in ROLE_NOUNS
                     or _AGENT_NOUN_RE.search(words[0])):
            # "Partner Paul Zimmermann", "Ukrainian-American Volodymyr Valchuk": a word of
            # description before a first name is part of the role, not of the name
            np.role = " ".join(filter(None, [np.role, words[0]]))
            name = " ".join(words[1:])
        if is_media(name):
            # "Politico reported", "according to Reuters": the outlet speaks for itself
            return self.reg.org(name)
        if np.is_org:
            if name.split()[-1].lower() in GROUP_HEADS:
                # "Republicans said", "Senate Democrats say", "Ukrainian officials said": the
                # group speaks as one; "officials", "experts" alone name no one
                group = group_name(name)
                return self.reg.org(group) if group else None
            if " " not in name and name.lower() in FUNC_CAPS:
                return None  # a bare "Police"
            full = self.full_org_name(name, np.start) if " " not in name else None
            return self.reg.org(full or name)
        toks = name.split()
        if len(toks) >= 2 and not all(t.lower() in FUNC_CAPS for t in toks):
            if name.lower() in PLACES or all(t.lower() in ORG_WORDS for t in toks):
                return self.reg.org(name)
            if is_acronym(toks[-1]) and toks[-1].lower() not in SUFFIXES:
                return None  # "Equinox EV", "Galaxy S": a product, not a person
            if any(t.lower() in WEEKDAYS for t in toks) or is_media(toks[0]):
                return None  # "CNN Sunday", "Fox News Tuesday" (but "Theresa May" is a name)
            if not np.role:
                # "first lady Michelle Obama": a relative introduced as such (then a bare
                # "Obama" named before stays the one it was)
                mrel = _RELATIVE_BEFORE_RE.search(self.masked, max(0, np.start - 30), np.start)
                if mrel is not None:
                    np.role = mrel.group(1) or _LABEL_RELATIVE.get(
                        mrel.group(2).lower(), mrel.group(2).lower().rstrip("s"))
            g = np.title_gender or gender_of(name, np.role)
            return self.reg.person(name, np.role, g)
        # one word
        word = toks[0]
        low = word.lower()
        if (low in MONTHS or low in WEEKDAYS) and _DATE_LEAD_RE.search(
                self.masked, max(0, np.start - 12), np.start):
            return None  # "In December, the monarch ...": a date, not a person (but "Mrs May")
        if _ELDER_BEFORE_RE.search(self.masked, max(0, np.start - 10), np.start) and len(
                {id(c.final()) for c in self.reg.by_surname.get(low, ())}) > 1:
            return None  # "The elder Bush" beside George H.W. and George W. Bush: which one
            # is not read from the surname
        known = self.reg.lookup_surname(word, pos)
        if known is not None:
            if np.role and np.role not in known.roles:
                known.roles.append(np.role)
            return known
        if low in PLACES or ("the " + low) in PLACES:
            return self.reg.org(word)
        if low in self.reg.orgs:
            return self.reg.orgs[low]
        if low in FUNC_CAPS or low in ROLE_NOUNS or low in ORG_NOUNS or low in DOC_NOUNS:
            return None
        if not self.is_common_word(word):
            # a first name alone ("Maya said" after "her sister, Maya Harris"): the one person
            # of the article named in full with that first name
            same_first = {id(p.final()): p.final() for p in self.reg.people.values()
                          if p.final().kind == "person" and len(p.final().name.split()) >= 2
                          and p.final().name.split()[0].lower() == low}
            holder = next(iter(same_first.values())) if len(same_first) == 1 else None
            if holder is not None and (
                    low in FIRST_M or low in FIRST_F or holder.gender is not None
                    or len(self.reg.by_surname.get(holder.surname, ())) > 1):
                # (a person's first name, not "Tesla" of "Tesla Model Y")
                if np.role and np.role not in holder.roles:
                    holder.roles.append(np.role)
                return holder
        if np.sentence_initial and not np.role and not np.title_gender and (
                self.is_common_word(word) or low in GENERIC_NOUNS
                or (low.endswith("s") and low[:-1] in GENERIC_NOUNS)):
            return None
        if is_acronym(word):
            return self.reg.org(word)
        if not np.role and not np.title_gender and (
                word.endswith(("ers", "ians", "ists", "ans")) and self.is_common_word(word[:-1])):
            return None
        g = np.title_gender or gender_of(word, np.role)
        return self.reg.person(word, np.role, g)

    def full_org_name(self, word: str, pos: int) -> str | None:
        """'The League argues' after 'the League of Women Voters': the one longer name of an
        institution, named before `pos`, that the head word stands for."""
        low = word.lower()
        if low not in ORG_HEADS or low in _NAMED_ALONE or is_acronym(word):
            return None
        w = re.escape(word)
        before = self.masked[:pos]
        names = {m.group() for m in re.finditer(
            rf"\b{w} +of +(?:the +)?{UP}[\w’'&-]*(?: +(?:and +)?{UP}[\w’'&-]*){{0,4}}",
            before)}
        for m in re.finditer(rf"(?:{UP}[\w’'.&-]* +){{1,4}}{w}\b(?! +of +{UP})", before):
            # (without a sentence's first word: "The Gates Foundation", "A Foundation")
            words = m.group().split()
            while len(words) > 1 and (words[0].lower() in LEAD_FUNC | FUNC_CAPS
                                      or self.is_common_word(words[0])):
                words = words[1:]
            if len(words) > 1:
                names.add(" ".join(words))
        return names.pop() if len(names) == 1 else None

    # -- 4. cue sites --
    def cue_events(self) -> list[_Event]:
        events: list[_Event] = []
        masked = self.masked
        text = self.text
        for m in CUE_RE.finditer(masked):
            cs, ce = m.start(), m.end()
            si = self.sent_of(cs)
            ss, se = self.sents[si] if self.sents else (0, len(text))
            if m.group("acc"):
                ev = self.according_to(cs, ce, ss, se, si)
                if ev is not None:
                    events.append(ev)
                continue
            cue = m.group("cue")
            kind = CUE_KIND[cue]
            ev = self.cue_site(cue, kind, cs, ce, ss, se, si)
            if ev is None:
                continue
            ev.ce = ce
            if ev.np is not None and ev.np.kind == "name":
                pair = self.pair_before(ss, cs)
                if pair is not None and pair[0].start == ev.np.start:
                    ev.also = pair[1]
            events.append(ev)
            if ev.quote is not None and 0 <= ev.quote.close < cs:
                # '“A,” he said, “B.”': the attribution also opens the second part
                pos = ev.np.end if ev.np is not None and ev.np.start > cs else ce
                after = self.skip_complements(cue, pos, se)
                q2 = self.quote_opening_at(after, se, cs) if after >= 0 else None
                if q2 is not None and q2 is not ev.quote:
                    events.append(_Event(ev.pos, "attr", np=ev.np, cue=cue, quote=q2,
                                         sent=si, para=ev.para, inherit=ev.inherit, ce=ce,
                                         also=ev.also))
        events.extend(self.naming_events())
        events.extend(self.colon_events())
        return events

    def colon_speaker(self, np: NP) -> bool:
        """Is this name, standing alone before a colon or after a dash, a person's? (Not
        'Breaking News:', 'Update:'.)"""
        name = np.name or ""
        words = name.split()
        if not words or is_media(name) or np.is_org:
            return False
        return bool(np.role) or words[-1].lower() in self.reg.by_surname or (
            name.lower() in self.reg.people) or (
            len(words) >= 2 and words[0].lower() in FIRST_M | FIRST_F)

    def colon_events(self) -> list[_Event]:
        """Quotes attributed with no cue verb: 'Peskov: “...”' (a name and a colon opening the
        sentence) and '“...” — Dmitry Peskov' (a dash and a name closing it). Cue: ''."""
        events: list[_Event] = []
        masked = self.masked
        for q in self.quotes:
            si = self.sent_of(q.open)
            ss, _se = self.sents[si] if self.sents else (0, len(self.text))
            cop = _COPULA_COLON_RE.fullmatch(masked, ss, q.open)
            if cop is not None:
                # 'Ruiz was defiant: “...”', 'She was blunt: “...”': the subject's words
                np = self.parser.before(ss, cop.end(1), allow_appos=False)
                if np is not None and np.start == cop.start(1) and (
                        np.kind == "pron" or (np.kind == "name" and not np.is_org)):
                    events.append(_Event(np.start, "attr", np=np, cue="", quote=q, sent=si,
                                         para=self.para_of(q.open), ce=cop.end(1)))
                continue
            vc = _VERB_COLON_RE.fullmatch(masked, ss, q.open)
            if vc is not None and self.quote_ends_sentence(q) and not any(
                    w.lower() in DOC_NOUNS or w.lower() in _NOT_WORDS_OF_SUBJECT
                    or CUE_KIND.get(w.lower())
                    for w in _RX_WORD_COUNT_1.findall(vc.group(2) + " " + vc.group(3))):
                # 'Bass, the city's mayor, backed Newsom: “...”', 'Newsom shot back at Trump
                # over the move: “...”': a named person's clause and a colon before their words
                np = self.parser.before(ss, vc.start(2))
                if np is not None and np.kind == "name" and not np.is_org and \
                        np.start == vc.start(1) and np.end <= vc.end(1) and self.colon_speaker(np):
                    events.append(_Event(np.start, "attr", np=np, cue="", quote=q, sent=si,
                                         para=self.para_of(q.open), ce=vc.end(3)))
                    continue
            own = _OWNED_WORDS_COLON_RE.fullmatch(masked, ss, q.open)
            if own is not None:
                # "Trump's Twitter response: “...”": the words of the one they belong to
                np = self.parser.before(ss, own.end(1), allow_appos=False)
                if np is not None and np.kind == "name" and np.start == own.start(1) and \
                        self.colon_speaker(np):
                    events.append(_Event(np.start, "attr", np=np, cue="", quote=q, sent=si,
                                         para=self.para_of(q.open), ce=own.end(1)))
                continue
            lead = _COLON_LEAD_RE.fullmatch(masked, ss, q.open)
            if lead is not None:
                np = self.parser.before(ss, lead.end(1), allow_appos=False)
                if np is not None and np.kind == "name" and np.start == lead.start(1) and \
                        self.colon_speaker(np):
                    events.append(_Event(np.start, "attr", np=np, cue="", quote=q, sent=si,
                                         para=self.para_of(q.open), ce=lead.end(1)))
                continue
            if q.close < 0:
                continue
            dash = _DASH_TAIL_RE.match(masked, q.close + q.close_len)
            if dash is not None:
                np = self.parser.after(dash.end(), self.paras[q.para_end][1])
                if np is not None and np.kind == "name" and _TRAIL_END_RE.match(
                        masked, np.end) and self.colon_speaker(np):
                    events.append(_Event(np.start, "attr", np=np, cue="", quote=q, sent=si,
                                         para=self.para_of(q.open), ce=dash.end()))
        return events

    def quote_ends_sentence(self, q: QuoteSpan) -> bool:
        """Does nothing but punctuation follow quote q to the end of its sentence?"""
        if q.close < 0:
            return q.para != q.para_end
        _ss, se = self.sents[self.sent_of(q.close)] if self.sents else (0, len(self.text))
        return not self.masked[q.close + q.close_len:se].strip(" .,;!?”\n")

    def naming_events(self) -> list[_Event]:
        """A quoted word or phrase someone calls something: 'Emmer called the remarks
        “unfortunate.”', 'calling Zelensky a “thug”', 'described Putin as a “genius”'. The
        quoted words are the subject's (of the sentence, for 'calling')."""
        events: list[_Event] = []
        for q in self.quotes:
            if q.para != q.para_end or q.open <= 0:
                continue
            si = self.sent_of(q.open)
            ss, _se = self.sents[si] if self.sents else (0, len(self.text))
            mw = _WHAT_CALLED_RE.search(self.masked, ss, q.open)
            if mw is not None and mw.end() == q.open:
                # 'what he called “aggressive suppression”': the words are the one named there
                np_w = self.parser.before(mw.start("subj"), mw.end("subj"))
                if np_w is not None and np_w.kind in ("name", "pron"):
                    events.append(_Event(np_w.start, "attr", np=np_w, cue=mw.group("verb"),
                                         quote=q, sent=si, para=self.para_of(q.open),
                                         ce=mw.end("verb")))
                continue
            m = _NAMING_RE.search(self.masked, ss, q.open) or _AS_NAMING_RE.search(
                self.masked, ss, q.open) or _FOR_BEING_RE.search(self.masked, ss, q.open)
            if m is None or self._prev_word(m.start(), ss) in NEGATIONS:
                continue
            if m.re is _AS_NAMING_RE and _RX_KNOWN_AS.search(m.group()):
                continue  # 'criticized the bill under a tactic known as “magic minute”
            verb = m.group("verb")
            if verb.endswith("ing"):
                np = None
                lead = self.masked[ss:m.start()]
                np_ = self.parser.before(ss, m.start()) if not lead.rstrip().endswith(",") else None
                if np_ is not None and np_.kind == "name" and np_.end >= m.start() - 1:
                    np = np_
                events.append(_Event(np.start if np else m.start(), "attr", np=np, cue=verb,
                                     quote=q, sent=si, para=self.para_of(q.open),
                                     inherit=np is None, ce=m.end("verb")))
                continue
            np = self.parser.before(ss, m.start())
            if np is None:
                if m.re is _AS_NAMING_RE and _RX_BUT_HAS.search(self.masked, ss, m.start()):
                    # 'X once called Trump a “thug” but has brushed off his remarks as “old
                    # news”': the subject of the sentence's first cue
                    events.append(_Event(m.start(), "attr", cue=verb, quote=q, sent=si,
                                         para=self.para_of(q.open), inherit=True,
                                         ce=m.end("verb")))
                continue
            events.append(_Event(np.start, "attr", np=np, cue=verb, quote=q, sent=si,
                                 para=self.para_of(q.open), ce=m.end("verb")))
        return events

    def _prev_word(self, pos: int, lo: int) -> str:
        mw = _RX_PREV_WORD_1.search(self.masked[max(lo, pos - 30):pos])
        return mw.group(1).lower() if mw else ""

    def cue_site(self, cue, kind, cs, ce, ss, se, si) -> _Event | None:
        masked = self.masked
        text = self.text
        prev = self._prev_word(cs, ss)
        if (prev in NEGATIONS or prev.endswith("n't")) and not (
                prev == "who" and _WHO_BEFORE_RE.search(masked[ss:cs])) and not (
                # 'Velez interjected by saying that …': the subject's own words
                prev == "by" and cue in _BY_SAYING_CUES) and not (
                # 'a statement from the group which said that …': the document's words
                prev in ("which", "that") and kind == "say" and _DOC_WHICH_RE.search(
                    masked, ss, cs)) and not (
                # 'Kirby echoed that, telling reporters': a comma ends the word's clause
                prev in _CLAUSE_END_WORDS and masked[ss:cs].rstrip().endswith(",")):
            return None
        if cue == "read" and not _RX_CUE_SITE_1.match(masked[ce:ce + 6]):
            return None
        if masked.startswith(",", ce) and _LIKE_SAID_RE.search(masked, max(ss, cs - 20), cs):
            return None  # "like he promised, there is a law ...": no words of his follow
        if cue in ("called on", "calls on") and not _CALLED_ON_RE.match(masked, ce, se):
            return None  # "called on Monday", "called on the mayor's office": no call to act
        left = masked[ss:cs]
        # --- trailing attribution of a quote: '”, said X' / '”, X said' ---
        q_before = self.quote_closing_before(ss, cs)
        # inverted: '”, said Kremlin spokesman Dmitry Peskov'
        if q_before is not None and _RX_CUE_SITE_2.fullmatch(masked[q_before[1]:cs]) and not (
                kind == "ing" and self.quote_attributed_before(q_before[0], ss)):
            np = self.parser.after(ce, se)
            if np is None:
                np = self.role_words_then_name(ce, se)
            mby = _DOC_BY_RE.match(masked, ce, se)
            if mby is not None:
                # '”, reads a statement by the Kremlin about the amendments': whose it is
                np = self.parser.after(mby.end(), se)
                if np is not None and (np.kind != "name" or not _DOC_BY_END_RE.match(
                        masked, np.end, se)):
                    np = None
                if np is not None and kind != "ing":
                    return _Event(np.start, "attr", np=np, cue=cue, quote=q_before[0], sent=si,
                                  para=self.para_of(cs))
                return None
            # the phrase must end the attribution: '”, said Putin likely believed' is not one
            if np is not None and np.kind != "pron" and not _INVERTED_END_RE.match(
                    masked, np.end, se) and np.end < se:
                np = None
            if np is not None and kind != "ing":
                return _Event(np.start, "attr", np=np, cue=cue, quote=q_before[0], sent=si,
                              para=self.para_of(cs))
            return None
        if kind == "ing":
            return self.ing_cue(cue, cs, ce, ss, se, si)
        # subject before the cue
        np = self.parser.before(ss, cs)
        if np is None:
            np = self.document_owner(ss, cs)
        relative = False
        if np is None and kind == "say":
            mw = _DOC_WHICH_RE.search(left)
            if mw is not None and mw.end() == len(left):
                # 'a statement from the group which said that …': the owner's; 'X issued a
                # statement which said that …': the issuer's
                if mw.group("owner"):
                    np = self.parser.before(ss, ss + mw.end("owner"), allow_object=True)
                    if np is not None and np.start < ss + mw.start("owner"):
                        np = None
                elif mw.group("verb"):
                    np = self.parser.before(ss, ss + mw.start("verb"))
                if np is not None and np.kind == "pron":
                    np = None
                relative = np is not None
        if np is None:
            mdoc = _THE_DOC_RE.search(masked, max(ss, cs - 40), cs)
            if mdoc is not None:
                # 'the post pointed out', 'the report says': whose document (document_speaker)
                np = NP("role", mdoc.start(), mdoc.end(1), head=mdoc.group(1).lower(),
                        definite=True)
        if np is not None and np.kind == "name":
            np = self.first_of_two(np, ss)
        if np is None:
            pair = self.pair_before(ss, cs)
            np = pair[0] if pair is not None else None
        if np is None:
            mo = _AND_OTHERS_RE.search(masked, max(ss, cs - 40), cs)
            if mo is not None:
                # "Gowan and others said": the one named speaks (the others are no one)
                named = self.parser.before(ss, mo.start(), allow_appos=False)
                if named is not None and named.kind == "name" and not named.is_org and \
                        named.end == mo.start():
                    np = named
        who = _WHO_BEFORE_RE.search(left) if np is None else None
        if who is not None:
            # "Antonio Delgado, who said on social media, “...”": the name before "who",
            # for the quote that follows the cue
            # (or for the said clause: "Mayor Ann Lee, who said the city would not back
            # down"; "a woman named Melody Jennings who said she was inspired by ...")
            named = self.parser.before(ss, ss + who.start(), allow_object=True)
            after_who = self.skip_complements(cue, ce, se)
            if named is not None and named.kind == "name" and after_who >= 0 and (
                    self.quote_opening_at(after_who, se, cs) is not None or (
                        named.end == ss + who.start() and self.relative_to_the_end(
                            named, ss))):
                np, relative = named, True
        if kind == "quote" and cue in ("reported", "reports") and np is not None and \
                np.kind == "name" and is_media(np.name or ""):
            kind = "say"  # "Politico reported that ...": an outlet's report is its statement
        if np is not None and np.kind == "role" and cue in NOUNY_CUES:
            return None  # "Trump's campaign promises", "the report's claims"
        if np is not None and np.kind == "role" and not np.definite and not np.org_pp:
            # "A Syrian officer told Reuters ...": an unnamed speaker, whom a later "he" means
            # (and the quote next to it is theirs, not the previous speaker's)
            near = q_before[0] if q_before is not None and _TRAIL_GAP_RE.fullmatch(
                masked[q_before[1]:np.start]) else None
            return _Event(np.start, "anon", quote=near)
        inherit = False
        if np is None:
            lw = left.rstrip()
            if _RX_CUE_SITE_3.search(lw) and \
                    _RX_CUE_SITE_4.search(lw):
                inherit = True
            elif _OPENER_ONLY_RE.fullmatch(lw) and kind == "say":
                # 'Meanwhile, said the FT, capital cities are making plans': the said clause
                # after the inverted speaker
                return self.inverted_leading(cue, ce, se, si)
            elif lw.endswith(",") and kind == "say":
                # 'It was too late, said Clay Chaney, a meteorologist.'
                return self.inverted_reported(cue, cs, ce, ss, se, si)
            else:
                return None
        gap_lo = np.start if np is not None else cs
        if q_before is not None and np is not None and kind != "weak" and \
                self.trailing_phrase(q_before[1], gap_lo, np) and self.circumstantial_tail(ce, se):
            # '”, Marlow told host Jenna Pike.' / '”, Marlow said behind the podium.' /
            # '”, she said in her weekly radio address.': whom it was said to and where, with
            # no said-clause, end the attribution of the quote before it
            return _Event(gap_lo, "attr", np=np, cue=cue, quote=q_before[0], sent=si,
                          para=self.para_of(cs), inherit=inherit)
        raw = self.skip_complements(cue, ce, se, final=False)
        after = self.skip_complements(cue, ce, se)
        if after < 0 or raw < 0:
            return None
        mto = _TO_QUOTE_RE.match(masked, after, se) if cue in _TO_QUOTE_CUES else None
        q_to = self.q_by_open.get(mto.end() - 1) if mto is not None else None
        if q_to is not None and np is not None and np.kind in ("name", "pron") and \
                q_to.para == q_to.para_end:
            # 'Trump threatened to “shoot down any gunboat”': the words promised are his
            return _Event(gap_lo, "attr", np=np, cue=cue, quote=q_to, sent=si,
                          para=self.para_of(cs), inherit=inherit)
        # does the attribution end here ('Peskov said.' / 'Peskov said, adding' / 'said of X')
        # or does a said-clause follow ('Pritzker said the comments were ...')?
        ends = raw >= se - 1 or bool(_TRAIL_END_RE.match(masked, raw)) or bool(
            _ATTR_REMAINDER_RE.match(masked, after)) or bool(ING_WORD_RE.match(masked, after))
        if not ends and np is not None and np.kind == "name" and \
                _REL_THAT_RE.match(masked, ce, se) and \
                _RX_THE_END.sub("", masked[ss:gap_lo]).rstrip().endswith(",") and \
                _word_count(text, ss, gap_lo) >= 6:
            # 'A universal tariff is planned, the Financial Times reported, that could reach
            # 20%': a relative clause of the words before, not the report's content
            ends = True
        if not ends and q_before is not None and _TAIL_NOT_CONTENT_RE.match(masked, after, se):
            # '”, Weller said shortly after exit polls closed', '”, X told reporters at a
            # roundtable hosted by Y', '”, X said, according to the Z Press, part of ...': the
            # circumstances of the quote before, not words of a said-clause
            ends = True
        if not ends and q_before is not None and _TOLD_TAIL_RE.match(masked, after, se):
            # '“If we're in, we're in,” Emhoff said he told her.': whom the quote was said to
            ends = True
        if not ends and (cue in OBJECT_CUES or kind == "quote"):
            # 'Bach told the German dpa news agency on Tuesday.': a short tail with no verb
            rest = _RX_WORD_COUNT_1.findall(masked[raw:se])
            ends = len(rest) <= 8 and MASK not in masked[raw:se] and kind != "weak" and not any(
                w.lower() in VERBISH or w.lower() == "that" or w.endswith("ed") for w in rest)
        # '”, Peskov said' : the phrase begins right after a closing quote
        if q_before is not None and ends and self.trailing_phrase(q_before[1], gap_lo, np):
            if kind == "weak":
                return None
            return _Event(gap_lo, "attr", np=np, cue=cue, quote=q_before[0], sent=si,
                          para=self.para_of(cs), inherit=inherit)
        # '.” Peskov said.' : a sentence of its own right after a quote
        if q_before is None and ss == gap_lo and kind != "weak" and (
                ends or _RX_COMMA_AFTER.match(masked, ce)):
            # ('“Is it bad?” Sinema asked, according to Seiden, president of ...': a comma
            # right after the cue ends the attribution too)
            q = self.quote_ending_just_before(ss)
            if q is not None:
                return _Event(gap_lo, "attr", np=np, cue=cue, quote=q, sent=si,
                              para=self.para_of(cs))
        if cue in _FINDING_CUES and not (np is not None and (
                (np.kind == "name" and np.is_org) or (
                    np.kind == "role" and (np.head in DOC_NOUNS or np.head in _FINDERS)))):
            return None  # 'the poll found that …', not 'she found that the job was hard'
        if kind == "quote" and cue in _THAT_SAYS_CUES and _ENDS_THAT_RE.search(
                masked, ce, after) and not self.quote_opening_at(after, se, cs):
            kind = "say"  # 'posted on Truth Social that …', 'the agency concluded that …'
            # the said clause
        if kind == "quote":
            # leading: 'he asked: “...'
            q = self.quote_opening_at(after, se, cs)
            if q is not None:
                return _Event(gap_lo, "attr", np=np, cue=cue, quote=q, sent=si,
                              para=self.para_of(cs), inherit=inherit)
            return None
        # leading quote: 'Zakharova said: “...' / 'said that “...'
        q = self.quote_opening_at(after, se, cs)
        if q is not None and kind != "weak":
            return _Event(gap_lo, "attr", np=np, cue=cue, quote=q, sent=si,
                          para=self.para_of(cs), inherit=inherit)
        if (kind == "weak" or cue in THAT_ONLY) and not _WEAK_THAT_RE.match(masked, ce, se) \
                and not self.said_to_that(ce, se) \
                and not (cue == "tells" and TOLD_OBJ_RE.match(masked, ce, se)
                         and _ENDS_THAT_RE.search(masked, ce, after)) \
                and not (cue in _PRONOUN_CLAUSE_CUES and np is not None and np.kind in (
                    "name", "pron") and _PRONOUN_CLAUSE_RE.match(masked, after, se)) \
                and not (cue in _BELIEF_CUES and np is not None and np.kind == "name" and (
                    " " in (np.name or "") or not (np.name or "").endswith("s")) and (
                    _BELIEF_CLAUSE_RE.match(masked, ce, se)
                    or _PRONOUN_CLAUSE_RE.match(masked, after, se) or (
                        masked.startswith(",", ce) and masked[ss:gap_lo].rstrip().endswith(",")
                        and not masked[ss:gap_lo].lstrip().startswith(("“", "\""))))):
            # ('Marlow believes the ban was illegal.', 'That move, Marlow believes, would
            # help': what a named person believes, with a clause of its own)
            # ('Trump also signaled he still plans to ...': a clause with a pronoun subject is
            # what was signaled, as with "that")
            return None
        lead = masked[ss:gap_lo]
        title_lo = gap_lo
        mdet = _COMMA_THE_RE.search(lead) if np is not None and np.kind == "name" and ends \
            else None
        if mdet is not None:
            # 'A, the Financial Times reported.': the article before the name is no content
            # (but 'Judge X said A, the Tribune reported.' stays the judge's)
            title_lo = ss + mdet.start(1)
            lead = masked[ss:title_lo]
        if (mdet is not None or (np is not None and is_media(np.name or ""))) and \
                lead.rstrip().endswith(",") and (
                    self.has_own_speaker(ss, title_lo, names_only=True)
                    or ":" in lead[_dateline_end(masked, ss) - ss:]
                    or _PRONOUN_CUE_START_RE.match(masked, ss)):
            return None  # (a transcript's "Harwood: … Senator, the Tax Foundation said")
        if np is not None and np.kind == "name" and np.role and ends and \
                not lead.rstrip().endswith(","):
            # 'A, political science professor Larry Sabato told USA TODAY.': words describing
            # the titled person stand between the comma and the phrase
            mt = _TITLE_TAIL_RE.search(lead)
            if mt is not None and not any(
                    w.lower() in VERBISH or w.lower() in _CLAUSE_WORDS or w.endswith("ed")
                    for w in mt.group(1).split()):
                title_lo = ss + mt.start(1)
                lead = masked[ss:title_lo]
        if np is not None and lead.rstrip().endswith(",") and ends and not np.appos_name:
            # 'Russia will respond, Peskov said.' / 'A, Zandi said, somewhat softening ...' /
            # 'Until then, he said, Russia still sees ...' / 'The Kremlin, Peskov said, is ready.'
            q0 = self.q_by_open.get(ss)
            mid = _RX_WORD_COUNT_1.findall(masked[q0.close + 1:gap_lo]) if (
                q0 is not None and 0 <= q0.close < gap_lo and q0.para_end == q0.para) else None
            if q0 is not None and mid is not None and len(mid) <= 6 and not any(
                    w.lower() in VERBISH or w.lower() in _CLAUSE_WORDS or w.endswith("ed")
                    or CUE_KIND.get(w.lower()) for w in mid):
                # '“We’re so far away” from the election, Sabato said.': a quote that opens
                # the sentence and the narration around it are his; the quote is the statement
                return _Event(gap_lo, "attr", np=np, cue=cue, quote=q0, sent=si,
                              para=self.para_of(cs))
            words = _RX_WORD_COUNT_1.findall(lead)
            first = words[0].lower() if words else ""
            paren = False
            if first in ADVERBIAL_OPENERS and len(words) <= 6:
                k = masked.find(",", raw, se)
                b_end = se
                cut = ING_OR_CONJ_CUT.search(masked, k + 1, se) if k >= 0 else None
                if cut:
                    b_end = cut.start()  # "... DePape was living there and told her ..."
                cstart, cend = _strip_span(text, k + 1 if k >= 0 else se, b_end)
                paren = k >= 0
            elif len(words) >= 4:
                cstart, cend = _strip_span(text, ss, title_lo)
            else:
                cstart, cend = _strip_span(text, ss, se)
            if _word_count(self.text, cstart, cend) >= 3 and not self.starts_with_quote_only(
                    cstart, cend):
                return _Event(gap_lo, "attr", np=np, cue=cue, content=(cstart, cend), sent=si,
                              para=self.para_of(cs), paren=paren or raw < se - 1)
            return None
        # leading reported: 'Lavrov stated that ...'
        if np is not None and np.kind == "name" and not np.is_org and np.sentence_initial is False \
                and not relative and _RX_CUE_SITE_7.search(lead) is None and lead.strip() and \
                not re.search(r"(?:^|[\s,(])(?:that|said|as|which|who|whom|while|when|if|because|"
                              r"after|before|since|though|although|where)\s*$",
                              masked[ss:np.start]) and \
                self.object_position(ss, np.start):
            # 'The report cited Peskov saying...' / 'praised by Peskov' (object, not subject)
            return None
        content = self.reported_content(cue, after, se)
        if content is None:
            return None
        return _Event(gap_lo, "attr", np=np, cue=cue, content=content, sent=si,
                      para=self.para_of(cs), inherit=inherit)

    def role_words_then_name(self, ce: int, se: int) -> NP | None:
        """'”, said zoo general curator Dana Marlow' / '”, said 46-year-old Dana Marlow' /
        '”, said the bill’s sponsor, Rep. Dana Marlow': lower-case words describing the person
        (ending in a role noun or an age) before the name of the inverted attribution."""
        masked = self.masked
        m = _ROLE_WORDS_RE.match(masked, ce, se)
        if m is None:
            return None
        words = (m.group(1) or "").split()
        if m.group(2) is None:
            last = words[-1].lower()
            if not (last in ROLE_NOUNS or last.rstrip(".") in TITLES or _AGE_RE.fullmatch(last)):
                return None
            if any(w.lower() in PREPS or w.lower() in _NOT_ROLE_WORDS for w in words):
                return None
        elif not m.group(2).startswith("the ") and not any(
                w.strip(",") in ROLE_NOUNS or w.strip(",") in TITLES
                for w in m.group(2).lower().split()):
            return None  # "”, texted Trump’s first chief of staff, Reince Priebus": a role
        np = self.parser.after(m.end(), se)
        if np is None or np.kind != "name" or np.is_org or np.start != m.end():
            return None
        return np

    def trailing_phrase(self, close: int, gap_lo: int, np: NP | None) -> bool:
        """Does the speaker's phrase begin right after the closing quote ('”, Peskov said',
        '”, White House communications director Kate Bedingfield said', '”, the union’s
        president, Dana Marlow, said')?"""
        gap = self.masked[close:gap_lo]
        if _trail_gap(gap):
            return True
        if np is None or np.kind != "name":
            return False
        if np.role is not None and self.masked[np.start:np.start + len(np.role)].lower() == \
                np.role.lower() and _role_modifier_gap(gap):
            return True
        return np.appos_name and not np.is_org and bool(_APPOS_ROLE_GAP_RE.fullmatch(gap)) and \
            not any(w.lower() in VERBISH or CUE_KIND.get(w.lower())
                    for w in _RX_WORD_COUNT_1.findall(gap))

    def circumstantial_tail(self, ce: int, se: int) -> bool:
        """Is the rest of the sentence after a cue only whom it was said to, where and when
        ('told fellow lawmakers Wednesday', 'said upon accepting the award on Sunday'), with no
        clause of its own ('said the plan was dead', 'said Smith told him')?"""
        rest = self.masked[ce:se]
        if MASK in rest or any(c in rest for c in ";:“”\"(\n"):
            return False
        # ('told the troops, according to the Associated Press.': who reported it)
        rest = _ACCORDING_TAIL_RE.sub("", rest)
        words = _RX_WORD_COUNT_1.findall(rest)
        if len(words) >= 3 and words[0].lower() in _TIME_ADVERBS:
            words = words[1:]  # 'said just before breaking the record'
        pp = False
        if len(words) >= 2 and words[0].lower() in _ING_TIME_WORDS and words[1].endswith("ing"):
            words = words[2:]  # 'said when announcing the lawsuit', 'said while visiting Ohio'
            if not words:
                return True
            pp = True
        if not words or len(words) > 12 or words[0].lower() in _CLAUSE_START_WORDS:
            return False
        # a participle after a prepositional phrase describes it ('said in brief remarks
        # carried on Facebook Live'); after a bare object it may be a clause's verb
        pp = pp or words[0].lower() in PREPS
        return not any(
            (w.lower() in VERBISH and not (pp and k >= 2 and w.lower() not in _AUX_WORDS))
            or w.lower() in _CLAUSE_WORDS or w.lower() in _CLAUSE_START_WORDS
            or (w.endswith("ed") and len(w) > 4 and not (pp and k >= 2 and w.lower() not in
                                                          CUE_KIND))
            or CUE_KIND.get(w.lower()) or (
                w.lower().endswith(("’s", "'s")) and w.lower()[:-2] in PRONOUNS)
            for k, w in enumerate(words))

    def said_to_that(self, ce: int, se: int) -> bool:
        """'alleged to reporters Sept. 1 that ...', 'replied Tuesday that ...': whom it was said
        to, or when, then 'that'."""
        pos = ce
        mt = _SAID_TO_RE.match(self.masked, pos, se)
        if mt is not None:
            pos = mt.end()
        madv = ADVERBIAL_RE.match(self.masked, pos, se)
        if madv is not None and madv.end() > pos:
            pos = madv.end()
        return pos > ce and bool(_WEAK_THAT_RE.match(self.masked, pos, se))

    def first_of_two(self, np: NP, ss: int) -> NP:
        """'The FBI and the Department of Homeland Security have said': two institutions (or
        two people) opening the sentence speak together; the first named is the speaker."""
        mand = _AND_BEFORE_RE.search(self.masked, max(ss, np.start - 10), np.start)
        if mand is None:
            return np
        first = self.parser.before(ss, mand.start(), allow_appos=False)
        if first is None or first.kind != "name" or first.is_org != np.is_org or \
                _RX_THE_END.sub("", self.masked[ss:first.start]).strip():
            return np
        return first

    def pair_before(self, ss: int, cs: int) -> tuple[NP, NP] | None:
        """'Specter and Van Dyke said', 'Both Monto and Shaman say': two people, each named
        (not 'Trump and Vance supporters'), as the subject of the cue."""
        m = _PAIR_RE.search(self.masked, ss, cs)
        if m is None or m.end() != cs:
            return None
        lead = self.masked[ss:m.start()]
        if lead.strip() and lead.rstrip()[-1:] not in (",", "”"):
            return None
        toks = self.parser.toks(m.start("a"), m.end("b"))
        ia = max(i for i, t in enumerate(toks) if t.end <= m.end("a"))
        nps = (self.parser.np_ending_at(toks, ia, in_group=True),
               self.parser.np_ending_at(toks, len(toks) - 1, in_group=True))
        for np in nps:
            if np is None or np.kind != "name" or np.is_org or np.role:
                return None
            ent = self.entity_for_name(np, np.start)
            if ent is None or ent.final().kind != "person" or len(ent.final().name.split()) < 2:
                return None  # people the article names in full ('Fish and Wildlife': no one)
        a, b = nps
        assert a is not None and b is not None
        return (a, b) if a.start == m.start("a") else None

    def document_owner(self, ss: int, cs: int) -> NP | None:
        """'McCune’s post read:', 'the U.S. Mint’s annual report said', 'The annual U.S. Mint
        report says': a document speaks for whoever it belongs to, named right before it."""
        m = _DOC_OWNER_RE.search(self.masked, ss, cs)
        if m is None or m.end() != cs:
            mb = _DOC_APPOS_BY_RE.search(self.masked, ss, cs)
            if mb is None or mb.end() != cs:
                return None
            # 'The research, commissioned by the civil rights group X, found that': X's study
            np = self.parser.before(ss, mb.end("owner"), allow_appos=False)
            if np is None or np.kind != "name" or np.start < mb.start("owner"):
                return None
            return np
        owner_end, poss = m.end("owner"), m.group("poss") is not None
        if self.masked[owner_end - 2:owner_end] in ("'s", "’s"):
            owner_end, poss = owner_end - 2, True
        np = self.parser.before(ss, owner_end, allow_appos=False)
        if np is None or np.kind != "name" or np.start < m.start("owner"):
            return None
        if not poss and not (np.is_org or is_media(np.name or "")):
            return None  # "the Biden report": only an institution's name stands bare before it
        return np

    def inverted_reported(self, cue, cs, ce, ss, se, si) -> _Event | None:
        np = self.parser.after(ce, se)
        if np is None or np.kind == "pron":
            return None
        rest = self.masked[np.end:se]
        if not _INVERTED_TAIL_RE.fullmatch(rest):
            return None
        cstart, cend = _strip_span(self.text, ss, cs)
        if _word_count(self.masked, cstart, cend) < 4 or not self.fragments_only(cstart, cend):
            return None
        return _Event(np.start, "attr", np=np, cue=cue, content=(cstart, cend), sent=si,
                      para=self.para_of(cs))

    def inverted_leading(self, cue, ce, se, si) -> _Event | None:
        np = self.parser.after(ce, se)
        if np is None or np.kind != "name" or not self.masked.startswith(",", np.end):
            return None
        cstart, cend = _strip_span(self.text, np.end + 1, se)
        if _word_count(self.masked, cstart, cend) < 4 or not self.fragments_only(cstart, cend):
            return None
        return _Event(np.start, "attr", np=np, cue=cue, content=(cstart, cend), sent=si,
                      para=self.para_of(ce))

    def relative_to_the_end(self, np: NP, ss: int) -> bool:
        """'The rally was led by Mayor Ann Lee, who said …': does the relative clause after
        the name run to the sentence's end? Not when the name opens a clause ('Lee, who
        said …, led the rally', 'Analysts say Obrador, who argued …, was unwilling'); not
        for a place or a platform ('an activist residing in Belgium who said')."""
        name = np.name or ""
        group = name.split()[-1].lower() in GROUP_HEADS if name else False
        if name.lower() in PLACES or is_media(name) or (np.is_org and not group):
            return False
        if " " not in name and not group and self.reg.lookup_surname(name, np.start) is None:
            return False  # "organizers in south Phoenix who declared": a word for no one known
        lead = self.masked[ss:np.start]
        if not lead.strip() or _CLAUSE_OPENER_END_RE.search(lead):
            return False
        mcue = _SAY_BEFORE_RE.search(lead)
        # (but '“…,” said Cruz, who said …': the cue inverted after its quote)
        return mcue is None or bool(_CLOSED_QUOTE_END_RE.search(lead, 0, mcue.start()))

    def fragments_only(self, start: int, end: int) -> bool:
        """Does a reported clause hold no whole quote: none opens it, and any quoted words
        inside are a short fragment closed in it ('Demand is still “booming” despite …, said
        the FT')?"""
        for q in self.quotes:
            if start <= q.open < end and (q.open == start or q.close < 0 or q.close >= end
                                          or _word_count(self.text, q.start, q.end) > 6):
                return False
        return True

    def object_position(self, ss: int, np_start: int) -> bool:
        """Is the phrase at np_start the object of a verb or preposition before it?"""
        mw = _RX_OBJECT_POSITION_1.search(self.masked[ss:np_start])
        if not mw:
            return False
        w = mw.group(1).lower()
        return w in ("by", "with", "to", "from", "for", "of", "about", "against", "on", "at",
                     "in", "like", "than", "cited", "quoted", "asked", "told", "urged", "called",
                     "met", "thanked", "praised", "criticized")

    def quote_attributed_before(self, q: QuoteSpan, ss: int) -> bool:
        """Does a cue before quote q in its sentence attribute it ('X said “A,” adding that
        B': then the -ing cue after the quote continues X, it does not attribute the quote)?"""
        lead = self.masked[ss:q.open]
        return bool(_LEAD_CUE_RE.search(lead))

    def ing_cue(self, cue, cs, ce, ss, se, si) -> _Event | None:
        masked = self.masked
        left = masked[ss:cs]
        mby = _BY_CLAUSE_RE.search(left) if left.endswith(("by ", "by")) else None
        if mby is not None and (by_np := self.parser.after(ss + mby.start(1), cs)) is not None \
                and by_np.kind in ("name", "pron"):
            # 'After Harris accused him …, Trump concluded by saying': the subject of the
            # clause "by" ends
            np, inherit = by_np, False
        elif _RX_CUE_SITE_5.search(left) or _RX_ING_CUE_1.search(left) or \
                _COMMA_QUOTE_END_RE.search(self.text, ss, cs) or _FILED_DOC_ING_RE.search(left):
            # ', adding that ...': the subject of the previous cue in this sentence
            inherit = True
            np = None
        else:
            mp = _PROGRESSIVE_RE.search(masked, ss, cs)
            hi = mp.start() if mp else cs  # "He is vowing a probe": the subject of "is"
            np = self.parser.before(ss, hi, allow_object=True)
            # 'with the ODNI warning that': the phrase must not be an object of a verb
            if np is None or (masked[ss:np.start].strip()
                              and not _ING_SUBJECT_LEAD.search(masked[ss:np.start])):
                mq = _ING_QUOTE_RE.match(masked, ce, se) if cue == "writing" else None
                if mq is not None and _RX_POSTED_ON.search(left):
                    # 'took to Truth Social to demand answers writing “...”': the sentence's
                    # subject writes the words (no comma before the -ing cue)
                    q = self.q_by_open.get(mq.end() - 1)
                    if q is not None:
                        return _Event(cs, "attr", np=None, cue=cue, quote=q, sent=si,
                                      para=self.para_of(cs), inherit=True)
                return None
            inherit = False
        after = self.skip_complements(cue, ce, se)
        if after < 0:
            return None
        q = self.quote_opening_at(after, se, cs)
        if q is not None:
            return _Event(np.start if np else cs, "attr", np=np, cue=cue, quote=q, sent=si,
                          para=self.para_of(cs), inherit=inherit)
        if cue == "asking" or (cue == "advising" and not _ENDS_THAT_RE.search(masked, ce,
                                                                            after)):
            return None  # ('advising them to return': advice, not a said clause)
        content = self.reported_content(cue, after, se)
        if content is None:
            return None
        return _Event(np.start if np else cs, "attr", np=np, cue=cue, content=content, sent=si,
                      para=self.para_of(cs), inherit=inherit)

    def according_to(self, cs, ce, ss, se, si) -> _Event | None:
        masked = self.masked
        text = self.text
        mdata = _ACC_DATA_RE.match(masked, ce, se)
        if mdata is not None:
            # 'according to the latest data from the Office of Personnel Management': whose
            # figures they are
            np = self.parser.after(mdata.end(), se)
            if np is None or np.kind != "name":
                return None
        else:
            np = self.parser.after(ce + 1, se)
            mlate = _ACC_LATEST_RE.match(masked, ce, se) if np is None else None
            if mlate is not None:
                # 'according to the latest Gallup poll'
                np = self.parser.after(mlate.end(), se)
                if np is not None and (np.kind != "name" or not _ACC_OWNER_DOC_RE.match(
                        masked, np.end, se)):
                    np = None
            mkind = _ACC_KIND_RE.match(masked, ce, se) if np is None else None
            if mkind is not None:
                # 'according to the motoring group': the institution of that kind named before
                np = self.parser.before(ce, mkind.end())
                if np is not None and np.start < ce:
                    np = None
        if np is None:
            return None
        if np.kind == "role" and (np.head in DOC_NOUNS):
            return None
        # the phrase must end the clause: 'according to X,' / 'according to X.'
        np_end = np.end
        tail = masked[np_end:se]
        mfor = _FOR_CLIENT_RE.match(tail) if mdata is not None and mdata.group("poll") else None
        mweb = _ACC_SITE_RE.match(tail) if np.kind == "name" else None
        mshared = _ACC_SHARED_RE.match(tail) if mdata is not None else None
        mdoc = _ACC_OWNER_DOC_RE.match(tail) if np.kind == "name" and mdata is None else None
        if mdoc is not None and (mdoc.group(1) or np.is_org or is_media(np.name or "")
                                 or mdoc.group("poll")):
            # 'according to a White House statement', 'according to an Ipsos poll': the
            # owner of the document or poll
            np_end += mdoc.end()
            mfor = _FOR_CLIENT_RE.match(masked, np_end, se) if mdoc.group("poll") else None
            if mfor is not None:
                np_end = mfor.end()
        elif mfor is not None:
            np_end += mfor.end()
        elif mweb is not None:
            np_end += mweb.end()  # 'according to the WEF website': the institution's own
        elif mshared is not None:
            np_end += mshared.end()  # 'a statement by Trump shared on Musk's X page
        elif not _RX_ACCORDING_TO_1.match(tail) and not re.match(
                r"\s*(?:in|on|at|during)\b[^,.;]{0,60}(?:,|$|\.)", tail):
            # 'according to John Chester with the Glendale Fire Department': the affiliation
            # ends the phrase, not the name
            mand = _ACC_AND_SOURCE_RE.match(tail) if np.kind == "name" and np.name and (
                np.is_org or is_media(np.name)) else None
            if mand is not None:
                # 'according to NPR and Deadline': the first source named speaks
                np_end += mand.end()
            else:
                maff = _ACC_AFFILIATION_RE.match(tail)
                if maff is None or not self.person_named(np, sure=maff.group(1) == "of"):
                    return None
                np_end += maff.end()
        lead = masked[ss:cs]
        para = self.para_of(cs)
        if not lead.strip():
            # 'According to X, CONTENT'
            mc = _RX_ACCORDING_TO_2.match(masked[np_end:se])
            if not mc:
                return None
            after = np_end + mc.end()
            q = self.quote_opening_at(after, se, cs)
            if q is not None:
                return _Event(np.start, "attr", np=np, cue="according to", quote=q, sent=si,
                              para=para)
            cstart, cend = _strip_span(text, after, se)
        elif (_RX_CUE_SITE_5.search(lead) or _COMMA_QUOTE_END_RE.search(text, ss, cs)) and \
                _ACC_END_RE.match(masked, np_end, se):
            # 'CONTENT, according to X.' (but 'Walz said ..., according to ProPublica': the
            # content has a speaker of its own, and X only reports it); 'CONTENT ... a “hot
            # spot,” according to X.': the comma inside the closing mark
            if self.has_own_speaker(ss, cs):
                return None
            qc = self.quote_closing_before(ss, cs)
            if qc is not None and _RX_ACCORDING_TO_4.fullmatch(masked[qc[1]:cs]) and (
                    _word_count(text, ss, qc[0].open) <= 3):
                return _Event(np.start, "attr", np=np, cue="according to", quote=qc[0],
                              sent=si, para=para)
            cstart, cend = _strip_span(text, ss, cs)
        else:
            # mid-sentence: a source inside someone else's statement, or a parenthetical
            if CUE_RE.search(masked, ss, cs) or CUE_RE.search(masked, np_end, se):
                return None
            if not _RX_CUE_SITE_5.search(lead):
                return None
            cstart, cend = _strip_span(text, ss, se)
        if _word_count(self.text, cstart, cend) < 4:
            return None
        return _Event(np.start, "attr", np=np, cue="according to", content=(cstart, cend),
                      sent=si, para=para)

    def person_named(self, np: NP, sure: bool = False) -> bool:
        """Does the name phrase name a person ('Joel Marten', 'Chief Executive Chad Gregory',
        a surname named before), not an institution ('American Academy' of Sleep Medicine)?
        `sure`: known to be one (a first name of the lists, a role, a surname named before),
        for 'X of Y', which names institutions as often as people."""
        if np.kind != "name" or np.is_org or not np.name:
            return False
        words = np.name.split()
        if any(w.lower() in ORG_WORDS or w.lower() in ORG_NOUNS or w.lower() in PLACES
               or w.lower() in FUNC_CAPS for w in words):
            return False
        if len(words) == 1:
            return words[0].lower() in self.reg.by_surname
        if np.role or words[0].lower() in FIRST_M or words[0].lower() in FIRST_F:
            return True
        return not sure and len(words) <= 3 and all(w.isalpha() and w[:1].isupper()
                                                   for w in words) and \
            not words[-1].endswith("ing")

    def has_own_speaker(self, s: int, e: int, names_only: bool = False) -> bool:
        """Does [s, e) hold a speech cue with a named or pronoun subject of its own ('Walz
        said ...'; not 'deaths were reported')? `names_only`: a named subject."""
        for m in CUE_RE.finditer(self.masked, s, e):
            if m.group("acc") or self._prev_word(m.start(), s) in _PASSIVE_AUX:
                continue
            np = self.parser.before(s, m.start())
            if np is None and self.masked[s:m.start()].rstrip().endswith(","):
                # '…, said Madi Biedermann, a spokesperson, according to USA Today': inverted
                np = self.parser.after(m.end(), e)
            if np is not None and np.kind in (("name",) if names_only else ("name", "pron")):
                return True
        return False

    def skip_complements(self, cue: str, ce: int, se: int, final: bool = True) -> int:
        """Position where the said content begins (after 'on Monday', 'told reporters', 'that').
        With final=False: after the adverbials only, before a comma, colon or 'that'."""
        masked = self.masked
        pos = ce
        if cue in ("urged", "urges", "urging") and _CALLED_ON_RE.match(masked, pos, se) and not \
                TOLD_OBJ_RE.match(masked, pos, se):
            # 'urged people who bring forth allegations to allow an investigation': whom, and
            # what to do, are what was said (as for "called on")
            return pos + 1 if masked.startswith(" ", pos) else pos
        for _ in range(6):
            moved = False
            if cue in ("told", "tells", "telling", "assured", "informed", "warned", "urged",
                       "reminded", "advising"):
                m = TOLD_OBJ_RE.match(masked, pos, se)
                if m and m.end() > pos and not _RX_SKIP_COMPLEMENTS_1.match(masked[pos:se]):
                    if m.group().endswith(("’s", "'s", "S’", "S'")):
                        # 'told CNN’s “New Day”': an outlet's programme is whom they told
                        mp = _PROGRAMME_RE.match(masked, m.end(), se)
                        if mp is None:
                            return -1
                        pos = mp.end()
                        moved = True
                        continue
                    pos = m.end()
                    moved = True
                elif _ == 0 and not _RX_SKIP_COMPLEMENTS_2.match(masked[pos:se]):
                    mt = _OBJ_THAT_RE.match(masked, pos, se)
                    if not mt:
                        return -1  # "told" with no one told: not speech
                    pos = mt.end()
                    moved = True
            if _ == 0 and cue in ("promised", "promises", "assured", "assures"):
                # 'promised her chief of staff Mark Fullbrook that …': whom it was promised to
                mt = _OBJ_THAT_RE.match(masked, pos, se)
                if mt is not None and MASK not in masked[pos:mt.end()] and not any(
                        w in VERBISH or w in CUE_KIND or w in ("to", "and", "but", "or")
                        for w in masked[pos:mt.end()].lower().split()):
                    pos = mt.end()
                    moved = True
            if _ == 0 and cue not in ("told", "tells", "telling", "according to"):
                # 'alleged to reporters Sept. 1 that', 'said to the BBC that': whom it was said to
                m = _SAID_TO_RE.match(masked, pos, se)
                if m is not None and _SAID_TO_END_RE.match(masked, m.end(), se):
                    pos = m.end()
                    moved = True
            m = ADVERBIAL_RE.match(masked, pos, se)
            if m and m.end() > pos:
                pos = m.end()
                moved = True
            m = _PARENTHETICAL_ACC.match(masked, pos, se)
            if m:
                pos = m.end()
                moved = True
            m = _COMMA_THAT_RE.match(masked, pos, se)
            if m:
                pos = m.end()
                moved = True
            if not moved:
                break
        if not final:
            return pos
        # 'stressed at a briefing for reporters that ...'
        m = _PP_THAT_RE.match(masked, pos, se)
        if m:
            pos = m.end()
        m = _FINAL_THAT_RE.match(masked, pos, se)
        if m:
            pos = m.end()
        return pos

    def quote_opening_at(self, pos: int, se: int, cs: int) -> QuoteSpan | None:
        """The quote whose opening mark is at `pos` (or at the start of the next paragraph
        when the cue ends its paragraph with a colon)."""
        masked = self.masked
        j = pos
        while j < len(masked) and masked[j] in " \t":
            j += 1
        if j < len(masked) and masked[j] == "“":
            return self.q_by_open.get(j)
        # 'Zakharova said:' at the end of a paragraph, quote in the next one
        if (j >= se and _RX_QUOTE_OPENING_AT_1.search(masked[cs:j])) or (
                j < len(masked) and masked[j] == "\n" and masked[cs:j].rstrip().endswith(":")):
            k = j
            while k < len(masked) and masked[k] in " \t\n":
                k += 1
            if k < len(masked) and masked[k] == "“":
                return self.q_by_open.get(k)
        return None

    def quote_closing_before(self, ss: int, cs: int) -> tuple[QuoteSpan, int] | None:
        """The quote that closes last before the cue in this sentence: (quote, end of mark)."""
        k = self.masked.rfind("”", ss, cs)
        if k < 0:
            return None
        q = self.q_by_close.get(k)
        if q is None:
            return None
        return q, k + q.close_len

    def quote_ending_just_before(self, ss: int) -> QuoteSpan | None:
        """The quote that ends the sentence before `ss`, or the paragraph before it when that
        paragraph is the quote and nothing else ('“...”' / 'Peskov said on Monday.')."""
        k = ss - 1
        while k >= 0 and self.masked[k] in " \t":
            k -= 1
        if k >= 0 and self.masked[k] == "\n":
            while k >= 0 and self.masked[k] in " \t\n":
                k -= 1
            q = self.q_by_close.get(k) if k >= 0 else None
            if q is None or self.paras[q.para][0] != q.open:
                return None
        if k >= 0 and self.masked[k] == "”":
            q = self.q_by_close.get(k)
            if (q is not None and self.text[q.close - 1] in ".!?…") or (
                    q is not None and self.text[max(0, q.end - 1)] in ".!?…"):
                return q
        return None

    def starts_with_quote_only(self, s: int, e: int) -> bool:
        """Is [s, e) a quote and nothing else (then it is a quote, not reported speech)?"""
        seg = self.masked[s:e].strip()
        return seg.startswith("“") and seg.endswith("”") and seg.count("“") == 1

    def reported_content(self, cue: str, after: int, se: int) -> tuple[int, int] | None:
        masked = self.masked
        text = self.text
        s = after
        e = se
        # stop at the next cue of the same speaker: ' and said:', ', adding that'
        m = ING_OR_CONJ_CUT.search(masked, s, e)
        if m:
            e = m.start()
        s, e = _strip_span(text, s, e)
        if e <= s:
            return None
        md = _DATELINE_RE.match(masked, s, e)
        if md and (s == 0 or masked[s - 1] == "\n"):
            s = md.end()
        seg = masked[s:e]
        # content that is just a quote: the quote is the statement (handled as a quote)
        if seg.startswith("“"):
            return None
        # a quote inside the content that runs past the sentence, or has its own cue
        k = seg.find("“")
        if k >= 0:
            q = self.q_by_open.get(s + k)
            if q is not None and (q.close < 0 or q.close >= e or q.para_end != q.para):
                e = s + k
                s, e = _strip_span(text, s, e)
                if _word_count(self.text, s, e) < 8:
                    return None
        if _BAD_CONTENT_START.match(masked, s) and \
                _THAT_SUBJECT_RE.search(masked, max(0, s - 6), s) and \
                masked[s:s + 12].split()[0] in VERBISH:
            s = masked.rfind("that", max(0, s - 6), s)  # "said that was the only way"
        elif _BAD_CONTENT_START.match(masked, s) and cue in _PLAIN_SAY_CUES and \
                not self.fronted_clause(s, e) and not _ABOUT_NUMBER_RE.match(masked, s):
            return None
        elif _PP_CONTENT_RE.match(masked, s) and not self.fronted_clause(s, e) and \
                _word_count(text, s, e) <= 8:
            return None  # "Trump pledged on the campaign trail.": a place, not words
        if _RX_REPORTED_CONTENT_1.match(masked[s:s + 8]):
            return None
        # a headline ("Biden notes bipartisan recognition of inauguration") is no statement
        pi = self.para_of(s)
        ps, pe = self.paras[pi]
        if e >= pe - 1 and self.text[pe - 1] not in ".!?”\"’')…:;" and \
                self.sents[self.sent_of(s)][0] <= ps:
            return None
        if _RX_REPORTED_CONTENT_2.match(
                    text[s:e], re.I):
            return None
        if _word_count(self.text, s, e) < 3:
            return None
        return s, e

    def fronted_clause(self, s: int, e: int) -> bool:
        """'Gale said with no country likely to gain, “the odds of a war will go down.”': the
        reported words open with a clause of their own, then a comma and the main clause."""
        # 'argued that by raising tariffs, companies will ...': after "that", any phrase of a
        # preposition before the comma opens the reported clause
        after_that = bool(_THAT_SUBJECT_RE.search(self.masked, max(0, s - 6), s))
        fronted = bool(_FRONTED_RE.match(self.masked, s))
        if not fronted and not (after_that and _PP_LEAD_RE.match(self.masked, s)):
            return False
        k = self.masked.find(",", s, e)
        if k < 0:
            return False
        n = _word_count(self.text, s, k)
        if (n < 4) if fronted else not (2 <= n <= 12):
            return False
        rest = self.masked[k + 1:e].lstrip()
        return rest.startswith("“") or (_word_count(self.text, k + 1, e) >= 4 and bool(
            _CLAUSE_START_RE.match(rest) or (not fronted and _LOWER_CLAUSE_RE.match(rest))))

    # -- 5. resolution --
    def resolve(self, events: list[_Event]) -> list[Statement]:
        events.sort(key=lambda ev: (ev.pos, 0 if ev.kind == "mention" else 1))
        history: list[tuple[int, int, Entity]] = []  # (pos, para, entity)
        last_in_sent: dict[int, Entity] = {}
        last_cue_end: dict[int, int] = {}
        no_inherit: set[int] = set()
        out: list[tuple[_Event, Entity]] = []
        for ev in events:
            if ev.kind == "anon":
                history.append((ev.pos, self.para_of(ev.pos), ANONYMOUS))
                continue
            if ev.kind == "mention":
                # a subject inside someone's reported words ("Peskov insisted Putin remains
                # open") is not a candidate for a later "he said"
                if self.sent_of(ev.pos) not in last_in_sent and ev.entity is not None:
                    history.append((ev.pos, self.para_of(ev.pos), ev.entity))
                    if _SUBJECT_POSTED_RE.match(self.masked, ev.pos):
                        # "the White House posted a video ... “...,” the post said": its post
                        self.doc_owner["post"] = (self.para_of(ev.pos), ev.entity.final())
                continue
            ent: Entity | None
            if ev.inherit or ev.np is None:
                # "Peskov denied ... and said": the same speaker, unless another subject
                # comes between ("she said, DePape was living there and told her ...")
                ent = last_in_sent.get(ev.sent)
                prev_end = last_cue_end.get(ev.sent, -1)
                right_after = prev_end >= 0 and not self.masked[prev_end:ev.pos].strip(" ,")
                if (ev.sent in no_inherit and not right_after) or (
                        prev_end >= 0 and _NEW_SUBJECT_RE.search(self.masked, prev_end, ev.pos)):
                    # (but 'A, the agency said, noting that B': B is the agency's too)
                    ent = None
                elif ent is None:
                    # "May shrugged off the criticism and said ...": the sentence's subject
                    ent = self.sentence_subject(ev, history)
            else:
                ent = self.resolve_np(ev.np, ev.pos, history)
                if ent is None and ev.np.kind == "role" and not ev.np.definite:
                    # "a Syrian officer told Reuters": a later "he said" means him, not
                    # anyone named before
                    history.append((ev.pos, self.para_of(ev.pos), ANONYMOUS))
            if ent is None or ent is ANONYMOUS:
                continue
            ent = ent.final()
            last_in_sent[ev.sent] = ent
            if ev.ce >= 0:
                # the previous statement's own content is not where a new subject would be
                last_cue_end[ev.sent] = max(ev.ce, ev.content[1] if ev.content else -1)
            if ev.paren:
                no_inherit.add(ev.sent)
            history.append((ev.pos, self.para_of(ev.pos), ent))
            out.append((ev, ent))
            self.note_documents(ev, ent)
            if ev.also is not None:
                ent2 = self.entity_for_name(ev.also, ev.also.start)
                if ent2 is not None and ent2.final() is not ent:
                    self.twins.append((ev, ent, ent2.final()))
        cued = {ev.quote.open for ev in events if ev.quote is not None}
        spans = [ev.content for ev in events if ev.kind == "attr" and ev.content is not None]
        return self.build(out, cued, spans)

    def note_documents(self, ev: _Event, ent: Entity) -> None:
        """'In a post on X, DOGE said ...', 'the annual U.S. Mint report said ...': the
        document a statement was made in is its speaker's; a later 'the post pointed out'
        or 'the report says' in the next paragraphs is theirs too (see document_speaker)."""
        para = self.para_of(ev.pos)
        if ev.np is not None and ev.np.kind == "name":
            md = _DOC_FROM_RE.search(self.masked, max(0, ev.np.start - 40), ev.np.start)
            if md is not None:
                # '“…,” said a letter from GBI Director Vic Reynold. “…,” the letter said.'
                self.doc_owner[md.group(1).lower()] = (para, ent)
        if ev.ce < 0 or (ev.np is not None and ev.np.kind == "role"
                         and ev.np.head in _VEHICLE_DOCS):
            return  # ('the statement added': the owner stays the one noted)
        ss, se = self.sents[ev.sent] if self.sents else (0, len(self.text))
        for m in _IN_DOC_RE.finditer(self.masked, ss, se):
            self.doc_owner[m.group(1).lower()] = (para, ent)
        if _RX_POSTED.search(self.masked, ss, se):
            # "Trump posted on Truth Social ..., calling it ...": his post
            self.doc_owner["post"] = (para, ent)
        if ev.np is not None and ev.np.kind == "name" and ev.np.end < ev.pos + 200:
            mo = _OWNED_DOC_RE.match(self.masked, ev.np.end, ev.ce)
            if mo is not None:
                self.doc_owner[mo.group(1).lower()] = (para, ent)

    def document_speaker(self, np: NP, pos: int) -> Entity | None:
        """'the post', 'the report' right after a statement made in it: its speaker."""
        head = (np.head or "").lower()
        if not np.definite or head not in _VEHICLE_DOCS or \
                not self.text[np.start:np.end].lower().startswith("the "):
            return None
        got = self.doc_owner.get(head)
        if got is None or not 0 <= self.para_of(pos) - got[0] <= 1:
            return None
        return got[1]

    def named_by_phrase(self, np: NP) -> Entity | None:
        """An institution named by its description: 'the Jamaican government', 'the Trump
        administration', "May's office" (the office of a person named in the article)."""
        full = self.text[np.start:np.end]
        mr = _ROLE_OWNER_RE.match(full)
        if mr:
            # "the governor's office": the office of the one person the article gives that role
            role = mr.group(1).lower()
            people = {id(e.final()): e.final() for e in self.reg.people.values()
                      if e.final().kind == "person" and role in e.final().role_words()}
            if len(people) != 1:
                return None
            (holder,) = people.values()
            return self.reg.org(f"{holder.name}'s {mr.group(2)}")
        if not _THE_RE.match(full) and not _OWNER_RE.match(full):
            return None
        phrase = DET_RE.sub("", full).strip()
        words = phrase.split()
        if len(words) < 2 or len(words) > 6 or not words[0][0].isupper():
            return None
        m = _OWNER_RE.match(phrase)
        if m:
            if m.group(1).lower() in PLACES:
                # "Russia’s foreign ministry", "Israel's military": a country's institution
                return self.reg.org(phrase)
            owner = self.reg.lookup_surname(m.group(1), np.start)
            if owner is None:
                return None
            return self.reg.org(f"{owner.name}'s {m.group(2)}")
        if not any(w[0].isupper() for w in words[:-1]) or is_media(phrase):
            return None
        if words[0].lower() in LEAD_FUNC:
            return None
        if any(w.endswith("-based") for w in words):
            return None  # "the Ohio-based retailer": where it is based is no name
        if words[-1] in _KIND_WORDS:
            # "the Burning Man nonprofit": the name without its kind (but "the Trump
            # administration", "the U.N. refugee agency" are names as they are)
            name = " ".join(words[:-1])
            return None if name.lower() in PLACES else self.reg.org(name)
        return self.reg.org(phrase)

    def sentence_subject(self, ev: _Event, history) -> Entity | None:
        """The subject at the start of the event's sentence, if it is a name or pronoun
        followed by a verb ("Tufton also put out a call ... and warned that ...")."""
        ss, _se = self.sents[ev.sent] if self.sents else (0, len(self.text))
        m = _SUBJECT_START_RE.match(self.masked, ss, ev.pos)
        if not m:
            if ev.cue in CUE_KIND and CUE_KIND[ev.cue] == "ing":
                return self.clause_subject(ss, ev.pos, history)
            return None
        np = self.parser.before(ss, m.end("subj"))
        if np is None or np.kind == "role" or not (
                np.start == m.start("subj") or (m.group("role") and np.kind == "name"
                                           and ss <= np.start <= m.start("subj"))):
            return None
        if _SECOND_CLAUSE_RE.search(self.masked, m.end(), ev.pos):
            return None  # "The UAW is on strike ... and many politicians are criticizing, saying"
        if self.masked[ss:m.start("subj")].rstrip().endswith(("the", "The", "-led")) and not (
                np.kind == "name" and np.is_org):
            return None  # "the Biden team": only an institution's name follows "the"
        return self.resolve_np(np, np.start, history)

    def clause_subject(self, ss: int, pos: int, history) -> Entity | None:
        """'Some Republicans are still skeptical of it, arguing ...', 'Kirby echoed that,
        telling reporters ...': the one subject named in the sentence before the comma that
        opens the -ing clause (none when two are)."""
        comma = self.masked.rfind(",", ss, pos)
        if comma < 0 or self.masked[comma:pos].strip(", ") or any(
                ss <= o < comma for o in self.q_opens):
            return None
        found = {id(e.final()): (p, e.final()) for p, _pa, e in history if ss <= p < comma
                 and p not in self.topic_possessors}  # ("Love's family announced, saying")
        if len(found) != 1:
            return None
        ((p, ent),) = found.values()
        # "In Syria, the Kurdish-led Defense Forces agreed to a truce, saying": a short opener
        # of place or time before the subject
        mo = _PLACE_TIME_OPENER_RE.match(self.masked, ss, p)
        lo = mo.end() if mo is not None else ss
        words = _RX_WORD_COUNT_1.findall(self.masked[lo:p])
        if ent is ANONYMOUS or "," in self.masked[lo:p] or len(words) > 8 or any(
                w.lower() in VERBISH or w.lower() in _SUBORDINATORS or w.endswith(("ing", "ed"))
                for w in words):
            return None  # "After taking jabs at items Trump has sold, suggesting": not his
        return ent

    def resolve_np(self, np: NP, pos: int, history) -> Entity | None:
        if np.kind == "pron":
            return self.resolve_pronoun(np.pron or "", pos, history)
        if np.kind == "name":
            return self.entity_for_name(np, pos)
        # role phrase
        head = np.head or ""
        mods = {m for m in np.mods if m not in ("the", "a", "an", "of", "for")}
        if head in DOC_NOUNS:
            return self.document_speaker(np, pos)
        mp = _POSS_OFFICE_RE.match(self.text, np.start, np.end)
        if mp is not None:
            # "Her campaign said": the office of the one "her" means
            owner = self.resolve_pronoun("he" if mp.group(1).lower() == "his" else "she", pos,
                                         history)
            if owner is None or owner.kind != "person":
                return None
            return self.reg.org(f"{owner.name}'s {mp.group(2).lower()}")
        if head in ORG_NOUNS and head not in ROLE_NOUNS:
            want = {head} | {m for m in mods if m not in ("’s", "'s")}
            best = None
            para = self.para_of(pos)
            for _p, _pa, ent in reversed(history):
                if para - _pa > 4:
                    break
                ent = ent.final()
                if ent.kind == "org" and (head not in _PLACE_HEADS or _names_place(ent, head)):
                    words = set(_RX_RESOLVE_NP_1.findall(ent.name.lower()))
                    if want <= words or (head in words and not (mods - words)):
                        best = ent
                        break
            if best is None:
                # an institution named before the phrase ("the network said" is not the
                # "USA TODAY Network" of the byline at the end)
                before = {id(e.final()) for p, e, _s in self.reg.mentions if p < pos} | {
                    id(e.final()) for p, _pa, e in history if p < pos}
                found = [ent for ent in self.reg.orgs.values()
                         if want <= set(_RX_RESOLVE_NP_1.findall(ent.name.lower())) and (
                             head not in _PLACE_HEADS or _names_place(ent, head))]
                if len(found) == 1 and id(found[0].final()) in before:
                    best = found[0]
                elif len(found) > 1:
                    # "the committee" with several committees named: the one the article
                    # names far more often than any other (its subject), else none
                    # (a name inside another's, "Department" of "Justice Department", and an
                    # outlet, "USA TODAY Network" for "the network", are not counted)
                    low = self.text.lower()
                    names = [f.name.lower() for f in found]
                    counts = sorted(((low.count(n), i) for i, n in enumerate(names)
                                     if not any(n != m and n in m for m in names)
                                     and not is_media(found[i].name)), reverse=True)
                    if counts and counts[0][0] >= 3 and (
                            len(counts) == 1 or counts[0][0] >= 2 * counts[1][0]):
                        best = found[counts[0][1]]
            if best is None and np.definite:
                best = self.named_by_phrase(np)
            if best is None and np.definite and head in _KIND_OF_ORG and all(
                    m in ("’s", "'s") or m.endswith("-based") or (
                        m.isalpha() and m.islower() and m not in _OTHER_ORG_MODS)
                    for m in mods):
                # "the company said", "the Ohio-based retailer said", "the motoring group
                # said" (but "the rival company" is another one)
                best = self.last_org_of_kind(head, min(pos, np.start), history)
            return best
        # a person by role: "the Kremlin spokesman", "the minister"
        if not np.definite:
            # 'a Pentagon spokesperson': an unnamed person speaking for an institution
            if head in ("spokesman", "spokeswoman", "spokesperson") and np.org_pp:
                if is_media(np.org_pp):
                    return None
                return self.reg.org(np.org_pp)
            return None
        want = {head} | mods
        syn = {"spokesman", "spokeswoman", "spokesperson"}
        strict = {"former", "vice", "deputy", "ex", "acting", "assistant", "associate", "first"}
        best = None
        cands = [e for _p, _pa, e in reversed(history)] + list(self.reg.people.values())
        seen: set[int] = set()
        for ent in cands:
            ent = ent.final()
            if id(ent) in seen or ent.kind != "person":
                continue
            seen.add(id(ent))
            rw = ent.role_words()
            if not rw:
                continue
            rw2 = rw | ({"spokesman", "spokeswoman", "spokesperson"} if rw & syn else set())
            if rw & _MONARCHS:
                rw2 |= {"monarch"}  # "said the monarch": the king, queen or emir named before
            if not want <= rw2:
                # 'the ministry's spokeswoman' -> ministry in role words
                continue
            if (strict & rw) - want or (strict & want) - rw:
                continue
            best = ent
            break
        if best is None and head in ("spokesman", "spokeswoman", "spokesperson") and np.org_pp \
                and not is_media(np.org_pp):
            return self.reg.org(np.org_pp)
        return best

    def last_org_of_kind(self, head: str, pos: int, history) -> Entity | None:
        """'Acme Corp. said ... “…,” the company said': the institution of that kind (a
        company or group that is no public body; an agency) named last, in this paragraph or
        the two before, with no other name since (named_last); not an outlet or a place."""
        kind = _KIND_OF_ORG[head]
        para = self.para_of(pos)
        # the speakers and subjects before, else any institution named before ('provided data
        # to the Georgia Bureau of Investigation, but the agency concluded')
        named = [(p, self.para_of(p), e) for p, e, _s in self.reg.mentions
                 if is_acronym(e.final().name) or (
                     {w.lower() for w in e.final().name.split()} & ORG_HEADS
                     and e.final().name.split()[-1].lower() not in _NOT_INSTITUTION_HEADS)]
        for seq in (history, named):
            for p, pa, ent in sorted(seq, key=lambda x: x[0], reverse=True):
                if p >= pos:
                    continue
                if para - pa > 2:
                    break
                ent = ent.final()
                if ent is ANONYMOUS or ent.kind != "org" or is_media(ent.name) or \
                        ent.name.lower() in PLACES:
                    continue
                if (kind == "private" and _PUBLIC_BODY_RE.search(ent.name)
                        and not is_acronym(ent.name)) or \
                        (kind == "agency" and not _AGENCY_RE.search(ent.name)):
                    continue
                if self.named_last(ent, pos):
                    return ent
                break
        return None

    def named_last(self, ent: Entity, pos: int) -> bool:
        """Is `ent` named in this paragraph or the one before, with no other name between
        (capitalised words that neither open a sentence, name a place nor belong to its
        name)?"""
        k = self.text.rfind(ent.name, 0, pos)
        if k < 0 or self.para_of(pos) - self.para_of(k) > 1:
            return False
        own = {w.lower() for w in _RX_RESOLVE_NP_1.findall(ent.name)}
        for m in _CAPWORD_RE.finditer(self.masked, k + len(ent.name), pos):
            w = _POSSESSIVE_S_RE.sub("", m.group()).lower()
            if w in own or w in FUNC_CAPS or w in MONTHS or w in WEEKDAYS or w in PLACES:
                continue
            if (self.sent_bounds(m.start())[0] == m.start() or self.masked[
                    max(0, m.start() - 2):m.start()].strip() in ("“", "\n", "")) and (
                        self.is_common_word(m.group()) or m.group().lower() in LEAD_FUNC):
                continue  # "The", "Most": a sentence's first word (but "REGENT’s seagliders")
            return False
        return True

    def resolve_pronoun(self, pron: str, pos: int, history) -> Entity | None:
        para = self.para_of(pos)
        want = PRONOUNS.get(pron)
        if want in ("M", "F"):
            weak = self.weak_referent(want, pos, history)
            if weak is not None:
                return weak
        for _p, pa, ent in reversed(history):
            if _p >= pos:
                continue
            if para - pa > 3:
                break
            if _p in self.topic_possessors and self.sent_of(_p) == self.sent_of(pos) and \
                    not _SUBORD_BEFORE_RE.search(self.masked, max(0, pos - 12), pos):
                # "Trump's ally, Nigel Farage, will attend, he confirmed": not the owner (but
                # "Pence's break comes days after he told ...")
                continue
            if ent is ANONYMOUS:
                return None
            ent = ent.final()
            if want in ("M", "F"):
                if ent.kind != "person":
                    continue
                if ent.gender and ent.gender != want:
                    continue
                if not ent.gender:
                    ent.gender = want
                return ent
            if want in ("N", "P"):
                if ent.kind == "org":
                    return ent
                if want == "P":
                    return None
                continue
        return None

    def same_pronoun_sentence(self, k: int, want: str) -> bool:
        """Does sentence k open with a pronoun of that gender, with no cue and no name in it?"""
        ss, se = self.sents[k]
        m = _PRONOUN_SUBJECT_RE.match(self.masked, ss)
        if m is None or PRONOUNS.get(self.masked[ss:m.end()].split()[0].lower()) != want:
            return False
        return not CUE_RE.search(self.masked, ss, se) and not _CAPWORD_RE.search(
            self.masked, ss + 1 + len(self.masked[ss:m.end()].split()[0]), se)

    def weak_referent(self, want: str, pos: int, history) -> Entity | None:
        """'The tradition pre-dates Emhoff, who married Kamala in 2014. / “...,” he said.': a
        person named outside a subject position is whom "he" means when that person is the
        last one named before the pronoun, alone of that gender in their sentence, in the
        paragraph before or the same one, and no subject came after ("Trump attacked Biden.
        ... he said" stays Trump's)."""
        before = [(p, ent.final()) for p, ent in self.weak if p < pos]
        if not before:
            return None
        wp, cand = before[-1]
        if cand.kind != "person" or cand.gender != want:
            return None  # of a known gender only: "Bethany Beyond the Jordan" is no one
        wsent = self.sent_of(wp)
        if self.sent_of(pos) == wsent:
            # "the message from President Trump as he dismissed ...": a pronoun opening a
            # clause right after the one person named before it in its sentence
            ss = self.sents[wsent][0] if self.sents else 0
            if _SUBORD_PRONOUN_RE.match(self.masked, wp, pos + 4) and not any(
                    ss <= p < pos for p, _pa, _e in history) and not any(
                    ss <= p < pos and e.final() is not cand and e.final().kind == "person"
                    for p, e in before):
                return cand
            return None
        gap = self.para_of(pos) - self.para_of(wp)
        if gap > 2:
            return None
        # the narration sentence right before the pronoun's (quotes between do not count)
        k = self.sent_of(pos) - 1
        by_pronoun = False
        while k > wsent and (not _NARRATION_RE.search(self.masked, *self.sents[k])
                             or self.same_pronoun_sentence(k, want)):
            # ('She has bills to pay.' between: a sentence about the same one, by pronoun)
            by_pronoun |= self.same_pronoun_sentence(k, want)
            k -= 1
        if k != wsent or (gap == 2 and not by_pronoun):
            return None
        ss = self.sents[wsent][0] if self.sents else 0
        if any(ss <= p < pos for p, _pa, _e in history):
            return None  # a subject in that sentence or after it
        if any(ss <= p < pos and e.final() is not cand and e.final().kind == "person"
               and e.final().gender in (None, want) for p, e in before):
            return None  # two people it could be
        if _PRONOUN_SUBJECT_RE.match(self.masked, ss):
            return None  # "He thanked Biden.": the sentence's own subject is the one meant
        mp = _FRONTED_PRONOUN_RE.search(self.masked, wp, self.sents[wsent][1] if self.sents
                                         else pos)
        if mp is not None and PRONOUNS.get(mp.group(1).lower()) == want:
            return None  # "Standing alongside Biden, he was frank.": the subject after the
            # fronted phrase is the one meant
        if CUE_RE.search(self.masked, ss, self.sents[wsent][1] if self.sents else pos):
            return None  # "The man told the AP he saw Blake ...": the one speaking there
        return cand

    def build(self, resolved: list[tuple[_Event, Entity]], cued: set[int],
              spans: list[tuple[int, int]]) -> list[Statement]:
        stmts: list[Statement] = []
        quote_owner: dict[int, tuple[Entity, str]] = {}
        reported: list[tuple[int, int, Entity]] = []
        said_before: list[tuple[int, int, Entity, str]] = []  # (end, start, speaker, cue)
        for ev, ent in resolved:
            if ev.quote is not None:
                q = ev.quote
                if q.open in quote_owner:
                    continue  # first attribution wins (the nearest, in text order)
                quote_owner[q.open] = (ent, ev.cue)
            elif ev.content is not None:
                reported.append((ev.content[0], ev.content[1], ent))
                if ev.np is not None and ev.np.kind == "name" and ev.cue != "according to":
                    # (a speaker named there: a pronoun's reading is not carried further)
                    said_before.append((ev.content[1], ev.content[0], ent, ev.cue))
                stmts.append(self.statement(ent, "reported", ev.cue, *ev.content))
        # quotes inside reported content are part of that statement
        # (also inside reported content whose speaker is unknown: then it is nobody's)
        for q in self.quotes:
            if q.open in quote_owner:
                continue
            for s, e in spans:
                if s <= q.open and (q.close if q.close >= 0 else q.end) < e:
                    q.absorbed = True
                    break
        # continuation: a full-sentence quote with no cue, after an attributed quote
        last: tuple[Entity, str, int] | None = None  # (entity, cue, paragraph)
        last_q: QuoteSpan | None = None  # the quote `last` was taken from
        for q in self.quotes:
            if q.open in quote_owner:
                ent, cue = quote_owner[q.open]
                last = (ent, cue, q.para_end)
                last_q = q
                if not self.title_like(q):
                    stmts.append(self.statement(ent, "quote", cue, q.start, q.end))
                continue
            prior = self.reported_right_before(q, said_before, last_q)
            if prior is not None and not q.absorbed and q.open not in cued:
                # 'The uncertainty was needed, Bessent said. “But it is now resolved.”': a
                # quote that is a sentence of its own goes on with the reported speaker
                ent, cue = prior
                quote_owner[q.open] = (ent, cue)
                stmts.append(self.statement(ent, "quote", cue, q.start, q.end))
                last, last_q = (ent, cue, q.para_end), q
                continue
            if q.absorbed or last is None or q.open in cued:
                continue
            if last_q is not None and last_q.close >= 0 and q.para == last_q.para_end and \
                    _QUOTE_AND_RE.fullmatch(self.masked, last_q.close + last_q.close_len, q.open):
                # 'told the paper that “A” and “B.”': the second quote is the same speaker's
                ent, cue, _lp = last
                quote_owner[q.open] = (ent, cue)
                stmts.append(self.statement(ent, "quote", cue, q.start, q.end))
                last, last_q = (ent, cue, q.para_end), q
                continue
            if self.sents and self.sents[self.sent_of(q.open)][0] != q.open and not (
                    q.para == last[2] and self.subject_then_quote(q)):
                continue  # only a quote that is a sentence of its own continues a speaker
            ent, cue, lp = last
            para_start = self.paras[q.para][0]
            if not self.sentential(q) and not (q.para == lp and self.short_sentence(q)):
                continue
            if q.para == lp:
                # same paragraph, after the attributed quote, nothing else attributed between
                pass
            elif q.para == lp + 1 and q.open == para_start:
                pass
            else:
                last = None
                continue
            if self.other_speaker_between(lp, q):
                last = None
                continue
            quote_owner[q.open] = (ent, cue)
            stmts.append(self.statement(ent, "quote", cue, q.start, q.end))
            last = (ent, cue, q.para_end)
        out = [st for st in stmts if st.text.strip()]
        out.sort(key=lambda st: (st.start, st.end))
        # drop exact duplicates (the same span found twice)
        seen: set[tuple[int, int]] = set()
        uniq = []
        for st in out:
            if (st.start, st.end) in seen:
                continue
            seen.add((st.start, st.end))
            uniq.append(st)
        # 'Specter and Van Dyke said': the same words are also the second person's
        for ev, first, second in self.twins:
            span = ev.content if ev.content is not None else (
                (ev.quote.start, ev.quote.end) if ev.quote is not None else None)
            for st in list(uniq):
                if span == (st.start, st.end) and st.speaker == first.name:
                    uniq.append(self.statement(second, st.kind, st.cue, st.start, st.end))
        uniq.sort(key=lambda st: (st.start, st.end))
        return uniq

    def reported_right_before(self, q: QuoteSpan, said_before, last_q) -> tuple[Entity, str] | None:
        """The speaker of a reported statement ending the sentence right before quote q, in
        its paragraph, when q is a sentence of its own and nothing is attributed between."""
        if not self.sents or self.sents[self.sent_of(q.open)][0] != q.open or \
                q.para != q.para_end or not self.sentential(q) or q.close < 0:
            return None
        if self.masked[q.close + q.close_len:self.sents[self.sent_of(q.open)][1]].strip(
                " .,;!?”"):
            return None  # the quote must be the whole sentence (no cue of its own after it)
        before = [r for r in said_before if r[0] <= q.open]
        if not before:
            return None
        end, start, ent, cue = max(before, key=lambda r: r[0])
        if last_q is not None and last_q.open > start:
            return None
        if self.para_of(start) != q.para:
            # 'Marlow told the Free Press that the cost will be high. ⏎ “It is a huge amount.”':
            # a paragraph that is only a quote goes on with the reported speaker that ends the
            # paragraph right before it
            ps, pe = self.paras[q.para]
            if self.para_of(start) != q.para - 1 or self.para_of(end - 1) != q.para - 1 or \
                    q.open != ps or self.masked[q.close + q.close_len:pe].strip(" .,;!?”\n") \
                    or self.masked[end:self.paras[q.para - 1][1]].strip(" .,;!?”\n") \
                    or self.text[q.open] not in "“\"" \
                    or self.text[q.start:q.end].rstrip()[-1:] not in (".", "!", "?"):
                return None  # (a quoted subheading has single marks and no full stop)
        if self.sent_of(end - 1) != self.sent_of(q.open) - 1:
            return None  # the sentence right before
        gap = self.masked[self.sents[self.sent_of(end - 1)][1]:q.open]
        if CUE_RE.search(gap) or "“" in gap:
            return None
        return ent, cue

    def subject_then_quote(self, q: QuoteSpan) -> bool:
        """'“...,” Newsom said Aug. 4. Trump “recognizes he is going to lose.”': a sentence of
        a short subject and a quote to its end, no cue, right after the attributed quote's
        sentence in its paragraph, goes on with the same speaker's words."""
        ss, se = self.sents[self.sent_of(q.open)]
        lead = self.masked[ss:q.open]
        words = _RX_WORD_COUNT_1.findall(lead)
        if not 1 <= len(words) <= 4 or not words[0][:1].isupper() or CUE_RE.search(lead) or \
                any(w.lower() in PRONOUNS or w.lower() in VERBISH for w in words):
            return False
        if q.close < 0 or self.masked[q.close + q.close_len:se].strip(" .,;!?”"):
            return False
        prev = self.sent_of(q.open) - 1
        return prev >= 0 and any(
            o in self.q_by_open and self.sents[prev][0] <= o < self.sents[prev][1]
            for o in self.q_opens) and self.sentential(q)

    def other_speaker_between(self, lp: int, q: QuoteSpan) -> bool:
        """Does the narration between the last attributed quote and q carry a speech cue?"""
        # narration in q's paragraph before q, outside quotes
        ps = self.paras[q.para][0]
        seg = self.masked[ps:q.open]
        return bool(CUE_RE.search(seg)) and q.para != lp

    def title_like(self, q: QuoteSpan) -> bool:
        """'“Fox News Sunday,” Rice said': a programme or book title, not words spoken."""
        body = self.text[q.start:q.end]
        words = _RX_WORD_COUNT_1.findall(body)
        if not 2 <= len(words) <= 8 or body[-1:] in ".!?…":
            return False
        big = [w for w in words if w.lower() not in TITLE_SMALL]
        return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)

    def short_sentence(self, q: QuoteSpan) -> bool:
        """'“...,” Holm said. “Nobody asked us.”': a short sentence resuming a quote."""
        body = self.text[q.start:q.end]
        return len(_RX_WORD_COUNT_1.findall(body)) >= 2 and body[:1].isupper() and \
            body[-1:] in ".!?…"

    def sentential(self, q: QuoteSpan) -> bool:
        body = self.text[q.start:q.end]
        words = _RX_WORD_COUNT_1.findall(body)
        if len(words) < 4:
            return False
        caps = sum(1 for w in words if w[0].isupper())
        if caps / len(words) > 0.6 and body[-1:] not in ".!?":
            return False  # a title
        return body[-1:] in ".!?…" or (q.close >= 0 and self.text[q.close - 1] in ",.!?") or \
            body[:1].isupper()

    def statement(self, ent: Entity, kind: str, cue: str, s: int, e: int) -> Statement:
        ent = ent.final()
        return Statement(
            article_id=self.article_id,
            speaker=ent.name,
            role=ent.role if ent.kind == "person" else None,
            kind=kind,
            cue=cue,
            text=self.text[s:e],
            start=s,
            end=e,
        )

    def run(self) -> list[Statement]:
        mentions = self.scan_mentions()
        cues = self.cue_events()
        return self.resolve(mentions + cues)


def _function_word_surnames(masked: str) -> frozenset[str]:
    """Words of LEAD_FUNC (or months) the article gives as a person's surname, after a known
    first name: "Theresa May", "George Will"."""
    out = set()
    for m in _FIRST_THEN_WORD_RE.finditer(masked):
        first, word = m.group(1).lower(), m.group(2).lower()
        if (first in FIRST_M or first in FIRST_F) and (word in LEAD_FUNC or word in MONTHS):
            out.add(word)
    return frozenset(out)


def extract_statements(article_id: str, text: str) -> tuple[Statement, ...]:
    """Every attributed statement in `text`, in order of offset.

    Offsets are into `text` exactly as given: `s.text == text[s.start:s.end]`.
    """
    if not text or not text.strip():
        return ()
    stmts = _Extractor(article_id, text).run()
    # speaker names and roles are final only after the whole article is read
    return tuple(stmts)


_RX_WORD_COUNT_1 = re.compile(r"[\w’']+")
_RX_IS_COMMON_WORD_1 = re.compile(r"\b[a-z][a-z’'-]*\b")
_RX_APPOSITIVE_ROLE_1 = re.compile(
    r",\s*((?:the|a|an)\s+[^,;:.“”§()]{2,100}?)\s*(?:,|\.(?=\s|$)|;)")
_RX_APPOSITIVE_ROLE_2 = re.compile(r"^(?:the|a|an)\s+")
_RX_IS_SUBJECT_1 = re.compile(r",[^,;:.“”§]{1,120},")
_PARTY_APPOS_RE = re.compile(r",\s*[RDI]-[A-Z][\w.\-]*,")
_RX_IS_SUBJECT_2 = re.compile(r"\s+([a-z][\w’'-]*)")
_RX_PREV_WORD_1 = re.compile(r"([\w’']+)\W*$")
_RX_CUE_SITE_1 = re.compile(r"\s*[:,]?\s*“")
_RX_CUE_SITE_2 = re.compile(r"\s*[,]?\s*")
_RX_CUE_SITE_3 = re.compile(
    r"(?:\band|\bbut|,)(?:\s+(?:also|later|then|once|has|have|had|repeatedly|previously)){0,2}\s*$")
_RX_CUE_SITE_4 = re.compile(
    r"\b(?:and|but)(?:\s+(?:also|later|then|once|has|have|had|repeatedly|previously)){0,2}\s*$")
_RX_CUE_SITE_5 = re.compile(r",\s*$")
_RX_CUE_SITE_7 = re.compile(r"[,]\s*$")
_RX_OBJECT_POSITION_1 = re.compile(r"([\w’']+)\s*$")
_RX_ING_CUE_1 = re.compile(r"\b(?:and|while|before|after|by)\s*$")
# '-ing' cues after "by" that give the subject's words ('responded by saying that …'; not
# 'report it by calling 1-866-…', 'celebrated by announcing her next album')
_BY_SAYING_CUES = frozenset({"saying", "arguing", "noting", "insisting", "claiming", "stating",
                             "stressing", "emphasizing", "emphasising", "explaining",
                             "suggesting", "acknowledging", "admitting", "denying", "warning",
                             "telling", "asserting", "reiterating"})
# the clause before 'by saying': its subject, then a verb ('…, Trump concluded by ')
_BY_CLAUSE_RE = re.compile(rf"(?:^|,\s+)((?:{UP}[\w’'.\-]*\s+){{1,4}}|(?:he|she|they)\s+)"
                           r"(?:[a-z]+\s+){1,6}by\s*$")
# 'The Justice Department filed a brief advising the court that …': the filer's document
_FILED_DOC_ING_RE = re.compile(
    r"\b(?:filed|issued|released|sent|published|wrote|signed|posted)\s+(?:an?|the|its|his|her|their)"
    r"\s+(?:(?:new|short|brief|joint|written|legal|formal|open|amicus)\s+){0,2}"
    r"(?:brief|letter|statement|memo|filing|motion|report|notice|post|order)\s*$")
_RX_ACCORDING_TO_1 = re.compile(r"\s*(?:,|$|\.|;|\)|—)")
# "the state says" is a state, not the "Colorado State Public Health Laboratory"
_PLACE_HEADS = frozenset({"state", "city", "county", "district"})
# last words of names that are places or events, not an institution a later "the company"
# or "the agency" can mean ("across the United States", "Apple’s Developers Conference")
_NOT_INSTITUTION_HEADS = _PLACE_HEADS | {"states", "nations", "republic", "kingdom", "province",
                                         "township", "village", "conference"}
_POSSESSIVE_S_RE = re.compile(r"['’]s$")


def _names_place(ent: Entity, head: str) -> bool:
    """Can "the city" (county, state, district) name this institution: "Maricopa County",
    "City of Tallahassee", "School District of Philadelphia", not "Iowa State Patrol"?"""
    low = ent.name.lower()
    return low.endswith(" " + head) or f"{head} of " in low


# "the company said": which institutions a generic noun can name again
_KIND_OF_ORG = {"company": "private", "firm": "private", "corporation": "private",
                "group": "private", "organization": "private", "organisation": "private",
                "airline": "private", "automaker": "private", "retailer": "private",
                "nonprofit": "private", "startup": "private",
                "insurer": "private", "manufacturer": "private", "utility": "private",
                "agency": "agency", "administration": "agency", "regulator": "agency"}
# kinds that follow a name without being part of it ("the Burning Man nonprofit")
# bodies that one word names by itself: "the House" is not the White House named before
_NAMED_ALONE = frozenset({"house", "senate", "congress", "parliament", "court", "kremlin",
                          "pentagon", "government", "administration", "treasury", "fed",
                          "army", "navy", "police", "state", "city", "county", "duma",
                          "knesset", "bundestag", "cabinet", "legislature", "district"})
# words before a kind that make it another institution than the one named ("the rival firm")
_OTHER_ORG_MODS = frozenset({"other", "another", "rival", "parent", "sister", "former", "new",
                             "second", "third", "same", "larger", "smaller", "competing"})
_KIND_WORDS = frozenset({"airline", "automaker", "retailer", "nonprofit", "startup",
                         "insurer", "manufacturer", "utility"})
_AGENCY_RE = re.compile(r"\b(?:Agency|Administration|Service|Bureau|Commission|Board|Survey|"
                        r"Office|Authority)\b|^[A-Z]{3,6}$")
_PUBLIC_BODY_RE = re.compile(
    r"\b(?:Department|Ministry|Agency|Administration|Office|Bureau|Commission|Committee|"
    r"Council|Court|Police|Army|Navy|Government|Service|Authority|Board|Senate|House|"
    r"Congress|Parliament|Assembly|Legislature|Caucus|Kremlin|Pentagon|White House|State|"
    r"County|City)\b|^[A-Z]{2,6}$")
_ACC_AND_SOURCE_RE = re.compile(
    r"\s+and\s+(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,3}(?=\s*(?:,|$|\.|;))")
_ACC_AFFILIATION_RE = re.compile(
    r",?\s+(of|with|from|at)\s+(?:the\s+)?[A-Z][\w’'.&-]*"
    r"(?:\s+(?:(?:of|for|and|on|&)\s+)?(?:the\s+)?[A-Z][\w’'.&-]*){0,6}(?=\s*(?:,|$|\.|;))")
_RX_ACCORDING_TO_2 = re.compile(r"[^,]*,\s*")
_RX_ACCORDING_TO_4 = re.compile(r"\s*,?\s*")
_RX_SKIP_COMPLEMENTS_1 = re.compile(r"\s*that\b")
_RX_SKIP_COMPLEMENTS_2 = re.compile(r"\s*(?:that\b|[,:]?\s*“)")
_RX_QUOTE_OPENING_AT_1 = re.compile(r":\s*$")
_RX_REPORTED_CONTENT_1 = re.compile(r"(?:was|were|is|are|had|has|would|will|could)\b")
_RX_REPORTED_CONTENT_2 = re.compile(r"(?:it|so|nothing|something|anything|this|that|yes|no)\W*$")
_RX_RESOLVE_NP_1 = re.compile(r"[\w’'-]+")
_PP_THAT_RE = re.compile(
    r"\s+(?:(?:for|to|with|at|in|on|during|after|before|about)\s+[^,;:“”§.]{1,50}?"
    # 'said of Isaacman that he ...' (not 'said of the project that isn't finished': a
    # relative clause of the thing spoken of)
    r"|of\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+(?=that\b)")
_DATELINE_RE = re.compile(rf"{UP}[\w.’'\- ]{{1,30}}:\s+")
_OBJ_THAT_RE = re.compile(r"\s+(?:[\w’'-]+\s+){1,8}?(?=that\b)")
_DET_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+$")
_ROLEISH_BEFORE_RE = re.compile(r"[a-z’']\s+$")
_CAPWORD_RE = re.compile(rf"(?<![\w’'.\-]){UP}[\w’'\-]+")
_CAP_BEFORE_RE = re.compile(rf"{UP}[\w’'.\-]*\s$")
_ING_SUBJECT_LEAD = re.compile(r"\b(?:with|as)\s+(?:(?:the|a|an)\s+)?$")
# 'a statement from the group which said', 'issued a statement which said'
_DOC_WHICH_RE = re.compile(
    r"(?:\b(?P<verb>issued|released|posted|published|sent|put\s+out)\s+)?\b(?:an?|the|its|his"
    r"|her|their)\s+(?:(?:new|short|brief|joint|written|formal|separate)\s+)?(?:statement"
    r"|letter|post|report|release|press\s+release|memo|filing|brief|message)"
    r"(?:\s+(?:from|by|of)\s+(?P<owner>(?:the\s+)?[\w’'.&\-]+(?:\s+[\w’'.&\-]+){0,5}?))?"
    r",?\s+(?:which|that)\s+$")
# 'according to a White House statement', '… an Ipsos poll for Reuters': the owner's document
_ACC_OWNER_DOC_RE = re.compile(
    r"(?:/[\w’'.&\-]+)*(['’]s)?\s+(?:(?:new|latest|recent|annual|joint|written|official|weekly|monthly|final"
    r"|preliminary|national|exit)\s+){0,2}(?:statement|report|(?P<poll>poll|survey|opinion\s+poll"
    r"|exit\s+poll)|study|analysis|data|figures|estimates?|release|press\s+release"
    r"|news\s+release|letter|memo|tally|count|filing|assessment|review|model|forecast"
    r"|records|statistics|numbers)\b(?:\s+(?:released|published|issued|conducted)\b[^,.;“”]{0,40}?"
    r"(?=\s*(?:[,.;)—]|$)))?(?=\s*(?:[,.;)—]|$|(?:of|on|in|from)\b))")
# 'according to the latest Gallup poll': words before the owner's name
_ACC_LATEST_RE = re.compile(r"\s+(?:the|a|an)\s+(?:(?:latest|new|recent|annual|final|weekly"
                            r"|monthly|national)\s+){1,2}(?=[A-Z])")
# a sentence opened by an adverb and the inverted cue ('Meanwhile, said the FT, …')
_OPENER_ONLY_RE = re.compile(r"(?:Meanwhile|However|But|And|Still|Yet|Separately|Now|Also),")
_INVERTED_TAIL_RE = re.compile(
    r"\s*(?:,[^,;“”§]{0,160}?)?(?:,\s*according\s+to\s+[^,;“”§]{1,60}?)?\s*[.!?]?\s*")
_ATTR_REMAINDER_RE = re.compile(
    r"(?:to|at|in|on|during|before|after|while|as|with|from|of|about|outside|inside|near"
    r"|amid|among|following|through|via|by|for"
    # '”, Leavitt said when asked why ...': the circumstances of the words, not their content
    r"|when\s+(?:asked|questioned|pressed|approached|reached))\b")
_ACCORDING_TAIL_RE = re.compile(r",\s*according\s+to\s+[^,;:]{1,80}?[.!?]?\s*$")
_TAIL_NOT_CONTENT_RE = re.compile(
    r"\s*(?:(?:shortly|just|right|soon|moments|minutes|hours|days|weeks|immediately|long)\s+"
    r"(?:after|before|when|as|following|since|upon)\b|[a-z]+ed\s+by\b"
    r"|(?:part|a\s+unit|a\s+division|an\s+affiliate|a\s+subsidiary)\s+of\b)")
_INVERTED_END_RE = re.compile(
    r"\s*(?:[,.;:!?—–)“]|$|(?:on|in|at|during|to|from|after|before|while|with|of|when|as|last"
    r"|this|earlier|later|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar"
    r"|Apr|May|June|July|Aug|Sept|Oct|Nov|Dec|January|February|March|April|August|September"
    r"|October|November|December|recently|yesterday|today|told|wrote|said|added|and)\b)")
_COMMA_THAT_RE = re.compile(r"\s*,\s*(?=that\b)")
_FINAL_THAT_RE = re.compile(r"\s*[,:]?\s*(?:that\b)?\s*[:,]?")
# 'called on Congress to act', 'calls on the state's leaders to resign'
_QUOTE_AND_RE = re.compile(r",?\s+(?:and|or)\s+(?:also\s+|then\s+)?")
_SAID_TO_RE = re.compile(
    r"\s+to\s+(?:reporters|journalists|the\s+press|the\s+media|supporters|lawmakers|the\s+crowd"
    r"|(?:the\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*){0,3})")
# what may follow it: a date, a place or time, 'that', punctuation or a quote
_SAID_TO_END_RE = re.compile(
    r"\s*(?:that\b|[,:“]|on\b|in\b|at\b|during\b|last\b|this\b|(?:Jan|Feb|Mar|Apr|May|June|July"
    r"|Aug|Sept?|Oct|Nov|Dec)\b)")
_OWNED_BEFORE_RE = re.compile(r"\w['’]s\s+[A-Z]")
_RX_POSTED_ON = re.compile(
    r"\b(?:posted|took\s+to|on\s+(?:X|Twitter|Truth\s+Social|Facebook|Instagram|Threads|Bluesky"
    r"|social\s+media))\b")
_ING_QUOTE_RE = re.compile(r"\s*:?\s*“")
_SUBJECT_POSTED_RE = re.compile(
    rf"(?:{UP}[\w.’'&-]*\s+){{0,5}}{UP}[\w.’'&-]*\s+(?:also\s+|later\s+)?(?:posted|tweeted)\b")
_DOC_BY_RE = re.compile(
    r"\s+(?:a|an|the)\s+(?:(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+)?(?:\d{4}\s+)?"
    r"(?:(?:joint|written|new|brief|short|official|formal)\s+)?(?:statement"
    r"|post|letter|release|news\s+release|press\s+release|memo|report|tweet|message)\s+"
    r"(?:by|from|of)\s+")
_DOC_BY_END_RE = re.compile(r"\s*(?:[,.;:!?]|$|(?:about|on|in|at|to|after|before|issued|released"
                            r"|posted|published|sent)\b)")
_ACC_DATA_RE = re.compile(
    r"\s+(?:the\s+|an?\s+)?(?:(?:most|recently|publicly|recent|latest|new|available|official"
    r"|preliminary|annual|monthly|weekly|federal|internal|major|large|separate|fresh|national"
    r"|exclusive|joint|written|brief)\s+){0,4}(?:data|figures|statistics|numbers|estimates|report"
    r"|(?P<poll>survey|poll|polling|study)|research|analysis|records|tally|count|statement|post"
    r"|letter|release|press\s+release|memo)\s+(?:from|by|released\s+by"
    r"|published\s+by|compiled\s+by|conducted\s+by|carried\s+out\s+by|of)\s+"
    r"(?:(?:the\s+)?(?:[a-z]+\s+){0,2}(?:company|firm|group|agency|organisation|organization"
    r"|pollster|charity)\s+(?=[A-Z]))?")
_AND_BEFORE_RE = re.compile(r"\s+and\s+(?:the\s+)?$")
_CALLED_ON_RE = re.compile(
    r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|May"
    r"|June|July|Aug|Sept|Oct|Nov|Dec|January|February|March|April|August|September|October"
    r"|November|December|him|her|me|us)\b)(?:[^\s,.;:“”]+\s+){1,8}?to\s+[a-z]")
_TRAIL_END_RE = re.compile(r"\s*(?:[,.;:!?—–)“]|$)")
_TO_QUOTE_CUES = frozenset({"threatened", "threatens", "vowed", "vows", "promised", "promises",
                            "pledged", "pledges"})
_TO_QUOTE_RE = re.compile(r"\s*to\s+“")
_PLACE_TIME_OPENER_RE = re.compile(
    r"[•·*–—-]?\s*(?:In|On|At|Meanwhile|Earlier|Later|Separately|Elsewhere)(?:\s+(?:[A-Z][\w’'.\-]*|\d+|the"
    r"|this|last|early|late))*,\s+")
_ROLE_SUBJECT_LEAD_RE = re.compile(
    r"(?:(?:But|And|Meanwhile|Still|Yet),?\s+)?(?P<body>(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir"
    rf"|{UP}[\w.\-]*['’]s)\s+(?:[\w’'.\-]+\s+){{0,5}}?(?P<head>[a-z][\w\-]*))"
    rf"(?:\s+(?:with|of|for|at|in)\s+(?:the\s+)?{UP}[\w.’'\-]*(?:\s+{UP}[\w.’'\-]*){{0,3}})?"
    r",\s+")
_VEHICLE_DOCS = frozenset({"post", "statement", "letter", "report", "release", "memo", "tweet",
                           "message", "email", "filing", "complaint", "lawsuit", "ruling",
                           "order", "note", "video"})
_IN_DOC_RE = re.compile(
    r"\b(?:in|on|through|via)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w’'.-]+\s+){0,3}?("
    + "|".join(sorted(_VEHICLE_DOCS)) + r")\b", re.I)
_DOC_FROM_RE = re.compile(r"\b(" + "|".join(sorted(_VEHICLE_DOCS)) + r")\s+(?:by|from)\s+$")
_RX_POSTED = re.compile(r"\b(?:posted|tweeted)\b")
_THE_DOC_RE = re.compile(
    r"(?<![\w’'])[Tt]he\s+(?:(?:new|latest|annual|same|full|original|initial)\s+)?("
    + "|".join(sorted(_VEHICLE_DOCS)) + r")\s+"
    # 'the post on X said', 'the statement from his office said'
    r"(?:on\s+(?:X|Twitter|Truth\s+Social|Facebook|Instagram|Threads|Bluesky|social\s+media)\s+)?"
    r"(?:also\s+|further\s+|later\s+)?$")
_OWNED_DOC_RE = re.compile(
    r"(?:['’]s)?\s+(?:(?:new|latest|annual|recent|own|official|written|public)\s+)?("
    + "|".join(sorted(_VEHICLE_DOCS)) + r")\s+(?:[a-z]+ly\s+|also\s+)?\S+\s*$")
_SECOND_CLAUSE_RE = re.compile(
    r"\b(?:and|but|while|as)\s+(?:[\w’'\-]+\s+){1,4}?(?:[\w’'\-]+,[^,]{1,60},\s+)?"
    r"(?:are|were|is|was|have|has|had)\b")
_RX_COMMA_AFTER = re.compile(r"\s*,\s*(?:according\s+to|adding|saying|noting|he|she|they)\b")
_RX_THE_END = re.compile(r"\b(?:the|The)\s*$")
_REL_THAT_RE = re.compile(
    r"\s*,\s*(?:that|which)\s+(?:could|would|will|can|may|might|has|have|had|is|was|are|were)\b")
_PP_CONTENT_RE = re.compile(
    r"(?:on|in|at|during|from|with|by|for|about|of|over|across|through|after|before|to)\s+"
    r"(?:the|a|an|his|her|their|its|this|that|our)\b")
_AND_OTHERS_RE = re.compile(
    r"\s+and\s+(?:the\s+|several\s+|many\s+|some\s+|two\s+|three\s+)?(?:others"
    r"|(?:police|party|city|state|county|school|business|union|church|community|health)\s+"
    r"(?:officials|leaders)|other\s+(?:[a-z]+\s+){0,2}?"
    r"(?:officials|leaders|lawmakers|members|senators|ministers|experts|executives|advocates"
    r"|critics|Republicans|Democrats))\s+(?:have\s+|also\s+)?$")
_TOLD_TAIL_RE = re.compile(
    r"\s*(?:he|she|they|I|we)\s+(?:had\s+)?(?:told|asked|wrote|texted|said\s+to)\s+(?:him|her"
    r"|them|me|us|[A-Z][\w’'\-]+)(?:\s+(?:at\s+the\s+time|then|later|once))?\s*[.,;]?\s*$")
_SUBORD_PRONOUN_RE = re.compile(
    rf"(?:{UP}[\w’'.\-]*\s+){{0,3}}{UP}[\w’'\-]+\s+(?:as|when|after|while|before|because"
    r"|since|until|once)\s+(?:he|she)\b")
_COMMA_NAME_RE = re.compile(rf",\s+{UP}[\w’'\-]+\s+{UP}")
_PREP_BEFORE_RE = re.compile(r"\b(?:with|of|for|by|to|from|about|against|in|at|on)\s+$")
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that", "our"})
_RX_ROLE_SUBJECT_VERB = re.compile(r",\s+(?:also\s+|now\s+)?([a-z][\w’'-]*)")
_PRONOUN_CLAUSE_CUES = frozenset({"indicated", "indicates", "signaled", "signalled", "alleged",
                                  "alleges", "maintained", "maintains", "recalled", "recalls",
                                  "observed", "countered", "replied", "answered",
                                  # 'Meadows tells Jordan he is …' (a timeline's present)
                                  "tells"})
_PRONOUN_CLAUSE_RE = re.compile(
    # ('tells Jordan he’s “not sure …”': a contracted pronoun clause)
    r"\s*(?:(?:he|she|they|we|I)[’'](?:s|re|ve|ll|d|m)\s+\S"
    r"|(?:he|she|they|we|I)\s+(?:(?:still|also|already|now|never|had|has|have|was|were|is"
    r"|are|would|will|could|can|did|does|do|might|may|must|should|not)\s+){0,2}"
    r"(?:[a-z]+(?:ed|s)|is|was|are|were|would|will|could|can|had|has|have|did|does|might"
    r"|may|must|should|knew|saw|got|went|made|thought|felt)\b)")
_WEAK_THAT_RE = re.compile(r"\s*(?:,[^,]{1,80},\s*)?that\b")
# 'tells reporters the next day that': whom (a hearer, not 'tells the story of a town that'),
# when, then the said clause
_ENDS_THAT_RE = re.compile(r"\bthat\s*$")
# quote-only cues that report speech when a 'that' clause follows
_THAT_SAYS_CUES = frozenset({"posted", "posts", "concluded", "concludes", "confessed",
                             "confesses", "recounted", "recounts"})
# cues of findings: said only by an institution, a study or poll, or its researchers
_FINDING_CUES = frozenset({"found that", "finds that", "showed that", "shows that"})
_FINDERS = frozenset({"researchers", "investigators", "scientists", "authors", "analysts",
                      "pollsters", "auditors", "inspectors"})
_NEW_SUBJECT_RE = re.compile(
    rf"(?:{UP}[\w’'\-]+|\b(?:he|she|they))\s+(?:was|is|were|are|had|has|have|would|will|could"
    rf"|did|does|[a-z]+ed)\b")
_THAT_SUBJECT_RE = re.compile(r"\bthat\s+$")
_PROGRAMME_RE = re.compile(
    r"\s+(?:“§+”|(?:[A-Z][\w’'&-]*\s+(?:(?:of|the|and)\s+)*){0,4}[A-Z][\w’'&-]*"
    r"(?=\s+(?:on|in|that|this|last|during)\b))")
_OUTLET_NOUNS = frozenset({"newspaper", "magazine", "publication", "outlet", "media", "reports",
                           "reporting", "source", "sources"})
_DOC_OWNER_RE = re.compile(
    rf"(?P<owner>{UP}[\w’'.&\-]*(?:\s+(?:of\s+|the\s+|for\s+)*{UP}[\w’'.&\-]*)*)(?P<poss>['’]s)?"
    r"\s+(?:(?:new|latest|annual|recent|own|official|weekly|monthly|written|public|earlier)\s+)?"
    r"(?:" + "|".join(sorted(w for w in DOC_NOUNS if " " not in w and w not in _OUTLET_NOUNS))
    # 'A New York Times report citing several doctors said'
    + r")(?:\s+(?:citing|quoting)\s+(?:[\w’'\-]+\s+){0,5}?[\w’'\-]+)?\s+$")
_DOC_APPOS_BY_RE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his)\s+(?:(?:new|latest|recent|annual|national)\s+)?(?:research"
    r"|study|survey|poll|report|analysis|review|audit|investigation)\s*,\s*(?:commissioned"
    r"|conducted|carried\s+out|published|released|compiled|led|funded|written)\s+by\s+"
    rf"(?:the\s+)?(?:[a-z][\w-]*\s+){{0,4}}(?P<owner>{UP}[\w’'.&\-]*(?:\s+(?:of\s+|the\s+|for\s+"
    rf"|and\s+)*{UP}[\w’'.&\-]*)*)\s*,\s*$")
_COPULA_COLON_RE = re.compile(
    r"\s*(?:(?:Later|But|And|Again|Then|Still|Now|Yet|Afterward|Afterwards),?\s+)?"
    rf"((?:{UP}[\w’'.\-]*\s+){{0,3}}{UP}[\w’'\-]*|[Hh]e|[Ss]he|[Tt]hey)\s+"
    r"(?:was|is|were|are|sounded|seemed|appeared|remained|grew)\s+(?:(?:more|less|very|even|"
    r"particularly|especially|equally|just|as|so|far|quite|blunt|direct)\s+){0,2}"
    r"(?:blunt|blunter|defiant|direct|emphatic|unequivocal|adamant|candid|frank|clear|succinct"
    r"|optimistic|pessimistic|skeptical|sceptical|upbeat|confident|dismissive|critical|furious"
    r"|angry|unapologetic|unmoved|undeterred|realistic|cautious|hopeful|emotional|categorical"
    r"|firm|explicit|brief|terse)\s*:\s*")
_NARRATION_RE = re.compile(r"[A-Za-z]")
_SUBORDINATORS = frozenset({"after", "before", "when", "while", "if", "because", "although",
                           "though", "since", "as", "until", "unless", "once", "whether"})
_PRONOUN_CUE_START_RE = re.compile(
    r"\s*(?:He|She|They|It|We|I)\s+(?:[a-z]+ly\s+|also\s+|later\s+)?(?:said|says|told|tells"
    r"|added|argued|noted|warned|wrote)\b")
_PAIR_NAME = rf"{UP}[\w’'.\-]*(?:\s+{UP}[\w’'.\-]*){{0,3}}"
_PAIR_RE = re.compile(
    rf"(?:(?<=\s)|^)(?:[Bb]oth\s+)?(?P<a>(?!Both\b){_PAIR_NAME})\s+and\s+(?P<b>{_PAIR_NAME})\s+"
    r"(?:(?:also|jointly|later|have|had|both)\s+)*")
_POSS_OFFICE_RE = re.compile(r"([Hh]is|[Hh]er)\s+(campaign|office|team)$")
_OWNED_WORDS_COLON_RE = re.compile(
    rf"\s*((?:{UP}[\w’'.\-]*\s+){{0,3}}{UP}[\w.\-]*)['’]s\s+(?:(?:Twitter|X|Facebook|Instagram"
    r"|Truth\s+Social|official|written|first|initial|full|latest|own)\s+)?(?:response|reply"
    r"|statement|message|post|tweet|answer|verdict|comment|retort|advice|warning|explanation)"
    r"\s*:\s*")
_FRONTED_RE = re.compile(r"(?:with|after|before|during|when|while|if|because|since|although"
                         r"|though|despite|until|once|given)\b", re.I)
_PP_LEAD_RE = re.compile(r"(?:by|in|on|at|from|for|under|over|without|as|amid|through"
                         r"|in\s+the\s+past)\b")
_LOWER_CLAUSE_RE = re.compile(r"[a-z][\w’'-]*\s+(?:will|would|could|can|may|might|must|should"
                              r"|are|is|were|was|have|has|had|do|does|did)\b")
_CLAUSE_START_RE = re.compile(r"(?:the|a|an|it|they|he|she|we|i|there|this|that|his|her|their"
                              r"|its|our|[A-Z][\w’'-]*)\s+[a-z]")
_COMMA_THE_RE = re.compile(r",\s*((?:the|The)\s+)$")
_APPOSITIVE_OPEN_RE = re.compile(r"\s*(?:an?|the|one|who|whose|also|now|once|\d+)\b")
_LIKE_SAID_RE = re.compile(r"\b[Ll]ike\s+(?:he|she|they|we|I)\s+(?:had\s+|has\s+)?$")
_SUBORD_BEFORE_RE = re.compile(
    r"\b(?:after|when|as|because|since|before|while|until|once|where)\s+$")
_ELDER_BEFORE_RE = re.compile(r"\b(?:[Ee]lder|[Yy]ounger)\s+$")
_FRONTED_PRONOUN_RE = re.compile(r",\s+(he|she)\s+[a-z]")
_PRONOUN_SUBJECT_RE = re.compile(
    r"\W*(?:(?:But|And|Still|Yet|Then|Later|Now|So),?\s+)?(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I"
    r"|(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(ROLE_NOUNS)) + r"))\b")
# words for a person that are no office ("Avondale resident Auchie Espinoza")
_PERSON_NOUNS = frozenset({"resident", "voter", "supporter", "native", "worker", "attendee",
                           "volunteer", "parent", "mother", "father", "veteran", "retiree"})
_SUBJECT_START_RE = re.compile(
    rf"(?:(?:But|And|Still|However|Meanwhile|Later|Then),?\s+)?"
    rf"(?:(?:After|Before|During|On|In|At|Asked|Earlier|Later)\b[^,;“”§]{{1,40}},\s+)?"
    # 'Later, when news broke of men at one of the boxes, she posted again, writing': a
    # subordinate clause of time before the subject
    rf"(?:(?:[Ww]hen|[Ww]hile|[Oo]nce|[Aa]fter|[Bb]efore)\s[^,;“”§]{{1,90}},\s+)?"
    rf"(?:(?:[Ss]ome|[Mm]any|[Ss]everal|[Mm]ost|[Oo]ther)\s+|[Tt]he\s+(?:[a-z][\w-]*-led\s+)?)?"
    # 'Conservative social media influencer Laura Loomer, who ..., posted': a role before
    rf"(?P<role>{UP}[a-z][\w-]*\s+(?:[a-z][\w-]*\s+){{0,2}}(?:"
    + "|".join(sorted(ROLE_NOUNS | _PERSON_NOUNS, key=len, reverse=True))
    + rf")\s+(?=(?:{UP}[\w’'.\-]*\s+){{1,3}}))?"
    # (not 'After Harris accused him …, Trump concluded': a subordinate clause first)
    rf"(?P<subj>(?!(?:After|Before|When|While|As|If|Since|Although|Though|Because|Despite|With"
    rf"|Without|Following|Until|Once)\s)(?:{UP}[\w’'.\-]*\s+){{0,4}}{UP}[\w’'\-]*|[Hh]e|[Ss]he"
    rf"|[Tt]hey)"
    rf"(?:,[^,;“”§]{{1,100}},)?(?:\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    rf"|Sunday))?\s+(?:also\s+|later\s+|then\s+|quickly\s+|first\s+|earlier\s+)?"
    rf"(?:[a-z]+(?:ed|s)|sought|went|made|took|gave|got|came|saw|met|ran|won|lost|led|held|left"
    rf"|kept|put|set|thought|brought|sent|spent|felt|heard|knew|became|began|wrote|spoke|chose"
    rf"|rose|fell|stood|sat|paid|found|had|did)\b")
_CLAUSE_OPENER_END_RE = re.compile(
    r"(?:[,;:—–(]|\b(?:that|and|but|while|because|although|though|if|when|since|as|where))\s*$")
_CLOSED_QUOTE_END_RE = re.compile(r"[”\"],?\s*$")
_SAY_BEFORE_RE = re.compile(r"\b(?:say|says|said|told|tells|adds|added)\s*$")
_WHO_BEFORE_RE = re.compile(r",?\s*\bwho\s+(?:also\s+|later\s+)?$")
_MONARCHS = {"king", "queen", "emir", "sultan", "emperor", "empress"}
_NAMING_RE = re.compile(
    r"\b(?P<verb>called|calls|calling|described|describes|describing|dubbed|labeled|labelled"
    r"|branded|termed)\s+(?![^“”§.;:!?]*\b(?:for|because)\b)[^“”§.;:!?]{1,80}?\s+(?:as\s+)?"
    r"(?:(?:an?|the|his|her|their|its)\s+)?(?:[a-z]+\s+)?$")
# 'dismissed the probe as a “witch hunt”', 'has brushed off his remarks as “old news”'
# 'criticized the administration for being “dismissive”': the word is the critic's
_FOR_BEING_RE = re.compile(
    r"\b(?P<verb>criticized|criticizes|criticizing|slammed|slams|slamming|blasted|blasts"
    r"|blasting|faulted|faults|faulting|accused|accuses|accusing|chided|chides|chiding)"
    r"\s+[^“”§.;:!?]{1,80}?\s+(?:for|of)\s+being\s+(?:an?\s+|so\s+|too\s+|overly\s+)?$")
_WHAT_CALLED_RE = re.compile(
    rf"\bwhat\s+(?P<subj>he|she|they|{UP}[\w’'\-.]+(?:\s+{UP}[\w’'\-.]+){{0,3}})\s+"
    r"(?:has\s+|had\s+|have\s+|once\s+|repeatedly\s+|also\s+)?"
    r"(?P<verb>called|calls|dubbed|dubs|termed|terms|labeled|labelled|described\s+as"
    r"|describes\s+as)\s+(?:an?\s+|the\s+)?$")
_RX_KNOWN_AS = re.compile(r"\b(?:known|referred\s+to|billed|named|titled|listed|used)\s+as\s+"
                          r"(?:\S+\s+){0,2}$")
_RX_BUT_HAS = re.compile(r"\b(?:but|and)\s+(?:[a-z]+\s+){0,5}?(?:has|have|had|later|then)?\s*$")
_AS_NAMING_RE = re.compile(
    r"\b(?P<verb>dismissed|dismisses|dismissing|derided|derides|deriding|hailed|hails|hailing"
    r"|denounced|denounces|denouncing|slammed|slams|slamming|blasted|blasts|blasting|mocked"
    r"|mocks|mocking|brushed\s+off|brushes\s+off|brushing\s+off|criticized|criticizes"
    r"|criticizing|characterized|characterizes|characterizing|portrayed|portrays|portraying)"
    r"\s+(?![^“”§.;:!?]*\b(?:for|because)\b)[^“”§.;:!?]{1,80}?\s+as\s+"
    r"(?:(?:an?|the|his|her|their|its)\s+)?(?:[a-z]+\s+)?$")
_DATE_LEAD_RE = re.compile(
    r"\b(?:in|on|since|until|by|last|next|this|early|late|from|through|of)\s+$", re.I)
_COLON_LEAD_RE = re.compile(r"\s*([A-Z][^:;,“”§\n]{1,60}?)\s*:\s*")
_DASH_TAIL_RE = re.compile(r"[ \t]*[—–][ \t]*(?=[A-Z])")
_PASSIVE_AUX = {"was", "were", "been", "be", "is", "are", "being", "widely"}
_THE_RE = re.compile(r"(?:the|The)\s")
_OWNER_RE = re.compile(rf"({UP}[\w\-]+)['’]s\s+((?:[a-z]+\s+)?(?:office|campaign|team|government"
                       rf"|administration|ministry|military|army|embassy|parliament|foreign\s+office"
                       rf"|central\s+bank))$")
_ROLE_OWNER_RE = re.compile(r"(?:the|The)\s+([a-z]+)['’]s\s+(office|campaign|team)$")
_SUBORDINATE_BEFORE_RE = re.compile(
    r"\b(?:after|before|when|while|because|since|although|though|if|as|until|once|unless"
    r"|whereas|whom|that)\s+$", re.I)
_PROGRESSIVE_RE = re.compile(r"\s(?:is|was|are|were|has been|have been|had been)\s+$")
# the source ends the clause: 'CONTENT, according to X.', '…, according to X, and overall …'
_ACC_END_RE = re.compile(
    r"\s*(?:,[^,;“”§]{1,120})?\s*(?:[.;]|$)|\s*,\s*(?:and|but|while|which|who)\s")
_ACC_KIND_RE = re.compile(
    r"\s+the\s+(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(_KIND_OF_ORG)) + r")\b")
_ACC_SITE_RE = re.compile(r"\s*(?:['’]s\s+)?(?:website|web\s+site|site|annual\s+report|blog)"
                          r"(?=\s*(?:,|$|\.))")
_ACC_SHARED_RE = re.compile(r"\s+(?:shared|posted|published|released|issued|sent)\s+[^,.;“”]{1,60}"
                            r"(?=\s*(?:,|$|\.))")
# 'according to a poll by Savanta ComRes for the Daily Telegraph': whom the poll was for
_FOR_CLIENT_RE = re.compile(r"\s*for\s+(?:the\s+)?[A-Z][^,.;]{0,40}(?=,|$|\.)")
_TRAIL_GAP_RE = re.compile(r"\s*,?\s*(?:(?:an?|the)\s+)?(?:[a-z][\w-]*\s+){0,3}")
_COMMA_QUOTE_END_RE = re.compile(r",\s*[”\"]\s*$")
# a speech cue (and its complements) right before a quote: 'said “', 'told CNN the talks “'
_FIRST_THEN_WORD_RE = re.compile(rf"\b({UP}[a-z]+)\s+({UP}[a-z]+)\b")
_RELATIVE_BEFORE_RE = re.compile(
    r"\b((?:first\s+lady|(?:his|her|their|the\s+\w+['’]s|[A-Z]\w+['’]s)\s+(?:late\s+)?"
    r"(?:wife|husband|son|daughter|brother|sister|mother|father|widow|cousin|niece|nephew|aunt"
    r"|uncle|grandson|granddaughter|stepson|stepdaughter|spouse)))"
    r"\s*,?\s+$"
    # a fact-sheet label at the start of a line: "Father: Ivan Dovrenko, a teacher"
    r"|(?:^|\n)[ \t]*((?:Father|Mother|Wife|Husband|Spouse|Son|Sons|Daughter|Daughters|Brother"
    r"|Brothers|Sister|Sisters|Sibling|Siblings|Parents|Children|Marriage|Marriages|Partner)):"
    r"[ \t]*$", re.I)
# fact-sheet labels ("Children: ...", "Marriage: ...") as the relative each one names
_LABEL_RELATIVE = {"children": "child", "marriage": "spouse", "marriages": "spouse",
                   "siblings": "sibling", "parents": "parent", "partner": "partner"}
_AGENT_NOUN_RE = re.compile(r"[a-z](?:or|er|ist|ian|ant|ent)$")  # "Curator", "Partner"
_CLAUSE_END_WORDS = frozenset({"that", "which", "this", "it", "by", "of", "for"})
_TITLE_TAIL_RE = re.compile(r",\s*((?:[\w’'.&\-]+\s+){1,6})$")
_CLAUSE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "but", "as", "while", "when",
                           "if", "because", "although", "though", "where", "so", "not", "to"})
_LEAD_CUE_RE = re.compile(r"\b(?:said|says|told|tells|added|wrote|stated|insisted|argued"
                          r"|noted|declared|warned|stressed)\b[^.;“”]{0,80}:?\s*$")
# "said about 60% of the districts ...": "about" a number opens a clause, not a topic
_ABOUT_NUMBER_RE = re.compile(r"about\s+(?:\$?\d|(?:a\s+(?:third|quarter|fifth|half|dozen)|half|"
                              r"one|two|three|four|five|six|seven|eight|nine|ten)\b)")
# cues whose content never starts with a preposition or an auxiliary ("joked with reporters")
_PLAIN_SAY_CUES = frozenset({"said", "says", "say", "added", "adds", "told", "tells", "joked",
                             "jokes", "quipped", "quips", "argued", "argues"})
_BAD_CONTENT_START = re.compile(
    r"(?:as|while|when|after|before|during|was|were|is|are|had|has|have|would|will|could"
    r"|should|might|may|must|can|did|does|do|being|been|be|of|on|in|at|from|with|by|for"
    r"|about|previously|before)\b",
    re.I)
_PARENTHETICAL_ACC = re.compile(
    r"\s*,\s*(?:(?:according to|citing)\s+[^,]{1,80}|[^,“”§]{1,100}(?=,\s*that\b)),\s*")
_CLAUSE_START_WORDS = frozenset({"he", "she", "they", "it", "we", "i", "you", "there", "this",
                                 "these", "those", "and", "or", "then", "now"})
_ROLE_WORDS_RE = re.compile(
    r"\s+(?:((?:(?:\d+-year-old|[a-z][a-z’'-]+)\s+){1,4})"
    r"|((?:the\s+)?[\w’'.-]+(?:’s|'s)\s+(?:[a-z]+\s+){0,3}[a-z]+,\s+))"
    r"(?=[A-Z])")
_AGE_RE = re.compile(r"\d+-year-old")
_NOT_ROLE_WORDS = frozenset({"the", "a", "an", "one", "some", "another", "two", "three", "several",
                             "and", "or", "but", "his", "her", "their", "its", "who", "that",
                             "unnamed", "anonymous", "former-aide"})
_APPOS_ROLE_GAP_RE = re.compile(
    r"\s*,?\s*(?:the|a|an|his|her|their|its)\s+[^,;:“”§\n.!?]{2,60},\s*")
_ING_TIME_WORDS = frozenset({"when", "while", "before", "after", "upon", "since"})
_BELIEF_CUES = frozenset({"believes", "believed"})
_BELIEF_CLAUSE_RE = re.compile(
    r"\s+(?:the|this|that|these|those|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:was|is|were|are|will|would|could|can|has|had|have|should|must|may|might)\s+(?!to\b)")
_VERB_COLON_RE = re.compile(
    rf"\s*((?:{UP}[\w’'.\-]*\s+){{0,3}}{UP}[\w’'\-]*(?:,\s+[^,;:“”§]{{3,60}},)?)\s+"
    r"((?:also\s+|later\s+|then\s+)?(?:[a-z]{3,}ed|shot|hit|struck|fired|wrote|spoke|put|took)"
    r"(?:\s+back)?)\b"
    r"([^:;“”§.!?]{0,80}):\s*")
_NOT_WORDS_OF_SUBJECT = frozenset({
    "titled", "entitled", "headlined", "named", "called", "dubbed", "labeled", "labelled",
    "signed", "read", "reads", "quoted", "cited", "citing", "posted", "shared", "published",
    "released", "issued", "printed", "displayed", "showed", "listed", "included", "added",
    "wrote", "text", "message", "tweet", "caption", "sign", "signs", "banner", "headline",
    "slogan", "motto", "line", "lines", "lyrics", "song", "poem", "verse", "passage",
    "question", "questions", "asked", "asking", "chanted", "sang", "recited"})
_TIME_ADVERBS = frozenset({"just", "shortly", "right", "moments", "minutes", "soon", "hours",
                           "days", "weeks", "immediately", "long"})
_AUX_WORDS = frozenset({"is", "was", "are", "were", "has", "had", "have", "will", "would",
                        "can", "could", "should", "may", "might", "must", "did", "does", "do",
                        "says", "said", "told", "be", "been"})
