"""Relative time in questions, read against a reference date."""

import datetime as dt

import pytest

from retrieval.timeframe import read_time

FRIDAY = dt.date(2025, 1, 10)


@pytest.mark.parametrize(
    ("question", "since"),
    [
        ("Who lay in state this week?", dt.date(2025, 1, 2)),
        ("Who was elected mayor on Tuesday?", dt.date(2025, 1, 6)),
        ("What happened on Friday?", dt.date(2025, 1, 9)),
        ("What did the senate pass last month?", dt.date(2024, 12, 1)),
        ("Who won the election in 2024?", dt.date(2024, 1, 1)),
        ("What did the court decide yesterday?", dt.date(2025, 1, 8)),
        ("Which firm went bankrupt in December?", dt.date(2024, 12, 1)),
        ("What happened on January 3?", dt.date(2025, 1, 2)),
        ("Who won on Tuesday this week?", dt.date(2025, 1, 6)),  # the narrower window
    ],
)
def test_a_precise_expression_is_a_window_ending_at_the_reference_date(question, since):
    frame = read_time(question, FRIDAY)
    assert frame.since == since
    assert frame.until == FRIDAY
    assert not frame.recency


def test_vague_time_is_a_preference_not_a_filter():
    frame = read_time("What is the latest on the ceasefire talks?", FRIDAY)
    assert frame.recency and frame.since is None
    assert read_time("What did the board decide after the election?", FRIDAY).recency


@pytest.mark.parametrize(
    "question",
    ["Who painted the Sistine Chapel?", "Where will the 2028 Olympics be held?",
     "What did New York's mayor say?", "Who is the new president of Weekend Records?"],
)
def test_no_time_or_a_future_year_is_no_window(question):
    frame = read_time(question, FRIDAY)
    assert frame.since is None and not frame.recency
