"""Statement extraction, eighth pass: speaker names that are not names (caption, credit and
description words before a name, the tail of an abbreviation) and a bare surname after a
relative of the same surname (sentences invented for the tests)."""

from __future__ import annotations

import pytest

from retrieval.attribution import extract_statements


def speakers(text: str) -> list[str]:
    return [s.speaker for s in extract_statements("t", text)]


def got(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in extract_statements("t", text)]


INTRO = "Mayor Ilona Varkas opened the new bridge in Pelzig on Monday.\n\n"


# -- words before a name that are no part of it --

@pytest.mark.parametrize("lead", ["Watch", "Listen", "Video", "Photos", "Read"])
def test_a_caption_word_before_a_name_is_not_part_of_it(lead):
    text = INTRO + (f"{lead} Varkas speak at the opening\n\n"
                    "Varkas said the bridge cost less than planned.")
    assert set(speakers(text)) == {"Ilona Varkas"}


def test_getty_images_after_via_is_a_credit():
    text = INTRO + ("Tom Reede/AFP via Getty Images Varkas waves to the crowd. Varkas said the "
                    "bridge would carry ten thousand cars a day.")
    assert speakers(text) == ["Ilona Varkas"]


def test_a_photo_credit_before_a_caption_is_not_part_of_the_name():
    text = INTRO + ("Tom Reede/AFP/Getty Images Varkas waves to the crowd. Varkas said the "
                    "bridge would carry ten thousand cars a day.")
    assert speakers(text) == ["Ilona Varkas"]


def test_a_credit_after_a_slash_is_cut_before_a_full_name():
    text = ("Ann Lowe/Reuters Ilona Varkas said the bridge would carry ten thousand cars a day.")
    assert speakers(text) == ["Ilona Varkas"]


def test_an_agency_name_without_a_slash_is_not_read_as_a_credit():
    text = "AP Votecast said turnout among young voters rose sharply in the county."
    assert "Votecast" not in speakers(text)


@pytest.mark.parametrize("lead", ["Billionaire", "Longtime", "Attendee"])
def test_a_description_before_a_full_name_is_not_a_first_name(lead):
    text = f"{lead} Ilona Varkas said the bridge would carry ten thousand cars a day."
    assert speakers(text) == ["Ilona Varkas"]


@pytest.mark.parametrize("opener", ["Neither", "Once", "Privately", "Asking"])
def test_a_clause_opener_before_a_surname_is_not_a_first_name(opener):
    text = INTRO + (f"{opener} Varkas nor the council spoke of it again.\n\n"
                    "Varkas said the bridge was safe.")
    assert "Ilona Varkas" in speakers(text)
    assert not any(s.startswith(opener) for s in speakers(text))


def test_the_tail_of_us_ending_a_sentence_does_not_begin_the_next_name():
    text = ("Bikers came from across the U.S. Maria Lindqvist said the rally would resume on "
            "Friday.")
    assert speakers(text) == ["Maria Lindqvist"]


def test_the_tail_of_a_party_state_tag_does_not_begin_the_next_name():
    text = ("The plan was backed by Rep. Alina Fosk, D-N.Y. Fosk said the bridge would open in "
            "May.")
    assert speakers(text) == ["Alina Fosk"]


def test_a_real_initial_still_begins_a_name():
    text = "J. Petra Lindqvist said the hearing would resume on Friday."
    assert speakers(text) == ["J. Petra Lindqvist"]


def test_a_first_name_is_kept():
    text = "Chip Varkas said the bridge would carry ten thousand cars a day."
    assert speakers(text) == ["Chip Varkas"]


# -- a bare surname after a relative of the same surname --

FACTS = ("Here is a look at the life of Marko Dovrenko, the mayor of Pelzig.\n\n"
         "Birth name: Marko Ivanovich Dovrenko\n\n"
         "Father: Ivan Dovrenko, a teacher\n\n"
         "Mother: Alla Dovrenko, a nurse\n\n"
         "Timeline\n\n")


def test_a_fact_sheet_relative_is_not_whom_a_bare_surname_means():
    text = FACTS + ("2019 - Dovrenko announces his intention to build a new bridge.\n\n"
                    "2020 - Dovrenko says he will not run again for the office.")
    assert speakers(text) == ["Marko Dovrenko", "Marko Dovrenko"]


def test_a_fact_sheet_child_is_a_relative():
    text = ("Here is a look at the life of Marko Dovrenko, the mayor of Pelzig.\n\n"
            "Children: Anna Dovrenko\n\n"
            "2019 - Dovrenko says the bridge will open in May.")
    assert speakers(text) == ["Marko Dovrenko"]


def test_a_relative_introduced_by_another_persons_possessive_is_a_relative():
    text = ("Marko Dovrenko was born in Pelzig. Anna Kell's uncle, Ivan Dovrenko, taught him to "
            "swim.\n\nDovrenko said the bridge would be finished next year.")
    assert speakers(text) == ["Marko Dovrenko"]


def test_a_namesake_named_only_after_a_preposition_is_not_whom_a_bare_surname_means():
    text = ("Marko Dovrenko was born in Pelzig. He taught at a school with Maria Dovrenko.\n\n"
            "Dovrenko said the bridge would be finished next year.")
    assert speakers(text) == ["Marko Dovrenko"]


def test_a_namesake_who_is_a_subject_since_is_still_whom_a_bare_surname_means():
    text = ("Marko Dovrenko was born in Pelzig.\n\nAnna Dovrenko, a lawyer, sued the city on "
            "Monday. Dovrenko said the bridge would never be finished.")
    assert speakers(text) == ["Anna Dovrenko"]


def test_a_birth_name_with_a_middle_name_is_the_person_named_before():
    text = ("Marko Dovrenko opened the bridge. Marko Ivanovich Dovrenko said the bridge would "
            "carry ten thousand cars a day.")
    assert speakers(text) == ["Marko Dovrenko"]


def test_different_initials_are_not_merged():
    text = ("George Pell spoke first. George H.K. Pell said the bridge would carry ten thousand "
            "cars a day.")
    assert speakers(text) == ["George H.K. Pell"]


def test_a_childrens_hospital_doctor_is_no_relative():
    text = ("Gov. Dan Porrit spoke on Monday.\n\nDr. Mike Porrit, a physician at Pelzig "
            "Children’s Hospital, treats the sick. Porrit said the wards were full.")
    assert speakers(text) == ["Mike Porrit"]
