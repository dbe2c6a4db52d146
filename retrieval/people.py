"""Answers to "what did X say?": a person's (or an institution's) statements, verified and cited.

`answer_about_person(question, statements, articles, embed)` returns None when the question is not
about what someone said (the general passage retrieval answers it), and otherwise an Answer built
only from statements attributed to that speaker:

- **Who is asked about.** The question is read with a few patterns ("What did X say (about Y)?",
  "Did X say anything about Y?", "X's comments on Y", "How did X react to Y?", "According to X,
  ...?", "What does X think about Y?", "quotes from X"). X may be a surname, a full name, a title
  and name ("Foreign Minister Lavrov"), a role ("the Kremlin spokesman": the speaker whose role
  has those words) or an institution ("the Russian Foreign Ministry"; its spokespeople count).
  X that is a pronoun, a group or a thing ("experts", "the election result") is not a person:
  None. A name that speaks nowhere gets a plain no_answer, never someone else's words.
- **Speakers across articles.** Within an article the extractor has already resolved "she", "the
  spokeswoman" and "Zakharova" to "Maria Zakharova". Across articles, full names that share first
  and last name are one speaker; a bare surname joins the full name that dominates it. When a
  surname asked about belongs to several people ("Johnson"), the most quoted one is meant unless
  only another one speaks about the topic; the answer names the others. A full name that speaks
  nowhere ("Linda Trump") never borrows a namesake's statements.
- **Ranking.** With a topic ("about Ukraine"), statements are ordered by cosine similarity of the
  topic and the statement (the real embedding model, when given) plus word overlap with the
  statement and its paragraph; statements unrelated to the topic are left out (and the answer
  says so when none is related). Without a topic, the newest articles come first and the
  statements are taken in turn from each article, so several sources are shown.
- **Once, with all sources.** The same statement in several articles (or twice in one) is shown
  once; the other articles are cited with it (`Quote.also_in`, and `Citation.also_in` for
  verbatim copies of a whole article).
- **Verified.** Every statement shown is checked, just before it is shown, to be word for word
  the article text at its offsets (`verify_quote`); one that is not is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .models import Answer, Article, Citation, Filters, Quote, SourceRef, Statement
from .quotes import (  # the extractor's lexicons: titles, roles, institutions
    _FUNC_CAPS,
    _ORG_HEADS,
    _ORG_NOUNS,
    _ORG_WORDS,
    _PLACES,
    _ROLE_NOUNS,
    _SUFFIXES,
    _TITLES,
    _is_acronym,
    _is_media,
)

__all__ = ["answer_about_person", "list_speakers", "parse_person_question", "verify_quote"]

Embed = Callable[[list[str]], np.ndarray]

MAX_EMBEDDED = 300  # statements embedded per question at most (pre-ranked lexically)
MIN_COSINE = 0.30  # below this, a statement is unrelated to the topic...
MIN_CONTEXT_OVERLAP = 0.5  # ...unless its paragraph holds this share of the topic's words


# --------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------


def verify_quote(statement: Statement, article_text: str) -> bool:
    """Does the statement's text occur, word for word, in the article at its offsets?"""
    s, e = statement.start, statement.end
    return (
        0 <= s < e <= len(article_text)
        and bool(statement.text.strip())
        and article_text[s:e] == statement.text
    )


# --------------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------------

_SAYV = (
    r"(?:say|said|saying|says|tell|told|telling|state|stated|claim|claimed|announce|announced"
    r"|comment|commented|write|wrote|written|tweet|tweeted|post|posted|reveal|revealed|mention"
    r"|mentioned|argue|argued|warn|warned|predict|predicted|promise|promised|suggest|suggested"
    r"|deny|denied|admit|admitted|think|thinks|thought|believe|believes|believed|feel|feels|felt"
    r"|mean|meant|insist|insisted|stress|stressed|add|added|reply|replied|respond|responded"
    r"|declare|declared|confirm|confirmed|note|noted|explain|explained|threaten|threatened"
    r"|accuse|accused|criticize|criticized|praise|praised)"
)
_NOUNS = (
    r"(?:comments?|remarks?|statements?|words|quotes?|quotations?|views?|positions?|stance"
    r"|response|reaction|reply|replies|thoughts|opinions?|take|claims?|warnings?|predictions?"
    r"|assessments?|message|answers?|criticism|testimony|speech|interview|tweets?|posts?"
    r"|promises?|pledges?|denials?|accusations?|rhetoric)"
)
_TOPIC_PREP = (
    r"(?:about|on|regarding|concerning|of|over|in response to|with regard to|with respect to"
    r"|after|following|when|during|before|to|at|in|that|toward|towards|re)"
)
_ADVS = r"(?:\s+(?:publicly|recently|lately|so far|today|yesterday|this week|last week|earlier" \
        r"|again|exactly|specifically|actually|really|ever|also|else|then|once))*"

_PATTERNS = [
    re.compile(
        r"^(?:so |and |but |ok |okay )?(?:what|which things?|what else|what exactly)\s+"
        r"(?:else\s+)?(?:did|does|do|has|have|had|is|was|were|will|would|could)\s+(?P<who>.+?)"
        + _ADVS + r"\s+(?:(?:been|had|got)\s+)?(?:have\s+to\s+say|had\s+to\s+say|to\s+say|"
        + _SAYV + r")" + _ADVS + r"(?:\s+(?P<prep>" + _TOPIC_PREP + r")\s+(?P<topic>.+))?$",
        re.I),
    re.compile(
        r"^(?:did|has|have|had|does|do|is|was|will)\s+(?P<who>.+?)" + _ADVS + r"\s+(?:ever\s+)?"
        r"(?:" + _SAYV + r"|speak|spoke|spoken|talk|talked|talking|remark|remarked|weigh in"
        r"|weighed in|react|reacted|speaking|commenting|saying)"
        r"(?:\s+(?:anything|something|much|publicly|at all|out|up|a word|a thing|anything else))?"
        r"(?:\s+(?P<prep>" + _TOPIC_PREP + r")\s+(?P<topic>.+))?$",
        re.I),
    re.compile(
        r"^(?:what|which)\s+(?:are|were|is|was|have been)\s+(?P<who>.+?)['’]s?\s+(?:latest\s+|"
        r"recent\s+|main\s+|public\s+|official\s+)?" + _NOUNS +
        r"(?:\s+(?:on|about|regarding|concerning|to|over|of|for|toward|towards)\s+(?P<topic>.+))?$",
        re.I),
    re.compile(
        r"^(?P<who>[^?]+?)['’]s?\s+(?:latest\s+|recent\s+|main\s+|public\s+|official\s+)?"
        + _NOUNS +
        r"(?:\s+(?:on|about|regarding|concerning|to|over|of|for|toward|towards)\s+(?P<topic>.+))?$",
        re.I),
    re.compile(
        r"^(?:show|give|find|list|get|tell|any)\s+(?:me\s+)?(?:all\s+|any\s+|the\s+|some\s+)?"
        + _NOUNS + r"\s+(?:by|from|of)\s+(?P<who>.+?)"
        r"(?:\s+(?:about|on|regarding|concerning|over|to)\s+(?P<topic>.+))?$", re.I),
    re.compile(
        r"^(?:all\s+|any\s+|the\s+)?" + _NOUNS + r"\s+(?:by|from|of)\s+(?P<who>.+?)"
        r"(?:\s+(?:about|on|regarding|concerning|over|to)\s+(?P<topic>.+))?$", re.I),
    re.compile(
        r"^how\s+(?:did|does|has|have|do|is|was|will)\s+(?P<who>.+?)" + _ADVS + r"\s+"
        r"(?:react|reacted|reacting|respond|responded|responding|reply|replied|comment|commented"
        r"|answer|answered|describe|described|characterize|characterized|view|see|feel|felt"
        r"|explain|explained|justify|justified)"
        r"(?:\s+(?:to|on|about|the|of)\s+(?P<topic>.+))?$", re.I),
    re.compile(r"^according\s+to\s+(?P<who>[^,]+?),\s*(?P<topic>.+)$", re.I),
    re.compile(
        r"^what\s+(?:was|has been|is|were)\s+said\s+by\s+(?P<who>.+?)"
        r"(?:\s+(?:about|on|regarding|concerning|over)\s+(?P<topic>.+))?$", re.I),
    re.compile(
        r"^what\s+(?:is|was)\s+(?P<who>.+?)\s+(?:saying|claiming|arguing|telling\s+\w+)"
        r"(?:\s+(?:about|on|regarding|concerning|over)\s+(?P<topic>.+))?$", re.I),
]

# X that is not a speaker: pronouns, groups and things.
_NOT_A_SPEAKER = {
    "it", "they", "he", "she", "you", "we", "i", "them", "him", "her", "us", "me", "people",
    "anyone", "someone", "everyone", "everybody", "somebody", "nobody", "anybody", "this",
    "that", "these", "those", "there", "one", "others", "other people", "the public",
    "the media", "media", "the press", "the article", "the articles", "the news", "news",
    "the story", "the report", "the study", "the poll", "the survey", "the data", "the text",
    "the document", "the paper", "the book", "the law", "the bill", "the ruling", "the court",
    "the election", "the election result", "the election results", "the result", "the results",
    "the market", "markets", "the markets", "the economy", "the government",
    "it all", "all this", "that mean", "this mean", "the world",
}
_GENERIC_HEADS = {
    "experts", "officials", "critics", "analysts", "people", "voters", "residents",
    "democrats", "republicans", "lawmakers", "leaders", "scientists", "researchers",
    "economists", "investors", "observers", "sources", "authorities", "police", "witnesses",
    "reports", "report", "study", "studies", "poll", "polls", "survey", "surveys", "data",
    "result", "results", "article", "articles", "story", "stories", "news", "media",
    "election", "elections", "market", "markets", "economy", "document", "documents",
    "others", "countries", "nations", "americans", "russians", "ukrainians", "europeans",
    "allies", "opponents", "supporters", "protesters", "students", "parents", "fans",
}
_STOP = set("""
a an the of to in on at by for with about from as and or but if then than that this these those
is are was were be been being do does did has have had will would can could should may might must
what which who whom whose when where why how any anything something some all each every much many
more most other such no not only own same so too very just also again ever there here it its
he she they them his her their we our you your i me my mine say said says saying tell told
comment comments remark remarks statement statements think thinks thought about regarding
concerning re please anything else
""".split())
_SPOKES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen"}


_EMPTY_TOPIC = re.compile(r"(?:anything|something|it|that|this|so|recently|lately|them|him|her)",
                          re.I)
_TIME_TOPIC = re.compile(
    r"(?:(?:on|last|this|in|during|at|the)\s+)?(?:monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|today|yesterday|tonight|week|weekend|month|year|morning|evening|night"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|\d{4})(?:\s+(?:morning|afternoon|evening|night|\d{1,2}|\d{4}))?", re.I)


@dataclass(frozen=True)
class PersonQuestion:
    who: str  # as written in the question: "Zakharova", "the Kremlin spokesman"
    topic: str | None  # "Ukraine", "the election"; None when the question has no topic


def _clean_question(q: str) -> str:
    q = q.strip().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    q = re.sub(r"\s+", " ", q)
    return q.strip(" ?!.")


def parse_person_question(question: str) -> PersonQuestion | None:
    """Who the question asks about and on what topic, or None if it is not a who-said question."""
    q = _clean_question(question)
    for pat in _PATTERNS:
        m = pat.match(q)
        if not m:
            continue
        who = m.group("who").strip(" ,'\"")
        topic = (m.groupdict().get("topic") or "").strip(" ,'\"") or None
        if not who or len(who.split()) > 8:
            continue
        if topic and (_EMPTY_TOPIC.fullmatch(topic) or _TIME_TOPIC.fullmatch(topic)):
            topic = None
        return PersonQuestion(who=who, topic=topic)
    return None


# --------------------------------------------------------------------------------------------
# Speakers across articles
# --------------------------------------------------------------------------------------------


def _fold(s: str) -> str:
    """Lower case without accents, apostrophes or dots: 'Zelenskyy' ~ 'zelensky'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = s.replace(".", "").replace("'", "")
    s = re.sub(r"(?:yy|iy|yi|ii)\b", "y", s)
    return s.strip()


def _name_tokens(name: str) -> list[str]:
    toks = [_fold(t) for t in re.findall(r"[\w’'.\-]+", name)]
    return [t for t in toks if t]


def _core_tokens(name: str) -> list[str]:
    """Name tokens without initials and suffixes: 'Robert F. Kennedy Jr.' -> robert kennedy."""
    out = []
    for t in re.findall(r"[\w’'.\-]+", name):
        f = _fold(t)
        if not f or t.lower() in _SUFFIXES or f in _SUFFIXES or re.fullmatch(r"[A-Z]\.?", t):
            continue
        out.append(f)
    return out


def _looks_org(name: str) -> bool:
    toks = re.findall(r"[\w’'.\-]+", name)
    if not toks:
        return False
    last = toks[-1].lower().removesuffix("’s").removesuffix("'s")
    low = name.lower()
    return (
        last in _ORG_HEADS
        or (len(toks) == 1 and _is_acronym(toks[0]))
        or low in _PLACES
        or ("the " + low) in _PLACES
        or all(t.lower() in _ORG_WORDS for t in toks)
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
        core = _core_tokens(self.name)
        return core[-1] if core else _fold(self.name)

    def role_words(self) -> set[str]:
        words: set[str] = set()
        for r in self.roles:
            words.update(_fold(w) for w in re.findall(r"[\w’'\-]+", r))
        if words & _SPOKES:
            words |= _SPOKES
        return words


def _speaker_key(name: str) -> tuple[str, str]:
    if _looks_org(name):
        toks = _name_tokens(re.sub(r"^the\s+", "", name, flags=re.I))
        return "org", " ".join(toks)
    core = _core_tokens(name)
    if len(core) >= 2:
        return "person", f"{core[0]} {core[-1]}"
    return "person", core[0] if core else _fold(name)


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


def _speakers_for(statements: Sequence[Statement]) -> dict[str, Speaker]:
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


def _normalise_text(text: str) -> str:
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"[^\w\s]", " ", t)
    return " ".join(t.split())


def list_speakers(statements: Sequence[Statement]) -> list[tuple[str, str | None, int]]:
    """(name, role, number of distinct statements), most statements first."""
    out = []
    for sp in build_speakers(statements).values():
        distinct = {_normalise_text(s.text) for s in sp.statements}
        out.append((sp.name, sp.role, len(distinct)))
    out.sort(key=lambda t: (-t[2], t[0].lower()))
    return out


# --------------------------------------------------------------------------------------------
# Matching the question's X to speakers
# --------------------------------------------------------------------------------------------


@dataclass
class _Who:
    raw: str
    name: list[str]  # folded name tokens
    role: list[str]  # folded role / title words
    org: list[str]  # folded institution words
    display: str


def _analyse_who(who: str) -> _Who:
    raw = who.strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", raw, flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    toks = re.findall(r"[\w’'.\-]+", text)
    name, role, org = [], [], []
    for t in toks:
        low = t.lower().rstrip(".")
        base = re.sub(r"['’]s$", "", low)
        f = _fold(t)
        if not f:
            continue
        if base in _TITLES or base in _ROLE_NOUNS or base in _SPOKES or low in ("mr", "ms", "mrs"):
            role.append(f)
        elif base in _ORG_WORDS or base in _ORG_NOUNS:
            org.append(f)
        elif base in ("of", "the", "for", "and", "to", "at", "in"):
            continue
        else:
            name.append(f)
    return _Who(raw=raw, name=name, role=role, org=org, display=raw)


def _match_name(who: _Who, speakers: dict[str, Speaker]) -> list[Speaker]:
    q = [t for t in who.name if t not in _SUFFIXES]
    if not q:
        return []
    persons = [sp for sp in speakers.values() if sp.kind == "person"]
    found: list[Speaker] = []
    if len(q) >= 2:
        for sp in persons:
            core = set(_core_tokens(sp.name)) | set(sp.key.split())
            full_match = q[-1] in core and set(q) <= core | set(_name_tokens(sp.name))
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
                if tok in _core_tokens(sp.name):
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


def _match_role(who: _Who, speakers: dict[str, Speaker]) -> list[Speaker]:
    want = set(who.role) | set(who.org) | {t for t in who.name if t not in _STOP}
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


def _match_org(who: _Who, speakers: dict[str, Speaker]) -> list[Speaker]:
    want = set(who.org) | set(who.name)
    if not want:
        return []
    found = [sp for sp in speakers.values() if sp.kind == "org" and want <= set(sp.key.split())]
    # the institution's spokespeople speak for it ("What did the Kremlin say?")
    for sp in speakers.values():
        if sp.kind == "person" and sp.role_words() & _SPOKES and want <= sp.role_words():
            found.append(sp)
    return found


def _is_speaker_phrase(who: _Who, question: str, articles: Mapping[str, Article]) -> bool:
    """Could X be a person or institution (so that 'no statements' is the right answer)?"""
    low = who.raw.lower()
    if low in _NOT_A_SPEAKER:
        return False
    words = low.split()
    if not words:
        return False
    head = re.sub(r"['’]s$", "", words[-1])
    if head in _GENERIC_HEADS:
        return False
    if who.role or (who.org and any(o in _ORG_NOUNS or o in _ORG_HEADS for o in who.org)):
        return True
    # a capitalised word in the question (not the first word) reads as a name
    if re.search(r"(?<!^)\b[A-Z][\w’'.\-]+", who.raw) or who.raw[:1].isupper():
        return not all(w.lower() in _FUNC_CAPS for w in who.raw.split())
    # lower case: a name only if the articles never use the word in lower case
    if len(who.name) > 3 or not who.name:
        return False
    for t in who.name:
        if t in _STOP or t in _GENERIC_HEADS:
            return False
        rx = re.compile(r"\b" + re.escape(t) + r"\b")
        for art in articles.values():
            if rx.search(art.text):
                return False  # used as an ordinary word
    return True


# --------------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------------


def _stem(w: str) -> str:
    w = _fold(w)
    for suf in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "es", "ed", "s", "e"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]  # "removing", "removed", "remove" -> "remov"
    return w


def _topic_terms(topic: str | None) -> list[str]:
    if not topic:
        return []
    words = re.findall(r"[\w’'\-]+", topic)
    return sorted({_stem(w) for w in words if w.lower() not in _STOP and len(w) > 1})


def _terms(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[\w’'\-]+", text)}


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    ps = text.rfind("\n", 0, start) + 1
    pe = text.find("\n", end)
    if pe < 0:
        pe = len(text)
    while ps < pe and text[ps].isspace():
        ps += 1
    while pe > ps and text[pe - 1].isspace():
        pe -= 1
    return ps, pe


@dataclass
class _Group:
    """One statement shown once, with every copy of it."""

    members: list[Statement]
    score: float = 0.0
    relevant: bool = True

    @property
    def rep(self) -> Statement:
        return self.members[0]


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    w = text.split()
    return {tuple(w[i:i + n]) for i in range(max(1, len(w) - n + 1))}


def _group(statements: list[Statement], articles: Mapping[str, Article]) -> list[_Group]:
    """Statements with the same words (or nearly: syndicated edits, a shortened copy) are one
    group. Candidates are found through shared word 3-grams, so this stays linear."""
    groups: list[_Group] = []
    by_key: dict[str, _Group] = {}
    shingles: list[set] = []  # per group
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for st in statements:
        key = _normalise_text(st.text)
        if not key:
            continue
        g = by_key.get(key)
        sh = _shingles(key)
        if g is None and len(key) >= 40:
            shared: Counter = Counter()
            for x in sh:
                bucket = index.get(x)
                if bucket is not None and len(bucket) <= 50:
                    shared.update(bucket)
            for gi, n in shared.most_common(5):
                other = shingles[gi]
                jaccard = n / max(1, len(sh | other))
                if jaccard >= 0.7 or n / max(1, min(len(sh), len(other))) >= 0.9:
                    g = groups[gi]
                    break
        if g is None:
            g = _Group(members=[])
            groups.append(g)
            shingles.append(sh)
            for x in sh:
                index[x].append(len(groups) - 1)
        by_key[key] = g
        g.members.append(st)

    def rep_order(st: Statement) -> tuple:
        art = articles.get(st.article_id)
        return (-len(st.text), (art.date or "9999") if art else "9999", st.article_id, st.start)

    for g in groups:
        g.members.sort(key=rep_order)
    return groups


def _rank(groups: list[_Group], topic: str | None, articles: Mapping[str, Article],
          embed: Embed | None) -> list[_Group]:
    terms = _topic_terms(topic)
    if not terms:
        return _order_without_topic(groups, articles)
    tset = set(terms)
    lex: list[tuple[float, float]] = []
    for g in groups:
        st = g.rep
        in_text = len(tset & _terms(st.text)) / len(tset)
        art = articles.get(st.article_id)
        ctx = 0.0
        if art is not None:
            ps, pe = _paragraph(art.text, st.start, st.end)
            ctx = len(tset & _terms(art.text[ps:pe])) / len(tset)
        lex.append((in_text, ctx))
    # pre-rank lexically (newest first among equals), then embed the best few hundred
    order = sorted(range(len(groups)), key=lambda i: (-lex[i][0], -lex[i][1],
                                                      _date_key(groups[i], articles)))
    cos = {i: 0.0 for i in range(len(groups))}
    if embed is not None and groups:
        chosen = order[:MAX_EMBEDDED]
        vecs = _embed_cached(embed, [topic or ""] + [" ".join(groups[i].rep.text.split())
                                                      for i in chosen])
        sims = vecs[1:] @ vecs[0]
        for i, s in zip(chosen, sims, strict=True):
            cos[i] = float(s)
    for i, g in enumerate(groups):
        in_text, ctx = lex[i]
        lexical = max(in_text, 0.6 * ctx)
        if embed is not None:
            g.score = 0.65 * cos[i] + 0.35 * lexical
            g.relevant = cos[i] >= MIN_COSINE or in_text > 0 or ctx >= MIN_CONTEXT_OVERLAP
        else:
            g.score = lexical
            g.relevant = in_text > 0 or ctx >= MIN_CONTEXT_OVERLAP
    return sorted(groups, key=lambda g: (-g.relevant, -g.score, _date_key(g, articles)))


def _date_key(g: _Group, articles: Mapping[str, Article]) -> str:
    """Sorts newest first (no date last) as an ascending key."""
    art = articles.get(g.rep.article_id)
    return _invert(art.date if art and art.date else "0000-00-00")


_VECTORS: dict[tuple[int, str], np.ndarray] = {}
_VECTORS_MAX = 20_000
_OWNERS: dict[int, object] = {}


def _embed_cached(embed: Embed, texts: list[str]) -> np.ndarray:
    """embed(texts), remembering statement vectors between questions (per embedding model)."""
    obj = getattr(embed, "__self__", embed)
    owner = id(obj)
    _OWNERS[owner] = obj  # held, so that its id is never taken by another model
    missing = [t for t in dict.fromkeys(texts) if (owner, t) not in _VECTORS]
    if missing:
        new = np.asarray(embed(missing), dtype=np.float32)
        if len(_VECTORS) + len(missing) > _VECTORS_MAX:
            _VECTORS.clear()
            _OWNERS.clear()
            _OWNERS[owner] = obj
        for t, v in zip(missing, new, strict=True):
            _VECTORS[(owner, t)] = v
    return np.stack([_VECTORS[(owner, t)] for t in texts])


def _importance(st: Statement) -> float:
    words = len(st.text.split())
    return (1.0 if st.kind == "quote" else 0.7) + min(words, 40) / 100


def _order_without_topic(groups: list[_Group], articles: Mapping[str, Article]) -> list[_Group]:
    """Newest articles first; statements taken in turn from each article (most substantial
    first), so that the answer draws on several sources."""
    by_article: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        by_article[g.rep.article_id].append(g)
    for lst in by_article.values():
        lst.sort(key=lambda g: (-_importance(g.rep), g.rep.start))

    def art_key(aid: str) -> tuple:
        art = articles.get(aid)
        date = art.date if art and art.date else ""
        return (date == "", _invert(date), -len(by_article[aid]), aid)

    aids = sorted(by_article, key=art_key)
    out: list[_Group] = []
    rnd = 0
    while len(out) < len(groups):
        for aid in aids:
            lst = by_article[aid]
            if rnd < len(lst):
                g = lst[rnd]
                g.score = 1.0 / (1 + len(out))
                out.append(g)
        rnd += 1
    return out


def _invert(date: str) -> str:
    return "".join(chr(ord("9") - (ord(c) - ord("0"))) if c.isdigit() else c for c in date)


# --------------------------------------------------------------------------------------------
# The answer
# --------------------------------------------------------------------------------------------

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_ING_PAST = {"saying": "said", "telling": "told", "writing": "wrote", "denying": "denied",
             "asking": "asked", "adding": "added"}


def _date_words(date: str | None) -> str | None:
    if not date:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not 1 <= mo <= 12:
        return None
    return f"{d} {_MONTHS[mo - 1]} {y}"


def _cue_past(cue: str) -> str:
    if cue in _ING_PAST:
        return _ING_PAST[cue]
    if cue.endswith("ing") and len(cue) > 5:
        return cue[:-3] + "ed"
    if cue in ("says",):
        return "said"
    if cue.endswith("s") and not cue.endswith("ss") and cue not in ("was",):
        return {"tells": "told", "writes": "wrote", "adds": "added"}.get(cue, cue)
    return cue


def _display_text(text: str) -> str:
    """The statement's words on one line (a quote over several paragraphs keeps its words)."""
    t = re.sub(r"\s*\n+\s*[“\"]?", " ", text)
    return " ".join(t.split())


def _passes(art: Article | None, filters: Filters) -> bool:
    if art is None:
        return False
    if filters.since or filters.until:
        if not art.date:
            return False
        if filters.since and art.date < filters.since:
            return False
        if filters.until and art.date > filters.until:
            return False
    return not (filters.source and (
        not art.source or filters.source.lower() not in art.source.lower()))


def _source_ref(art: Article) -> SourceRef:
    return SourceRef(article_id=art.id, title=art.title, source=art.source, date=art.date,
                     url=art.url)


def _mentioned_in(name: str, articles: Mapping[str, Article]) -> int:
    """In how many articles the name occurs (a full name as a whole, with an optional middle
    initial; a single name as a word)."""
    toks = [t for t in re.findall(r"[\w’'\-]+", name) if t[:1].isupper() and
            t.lower() not in _FUNC_CAPS and t.lower() not in _TITLES]
    if not toks:
        return 0
    if len(toks) >= 2:
        pattern = (r"\b" + re.escape(toks[0]) + r"\s+(?:[A-Z]\.\s+)?"
                   + r"\s+".join(re.escape(t) for t in toks[1:]) + r"\b")
    else:
        pattern = r"\b" + re.escape(toks[0]) + r"\b"
    rx = re.compile(pattern)
    return sum(1 for a in articles.values() if rx.search(a.text) or rx.search(a.title))


def _no_answer(question: str, who: str, articles: Mapping[str, Article], as_of: str | None,
               filters: Filters, had_any: bool) -> Answer:
    shown = re.sub(r"['’]s$", "", who.strip())
    text = f"I found no statements by {shown} in the indexed articles"
    conds = []
    if filters.since:
        conds.append(f"since {filters.since}")
    if filters.until:
        conds.append(f"until {filters.until}")
    if filters.source:
        conds.append(f"from sources matching '{filters.source}'")
    if conds and had_any:
        text += " " + " and ".join(conds) + " (there are some outside these filters)"
    elif conds:
        text += " " + " and ".join(conds)
    text += "."
    if not had_any:
        n = _mentioned_in(shown, articles)
        if n:
            text += (f" {shown} is mentioned in {n} article{'s' if n != 1 else ''}, but I found "
                     "no statement attributed to them there.")
    return Answer(question=question, text=text, no_answer=True, as_of=as_of)


def answer_about_person(question: str, statements: Sequence[Statement],
                        articles: Mapping[str, Article], embed: Embed | None, *, k: int = 5,
                        filters: Filters = Filters()) -> Answer | None:
    """Answer a question about what a person or institution said, or None if it is not one."""
    parsed = parse_person_question(question)
    if filters.speaker:
        topic = parsed.topic if parsed else _residual_topic(question, filters.speaker)
        parsed = PersonQuestion(who=filters.speaker, topic=topic)
    if parsed is None:
        return None
    who = _analyse_who(parsed.who)
    as_of = max((a.date for a in articles.values() if a.date), default=None)

    speakers = _speakers_for(statements)
    if who.org and _looks_org(re.sub(r"^(?:the|a|an)\s+", "", parsed.who, flags=re.I)):
        # "the Pan American Health Organization": an institution, never a person called Pan
        matched = _match_org(who, speakers)
    else:
        matched = _match_name(who, speakers) if who.name else []
        if not matched and who.role:
            matched = _match_role(who, speakers)
        if not matched and (who.org or who.name) and not who.role:
            matched = _match_org(who, speakers)
    namesakes: list[Speaker] = []
    if len(matched) > 1 and len(who.name) == 1 and all(sp.kind == "person" for sp in matched):
        # several people share the surname: the one who speaks most, unless only another
        # one speaks about the topic ("What did Johnson say about Theresa May?")
        best = _namesake_for_topic(matched, parsed.topic, articles)
        matched, namesakes = [best], [sp for sp in matched if sp is not best][:4]
    if not matched:
        if not filters.speaker and _is_media(parsed.who):
            return None  # "What did Reuters say?": news outlets are sources, not speakers
        if not filters.speaker and not _is_speaker_phrase(who, question, articles):
            return None
        if not filters.speaker and parsed.who.lower() in _PLACES:
            return None  # "Russia's response to sanctions": let the passages answer
        return _no_answer(question, parsed.who, articles, as_of, filters, had_any=False)

    # the speaker's statements, in articles that pass the filters, verified
    cands = []
    had_any = False
    for sp in matched:
        for st in sp.statements:
            art = articles.get(st.article_id)
            if art is None or not verify_quote(st, art.text):
                continue
            had_any = True
            if _passes(art, filters):
                cands.append(st)
    if not cands:
        return _no_answer(question, parsed.who, articles, as_of, filters, had_any=had_any)

    groups = _group(cands, articles)
    ranked = _rank(groups, parsed.topic, articles, embed)
    relevant = [g for g in ranked if g.relevant]
    off_topic = bool(parsed.topic) and not relevant
    shown = (relevant if relevant else ranked)[:k]
    answer = _compose(question, parsed, matched, shown, len(groups), off_topic, articles, as_of)
    if namesakes and not answer.no_answer:
        names = ", ".join(sp.name for sp in namesakes)
        answer = replace(answer, text=answer.text + f"\n(Others named {parsed.who} also speak in "
                         f"the indexed articles: {names}. Ask for them by full name.)")
    return answer


def _namesake_for_topic(cands: list[Speaker], topic: str | None,
                        articles: Mapping[str, Article]) -> Speaker:
    """Among people sharing a surname (most statements first), the one meant: the most
    quoted, unless only a namesake who is not far less quoted speaks about the topic."""
    terms = set(_topic_terms(topic))
    if not terms:
        return cands[0]

    def overlap(sp: Speaker) -> float:
        best = 0.0
        for st in sp.statements:
            best = max(best, len(terms & _terms(st.text)) / len(terms))
            art = articles.get(st.article_id)
            if art is not None and best < 1.0:
                ps, pe = _paragraph(art.text, st.start, st.end)
                best = max(best, 0.6 * len(terms & _terms(art.text[ps:pe])) / len(terms))
        return best

    top = cands[0]
    if overlap(top) > 0:
        return top
    for sp in cands[1:20]:
        if len(top.statements) <= 10 * len(sp.statements) and overlap(sp) > 0:
            return sp
    return top


def _residual_topic(question: str, speaker: str) -> str | None:
    words = [w for w in re.findall(r"[\w’'\-]+", question)
             if w.lower() not in _STOP and _fold(w) not in _name_tokens(speaker)]
    return " ".join(words) or None


def _compose(question: str, parsed: PersonQuestion, matched: list[Speaker],
             shown: list[_Group], total: int, off_topic: bool,
             articles: Mapping[str, Article], as_of: str | None) -> Answer:
    main = matched[0]
    by_key = {id(sp): sp for sp in matched}
    speaker_of: dict[tuple[str, int, int], Speaker] = {}
    for sp in by_key.values():
        for st in sp.statements:
            speaker_of[(st.article_id, st.start, st.end)] = sp

    numbers: dict[str, int] = {}
    cite_first: dict[str, Statement] = {}
    cite_score: dict[str, float] = {}

    def cite(st: Statement, score: float) -> int:
        if st.article_id not in numbers:
            numbers[st.article_id] = len(numbers) + 1
            cite_first[st.article_id] = st
            cite_score[st.article_id] = score
        return numbers[st.article_id]

    lines: list[str] = []
    quotes: list[Quote] = []
    introduced: set[str] = set()
    for g in shown:
        st = g.rep
        art = articles[st.article_id]
        if not verify_quote(st, art.text):  # checked again right before it is shown
            continue
        sp = speaker_of.get((st.article_id, st.start, st.end), main)
        n = cite(st, g.score)
        # other articles carrying the same statement (not verbatim copies of this article)
        others: list[int] = []
        for m in g.members[1:]:
            if m.article_id == st.article_id:
                continue
            other = articles.get(m.article_id)
            if other is None or not verify_quote(m, other.text):
                continue
            if other.text_hash == art.text_hash:
                continue  # a copy of the whole article: listed with the citation instead
            n2 = cite(m, g.score)
            if n2 != n and n2 not in others:
                others.append(n2)
        role = st.role or sp.role
        if sp.name not in introduced:
            who = sp.name + (f", {role}," if role and sp.kind == "person" else "")
            introduced.add(sp.name)
        else:
            who = sp.name.split()[-1] if sp.kind == "person" else sp.name
        if sp.kind == "org" and not who.lower().startswith("the "):
            who = "The " + who if not who.isupper() else who
        date = _date_words(art.date)
        when = f" on {date}" if date else ""
        refs = "".join(f"[{x}]" for x in [n, *others])
        body = _display_text(st.text)
        if st.kind == "quote":
            lines.append(f"{who} {_cue_past(st.cue)}{when} {refs}: “{body}”")
        elif st.cue == "according to":
            lines.append(f"According to {who.rstrip(',')}{when} {refs}: {body}")
        else:
            bridge = _bridge(art.text, st)
            lines.append(f"{who} {_cue_past(st.cue)}{when} {refs}{bridge}{body}")
        quotes.append(Quote(speaker=sp.name, role=role, text=st.text, cue=st.cue, citation=n,
                            start=st.start, end=st.end, kind=st.kind, also_in=tuple(others)))

    if not quotes:
        return Answer(question=question, text=f"I found no statements by {parsed.who} that I "
                      "could verify in the indexed articles.", no_answer=True, as_of=as_of)

    head = ""
    if off_topic:
        head = (f"I found no statements by {main.name} about {parsed.topic}. "
                f"Here is what {main.name} said in the indexed articles:\n")
    rest = total - len(quotes)
    tail = f"\n({rest} more statement{'s' if rest != 1 else ''} by {main.name} not shown.)" \
        if rest > 0 and not parsed.topic else ""
    text = head + "\n".join(lines) + tail

    # citations, numbered in order of first use
    by_hash: dict[str, list[Article]] = defaultdict(list)
    for a in articles.values():
        by_hash[a.text_hash].append(a)
    citations = []
    for aid, n in sorted(numbers.items(), key=lambda kv: kv[1]):
        art = articles[aid]
        st = cite_first[aid]
        ps, pe = _paragraph(art.text, st.start, st.end)
        copies = tuple(_source_ref(a) for a in by_hash[art.text_hash] if a.id != aid)
        citations.append(Citation(
            n=n, article_id=aid, title=art.title, source=art.source, date=art.date, url=art.url,
            path=art.path, start=ps, end=pe, text=art.text[ps:pe], score=cite_score[aid],
            also_in=copies))
    return Answer(question=question, text=text, no_answer=False, citations=tuple(citations),
                  quotes=tuple(quotes), as_of=as_of)


def _bridge(text: str, st: Statement) -> str:
    """' that ' when the article puts 'that' between the cue and the content, else ': '."""
    lo = max(0, st.start - 80)
    seg = text[lo:st.start]
    k = seg.rfind(st.cue)
    if k >= 0 and re.search(r"\bthat\s*$", seg[k + len(st.cue):]):
        return " that "
    return ": "
