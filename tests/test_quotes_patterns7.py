"""Statement extraction, seventh pass: shapes found by scanning quotes no statement covered in
random articles (trailing cues with circumstances, role words before an inverted speaker, a
role appositive before the name) (sentences invented for the tests)."""

from __future__ import annotations

import pytest

from retrieval.attribution import extract_statements


def got(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in extract_statements("t", text)]


QUOTE = "We will fix every road in this county"


@pytest.mark.parametrize("tail", [
    "told host Jenna Pike",
    "told the graduates during the ceremony in the old hall",
    "told fellow lawmakers Wednesday",
    "told public broadcaster Radio North late on June 9",
    "said behind the podium",
    "said upon accepting the prize on Sunday",
    "said in his weekly video address",
    "said when announcing the lawsuit",
    "stressed in a video message last week",
])
def test_a_trailing_cue_with_only_circumstances_attributes_the_quote(tail):
    text = f"Councilman Ray Marlow spoke first.\n\n“{QUOTE},” Marlow {tail}."
    assert got(text) == [("Ray Marlow", QUOTE)]


def test_a_circumstantial_tail_also_opens_the_next_quote_of_the_paragraph():
    text = ("Councilman Ray Marlow spoke first.\n\n"
            f"“{QUOTE},” Marlow told fellow lawmakers Wednesday. “The money is there.”")
    assert got(text) == [("Ray Marlow", QUOTE), ("Ray Marlow", "The money is there.")]


@pytest.mark.parametrize("tail", ["said the council is broke",
                                  "said the mayor told him"])
def test_a_said_clause_after_a_trailing_cue_is_still_reported_speech(tail):
    text = f"Councilman Ray Marlow spoke first.\n\n“{QUOTE},” Marlow {tail}."
    speakers = {s for s, _ in got(text)}
    assert speakers == {"Ray Marlow"}
    assert ("Ray Marlow", QUOTE) not in got(text)


def test_a_tail_with_a_verb_of_its_own_is_not_circumstances():
    # '... said when the vote ended': a clause, not read as a circumstance
    text = f"“{QUOTE},” Marlow said when the vote ended."
    assert got(text) == []


def test_a_behind_tail_is_not_reported_content():
    # it used to give the reported statement "behind the podium."
    text = f"Councilman Ray Marlow spoke first.\n\n“{QUOTE},” Marlow said behind the podium."
    assert all(t == QUOTE for _, t in got(text))


@pytest.mark.parametrize("phrase, name", [
    ("city engineer Dana Marlow, who is also head of the board", "Dana Marlow"),
    ("zoo general curator Dr. Dana Marlow", "Dana Marlow"),
    ("46-year-old Dana Marlow", "Dana Marlow"),
    ("21-year-old student Aidan Colby", "Aidan Colby"),
    ("the bill’s sponsor, Republican Rep. Dana Marlow", "Dana Marlow"),
])
def test_role_words_before_an_inverted_speaker(phrase, name):
    assert got(f"“{QUOTE},” said {phrase}.") == [(name, QUOTE)]


@pytest.mark.parametrize("phrase", [
    "one former senior aide to Marlow, who asked for anonymity",
    "a neighbor of Dana Marlow",
    "the city’s mayor, who asked not to be named",
])
def test_no_name_after_role_words_gives_no_speaker(phrase):
    assert got(f"“{QUOTE},” said {phrase}.") == []


@pytest.mark.parametrize("role", ["the union's president", "the union's national president",
                                  "a spokesman for the union"])
def test_a_role_appositive_before_the_name_of_a_trailing_speaker(role):
    text = f"\"Workers are not bargaining chips,\" {role}, Dana Marlow, said in a statement."
    assert got(text) == [("Dana Marlow", "Workers are not bargaining chips")]


def test_a_cue_inside_the_role_gap_blocks_the_appositive_reading():
    text = "\"Workers are not chips,\" the union said, Dana Marlow, told reporters."
    assert ("Dana Marlow", "Workers are not chips") not in got(text)


def test_opined_is_a_cue_for_a_quote_next_to_it():
    text = "“It is a disaster for the whole city,” opined Dana Marlow after the council voted."
    assert got(text) == [("Dana Marlow", "It is a disaster for the whole city")]


def test_opined_is_no_reported_speech():
    assert got("Dana Marlow opined on the matter for hours.") == []
