"""Answers to "what did X say?": a speaker's statements, ranked, verified and cited.

`answer_about_person(question, source, embed, k=, filters=, search=)` returns None when the
question is not about what someone said (the passage search answers it), else an Answer built
only from statements attributed to that speaker:

- **Who**: the question is read by `questions`; X is matched to a speaker of the index's
  `identity.SpeakerDirectory` (a name, a surname, a role, an institution, a group, an outlet).
  A name that speaks nowhere gets a plain no_answer, never someone else's words; a surname that
  several people share means the most quoted one unless another's statement comes clearly
  closer to the topic (stored cosine plus the topic's words).
- **Ranking**: with a topic, by cosine of topic and statement (stored statement vectors when the
  index has them, else embedded here) plus word overlap with the statement and its paragraph;
  unrelated statements are left out. With a `search` (the passage search of any question), "X T"
  is searched too: its best passages where X speaks are fused into the statements' ranking (a
  statement inside one comes up; the best one is always cited), cited beside the quotes (the
  sentences on T shown) while fewer than k articles are, and the citation of an article already
  cited takes in its passages found, so that the passage where X speaks about T is cited even
  when its statement was not extracted. When no statement is related, those passages answer
  before the topic is given up. Without a topic, newest articles
  first, statements taken in turn from each article.
- **Once, with all sources**: the same statement in several articles is shown once, the other
  articles cited with it; one citation per passage shown, so every quote lies inside its own.
- **Verified**: every statement is checked, just before it is shown, to be word for word the
  article text at its offsets (`verify_quote`).
- **By index**: the source is read through the `sources.StatementSource` seam only; what every
  question shares (the directory, the newest date, copies of articles) is computed once per
  source and remembered.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from ..chunking import split_sentences
from ..lexical import query_terms
from ..models import Answer, Article, Citation, Filters, Quote, SourceRef, Statement
from ..store.base import Scope, SpeakerStatements, date_number
from .entities import (
    is_media,
)
from .identity import (
    Speaker,
    SpeakerDirectory,
    analyse_who,
    fold,
    is_group,
    is_speaker_phrase,
    looks_org,
    match_group,
    match_name,
    match_named_org,
    match_org,
    match_role,
    name_tokens,
    normalise_text,
)
from .lexicon import (
    FUNC_CAPS,
    ING_PAST,
    ORG_HEADS,
    PLACES,
    STOP,
    SUFFIXES,
    TITLE_ABBREV,
    TITLES,
    words,
)
from .questions import (
    PersonQuestion,
    parse_person_question,
)
from .sources import PassageHit, PassageSearch, StatementSource, word_pattern

Embed = Callable[[list[str]], np.ndarray]
MAX_EMBEDDED = 300  # statements embedded per question at most (pre-ranked lexically)
CANDIDATES = 300  # a speaker's statements read per question at most (chosen by the store)
NEWEST = 60  # without a topic: the statements of the newest articles read
GROUPED = 60  # the best statements grouped into the answer's candidates
MIN_COSINE = 0.30  # below this, a statement is unrelated to the topic...
MIN_CONTEXT_OVERLAP = 0.5  # ...unless its paragraph holds this share of the topic's words
MENTION_PASSAGES = 500  # passages read to count the articles that mention an absent name
PASSAGES_SEARCHED = 30  # passages of "X T" searched beside the statements (topic questions)
FUSION_K = 10  # reciprocal-rank fusion of statements and passages: 1 / (FUSION_K + rank)
PASSAGE_WEIGHT = 1.0  # the passage ranking's weight in that fusion
BESIDE = 5  # passages where X speaks about T shown beside the quotes, at most
NEAR_PASSAGE = 400  # characters: a statement this close to a passage found belongs to it


_TITLES_BEFORE_NAME = words("titles_before_name")


def title_before_name(role: str | None) -> bool:
    """Whether a speaker's role is a title that reads before the name: an abbreviated one
    ("Dr.", "Sen.", "Rev.": "Dr. Jane Roe") or a royal or religious one in words ("King",
    "Pope"), not after it as a role in words does ("Dmitry Peskov, Kremlin spokesman")."""
    r = str(role or "").lower()
    last = r.rsplit(maxsplit=1)[-1] if r else ""
    # "Democratic Minnesota Sen.": a title led by its party or place reads before it too
    return bool(r) and (r in TITLE_ABBREV or r in _TITLES_BEFORE_NAME
                        or (last.endswith(".") and last in TITLE_ABBREV))


def short_name(name: str) -> str:
    """How an answer names a person again: the surname, not a suffix or an initial after it
    ("Abdullah II" -> "Abdullah", "Robert F. Kennedy Jr." -> "Kennedy")."""
    toks = name.split()
    for t in reversed(toks):
        if t.lower() not in SUFFIXES and not re.fullmatch(r"[A-Z]\.?", t):
            return t.rstrip(",")
    return toks[-1] if toks else name


def verify_quote(statement: Statement, article_text: str) -> bool:
    """Does the statement's text occur, word for word, in the article at its offsets?"""
    s, e = statement.start, statement.end
    return (
        0 <= s < e <= len(article_text)
        and bool(statement.text.strip())
        and article_text[s:e] == statement.text
    )


_WORDS = re.compile(r"[\w’'\-]+")


@lru_cache(maxsize=1 << 17)  # the same words recur in every paragraph read
def _stem(w: str) -> str:
    w = fold(w)
    for suf in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "es", "ed", "s", "e"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]  # "removing", "removed", "remove" -> "remov"
    return w


def _topic_terms(topic: str | None) -> list[str]:
    if not topic:
        return []
    words = re.findall(r"[\w’'\-]+", topic)
    return sorted({_stem(w) for w in words if w.lower() not in STOP and len(w) > 1})


@lru_cache(maxsize=1 << 14)  # statements and paragraphs recur: copies of a story, one speaker
def _terms(text: str) -> frozenset[str]:
    return frozenset(map(_stem, set(_WORDS.findall(text))))


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
        key = normalise_text(st.text)
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
          embed: Embed | None, stored: Callable[[list[Statement]], np.ndarray | None]
          ) -> list[_Group]:
    terms = _topic_terms(topic)
    if not terms:
        return _order_without_topic(groups, articles)
    tset = set(terms)
    shared: dict[tuple[str, int], int] = {}  # (article, paragraph start) -> topic words in it

    def in_paragraph(aid: str, text: str, ps: int, pe: int) -> int:
        got = shared.get((aid, ps))
        if got is None:
            got = shared[(aid, ps)] = len(tset & _terms(text[ps:pe]))
        return got

    lex: list[tuple[float, float]] = []
    for g in groups:
        st = g.rep
        in_text = len(tset & _terms(st.text)) / len(tset)
        art = articles.get(st.article_id)
        ctx = 0.0
        if art is not None:
            # the statement's paragraph, and the next one when it goes on quoting (a long
            # quote's topic may come in a later paragraph)
            ps, pe = _paragraph(art.text, st.start, st.end)
            ctx = in_paragraph(art.id, art.text, ps, pe) / len(tset)
            k = pe
            while k < len(art.text) and art.text[k].isspace():
                k += 1
            ns, ne = _paragraph(art.text, k, k)
            if ne > ns and art.text[ns] in "“\"‘'":
                ctx = max(ctx, 0.8 * in_paragraph(art.id, art.text, ns, ne) / len(tset))
        lex.append((in_text, ctx))
    cos = {i: 0.0 for i in range(len(groups))}
    sims = stored([g.rep for g in groups]) if embed is not None and groups else None
    if sims is not None:  # the store ranked them by their stored vectors: every one has its cosine
        cos = {i: float(x) for i, x in enumerate(sims)}
    elif embed is not None and groups:
        # pre-rank lexically (newest first among equals), then embed the best few hundred
        order = sorted(range(len(groups)), key=lambda i: (-lex[i][0], -lex[i][1],
                                                          _date_key(groups[i], articles)))
        chosen = order[:MAX_EMBEDDED]
        emb = _embed_cached(embed, [topic or ""] + [" ".join(groups[i].rep.text.split())
                                                     for i in chosen])
        for i, sim in zip(chosen, emb[1:] @ emb[0], strict=True):
            cos[i] = float(sim)
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


def _rank_then_group(cands: list[Statement], topic: str | None,
                     articles: Mapping[str, Article], embed: Embed | None,
                     stored: Callable[[list[Statement]], np.ndarray | None], keep: int
                     ) -> list[_Group]:
    """The statements ranked one by one, then the best `keep` of them grouped (the same words
    in several articles are shown once), each group where its best member ranked."""
    ranked = _rank([_Group(members=[st]) for st in cands], topic, articles, embed, stored)
    top = ranked[:keep]
    pos: dict[tuple[str, int, int], int] = {}
    for i, g in enumerate(top):
        pos.setdefault((g.rep.article_id, g.rep.start, g.rep.end), i)

    def first(g: _Group) -> int:
        return min(pos[(m.article_id, m.start, m.end)] for m in g.members)

    groups = _group([g.rep for g in top], articles)
    for g in groups:
        best = top[first(g)]
        g.score, g.relevant = best.score, best.relevant
    return sorted(groups, key=first)


def _date_key(g: _Group, articles: Mapping[str, Article]) -> int:
    """Sorts newest first (no date last) as an ascending key."""
    art = articles.get(g.rep.article_id)
    return -date_number(art.date if art else None)


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
        return (-date_number(art.date if art else None), -len(by_article[aid]), aid)

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


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


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


_PRESENT_PAST = {"says": "said", "tells": "told", "writes": "wrote", "speaks": "spoke",
                 "thinks": "thought", "feels": "felt", "admits": "admitted", "quips": "quipped",
                 "slams": "slammed", "rebuts": "rebutted", "commits": "committed",
                 "reads": "read", "puts": "put", "sets": "set", "lets": "let", "sees": "saw",
                 "goes": "went", "hits": "hit"}


def _cue_past(cue: str) -> str:
    """A cue as the past tense an answer reports in: "saying" -> "said", and the present of a
    timeline or a headline ("Zelensky calls for …", "vows", "announces") -> "called for",
    "vowed", "announced"."""
    if not cue:
        return "said"  # 'Peskov: “...”': attributed with no verb
    if cue in ING_PAST:
        return ING_PAST[cue]
    if cue.endswith("ing") and len(cue) > 5:
        return cue[:-3] + "ed"
    verb, _, rest = cue.partition(" ")
    if verb in _PRESENT_PAST:
        past = _PRESENT_PAST[verb]
    elif len(verb) < 4 or not verb.endswith("s") or verb.endswith(("ss", "us", "is")) \
            or verb == "was":
        return cue
    elif verb.endswith(("shes", "ches", "xes", "zes", "sses")):
        past = verb[:-2] + "ed"  # "pushes" -> "pushed"
    elif verb.endswith("ies"):
        past = verb[:-3] + "ied"  # "denies" -> "denied"
    elif verb.endswith("es"):
        past = verb[:-1] + "d"  # "announces" -> "announced", "urges" -> "urged"
    else:
        past = verb[:-1] + "ed"  # "calls" -> "called", "vows" -> "vowed"
    return f"{past} {rest}" if rest else past


def display_text(text: str) -> str:
    """The statement's words on one line (a quote over several paragraphs keeps its words)."""
    t = re.sub(r"\s*\n+\s*[“\"]?", " ", text)
    return " ".join(t.split())


def _source_ref(art: Article) -> SourceRef:
    return SourceRef(article_id=art.id, title=art.title, source=art.source, date=art.date,
                     url=art.url)


class _Context:
    """What every question over one source shares, computed once per source (an index
    generation): the speaker directory, the newest date, articles by text hash."""

    def __init__(self, source: StatementSource) -> None:
        self.source = source
        self.directory = SpeakerDirectory(
            source.speaker_names(),
            role_source=lambda: (st for _i, st in
                                 source.statements_by_speaker(source.speaker_names())),
            # the store's speaker -> role table (no statement read), where the source has one
            role_counts=getattr(source, "speaker_roles", None),
        )
    @cached_property
    def as_of(self) -> str | None:
        return max((a.date for a in self.source.articles.values() if a.date), default=None)

    @cached_property
    def by_text(self) -> dict[str, list[Article]]:
        """normalised-text hash -> the articles with that text (hashes stored by the index)."""
        out: dict[str, list[Article]] = defaultdict(list)
        for aid, h in self.source.text_hashes.items():
            out[h].append(self.source.articles[aid])
        return out

    def copies(self, art: Article) -> list[Article]:
        """Other articles with exactly this article's text (syndicated copies)."""
        return [a for a in self.by_text.get(self.source.text_hashes[art.id], [])
                if a.id != art.id]


_CONTEXTS: list[_Context] = []


def _context(source: StatementSource) -> _Context:
    """The context of this source, remembered for the last two sources (a snapshot never
    changes; the cache holds the source itself, so its id is never confused with a new one)."""
    for ctx in _CONTEXTS:
        if ctx.source is source:
            return ctx
    ctx = _Context(source)
    _CONTEXTS.insert(0, ctx)
    del _CONTEXTS[2:]
    return ctx


def prepare(source: StatementSource) -> None:
    """Build what person questions over this source share (the speaker directory, the newest
    date, the table of copies) now, so that the first person question is as fast as the rest."""
    ctx = _context(source)
    ctx.directory.with_role_words(set())  # the role index, from the store's role table
    _ = ctx.as_of, ctx.by_text


def _mentions(source: StatementSource, name: str) -> int:
    """In how many articles the name occurs (a full name as a whole, with an optional middle
    initial; a single name as a word), among the passages the lexical index finds for it."""
    who = name_regex(name)
    if who is None:
        return 0
    rx = re.compile(who)
    found: set[str] = set()
    for row, _score in source.lexical_search(query_terms(name), MENTION_PASSAGES):
        p = source.passage(row)
        if p.article_id not in found and rx.search(p.text):
            found.add(p.article_id)
    return len(found)


def _used_in_lower_case(source: StatementSource) -> Callable[[str], bool]:
    """Does some passage use this word in lower case (so it is an ordinary word, not a name)?"""

    def used(word: str) -> bool:
        rx = re.compile(r"\b" + re.escape(word) + r"\b")
        return any(rx.search(source.passage(row).text)
                   for row, _s in source.lexical_search([word], 50))

    return used


_SPEECH_CUES = (r"(?:said|says|told|tells|stated|states|announced|announces|reported|reports|"
                r"wrote|writes|added|adds|warned|warns|argued|argues|urged|urges|claimed|"
                r"claims|insisted|insists|noted|notes|explained|explains|confirmed|confirms|"
                r"called\s+for|calls\s+for|asked|asks|estimated|estimates|predicted|predicts|"
                r"posted|posts|tweeted|revealed|reveals|shared|shares|denied|denies|"
                r"acknowledged|acknowledges|recommended|recommends|advised|advises|"
                r"disclosed|discloses|found|finds|say|argue|warn|claim|insist|note|contend|"
                r"contends|contended|tweeting|writing|saying)")
_SPEECH_ADVERBS = r"(?:also|has|had|have|later|then|previously|recently|publicly|reportedly|once)"
# what stands between a speaker and the cue: "on Tuesday", "in a statement", "last week"
_SPEECH_GAP = (r"(?:,?\s+(?:on\s+[A-Z]\w+|in\s+an?\s+(?:[\w-]+\s+){0,2}?(?:statement|post|"
               r"interview|report|release|letter|email|filing|update)|last\s+\w+|"
               r"earlier\s+this\s+\w+|this\s+week),?)?")
# who speaks for a speaker, after its possessive: "Cawthorn's office", "Del Lago's owners"
_SPEAKING_PARTS = (r"(?:office|spokes\w+|statement|report|website|account|post|officials|"
                   r"lawyers?|attorneys?|representatives|owners|campaign|team|aides?|family|"
                   r"administration|government|ministry|lawsuit|filing)")
_SPEECH_ING = (r"(?:saying|explaining|adding|arguing|noting|writing|telling|warning|insisting|"
               r"claiming|stating|calling\s+for|urging|acknowledging)")
# cues that may come before the speaker: "said X", never "told X" (X is the one told)
_CUE_BEFORE_NAME = (r"(?:said|says|added|adds|wrote|writes|noted|notes|explained|explains|"
                    r"warned|warns|argued|argues|continued|recalled|recalls|stated|insisted)")
# the people who speak for an institution: "officials at X said", "a spokesperson for X said"
_SPEAKING_FOR = (r"(?:officials|organi[sz]ers|representatives|spokes\w+|lawyers|attorneys|"
                 r"executives|staff|leaders)\s+(?:at|for|with|from|of)\s+(?:the\s+)?")


def name_regex(name: str) -> str | None:
    """A name as articles write it: its capitalised words (not titles, not "The"), the small
    words inside it as they are ("Department of Health and Human Services"), each word's
    capital first and the rest in any case ("Mcconnell" asked, "McConnell" written), an acronym
    exactly, a leading "U.S." optional. None for a name with no capitalised word."""
    words = re.findall(r"[\w’'\-]+", re.sub(r"\b(?:[A-Z]\.){2,}\s*", "", name))
    own = next((i for i, t in enumerate(words) if re.search(r"['’]s$", t)), None)
    if own is not None:  # "Cawthorn's office": the name is Cawthorn (its part is read after)
        words = [*words[:own], re.sub(r"['’]s$", "", words[own])]
    keep = [i for i, t in enumerate(words) if t[:1].isupper() and
            t.lower() not in FUNC_CAPS and t.lower() not in TITLES]
    if not keep:  # a surname that is also a title ("What did Pope say?"), a group
        keep = [i for i, t in enumerate(words) if t[:1].isupper() and
                t.lower() not in ("the", "a", "an")][-1:]
    if not keep:
        return None
    toks = [t if not t[:1].isupper() else t if t.isupper() else f"{t[0]}(?i:{re.escape(t[1:])})"
            for t in words[keep[0]:keep[-1] + 1]]
    return word_pattern(toks, escaped=False).pattern


def speaking_pattern(name: str) -> re.Pattern[str] | None:
    """Where an article has a name speak, in words the extractor may not have read as a
    statement: "NAME said", "NAME's office said", "NAME, the …, said", "…," said NAME,
    "according to (a poll by) NAME", "NAME did this, saying …". None for a name with no
    capitalised word."""
    who = name_regex(name)
    if who is None:
        return None
    # the speaker, or its office, lawyers, owners …: "Cawthorn's office said"
    subj = rf"{who}(?:['’]s?\s+{_SPEAKING_PARTS})?"
    clause = r"(?:[^.;!?\"“”\n]|(?<=[A-Z])\.|\.(?=,))"  # within a sentence; "D-Md.," inside
    adv = rf"(?:{_SPEECH_ADVERBS}\s+)?"
    return re.compile(
        rf"(?:{_SPEAKING_FOR})?{subj}{_SPEECH_GAP},?\s+{adv}{_SPEECH_CUES}\b"
        rf"|\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'\-]+\s+){{0,2}}?{who}"
        # "…," said Ernie Tedeschi; "…," says Sen. Ron Wyden (a title between)
        rf"|\b{_CUE_BEFORE_NAME}\s+(?:[A-Z][\w.\-]*\s+){{0,3}}?{who}\s*(?:[,.;:]|$)"
        # "Roger Williams, a Texas Republican who coaches the team, told CNN"
        rf"|{subj},\s+{clause}{{1,140}}?,\s+{adv}{_SPEECH_CUES}\b"
        # "Antonio Delgado, who said on social media"; "Specter and Van Dyke said"
        rf"|{subj}(?:\s+[a-z]+){{0,4}},\s+who\s+{adv}{_SPEECH_CUES}\b"
        rf"|{who}\s+and\s+(?:[A-Z][\w.’'\-]*\s+){{1,3}}{adv}{_SPEECH_CUES}\b"
        # the speaker does something, then speaks: "Cawthorn's office has sought to tamp down
        # the backlash, explaining …"; "the ELN agreed to a cease-fire and said …"
        rf"|{subj}\s+(?:has\s+|have\s+|had\s+)?[a-z]+(?:ed|s)\s+{clause}{{0,160}}?"
        rf"(?:,\s+{_SPEECH_ING}|\s+and\s+{adv}{_SPEECH_CUES})\b")


# the parts of a country, state or city that speak for it: "Israel's Foreign Ministry"
_GOVERNMENT_PARTS = frozenset(
    "government ministry officials military forces army navy authorities embassy cabinet "
    "department presidency police".split())


def _place_speaking(place: str, directory: SpeakerDirectory) -> list[Speaker]:
    """A place asked about as a speaker: the institution of that name and the parts of its
    government named after it ("Israel", "Israel Defense Forces"), not every body named after
    it ("Michigan First Credit Union")."""
    q = name_tokens(place)
    return [sp for sp in match_named_org(q, directory)
            if sp.key == " ".join(q) or _GOVERNMENT_PARTS & set(sp.key.split()[len(q):])]


def _in_scope(art: Article, filters: Filters) -> bool:
    """Whether an article is inside a question's dates and outlet."""
    if filters.since and (not art.date or art.date[:10] < filters.since):
        return False
    if filters.until and (not art.date or art.date[:10] > filters.until):
        return False
    return not filters.source or filters.source.lower() in (art.source or "").lower()


UNQUOTED_PASSAGES = 3  # passages shown where a speaker with no statement speaks


def _unquoted_speaker(question: str, parsed: PersonQuestion, ctx: _Context,
                      search: PassageSearch | None, k: int, filters: Filters) -> Answer | None:
    """Nobody of that name has a statement, but the articles may still have them speak in
    words the extractor did not take ("the RAC said fuel would cost more", "according to a
    Gallup poll"): the passage search's best passages for "X T" in which X speaks that way (and,
    for a topic, that hold a word of it) are shown, verbatim and cited, and said to be
    passages, not quotes. None when there is none (the plain "no statements" answer then)."""
    who = re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"['’]s$", "", parsed.who.strip()), flags=re.I)
    rx = speaking_pattern(who)
    if search is None or rx is None or filters.speaker:
        return None
    articles = ctx.source.articles
    terms = set(_topic_terms(parsed.topic or ""))
    found: list[tuple[PassageHit, list[tuple[int, int]]]] = []
    seen: set[str] = set()
    for h in search(f"{who} {parsed.topic or ''}".strip(), PASSAGES_SEARCHED):
        art = articles.get(h.article_id)
        if art is None or h.article_id in seen or not _in_scope(art, filters):
            continue
        sents = [(sp.start, sp.end) for sp in split_sentences(art.text, h.start, h.end)
                 if rx.search(art.text, sp.start, sp.end)]
        if not sents:
            continue
        if terms and not terms & _terms(art.text[h.start:h.end]):
            continue
        if terms:  # the speaking sentences that hold the topic first
            body = art.text
            sents.sort(key=lambda se: not terms & _terms(body[se[0]:se[1]]))
        seen.add(h.article_id)
        found.append((h, sorted(sents[:EXCERPT_SENTENCES])))
        if len(found) >= min(k, UNQUOTED_PASSAGES):
            break
    if not found:
        return None
    citations, lines = [], []
    for n, (h, sents) in enumerate(found, 1):
        art = articles[h.article_id]
        lo, hi = min(h.start, sents[0][0]), max(h.end, sents[-1][1])
        copies = tuple(_source_ref(a) for a in ctx.copies(art))
        citations.append(Citation(
            n=n, article_id=art.id, title=art.title, source=art.source, date=art.date,
            url=art.url, path=art.path, start=lo, end=hi, text=art.text[lo:hi],
            score=1.0 / n, also_in=copies))
        parts = [" ".join(art.text[a:b].split()) for a, b in sents]
        date = _date_words(art.date)
        lines.append(f"[{n}]{f' ({date})' if date else ''} " + " … ".join(parts))
    about = f" about {parsed.topic}" if parsed.topic else ""
    name = re.sub(r"['’]s$", "", parsed.who.strip())
    head = (f"I found no statement attributed to {name} that I could quote; these passages "
            f"say what {name} said{about}:")
    return Answer(question=question, text="\n".join([head, *lines]), no_answer=False,
                  citations=tuple(citations), as_of=ctx.as_of)


def _no_answer(question: str, who: str, source: StatementSource, as_of: str | None,
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
        n = _mentions(source, shown)
        if n:
            text += (f" {shown} is mentioned in {n} article{'s' if n != 1 else ''}, but I found "
                     "no statement attributed to them there.")
    return Answer(question=question, text=text, no_answer=True, as_of=as_of)


def answer_about_person(question: str, source: StatementSource, embed: Embed | None, *,
                        k: int = 5, filters: Filters = Filters(),
                        search: PassageSearch | None = None) -> Answer | None:
    """Answer a question about what a person or institution said, or None if it is not one.

    `source`: the index (a `Snapshot`, or a `StatementTable`). `embed`: the embedding model,
    for ranking statements by topic (None: by words only). `search`: the general passage
    search, used when none of the speaker's statements is about the topic, to look for the
    topic in the passages where the speaker speaks before giving up on it.
    """
    parsed = parse_person_question(question)
    if filters.speaker:
        topic = parsed.topic if parsed else _residual_topic(question, filters.speaker)
        parsed = PersonQuestion(who=filters.speaker, topic=topic)
    if parsed is None:
        return None
    ctx = _context(source)
    articles = source.articles
    directory = ctx.directory
    who = analyse_who(parsed.who)
    group = is_group(parsed.who)
    bare = re.sub(r"^(?:the|a|an)\s+", "", parsed.who, flags=re.I)
    if group is not None:
        matched = match_group(group, directory)
    elif bare.lower() in PLACES and (named := _place_speaking(bare, directory)):
        # "What did Israel say?": the country speaking, never Israel Katz or "Supporters of
        # Israel"
        matched = named
    elif who.org and looks_org(bare):
        # "the Pan American Health Organization": an institution, never a person called Pan
        matched = match_org(who, directory)
    else:
        matched = match_name(who, directory) if who.name else []
        if not matched and who.role:
            matched = match_role(who, directory)
        if not matched and (who.org or who.name) and not who.role:
            matched = match_org(who, directory)
    scope = Scope(since=filters.since, until=filters.until, source=filters.source)
    fetched: dict[str, SpeakerStatements] = {}
    topic = parsed.topic

    @lru_cache(maxsize=1)
    def topic_vector() -> np.ndarray | None:
        """The store ranks the statements by it: embedded once, only when a speaker matched."""
        if embed is None or not _topic_terms(topic):
            return None
        return np.asarray(embed([topic or ""]), dtype=np.float32)[0]

    def statements_of(sp: Speaker) -> SpeakerStatements:
        qv = topic_vector()
        if sp.key not in fetched:
            fetched[sp.key] = source.speaker_statements(
                sp.forms, qv, CANDIDATES if qv is not None else max(NEWEST, 12 * k), scope)
        return fetched[sp.key]

    namesakes: list[Speaker] = []
    if len(matched) > 1 and len(who.name) == 1 and all(sp.kind == "person" for sp in matched):
        # several people share the surname: the one who speaks most, unless only another
        # one speaks about the topic ("What did Johnson say about Theresa May?")
        best = _namesake_for_topic(matched, parsed.topic, articles, statements_of)
        matched, namesakes = [best], [sp for sp in matched if sp is not best][:4]
    if not matched:
        if group is not None:  # "Democrats said …" may still be written where none is quoted
            return (_unquoted_speaker(question, parsed, ctx, search, k, filters)
                    or _no_answer(question, parsed.who, source, ctx.as_of, filters,
                                  had_any=False))
        if not filters.speaker and is_media(parsed.who):
            # "What did Reuters say?": the passages where it reports, else the passage answer
            return _unquoted_speaker(question, parsed, ctx, search, k, filters)
        if not filters.speaker and not is_speaker_phrase(who, _used_in_lower_case(source)):
            return None
        if not filters.speaker and parsed.who.lower() in PLACES:
            return None  # "Russia's response to sanctions": let the passages answer
        return (_unquoted_speaker(question, parsed, ctx, search, k, filters)
                or _no_answer(question, parsed.who, source, ctx.as_of, filters, had_any=False))

    # the speaker's statements in the scope (the closest to the topic, or the newest, at most
    # CANDIDATES of them, chosen by the store), verified
    cands: list[Statement] = []
    cosine: dict[tuple[str, int, int], float] = {}
    ranked_by_store = True
    total = read = 0
    for sp in matched:
        got = statements_of(sp)
        total += got.total
        read += len(got.items)
        if got.items:  # a speaker with nothing in the scope says nothing about the ranking
            ranked_by_store &= got.ranked
        if not sp.roles:
            directory.add_roles(st for _i, st, _c in got.items)
        for _sid, st, cos in got.items:
            art = articles.get(st.article_id)
            if art is None or not verify_quote(st, art.text):
                continue
            cands.append(st)
            cosine[(st.article_id, st.start, st.end)] = cos
    if not cands:
        had_any = any(sp.count for sp in matched)
        return ((None if had_any else _unquoted_speaker(question, parsed, ctx, search, k,
                                                        filters))
                or _no_answer(question, parsed.who, source, ctx.as_of, filters, had_any=had_any))

    def stored(sts: list[Statement]) -> np.ndarray | None:
        if not ranked_by_store:
            return None
        return np.array([cosine[(st.article_id, st.start, st.end)] for st in sts],
                        dtype=np.float32)

    ranked = _rank_then_group(cands, parsed.topic, articles, embed, stored, GROUPED)
    # statements not ranked among the best are counted as they are (not grouped)
    count = len(ranked) + max(0, len(cands) - GROUPED) + (total - read)
    relevant = [g for g in ranked if g.relevant]
    off_topic = bool(parsed.topic) and not relevant
    if off_topic and search is not None and parsed.topic:
        found = _search_own_passages(parsed.topic, matched, cands, _group(cands, articles),
                                     articles, search, k)
        if found is not None:
            relevant, passages = found
            answer = _compose(question, parsed, matched, relevant[:k], count, False,
                              ctx, extra=passages)
            return answer
    hits: list[PassageHit] = []
    if relevant and parsed.topic and search is not None:
        hits = _passages_where_speaking(parsed.topic, matched[0], cands, articles, search)
        relevant = _fuse_with_passages(relevant, hits)
    room = k
    if hits and k > 1 and not any(m.article_id == hits[0].article_id
                                  for g in relevant[:k] for m in g.members):
        room = k - 1  # the search's best passage is cited: the last quote makes room for it
    shown = (relevant if relevant else ranked)[:room]
    nearby: list[_Group] = []
    if parsed.topic and relevant and len(shown) < room:
        nearby = _said_nearby(shown, hits, cands, articles, room - len(shown))
    answer = _compose(question, parsed, matched, shown + nearby, count, off_topic, ctx,
                      more=relevant[room:] if parsed.topic else (), k=k, also=hits,
                      nearby=len(nearby))
    if namesakes and not answer.no_answer:
        names = ", ".join(sp.name for sp in namesakes)
        answer = replace(answer, text=answer.text + f"\n(Others named {parsed.who} also speak in "
                         f"the indexed articles: {names}. Ask for them by full name.)")
    return answer


def _passages_where_speaking(topic: str, speaker: Speaker, cands: list[Statement],
                             articles: Mapping[str, Article], search: PassageSearch
                             ) -> list[PassageHit]:
    """The passage search's best passages for "X T" (fused dense + lexical, as for any
    question) that hold a word of T and are where X speaks: in an article that quotes X, or
    naming X."""
    own = {st.article_id for st in cands}
    terms = set(_topic_terms(topic))
    named = word_pattern([short_name(speaker.name)] if speaker.kind == "person"
                         else speaker.name.split())
    out = []
    for h in search(f"{speaker.name} {topic}", PASSAGES_SEARCHED):
        text = articles[h.article_id].text[h.start:h.end] if h.article_id in articles else ""
        if terms & _terms(text) and (h.article_id in own or named.search(text)):
            out.append(h)
    return out


def _said_nearby(shown: list[_Group], hits: Sequence[PassageHit], cands: list[Statement],
                 articles: Mapping[str, Article], n: int) -> list[_Group]:
    """Fewer statements are about the topic than the answer has room for: the speaker's other
    statements in the articles it already draws on (those of the statements shown, then those
    of the passages found where the speaker speaks about the topic), at most `n`, the closest
    to a statement shown or a passage found first. A long quote's topic often comes in another
    sentence of the same interview."""
    anchors: dict[str, list[tuple[int, int]]] = {}
    for g in shown:
        anchors.setdefault(g.rep.article_id, []).append((g.rep.start, g.rep.end))
    for h in hits[:BESIDE]:
        anchors.setdefault(h.article_id, []).append((h.start, h.end))
    order = {aid: i for i, aid in enumerate(anchors)}
    taken = [(m.article_id, m.start, m.end) for g in shown for m in g.members]

    def distance(st: Statement) -> int:
        return min(max(0, s - st.end, st.start - e) for s, e in anchors[st.article_id])

    near = [st for st in cands if st.article_id in anchors
            and not any(aid == st.article_id and s < st.end and st.start < e
                        for aid, s, e in taken)]
    near.sort(key=lambda st: (order[st.article_id], distance(st), st.start))
    out = _group(near, articles)
    out.sort(key=lambda g: (order[g.rep.article_id], distance(g.rep)))
    for g in out:
        g.score, g.relevant = 0.0, False
    return out[:n]


def _covered_by(g: _Group, h: PassageHit) -> bool:
    return any(m.article_id == h.article_id and m.start < h.end and m.end > h.start
               for m in g.members)


def _fuse_with_passages(groups: list[_Group], hits: Sequence[PassageHit]) -> list[_Group]:
    """The statements about the topic, reordered by fusing their ranking with the passage
    search's: a statement inside a passage the search ranks high comes up (reciprocal-rank
    fusion), so that the passage where X speaks about T is quoted even when the statement's own
    words rank it lower."""
    if not hits:
        return groups
    fused = {}
    for i, g in enumerate(groups):
        r = next((j for j, h in enumerate(hits) if _covered_by(g, h)), None)
        fused[id(g)] = 1.0 / (FUSION_K + i) + (PASSAGE_WEIGHT / (FUSION_K + r)
                                               if r is not None else 0.0)
    return sorted(groups, key=lambda g: -fused[id(g)])


def _search_own_passages(topic: str, matched: list[Speaker], cands: list[Statement],
                         groups: list[_Group], articles: Mapping[str, Article],
                         search: PassageSearch, k: int
                         ) -> tuple[list[_Group], list[PassageHit]] | None:
    """No statement of X is about T: search the passages where X speaks (in an article quoting
    X, or naming X) for T (fused retrieval, as for any question). Statements of X inside or
    next to a passage found are shown first; the passages are cited. None when no such
    passage exists."""
    hits = _passages_where_speaking(topic, matched[0], cands, articles, search)[:k]
    if not hits:
        return None
    chosen: list[_Group] = []
    for h in hits:
        near = [g for g in groups
                if any(m.article_id == h.article_id and m.start < h.end + NEAR_PASSAGE
                       and m.end > h.start - NEAR_PASSAGE for m in g.members)]
        near.sort(key=lambda g: min(abs(m.start - h.start) for m in g.members
                                    if m.article_id == h.article_id))
        for g in near:
            if g not in chosen:
                chosen.append(g)
    for i, g in enumerate(chosen):
        g.score = 1.0 / (1 + i)
        g.relevant = True
    return chosen, hits


NAMESAKES_READ = 40  # people sharing a surname compared for a topic question (most quoted first)
NAMESAKE_MARGIN = 0.1  # how much closer to the topic another namesake must be to be meant
NAMESAKE_TOP = 20  # a namesake's statements closest to the topic that are compared


def _namesake_for_topic(cands: list[Speaker], topic: str | None,
                        articles: Mapping[str, Article],
                        statements_of: Callable[[Speaker], SpeakerStatements]
                        ) -> Speaker:
    """Among people sharing a surname (most statements first), the one meant: the one whose
    statement comes closest to the topic (its stored cosine, plus the share of the topic's words
    it holds, and its paragraph), the most quoted unless another comes clearly closer
    (NAMESAKE_MARGIN). Without stored vectors the words alone decide."""
    terms = set(_topic_terms(topic))
    if not terms:
        return cands[0]

    def closeness(sp: Speaker) -> float:
        got = statements_of(sp)
        best = -1.0
        for _sid, st, cos in got.items[:NAMESAKE_TOP if got.ranked else None]:
            own = len(terms & _terms(st.text)) / len(terms)
            art = articles.get(st.article_id)
            para = 0.0
            if art is not None:
                ps, pe = _paragraph(art.text, st.start, st.end)
                para = len(terms & _terms(art.text[ps:pe])) / len(terms)
            best = max(best, (cos if got.ranked else 0.0) + 0.15 * own + 0.1 * para)
        return best

    best = cands[0]
    bar = closeness(best) + NAMESAKE_MARGIN
    for sp in cands[1:NAMESAKES_READ]:
        c = closeness(sp)
        if c > bar:
            best, bar = sp, c
    return best


def _residual_topic(question: str, speaker: str) -> str | None:
    words = [w for w in re.findall(r"[\w’'\-]+", question)
             if w.lower() not in STOP and fold(w) not in name_tokens(speaker)]
    return " ".join(words) or None


_NEXT_TO = 400  # characters between paragraphs for a citation to be widened over both


def _compose(question: str, parsed: PersonQuestion, matched: list[Speaker],
             shown: list[_Group], total: int, off_topic: bool, ctx: _Context,
             extra: Sequence[PassageHit] = (), more: Sequence[_Group] = (),
             k: int = 5, also: Sequence[PassageHit] = (), nearby: int = 0) -> Answer:
    """The answer text, quotes and citations. `extra`: passages where the speaker speaks about
    the topic though no statement of theirs is (the topic fallback), cited first. `more`: the
    speaker's further statements about the topic, not shown: while fewer than `k` articles
    are cited, the articles holding them are cited too (a paragraph next to a citation
    widens it), and the answer points to them ("More by X about T in [4], [5]."). `nearby`:
    the last statements of `shown` are the speaker's other words in the same articles, shown
    under "Also in the cited article:"."""
    articles = ctx.source.articles
    directory = ctx.directory
    main = matched[0]
    keys = {sp.key for sp in matched}

    # one citation per article (one article is one source): it spans the paragraphs of the
    # statements shown from it (and the passages found by the topic fallback), so that every
    # quote's citation holds its words
    numbers: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    cite_score: dict[str, float] = {}

    def cite(aid: str, span: tuple[int, int], score: float) -> int:
        if aid not in numbers:
            numbers[aid] = len(numbers) + 1
            spans[aid] = span
            cite_score[aid] = score
        else:
            lo, hi = spans[aid]
            spans[aid] = (min(lo, span[0]), max(hi, span[1]))
        return numbers[aid]

    for h in extra:
        cite(h.article_id, (h.start, h.end), h.fused)

    lines: list[str] = []
    quotes: list[Quote] = []
    introduced: set[str] = set()
    headed = False
    for i, g in enumerate(shown):
        st = g.rep
        art = articles[st.article_id]
        if not verify_quote(st, art.text):  # checked again right before it is shown
            continue
        if nearby and i >= len(shown) - nearby and lines and not headed:
            several = len({x.rep.article_id for x in shown[i:]}) > 1
            lines.append(f"Also in the cited article{'s' if several else ''}:")
            headed = True
        sp = directory.speaker_of(st.speaker)
        if sp is None or sp.key not in keys:
            sp = main
        n = cite(st.article_id, _paragraph(art.text, st.start, st.end), g.score)
        # other articles carrying the same statement (not verbatim copies of this article)
        others: list[int] = []
        for m in g.members[1:]:
            if m.article_id == st.article_id:
                continue
            other = articles.get(m.article_id)
            if other is None or not verify_quote(m, other.text):
                continue
            if ctx.source.text_hashes[other.id] == ctx.source.text_hashes[art.id]:
                continue  # a copy of the whole article: listed with the citation instead
            n2 = cite(m.article_id, _paragraph(other.text, m.start, m.end), g.score)
            if n2 != n and n2 not in others:
                others.append(n2)
        role = st.role or sp.role
        if sp.name not in introduced:
            if sp.kind == "person" and title_before_name(role):
                who = f"{role} {sp.name}"  # "Dr. Jane Roe said", not "Jane Roe, Dr., said"
            else:
                who = sp.name + (f", {role}," if role and sp.kind == "person" else "")
            introduced.add(sp.name)
        else:
            who = short_name(sp.name) if sp.kind == "person" else sp.name
        if sp.kind == "org" and not who.lower().startswith("the ") and not is_group(who):
            who = _with_article(who)
        date = _date_words(art.date)
        when = f" on {date}" if date else ""
        cue = _cue_past(st.cue)
        if date and " " in cue.strip() and st.cue != "according to":
            # "called for on 29 March": a cue of several words keeps them together
            lead = "the" + who[3:] if who.startswith("The ") else who
            who, when = f"On {date}, {lead}", ""
        refs = "".join(f"[{x}]" for x in [n, *others])
        body = display_text(st.text)
        if st.kind == "quote":
            lines.append(f"{who} {cue}{when} {refs}: “{body}”")
        elif st.cue == "according to":
            lines.append(f"According to {who.rstrip(',')}{when} {refs}: {body}")
        else:
            bridge = _bridge(art.text, st)
            lines.append(f"{who} {cue}{when} {refs}{bridge}{body}")
        quotes.append(Quote(speaker=sp.name, role=role, text=st.text, cue=st.cue, citation=n,
                            start=st.start, end=st.end, kind=st.kind, also_in=tuple(others)))

    # passages where the speaker speaks about the topic that no quote shown lies in, while
    # fewer than `k` articles are cited (a passage next to a citation widens it)
    beside: list[PassageHit] = []
    for h in also:
        if len(beside) >= BESIDE:
            break
        if h.article_id in spans:
            # the article's citation takes the passage in (one citation per article, as
            # any answer merges the passages it cites from one article)
            cite(h.article_id, (h.start, h.end), h.fused)
            if not any(q.citation == numbers[h.article_id] and q.start < h.end
                       and q.end > h.start for q in quotes):
                beside.append(h)
        elif len(numbers) < k:
            cite(h.article_id, (h.start, h.end), h.fused)
            beside.append(h)

    further: list[int] = []
    for g in more:
        st = g.rep
        art = articles[st.article_id]
        if not verify_quote(st, art.text):
            continue
        para = _paragraph(art.text, st.start, st.end)
        if st.article_id in spans:
            lo, hi = spans[st.article_id]
            if max(para[0] - hi, lo - para[1]) <= _NEXT_TO:
                cite(st.article_id, para, g.score)  # next to the cited paragraphs: widen it
            continue
        if len(numbers) >= k:
            continue
        further.append(cite(st.article_id, para, g.score))

    passage_lines = []
    if further:
        refs = ", ".join(f"[{n}]" for n in further)
        passage_lines.append(f"More by {main.name} about {parsed.topic} in {refs}.")
    aid_of = {n: aid for aid, n in numbers.items()}
    taken = [(aid_of[q.citation], q.start, q.end) for q in quotes]  # spans shown
    for h in extra:
        n = numbers[h.article_id]
        if any(q.citation == n and h.start <= q.start and q.end <= h.end for q in quotes):
            continue
        text = _excerpt(articles[h.article_id].text, h, parsed.topic or "", main, taken)
        if text:
            passage_lines.append(f"[{n}] {text}")
    if beside:
        passage_lines.append(f"Where {main.name} and {parsed.topic} also come up:")
        for h in beside:
            text = _excerpt(articles[h.article_id].text, h, parsed.topic or "", main, taken)
            if text:
                passage_lines.append(f"[{numbers[h.article_id]}] {text}")
    if not quotes and not passage_lines:
        return Answer(question=question, text=f"I found no statements by {parsed.who} that I "
                      "could verify in the indexed articles.", no_answer=True, as_of=ctx.as_of)

    head = ""
    if off_topic:
        head = (f"I found no statements by {main.name} about {parsed.topic}. "
                f"Here is what {main.name} said in the indexed articles:\n")
    elif extra:
        head = (f"I found no statement by {main.name} about {parsed.topic} itself; these "
                f"passages are where {main.name} and {parsed.topic} come up:\n")
    rest = total - len(quotes)
    tail = f"\n({rest} more statement{'s' if rest != 1 else ''} by {main.name} not shown.)" \
        if rest > 0 and not parsed.topic else ""
    text = head + "\n".join(lines + passage_lines) + tail

    # citations, numbered in order of first use
    citations = []
    for aid, n in sorted(numbers.items(), key=lambda kv: kv[1]):
        art = articles[aid]
        ps, pe = spans[aid]
        copies = tuple(_source_ref(a) for a in ctx.copies(art))
        citations.append(Citation(
            n=n, article_id=aid, title=art.title, source=art.source, date=art.date, url=art.url,
            path=art.path, start=ps, end=pe, text=art.text[ps:pe],
            score=cite_score[aid], also_in=copies))
    return Answer(question=question, text=text, no_answer=False, citations=tuple(citations),
                  quotes=tuple(quotes), as_of=ctx.as_of)


EXCERPT_SENTENCES = 3  # sentences of a passage shown beside the quotes


def _with_article(org: str) -> str:
    """An institution as a sentence opens with it: "The Interior Ministry", "The Department of
    Health", "The Kremlin"; but "Hamas", "Israel", "Microsoft", "NATO" as they are."""
    low = org.lower()
    words = low.split()
    if org.isupper() or not words or re.search(r"['’]s\b", org):
        return org  # "Israel's Foreign Ministry"
    if ("the " + low) in PLACES:
        return "The " + org
    if low in PLACES:
        return org
    return "The " + org if words[-1] in ORG_HEADS or " of " in low else org


def _excerpt(text: str, h: PassageHit, topic: str, speaker: Speaker,
             taken: list[tuple[str, int, int]]) -> str:
    """The sentences of a passage found where X speaks about T that hold a word of T or name
    X (those holding most of T's words first, at most EXCERPT_SENTENCES, in the article's
    order), joined by " … "; the whole passage when none does. `taken`: the spans already
    shown (quotes, earlier excerpts; passages overlap): their sentences are not repeated, and
    the chosen ones are added. "" when nothing new is left. The citation holds it all."""
    terms = set(_topic_terms(topic))
    named = word_pattern([short_name(speaker.name)] if speaker.kind == "person"
                         else speaker.name.split())
    sents = [sp for sp in split_sentences(text, h.start, h.end)
             if not any(aid == h.article_id and s < sp.end and sp.start < e
                        for aid, s, e in taken)]
    if not sents:
        return ""
    score = {i: 2 * len(terms & _terms(text[sp.start:sp.end]))
             + bool(named.search(text[sp.start:sp.end])) for i, sp in enumerate(sents)}
    keep = sorted(sorted((i for i in score if score[i]), key=lambda i: -score[i])
                  [:EXCERPT_SENTENCES])
    if not keep:
        keep = list(range(len(sents)))
    taken.extend((h.article_id, sents[i].start, sents[i].end) for i in keep)
    parts = [" ".join(text[sents[i].start:sents[i].end].split()) for i in keep]
    out = parts[0]
    for prev, i, part in zip(keep, keep[1:], parts[1:], strict=False):
        out += (" " if i == prev + 1 else " … ") + part
    return out


def _bridge(text: str, st: Statement) -> str:
    """' that ' when the article puts 'that' between the cue and the content, else ': '."""
    lo = max(0, st.start - 80)
    seg = text[lo:st.start]
    k = seg.rfind(st.cue)
    if k >= 0 and re.search(r"\bthat\s*$", seg[k + len(st.cue):]):
        return " that "
    return ": "
