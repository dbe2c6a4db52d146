"""Speech cues: the verbs and phrases that attribute words to a speaker, as patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import (
    ING_CUES,
    PHRASE_CUES,
    QUOTE_ONLY_FORMS,
    SAY_FORMS,
    WEAK_FORMS,
)

CUE_KIND: dict[str, str] = {}
for _forms in SAY_FORMS.values():
    for _f in _forms:
        CUE_KIND[_f] = "say"
for _forms in QUOTE_ONLY_FORMS.values():
    for _f in _forms:
        CUE_KIND[_f] = "quote"
for _forms in WEAK_FORMS.values():
    for _f in _forms:
        CUE_KIND[_f] = "weak"
for _f in ING_CUES:
    CUE_KIND[_f] = "ing"
CUE_KIND["asking"] = "quote"
for _f in PHRASE_CUES:
    CUE_KIND[_f] = "say" if _f != "went on" else "quote"


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words`, factored by common prefix (much faster to match)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


CUE_RE = re.compile(
    r"\b(?:(?P<acc>[Aa]ccording to)|(?P<cue>" + _trie_pattern(CUE_KIND) + r"))\b"
)
ADVERBIAL_RE = re.compile(
    r"\s*,?\s*(?:"
    # 'said when asked about the remarks: “...', 'added of Zelensky: “...'
    r"when\s+asked\s+(?:about|whether|if|why|how|what)\b[^:;.\n]{1,100}(?=:)"
    r"|of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}(?=\s*:|,\s*“)"
    # 'said on The View: “...', 'said on Fox News Sunday, “...': the programme it was said on
    r"|on\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}(?=\s*[:,]\s*“)"
    r"|(?:on|last|this|early|late|earlier|later)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:on\s+)?(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{1,2}(?:,\s*\d{4})?"
    r"|(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{1,2}(?:,\s*\d{4})?"
    r"|(?:last|this|next|earlier this|later that|earlier that)\s+(?:week|month|year|weekend"
    r"|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)"
    # 'told reporters the following day that', 'said days later that'
    r"|the\s+(?:following|next|previous)\s+(?:day|morning|week|month)|the\s+day\s+(?:before|after)"
    r"|(?:days|weeks|months|hours)\s+(?:later|earlier)"
    r"|(?:earlier|later|recently|previously|again|also|publicly|privately|repeatedly"
    r"|yesterday|today|tonight|then|separately|afterward|afterwards|bluntly|flatly|simply"
    r"|firmly|strongly|however)"
    # 'wrote confidently: “...', 'said angrily, “...': a manner adverb before the quote
    r"|[a-z]{3,}ly(?=\s*[:,]?\s*“)"
    r"|in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}?(?:statement|interview"
    r"|post|tweet|speech|letter|email|e-mail|news\s+conference|press\s+conference|briefing"
    r"|release|video|message|op-ed|address|memo|filing|remarks|appearance|podcast|column"
    r"|essay|broadcast|call|hearing|meeting|session|conversation|text|note|book|report"
    r"|announcement|testimony)"
    r"(?:\s+(?:on|to|with|at|posted|released|published|issued|from|for|obtained\s+by)"
    r"\s+(?:the\s+)?[^,.;:“”§]{1,50}?(?=[,.;:“]|\s+that\b|\s+(?:on|in|at)\s|$))?"
    r"|in\s+(?:remarks|comments|an?\s+\w+\s+interview)"
    r"|on\s+(?:X|Twitter|Telegram|Facebook|Instagram|TikTok|Truth\s+Social|social\s+media"
    r"|Bluesky|Threads|YouTube|television|TV|Sunday|air|camera|the\s+\w+\s+floor"
    r"|the\s+floor|the\s+record|background|condition\s+of\s+anonymity|a\s+call"
    r"|a\s+conference\s+call|a\s+podcast|the\s+podcast"
    r"|(?:his|her|its|their)\s+(?:[\w’'-]+\s+){0,3}?(?:account|page|feed|platform|site|website"
    r"|show|podcast|channel|blog|program|programme|newsletter|social\s+media))"
    r"|at\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:news\s+conference|press\s+conference"
    r"|briefing|rally|event|hearing|meeting|summit|forum|ceremony|conference|gathering"
    r"|session|roundtable|luncheon|dinner|town\s+hall|retreat|convention|fundraiser|vigil"
    r"|funeral|memorial|breakfast|lunch|reception|festival|march|protest|debate)"
    r"|during\s+(?:a|an|the|his|her|their)\s+(?:[\w’'-]+\s+){0,4}?(?:interview|conference"
    r"|briefing|speech|visit|meeting|call|appearance|hearing|debate|address|rally|trip"
    r"|remarks|broadcast|podcast|session|event|show|program|programme)"
    r"|by\s+(?:phone|telephone|email|e-mail|text)"
    r"|via\s+(?:a\s+)?(?:spokesperson|spokesman|spokeswoman|email|e-mail|text|statement)"
    r"|through\s+a\s+(?:spokesperson|spokesman|spokeswoman|lawyer|representative)"
    r"|in\s+(?:Moscow|Washington|Kyiv|Kiev|Beijing|London|Paris|Berlin|Brussels|Geneva"
    r"|New\s+York|Tehran|Jerusalem)"
    r"|in\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?:\s+\d{4})?"
    r"|in\s+\d{4}"
    r")(?=\W)(?![’']s\b)"  # ('said last week’s shortages were ...': not an adverbial)
)
TOLD_OBJ_RE = re.compile(
    r"\s*(?:(?:the|a|an)\s+)?(?:reporters|journalists|lawmakers|senators|legislators|him|her"
    r"|them|us|me|supporters|the\s+audience|audience|the\s+crowd|crowd|the\s+court|court"
    r"|the\s+jury|jurors|the\s+committee|committee|the\s+panel|viewers|listeners|readers"
    r"|students|members|attendees|guests|parliament|congress|delegates|the\s+press"
    # 'told the newspaper', 'told local media', 'told his supporters'
    r"|(?:the|a|an|his|her|their|its|local|state|national|foreign)\s+(?:(?:local|news|radio|TV"
    r"|television|state|daily|weekly|online|national)\s+)?(?:newspaper|paper|outlet|publication"
    r"|station|network|magazine|agency|broadcaster|website|podcast|program|programme|show|host"
    r"|interviewer|media|press|supporters|audience|crowd|rally|gathering|followers|colleagues"
    r"|staff|employees|voters|residents|lawmakers|reporters|journalists|caucus|members)"
    r"|[\w’'.&-]*[A-Z][\w’'.&-]*(?:(?:\s+(?:of|the|and))*\s+[A-Z][\w’'.&-]*)*)"
    r"(?:\s+(?:news\s+agency|newspaper|agency|magazine|reporters|in\s+an\s+interview))?"
)
ING_OR_CONJ_CUT = re.compile(
    r"(?:,\s*|\s+)(?:and|but)\s+(?:(?:he|she|they|it)\s+)?(?:also\s+|later\s+|then\s+)?"
    r"(?=(?:said|added|stressed|insisted|noted|warned|stated|declared|argued|claimed|denied"
    r"|confirmed|told|wrote|emphasized|emphasised|explained|acknowledged|suggested|urged"
    r"|promised|vowed|pointed|reiterated|underscored|highlighted|cautioned|predicted|called\s+on)\b)"
    r"|(?:,|(?<=”))\s*(?=(?:" + "|".join(sorted(ING_CUES - {"writing", "telling", "asking"}))
    + r")\b)"
)
ING_WORD_RE = re.compile(
    r"(?:" + "|".join(sorted(ING_CUES | {"referring", "citing", "speaking", "pointing",
                                          "responding", "reacting", "echoing", "standing",
                                          "sitting", "appearing", "wearing", "holding",
                                          "visiting", "addressing", "campaigning"})) + r")\b")
