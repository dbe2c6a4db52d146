"""Reading person questions: who is asked about, and on what topic; follow-ups."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SAYV = (
    r"(?:say|said|saying|says|tell|told|telling|state|stated|claim|claimed|announce|announced"
    r"|report|reported|reporting|reports"
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
# "today" in lower case only: "What did USA Today say?" names a newspaper
_ADVS = r"(?:\s+(?:publicly|recently|lately|so far|(?-i:today|yesterday)|this week|last week" \
        r"|earlier|again|exactly|specifically|actually|really|ever|also|else|then|once))*"
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


_FOLLOW_LEAD = re.compile(
    r"^(?:(?:and|but|so|ok|okay|also)\s+)?(?:what\s+about|how\s+about|and\s+what\s+about"
    r"|what\s+of|and\s+for|and|also|same\s+for|now)\s+", re.I)
_FOLLOW_TOPIC = re.compile(r"^(?:about|on|regarding|concerning|over)\s+(?P<topic>.+)$", re.I)
_PRONOUN_WHO = {"he", "she", "they", "him", "her", "them", "it"}


def _resolved(history: Sequence[str]) -> PersonQuestion | None:
    """The person question the conversation is at: the last question, itself resolved
    against the (at most four) questions before it."""
    if not history:
        return None
    last = history[-1]
    return parse_person_question(follow_up(last, history[-5:-1]) or last)


def _as_question(who: str, topic: str | None) -> str:
    return f"What did {who} say" + (f" about {topic}?" if topic else "?")


def follow_up(question: str, history: Sequence[str]) -> str | None:
    """A follow-up of a person question, as a person question of its own, or None.

    After "What did Lavrov say about Ukraine?": "and Medvedev?" -> "What did Medvedev say about
    Ukraine?"; "and about NATO?" -> "What did Lavrov say about NATO?"; "What else did he say?"
    -> "What did Lavrov say?". A question that is not a follow-up, or follows a question that
    was not about what someone said, gives None (the question is answered as it is).
    """
    if not history:
        return None
    prev = _resolved(history)
    if prev is None:
        return None
    q = _clean_question(question)
    parsed = parse_person_question(q)
    if parsed is not None:
        if parsed.who.lower() in _PRONOUN_WHO:  # "what else did he say (about NATO)?"
            topic = parsed.topic if parsed.topic else (
                prev.topic if not re.search(r"\belse\b", q, re.I) else None)
            return _as_question(prev.who, topic)
        return None  # a person question of its own
    m = _FOLLOW_LEAD.match(q)
    rest = q[m.end():].strip() if m else (q if len(q.split()) <= 4 else "")
    if not rest:
        return None
    mt = _FOLLOW_TOPIC.match(rest)
    if mt:
        return _as_question(prev.who, mt.group("topic"))
    words = rest.split()
    if len(words) <= 5 and (words[0][:1].isupper() or words[0].lower() == "the"):
        return _as_question(rest, prev.topic)
    return None
