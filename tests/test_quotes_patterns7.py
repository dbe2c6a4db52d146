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


def test_a_quote_paragraph_goes_on_with_the_reported_speaker_ending_the_paragraph_before():
    text = ("Dana Marlow, an economist at a firm in Ohio, told the Daily Ledger that the cost of "
            "the levy will be a bad story for buyers.\n\n"
            "\"It is a huge amount of money for a family.\"")
    assert got(text) == [
        ("Dana Marlow", "the cost of the levy will be a bad story for buyers."),
        ("Dana Marlow", "It is a huge amount of money for a family."),
    ]


def test_a_quoted_subheading_after_a_reported_paragraph_is_nobodys():
    text = ("Dana Marlow said the levy will be a bad story for buyers.\n\n"
            "‘Strong at home and abroad’\n\n"
            "The council meets again in May.")
    assert got(text) == [("Dana Marlow", "the levy will be a bad story for buyers.")]


def test_a_quote_paragraph_with_its_own_cue_keeps_it():
    text = ("Dana Marlow said the levy will be a bad story for buyers.\n\n"
            "\"It is a huge amount of money for a family,\" Tom Reyes said.")
    assert ("Tom Reyes", "It is a huge amount of money for a family") in got(text)
    assert ("Dana Marlow", "It is a huge amount of money for a family") not in got(text)


def test_a_paragraph_not_ending_with_the_reported_statement_is_not_continued():
    text = ("Dana Marlow said the cost will be high. Then the vote came.\n\n"
            "\"It is a huge amount of money for a family.\"")
    assert got(text) == [("Dana Marlow", "the cost will be high.")]


@pytest.mark.parametrize("conj", ["And", "But"])
def test_a_conjunction_opening_the_sentence_before_a_pronoun_cue(conj):
    text = (f"Ambassador Dana Marlow spoke. {conj} she added, \"We warn that such steps are "
            "dangerous.\"")
    assert got(text) == [("Dana Marlow", "We warn that such steps are dangerous.")]


def test_and_between_a_name_and_a_pronoun_is_still_two_speakers():
    text = ("Ambassador Dana Marlow met Tom Reyes. Reyes and he said, \"We warn that such steps "
            "are dangerous.\"")
    assert got(text) == []


@pytest.mark.parametrize("title", ["Russian Ambassador to the US", "Ambassador to Peru",
                                   "the UK’s ambassador to the UN"])
def test_an_ambassador_to_a_country_is_a_title(title):
    text = f"“It was a dark day,” {title} Anatol Brevik told the council Monday."
    assert got(text) == [("Anatol Brevik", "It was a dark day")]


def test_an_adviser_to_a_person_is_not_a_title():
    text = ("The team could walk away from the talks, an adviser to Prime Minister Dana Marlow "
            "said on Friday.")
    assert got(text) == []


def test_the_first_person_contraction_is_no_name():
    assert got("You know I've said it often, the cure cannot be worse than the problem.") == []


@pytest.mark.parametrize("org", ["Amnesty International", "Transparency International"])
def test_a_name_then_international_is_an_institution(org):
    assert got(f"{org} said the arrests in the port city were arbitrary.") == [
        (org, "the arrests in the port city were arbitrary.")]
    assert got(f"“The arrests were arbitrary,” {org} said.") == [
        (org, "The arrests were arbitrary")]


def test_a_title_then_international_is_still_a_role():
    text = "Amnesty International researcher Dana Marlow said the arrests were arbitrary."
    assert got(text) == [("Dana Marlow", "the arrests were arbitrary.")]


@pytest.mark.parametrize("subject, org", [
    ("Department of Justice lawyers have", "Department of Justice"),
    ("Justice Department lawyers", "Justice Department"),
    ("ACLU attorneys", "ACLU"),
])
def test_an_institutions_lawyers_speak_for_it(subject, org):
    assert got(f"{subject} said the transfer was carried out in error.") == [
        (org, "the transfer was carried out in error.")]


def test_a_persons_lawyers_are_not_the_person():
    assert got("Marlow lawyers said the transfer was carried out in error.") == []


@pytest.mark.parametrize("text, content", [
    ("Dana Marlow believes the termination was illegal.", "the termination was illegal."),
    ("Dana Marlow believes she will win the seat.", "she will win the seat."),
])
def test_what_a_named_person_believes_with_a_clause(text, content):
    assert got(text) == [("Dana Marlow", content)]


def test_a_belief_between_commas():
    text = "Dana Marlow spoke. That move, Marlow believes, would help residents avoid the cap."
    assert got(text) == [("Dana Marlow",
                          "That move, Marlow believes, would help residents avoid the cap.")]


@pytest.mark.parametrize("text", ["Dana Marlow believes in the plan.",
                                  "Dana Marlow believes the plan.",
                                  "Americans believed the day was meant to honor both men."])
def test_no_belief_statement_without_a_named_subject_and_a_clause(text):
    assert got(text) == []


def test_a_pronoun_belief_inside_reported_speech_is_not_a_statement_of_its_own():
    stmts = extract_statements("t", "Dana Marlow said he believed it would remain a draw.")
    assert [(s.speaker, s.cue) for s in stmts] == [("Dana Marlow", "said")]


@pytest.mark.parametrize("lead", [
    "Dana Marlow, the city’s mayor, backed the governor:",
    "Dana Marlow shot back at the governor over the move:",
    "Justice Dana Marlow, in a concurring opinion, pushed back:",
    "Dana Marlow addressed the governor directly as he left the room on Wednesday:",
])
def test_a_named_persons_clause_and_a_colon_before_their_words(lead):
    text = f"{lead} “While the capital plays games, we stand together.”"
    assert got(text) == [("Dana Marlow", "While the capital plays games, we stand together.")]


@pytest.mark.parametrize("lead", [
    "Dana Marlow signed an order titled:",
    "Dana Marlow posted a photo with a caption:",
    "The Senate passed the bill:",
    "Dana Marlow approved the plan:",
])
def test_no_colon_attribution_for_titles_captions_or_a_quote_with_its_own_cue(lead):
    tail = " the council said." if lead.endswith("plan:") else ""
    text = f"{lead} “We stand together,”{tail}" if tail else f"{lead} “We stand together.”"
    assert [s for s, _ in got(text) if s == "Dana Marlow"] == []


@pytest.mark.parametrize("tail", [
    "said just before breaking the record held by a rival",
    "said in brief remarks carried on local radio",
])
def test_participles_in_a_circumstantial_tail(tail):
    text = f"Councilman Ray Marlow spoke first.\n\n“{QUOTE},” Marlow {tail}."
    assert got(text) == [("Ray Marlow", QUOTE)]


def test_a_clause_after_a_time_phrase_is_still_reported():
    text = (f"Councilman Ray Marlow spoke first.\n\n“{QUOTE},” Marlow said in June the plan "
            "was dead.")
    assert got(text)[-1] == ("Ray Marlow", "the plan was dead.")


@pytest.mark.parametrize("show", ["The View", "Fox News Sunday"])
def test_the_programme_before_a_leading_quote(show):
    text = f"Actress Dana Marlow said on {show}: \"How dare you. Women deserve better.\""
    assert got(text) == [("Dana Marlow", "How dare you. Women deserve better.")]


@pytest.mark.parametrize("name", ["J.D. Marlow", "C.C. Marlow", "A.T. Marlow"])
def test_dotted_initials_are_one_name_token(name):
    assert got(f"Sen. {name} said the levy is too high.") == [(name, "the levy is too high.")]


def test_the_country_of_an_ambassador_is_not_an_initial():
    text = "“It is a brutal war,” Ukrainian ambassador to the U.S. Anatol Brevik told the council."
    assert got(text) == [("Anatol Brevik", "It is a brutal war")]


def test_a_place_abbreviation_before_an_institution_stays_its_name():
    assert got("The U.S. Army said the levy is too high.") == [
        ("U.S. Army", "the levy is too high.")]
