"""Relative time in a question ("this week", "on Tuesday", "last month", "in 2024"), read
against a reference date: the date the question is asked as of (stated), or else the newest
indexed article.

A precise expression becomes a window of article dates (`since`..`until`, inclusive): the
articles that can report it. A vague one ("recently", "the latest", "after the election") only
asks to prefer newer articles (`recency`). Windows are generous on the early side (an event "on
Tuesday" is reported from Tuesday on) and never reach past the reference date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}

_SPANS = (  # (pattern, days back from the reference date)
    (r"\b(today|tonight|this (?:morning|afternoon|evening))\b", 1),
    (r"\byesterday\b", 2),
    (r"\b(this|last|past) weekend\b", 4),
    (r"\b(this|this past|the past|past) week\b|\b(past|last) (few|several|two|three) days\b", 8),
    (r"\blast week\b", 15),
    (r"\b(this|the past) month\b|\bpast (few|several|two|three) weeks\b", 32),
)
_WEEKDAY = re.compile(r"\b(?:on|last|this|since|early|late)\s+(" + "|".join(_WEEKDAYS) + r")\b"
                      r"|\b(" + "|".join(_WEEKDAYS) + r")['’]s\b", re.I)
_MONTH = re.compile(r"\b(?:in|during|since|early|late|last|this)\s+(" + "|".join(_MONTHS)
                    + r")\b(?!\s+\d)", re.I)
_DAY_OF_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?"
                           r"(?:,?\s+(\d{4}))?\b", re.I)
_YEAR = re.compile(r"\b(?:in|during|since|of|for|this|by)\s+((?:19|20)\d\d)\b|"
                   r"\b((?:19|20)\d\d)['’]s\b")
_LAST_MONTH = re.compile(r"\blast month\b", re.I)
_THIS_YEAR = re.compile(r"\b(this|the past) year\b|\bso far this year\b", re.I)
_LAST_YEAR = re.compile(r"\blast year\b", re.I)
_RECENT = re.compile(
    r"\b(latest|newest|most recent|recent(ly)?|current(ly)?|now|so far|upcoming|"
    r"after the \w+|following the \w+)\b",
    re.I,
)


@dataclass(frozen=True)
class TimeFrame:
    phrase: str  # the words that set it, as written
    since: dt.date | None = None  # earliest article date that can report it
    until: dt.date | None = None  # latest (the reference date)
    recency: bool = False  # vague: prefer newer articles, filter nothing

    @property
    def is_window(self) -> bool:
        return self.since is not None


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def read_time(question: str, today: dt.date) -> TimeFrame:
    """The time a question refers to, read against `today`; `TimeFrame("")` when none."""
    windows: list[TimeFrame] = []
    for pattern, days in _SPANS:
        m = re.search(pattern, question, re.I)
        if m:
            windows.append(TimeFrame(m[0], today - dt.timedelta(days=days), today))
    m = _WEEKDAY.search(question)
    if m:
        wd = _WEEKDAYS[(m[1] or m[2]).lower()]
        back = (today.weekday() - wd) % 7
        windows.append(TimeFrame(m[0], today - dt.timedelta(days=back + 1), today))
    if _LAST_MONTH.search(question):
        first = _month_start(today.year, today.month)
        prev = first - dt.timedelta(days=1)
        windows.append(TimeFrame("last month", _month_start(prev.year, prev.month), today))
    m = _MONTH.search(question)
    if m:
        month = _MONTHS[m[1].lower()]
        year = today.year if month <= today.month else today.year - 1
        windows.append(TimeFrame(m[0], _month_start(year, month), today))
    m = _DAY_OF_MONTH.search(question)
    if m:
        month, day = _MONTHS[m[1].lower()], int(m[2])
        year = int(m[3]) if m[3] else (today.year if (month, day) <= (today.month, today.day)
                                       else today.year - 1)
        try:
            d = dt.date(year, month, day)
        except ValueError:
            d = None
        if d is not None and d <= today:
            windows.append(TimeFrame(m[0], d - dt.timedelta(days=1), today))
    if _THIS_YEAR.search(question):
        windows.append(TimeFrame("this year", dt.date(today.year, 1, 1), today))
    if _LAST_YEAR.search(question):
        windows.append(TimeFrame("last year", dt.date(today.year - 1, 1, 1), today))
    years = [int(y) for m in _YEAR.finditer(question) for y in m.groups() if y]
    years = [y for y in years if y <= today.year]  # "the 2028 Olympics" is not a date filter
    if years:
        y = max(years)
        windows.append(TimeFrame(str(y), dt.date(y, 1, 1), today))
    if windows:
        # Several expressions: the narrowest window ("on Tuesday" within "this week").
        return max(windows, key=lambda w: w.since or dt.date.min)
    m = _RECENT.search(question)
    if m:
        return TimeFrame(m[0], recency=True)
    return TimeFrame("")
