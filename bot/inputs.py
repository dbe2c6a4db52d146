"""Checking what users type, before anything is deferred or asked."""

from __future__ import annotations

import datetime as dt
import re

from retrieval.models import Filters

MAX_QUESTION_CHARS = 500


class UsageError(ValueError):
    """Input the user can correct; the message is shown to them as is."""


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(value: str | None, name: str) -> str | None:
    """`YYYY-MM-DD` (a real calendar day) or None; anything else raises UsageError."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise UsageError(
        f"`{name}` must be a date written YYYY-MM-DD, for example 2024-02-22 "
        f"(got “{value[:40]}”)."
    )


def make_filters(since: str | None, until: str | None, source: str | None) -> Filters:
    first = parse_day(since, "since")
    last = parse_day(until, "until")
    if first and last and first > last:
        raise UsageError(f"`since` ({first}) is after `until` ({last}); swap them?")
    source = source.strip() if source else None
    return Filters(since=first, until=last, source=source or None)


def mention_question(content: str, bot_id: int) -> str:
    """The question in a message that mentions the bot: its mention(s) removed."""
    text = re.sub(rf"<@!?{bot_id}>", " ", content)
    return " ".join(text.split())


def check_question(question: str) -> str:
    question = " ".join(question.split())
    if not question:
        raise UsageError("Ask me a question about the news, e.g. “What did Peskov say?”")
    if len(question) > MAX_QUESTION_CHARS:
        raise UsageError(
            f"That question is too long; keep it under {MAX_QUESTION_CHARS} characters."
        )
    return question
