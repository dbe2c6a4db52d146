"""Statement extraction, tenth pass: a role of two nouns joined by "and", an affiliation after
the name "according to" gives, "joked" / "quipped" as speech, the people of an institution
speaking for it (sentences invented for the tests)."""

from __future__ import annotations

import pytest

from retrieval.attribution import extract_statements


def got(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in extract_statements("t", text)]


def speakers(text: str) -> list[str]:
    return [s.speaker for s in extract_statements("t", text)]


# -- a role of two nouns --

@pytest.mark.parametrize("role", ["pollster and strategist", "Democratic pollster and strategist",
                                  "former senator and ambassador"])
def test_a_role_of_two_nouns_before_the_name_after_the_cue(role):
    text = (f"“The mayor is in the top tier,” said {role} Vera Lindqvist. “It was a bold idea, "
            "carried out fast.”")
    sts = extract_statements("t", text)
    assert [s.speaker for s in sts] == ["Vera Lindqvist", "Vera Lindqvist"]
    assert sts[0].role == role
    assert sts[1].text == "It was a bold idea, carried out fast."


def test_two_people_joined_by_and_stay_apart():
    text = "“The mayor is in the top tier,” said Lindqvist and Ortega."
    assert speakers(text) == ["Lindqvist"]


# -- according to NAME of / with ORG --

@pytest.mark.parametrize("name, aff", [
    ("Joel Marten", "with the Glendale Fire Department"),
    ("Joel Marten", "from Glendale Fire and Rescue"),
    ("John Marten", "of the Glendale Fire Department"),  # "of": a first name of the lists
    ("Chief Joel Marten", "of the Glendale Fire Department")])  # or a title
def test_according_to_a_name_and_its_affiliation(name, aff):
    after = f"Medics treated about 30 people for heat, according to {name} {aff}."
    before = f"According to {name} {aff}, medics treated about 30 people for heat."
    who = name.removeprefix("Chief ")
    assert got(after) == [(who, "Medics treated about 30 people for heat")]
    assert got(before) == [(who, "medics treated about 30 people for heat.")]


@pytest.mark.parametrize("org", ["the American Academy of Sleep Medicine", "the Cornell Lab of "
                                 "Ornithology", "Educated Canines Assisting with Disabilities"])
def test_an_institution_named_with_of_or_with_is_not_cut_to_its_first_words(org):
    text = f"Sleep apnea puts you at high risk for hypertension, according to {org}."
    assert speakers(text) in ([], [org.removeprefix("the ")])


def test_according_to_data_from_an_institution_still_names_the_institution():
    text = "Prices rose 3 percent in a year, according to data from the Labor Department."
    assert speakers(text) == ["Labor Department"]


# -- joked, quipped --

@pytest.mark.parametrize("cue", ["joked", "quipped"])
def test_joked_reports_what_was_said(cue):
    text = f"Ardeni on Tuesday {cue} he would like to be the next head of the church."
    assert got(text) == [("Ardeni", "he would like to be the next head of the church.")]


@pytest.mark.parametrize("text", [
    "Ardeni joked about the pope during a long rally in Ohio.",
    "Ardeni joked with reporters for a while before leaving the building.",
    "Ardeni argued with reporters for a while before leaving the building."])
def test_joked_about_or_with_is_no_statement(text):
    assert got(text) == []


# -- the people of an institution --

@pytest.mark.parametrize("people", ["Organizers at", "Officials at the", "Lawyers for the",
                                    "Gates opened early, but organizers at"])
def test_the_people_of_an_institution_speak_for_it(people):
    text = (f"{people} Harbor Arts Council said doors opened a full hour before they were "
            "scheduled to open.")
    assert speakers(text) == ["Harbor Arts Council"]


@pytest.mark.parametrize("text", [
    "A meeting with officials at the Harbor Arts Council said to be tense was held.",
    "The mayor met officials at the Harbor Arts Council said to favour a new hall."])
def test_an_institution_after_its_people_in_an_object_is_no_speaker(text):
    assert speakers(text) == []


# -- "that" and a fronted phrase --

@pytest.mark.parametrize("cue", ["said", "argued"])
def test_a_phrase_of_a_preposition_after_that_opens_the_reported_clause(cue):
    text = (f"Ardeni has also {cue} that by raising tariffs, companies will move their "
            "factories home.")
    assert got(text) == [("Ardeni", "by raising tariffs, companies will move their factories "
                                    "home.")]


def test_said_and_a_place_is_still_no_statement():
    assert got("Ardeni said in the hall on Monday.") == []


def test_lawyers_for_a_person_do_not_make_the_person_an_institution():
    text = ("Lawyers for Jack Phillips asked the appeals court to review the ruling. While "
            "Phillips said he could not make the cake, the couple said the case was about a "
            "sale.")
    assert [sp for sp, _ in got(text)] == ["Jack Phillips"]


def test_the_people_of_an_institution_after_a_subordinator():
    text = ("Gates opened early, according to the police, although organizers at Harbor Arts "
            "Council said doors opened a full hour before they were scheduled to open.")
    assert "Harbor Arts Council" in speakers(text)


# -- links to other stories --

def test_a_link_to_another_story_names_no_one_a_pronoun_could_mean():
    text = ("President Donald Trump ordered a camp built at the base.\n\n"
            "In the past, troops would build a tent city far from the prison, Ardeni said.\n\n"
            "More:Trump revives push to denaturalize US citizens\n\n"
            "“Back then, they put a tent city up on the old airstrip,” he said.")
    assert speakers(text) == ["Ardeni", "Ardeni"]


def test_a_link_line_holds_no_statement():
    text = "READ MORE: Mayor Lina Ortega says the bridge will reopen in May\n\nThe bridge is shut."
    assert speakers(text) == []


# -- two sources after "according to" --

@pytest.mark.parametrize("sources, first", [("NPR and Deadline", "NPR"),
                                            ("the Pentagon and the State Department",
                                             "Pentagon")])
def test_according_to_two_sources_gives_the_first(sources, first):
    text = f"Two singers will perform at the rally on Sunday, according to {sources}."
    assert got(text) == [(first, "Two singers will perform at the rally on Sunday")]


def test_according_to_two_people_stays_unread():
    text = ("Two singers will perform at the rally on Sunday, according to Joel Marten and "
            "Lina Ortega.")
    assert got(text) == []


# -- "the company said": an institution named again by its kind --

@pytest.mark.parametrize("named, again", [
    ("Acme Corp. said on Monday it would close a plant in Ohio.", "the company said"),
    ("On Monday, the Village People revealed they would perform at the gala.", "the group said"),
    ("The Federal Aviation Administration said on Monday flights were back to normal.",
     "the agency said"),
])
def test_an_institution_named_again_by_its_kind(named, again):
    text = f"{named} “It is a sad day for everyone who works here,” {again}."
    sts = extract_statements("t", text)
    assert sts[-1].text == "It is a sad day for everyone who works here"
    assert sts[-1].speaker == sts[0].speaker


@pytest.mark.parametrize("between", [
    "Richard’s Disposal has picked up the garbage since April.",  # another name since
    "\n\nThe mayor met voters.\n\nThe vote was close.\n\n",  # too far back
])
def test_the_kind_of_an_institution_named_long_ago_or_before_another_is_no_one(between):
    text = (f"Acme Corp. said on Monday it would close a plant in Ohio. {between} “We will stop "
            "collections after Saturday unless we are paid,” the company said.")
    assert speakers(text) == ["Acme Corp"]


def test_the_group_is_not_a_public_body():
    text = ("The Senate voted on Monday to delay the bill by a week. “It would be irresponsible "
            "to vote now,” the group said in a statement.")
    assert speakers(text) == []


def test_the_based_in_kind_of_an_institution_named_before():
    text = ("Target Corp. said the deals start on Sunday. “The deals will last while supplies "
            "last,” the Minneapolis-based retailer said.")
    assert speakers(text) == ["Target Corp", "Target Corp"]


@pytest.mark.parametrize("text", [
    "The Ohio-based retailer said it had secured $132 million in new financing.",
    "The Burning Man nonprofit said it had postponed its main ticket sale."])
def test_a_kind_of_institution_is_no_part_of_its_name(text):
    assert speakers(text) in ([], ["Burning Man"])


# -- "about" a number --

@pytest.mark.parametrize("cue", ["said", "said that", "told lawmakers on Wednesday that"])
def test_about_a_number_opens_the_reported_clause(cue):
    text = f"Gov. Laura Kelly {cue} about 60% of the districts have started vaccinating teachers."
    assert got(text) == [("Laura Kelly", "about 60% of the districts have started vaccinating "
                                         "teachers.")]


def test_said_about_a_topic_that():
    assert got("Ardeni said about the deal that it was great for the workers.") == [
        ("Ardeni", "it was great for the workers.")]


# -- a name and others --

@pytest.mark.parametrize("others", ["the others", "police leaders"])
def test_a_name_and_others_speak_as_the_name(others):
    text = f"Mayor Lina Ortega and {others} said the mandate was put in place to protect officers."
    assert speakers(text) == ["Lina Ortega"]


# -- institutions whose names hold "and" --

@pytest.mark.parametrize("org", ["Florida Department of Agriculture and Consumer Services",
                                 "American College of Obstetricians and Gynecologists",
                                 "Department of Land and Natural Resources"])
def test_an_institution_whose_name_holds_and(org):
    assert speakers(f"The park was closed to visitors all week, according to the {org}.") == [
        org]
    assert speakers(f"The {org} said the park was closed to visitors all week.") == [org]


def test_another_name_between_the_institution_and_its_kind_is_meant():
    text = ("Hawaiian Airlines said it would invest in the venture. REGENT’s seagliders fly "
            "close to the water. The company said the craft will serve routes up to 180 miles.")
    assert speakers(text) == ["Hawaiian Airlines"]


def test_words_of_one_name_joined_by_and_before_its_head():
    text = ("In a statement after the meeting, the EU-US Trade and Tech Council said that "
            "progress had been made by a separate task force.")
    assert speakers(text) == ["EU-US Trade and Tech Council"]


@pytest.mark.parametrize("subject", ["Kremlin spokesman Dmitry Peskov and Foreign Ministry",
                                     "President Donald Trump and White House"])
def test_a_person_and_an_institution_are_not_one_name(subject):
    text = f"{subject} officials said the talks were useful and would go on."
    assert "Foreign Ministry" not in speakers(text) and "Trump and White House" not in " ".join(
        speakers(text))


def test_two_institutions_joined_by_and_stay_two():
    text = ("A new study from the University of Michigan and Massachusetts General Hospital "
            "says the diet works for most adults.")
    assert "University of Michigan and Massachusetts General Hospital" not in speakers(text)


# -- "the state", "the county" --

def test_the_state_is_no_institution_with_state_inside_its_name():
    text = ("The Colorado State Public Health Laboratory said three cases were found. Delaware: "
            "The state says it is reviewing new federal guidance on vaccines.")
    assert speakers(text) == ["Colorado State Public Health Laboratory"]


def test_the_county_is_the_county_named_before():
    text = "Maricopa County officials met. The county said it would reopen the office on Monday."
    assert speakers(text) == ["Maricopa County"]
