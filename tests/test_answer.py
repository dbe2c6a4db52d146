"""Answers over the five sample articles, with the real bundled model and a real FAISS index."""

import dataclasses
from collections import Counter

import numpy as np
import pytest

from retrieval.answer import asks_for, confidence, contextualize, search
from retrieval.models import Filters
from tests.conftest import SAMPLES, settings_for

ZAKHAROVA = "It would be logical for the next U.S. president"


def cited_ids(ans):
    return [c.article_id for c in ans.citations]


def test_zakharova_is_answered_from_002_with_her_words(sample_engine):
    ans = sample_engine.ask("What did Zakharova say?")
    assert not ans.no_answer
    assert ans.citations[0].article_id == "002_55b0e7cd8acb7d70"
    assert any(ZAKHAROVA in c.text for c in ans.citations if c.article_id.startswith("002"))
    assert "[1]" in ans.text and ZAKHAROVA in ans.text


def test_peskov_on_relations_cites_where_he_says_they_are_at_their_lowest(sample_engine):
    ans = sample_engine.ask("What did Peskov say about relations?")
    assert not ans.no_answer
    ids = set(cited_ids(ans))
    assert {"002_55b0e7cd8acb7d70", "004_fcea84b91e544143"} <= ids
    lowest = [c for c in ans.citations if "lowest" in c.text]
    assert {c.article_id for c in lowest} >= {"002_55b0e7cd8acb7d70", "004_fcea84b91e544143"}


@pytest.mark.parametrize(
    "question",
    ["What is the capital of Australia?", "How do I bake sourdough bread?",
     "What did the Japanese stock market do in March?"],
)
def test_absent_topics_get_no_answer_not_unrelated_passages(sample_engine, question):
    ans = sample_engine.ask(question)
    assert ans.no_answer
    assert ans.citations == () and ans.quotes == ()
    assert "don't have articles about that" in ans.text or "found no" in ans.text


def test_every_citation_points_at_its_article_text_and_every_marker_has_a_citation(sample_engine):
    for q in ("Who won the presidential election?", "Did Putin congratulate Trump?",
              "Did the Kremlin congratulate Trump on his victory?"):
        ans = sample_engine.ask(q)
        assert not ans.no_answer, q
        for c in (*ans.citations, *ans.more):
            art = sample_engine.article(c.article_id)
            assert art.text[c.start:c.end] == c.text
        numbers = {c.n for c in ans.citations}
        for n in numbers:
            assert f"[{n}]" in ans.text
        import re

        assert {int(x) for x in re.findall(r"\[(\d+)\]", ans.text)} <= numbers


def test_the_repeated_half_of_004_is_never_a_second_result(sample_engine):
    ans = sample_engine.ask("Did Russia interfere in the American presidential elections?", k=10)
    passages = [" ".join(c.text.split()) for c in (*ans.citations, *ans.more)]
    assert len(passages) == len(set(passages))
    from_004 = [c for c in (*ans.citations, *ans.more) if c.article_id.startswith("004")]
    assert len({c.start for c in from_004}) == len(from_004)


def test_date_and_source_filters(sample_engine):
    q = "What did Russia say about the US election?"
    since = sample_engine.ask(q, filters=Filters(since="2024-11-01"))
    assert not since.no_answer
    assert all(c.date and c.date >= "2024-11-01" for c in (*since.citations, *since.more))
    until = sample_engine.ask(q, filters=Filters(until="2024-03-01"))
    assert set(cited_ids(until)) == {"000_9bf6159a81baad6f"}
    src = sample_engine.ask("What did Peskov say?", filters=Filters(source="saba"))
    assert set(cited_ids(src)) == {"004_fcea84b91e544143"}
    none = sample_engine.ask(q, filters=Filters(since="2030-01-01"))
    assert none.no_answer


def test_json_shape_is_stable(sample_engine):
    data = sample_engine.ask("What did Peskov say about relations?").to_json()
    assert set(data) >= {"question", "answer", "no_answer", "citations", "quotes"}
    c = data["citations"][0]
    assert set(c) >= {"n", "article_id", "title", "source", "date", "url", "path", "start",
                      "end", "text", "score"}
    assert isinstance(data["no_answer"], bool) and isinstance(data["quotes"], list)


def test_follow_up_questions_carry_the_previous_question():
    assert contextualize("and what about Lavrov?", ["What did Peskov say about relations?"]) \
        == "and what about Lavrov? (What did Peskov say about relations?)"
    assert contextualize("Who won the presidential election in 2024?", ["x"]) \
        == "Who won the presidential election in 2024?"


def test_a_follow_up_is_answered_in_context(sample_engine):
    ans = sample_engine.ask("What did he say about the economy?",
                            history=["What did Lavrov say about the election?"])
    assert not ans.no_answer


def test_one_story_carried_by_two_outlets_is_one_result_listing_both(fake_engine, tmp_path):
    wire = ("The central bank raised its key interest rate to 21 percent on Friday, citing "
            "persistent inflation and a weaker rouble, the governor told reporters in Moscow.")
    d = tmp_path / "wire"
    d.mkdir()
    (d / "a.md").write_text(f"---\ntitle: Rate rise\nsource: Outlet A\ndate: 2024-10-25\n---\n"
                            f"{wire}\n\nAnalysts at one bank expected a smaller move.\n")
    (d / "b.md").write_text(f"---\ntitle: Bank lifts rate\nsource: Outlet B\ndate: 2024-10-26\n"
                            f"---\nMarkets fell sharply.\n\n{wire}\n")
    fake_engine.index([d])
    ans = fake_engine.ask("central bank key interest rate inflation rouble governor", k=5)
    assert not ans.no_answer
    results = [*ans.citations, *ans.more]
    carrying = [c for c in results if "21 percent" in c.text]
    assert len(carrying) == 1
    assert {carrying[0].source, *(r.source for r in carrying[0].also_in)} == {"Outlet A",
                                                                               "Outlet B"}


# -- issue 11: the sentence that answers, time, one source per article, honest declines ------


def test_composing_the_reply_embeds_nothing_but_the_question(fake_engine, fake_embedder):
    fake_engine.index([SAMPLES])
    fake_embedder.embedded.clear()
    ans = fake_engine.ask("What happened to the Russian economy because of sanctions?")
    assert not ans.no_answer
    assert fake_embedder.embedded == ["What happened to the Russian economy because of sanctions?"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [("Who won the Golden Globe for best actor?", "person"),
     ("Which city hosted the summit?", "place"),
     ("How many people died in the floods?", "number"),
     ("In what year was the treaty signed?", "date"),
     ("Which film won best picture?", "name"),
     ("Why did the talks fail?", "")],
)
def test_what_a_question_asks_for(question, kind):
    assert asks_for(question) == kind


def test_the_reply_quotes_the_sentence_that_answers_not_the_one_that_repeats_the_question(
        fake_engine, tmp_path):
    d = tmp_path / "awards"
    d.mkdir()
    (d / "a.md").write_text(
        "---\ntitle: Film awards night\nsource: Outlet A\ndate: 2025-01-06\n---\n"
        "The best drama film award was the most anticipated prize of the film awards night.\n\n"
        "Critics said the best drama film award race was open until the very end of the night.\n\n"
        "In the end, the best drama film award went to The Brutalist, directed by Brady Corbet.\n\n"
        "The ceremony was held in Beverly Hills and lasted more than three hours.\n")
    fake_engine.index([d])
    ans = fake_engine.ask("Which movie won the best drama film award?")
    assert not ans.no_answer
    first = ans.text.split(" [")[0]
    assert "The Brutalist" in ans.text
    assert ans.text.index("The Brutalist") < len(first) or "The Brutalist" in first


def test_an_event_newer_than_the_index_is_declined_with_the_newest_date(sample_engine):
    ans = sample_engine.ask("Who won the presidential election this week?",
                            filters=Filters(as_of="2025-06-01"))
    assert ans.no_answer and ans.citations == () and ans.more == ()
    assert ans.text == "I don't have articles about that (newest indexed: 6 November 2024)."
    assert ans.to_json()["no_answer"] is True


def test_this_week_is_read_against_the_newest_article_and_the_reply_dates_its_quotes(
        sample_engine):
    q = "Are relations between Russia and the United States improving this week?"
    ans = sample_engine.ask(q, k=10)
    assert not ans.no_answer
    dated = [c.date for c in (*ans.citations, *ans.more) if c.date]
    assert dated[0] == "2024-11-06"  # the week's article before the 22 February one
    assert "(6 November 2024)" in ans.text
    # As a filter (outside_window 0) the window leaves the February article out altogether.
    rs = dataclasses.replace(sample_engine.settings.retrieval, outside_window=0.0)
    hits = search(sample_engine.snapshot(), sample_engine.embedder, q, 10, Filters(), rs)
    dates = {sample_engine.article(h.article_id).date for h in hits}
    assert "2024-11-06" in dates and "2024-02-22" not in dates
    plain = dataclasses.replace(rs, time_filters=False)
    hits = search(sample_engine.snapshot(), sample_engine.embedder, q, 10, Filters(), plain)
    assert "2024-02-22" in {sample_engine.article(h.article_id).date for h in hits}


def test_a_stated_date_leaves_out_newer_articles(sample_engine):
    ans = sample_engine.ask("What did Russia say about the US presidential election?",
                            filters=Filters(as_of="2024-03-01"), k=10)
    assert not ans.no_answer
    assert all(c.date is None or c.date <= "2024-03-01" for c in (*ans.citations, *ans.more))


def test_one_article_is_one_numbered_source(sample_engine):
    for q in ("Did Russia interfere in the American presidential elections?",
              "What did Russia say about relations with the United States?"):
        ans = sample_engine.ask(q, k=10)
        ids = [c.article_id for c in (*ans.citations, *ans.more)]
        assert len(ids) == len(set(ids)), q
        assert [c.n for c in (*ans.citations, *ans.more)] == list(range(1, len(ids) + 1))
        for c in (*ans.citations, *ans.more):
            assert sample_engine.article(c.article_id).text[c.start:c.end] == c.text


@pytest.mark.parametrize("cap", [1, 2])
def test_at_most_max_per_article_passages_of_one_article(sample_engine, cap):
    snap = sample_engine.snapshot()
    rs = dataclasses.replace(sample_engine.settings.retrieval, max_per_article=cap,
                             min_similarity=-1.0, min_lexical=0.0, min_coverage=0.0)
    hits = search(snap, sample_engine.embedder, "Russia United States relations election", 20,
                  Filters(), rs)
    counts = Counter(h.article_id for h in hits)
    assert hits and max(counts.values()) <= cap
    assert cap == 1 or max(counts.values()) == 2  # the cap, not something else, limits it


def test_a_confidence_floor_declines_loosely_related_passages(tmp_path, real_embedder):
    from retrieval.engine import Engine

    engine = Engine(settings_for(tmp_path, min_confidence=5.0, confidence_margin=0.0),
                    embedder=real_embedder)
    engine.index([SAMPLES])
    ans = engine.ask("What happened to the Russian economy because of sanctions?")
    assert ans.no_answer and "newest indexed: 6 November 2024" in ans.text


def test_confidence_is_the_closest_passages_less_half_the_closeness_to_unrelated_questions():
    assert confidence([0.6, 0.5, 0.4], 0.2) == pytest.approx(0.4)
    assert confidence([0.6], 0.0) == pytest.approx(0.6)
    assert confidence([0.6, 0.6, 0.6], 0.8) < confidence([0.5, 0.5, 0.5], 0.3)
    assert confidence([], 0.4) == pytest.approx(-0.2)


def test_a_trivia_question_is_closer_to_the_unrelated_questions_than_a_news_one(real_embedder):
    """What the confidence subtracts: questions of the held-out kind (not in the list) come close
    to the list; a news question does not."""
    from retrieval.answer import unrelated_closeness

    def near(q):
        return unrelated_closeness(real_embedder, real_embedder.embed([q])[0])

    news = near("Did the Kremlin congratulate Trump on his election victory?")
    for q in ("How many hearts does an octopus have?", "How do I fold a fitted sheet?"):
        assert near(q) > news + 0.1, q


@pytest.mark.parametrize("question", [
    "Did Putin congratulate Trump on his victory?",  # covered: answered
    "Who painted the Mona Lisa?",  # off-domain: declined
])
def test_the_decline_follows_the_measured_confidence_and_the_floor(tmp_path, real_embedder,
                                                                   question):
    from retrieval.answer import decline_floor, retrieve
    from retrieval.engine import Engine
    from retrieval.models import Filters

    engine = Engine(settings_for(tmp_path), embedder=real_embedder)
    engine.index([SAMPLES])
    snap, rs = engine.snapshot(), engine.settings.retrieval
    sure = retrieve(snap, real_embedder, question, 5, Filters(), rs).confidence
    assert engine.ask(question).no_answer == (sure < decline_floor(snap, real_embedder, rs))
    # the floor, not something else, decides: just below the measured value, it is answered
    below = Engine(settings_for(tmp_path / "b", min_confidence=max(0.0, sure - 0.01),
                                confidence_margin=0.0), embedder=real_embedder)
    below.index([SAMPLES])
    assert not below.ask(question).no_answer or not retrieve(
        below.snapshot(), real_embedder, question, 5, Filters(), rs).hits


def test_one_story_under_one_headline_from_two_outlets_is_one_result(fake_engine, tmp_path):
    d = tmp_path / "wire"
    d.mkdir()
    head = "Central bank raises key rate to 21 percent to fight inflation"
    (d / "a.md").write_text(f"---\ntitle: {head}\nsource: Outlet A\ndate: 2024-10-25\n---\n"
                            "The central bank raised its key interest rate to 21 percent on "
                            "Friday, citing persistent inflation, the governor said in Moscow.\n")
    (d / "b.md").write_text(f"---\ntitle: {head}\nsource: Outlet B\ndate: 2024-10-25\n---\n"
                            "Russia's central bank lifted the key interest rate to 21 percent, "
                            "its highest level in decades, as inflation stayed stubborn.\n")
    fake_engine.index([d])
    ans = fake_engine.ask("central bank key interest rate 21 percent inflation", k=5)
    results = [*ans.citations, *ans.more]
    assert len(results) == 1
    assert {results[0].source, *(r.source for r in results[0].also_in)} == {"Outlet A",
                                                                             "Outlet B"}


def test_fusion_adds_each_ranking_s_weight_by_rank():
    from retrieval.answer import _fuse

    fused = _fuse((([7, 8], 1.0), ([8], 2.0), ([9], 0.0)), rrf_k=0)
    assert fused == {7: 1.0, 8: 0.5 + 2.0}  # a zero-weight ranking adds nothing


def test_feedback_words_are_the_rare_words_the_best_passages_share(sample_engine):
    from retrieval.answer import _feedback_terms

    snap = sample_engine.snapshot()
    texts = ["The rouble fell as the central bank met.", "The central bank let the rouble fall.",
             "Peskov spoke."]
    more = _feedback_terms(snap, texts, ["bank"])
    assert "rouble" in more and "central" in more
    assert "bank" not in more and "peskov" not in more  # the question's own; only in one passage


@pytest.mark.parametrize("extra", [{"feedback_passages": 3, "feedback_dense": 1.0},
                                   {"feedback_passages": 3, "feedback_lexical": 1.0}])
def test_feedback_still_gives_relevant_distinct_results(sample_engine, extra):
    snap = sample_engine.snapshot()
    rs = dataclasses.replace(sample_engine.settings.retrieval, **extra)
    q = "Did Putin congratulate Trump on his victory?"
    hits = search(snap, sample_engine.encoder, q, 5, Filters(), rs)
    base = search(snap, sample_engine.encoder, q, 5, Filters(), sample_engine.settings.retrieval)
    assert hits and len(hits) <= 5 and len({h.row for h in hits}) == len(hits)
    assert {h.article_id for h in hits[:2]} & {h.article_id for h in base[:2]}


def test_a_small_index_declines_relative_to_what_unrelated_questions_reach(sample_engine):
    """Five articles come close to nothing unrelated, so their floor is lower than the one
    calibrated on a thousand articles: short questions they answer are answered, questions about
    nothing they hold are still declined."""
    from retrieval.answer import background_cosine, decline_floor

    snap, rs = sample_engine.snapshot(), sample_engine.settings.retrieval
    bg = background_cosine(snap, sample_engine.encoder)
    assert bg < 0.1
    assert decline_floor(snap, sample_engine.encoder, rs) == pytest.approx(
        min(rs.min_confidence, bg + rs.confidence_margin))
    assert decline_floor(snap, sample_engine.encoder, rs) < rs.min_confidence
    for q in ("Who won the election?", "How many electoral votes did Trump win?"):
        ans = sample_engine.ask(q)
        assert not ans.no_answer and "277" in ans.text, q
    for q in ("What is the capital of Australia?", "Who won the Super Bowl?",
              "What is the best recipe for pancakes?"):
        assert sample_engine.ask(q).no_answer, q


def test_a_large_background_keeps_the_calibrated_floor(fake_engine, articles_dir):
    """Where unrelated questions come close (a big index), the floor is min_confidence itself."""
    import dataclasses

    from retrieval import answer

    fake_engine.index([articles_dir])
    snap = fake_engine.snapshot()
    rs = dataclasses.replace(fake_engine.settings.retrieval, min_confidence=0.27)
    answer._BACKGROUND[snap] = 0.9
    assert answer.decline_floor(snap, fake_engine.encoder, rs) == rs.min_confidence
    off = dataclasses.replace(rs, confidence_margin=0.0)
    answer._BACKGROUND[snap] = 0.0
    assert answer.decline_floor(snap, fake_engine.encoder, off) == rs.min_confidence


def test_a_question_worded_unlike_the_news_gets_the_closest_passages_when_the_index_is_close(
        sample_engine):
    """No sample passage holds the rare words of "the American vote", so the relevance gate alone
    leaves nothing; the confidence says the index is close to the question, so the passages
    closest in meaning are quoted rather than a decline."""
    from retrieval.answer import decline_floor, retrieve

    snap, rs, enc = sample_engine.snapshot(), sample_engine.settings.retrieval, \
        sample_engine.encoder
    q = "What did the Kremlin think of the American vote?"
    floor = decline_floor(snap, enc, rs)
    assert retrieve(snap, enc, q, 5, Filters(), rs).hits == []
    found = retrieve(snap, enc, q, 5, Filters(), rs, floor=floor)
    assert found.confidence >= floor and found.hits
    assert all(h.cosine >= rs.min_similarity for h in found.hits)
    assert not sample_engine.ask(q).no_answer
    # a question the index is not close to gets nothing, floor or not
    off = "How do I fold a fitted sheet?"
    assert retrieve(snap, enc, off, 5, Filters(), rs, floor=floor).hits == []
    assert sample_engine.ask(off).no_answer


def test_the_held_out_off_domain_questions_are_not_in_the_unrelated_list():
    """The benchmark's held-out set measures the decline signal on questions it has not seen:
    none of them may be among the questions the signal compares with."""
    from pathlib import Path

    import retrieval
    from benchmarks.quality import (
        OFF_DOMAIN,
        OFF_HELDOUT,
        OFF_HELDOUT2,
        OFF_HELDOUT3,
        off_domain_questions,
    )

    unrelated = Path(retrieval.__file__).parent / "data" / "unrelated_questions.txt"
    sets = [{q.lower() for q in off_domain_questions(p)}
            for p in (OFF_HELDOUT, OFF_HELDOUT2, OFF_HELDOUT3)]
    assert all(len(held) >= 50 for held in sets)
    for i, held in enumerate(sets):
        assert not any(held & other for other in sets[i + 1:])
        for seen in (unrelated, OFF_DOMAIN):
            assert not held & {q.lower() for q in off_domain_questions(seen)}


def test_the_held_out_off_domain_questions_are_not_rewordings_of_the_unrelated_ones(
        real_embedder):
    """Nor reworded: a held-out question that says what an unrelated question says (by the real
    model, cosine above 0.85) would flatter the decline figure measured on it."""
    from pathlib import Path

    import retrieval
    from benchmarks.quality import OFF_HELDOUT, OFF_HELDOUT2, OFF_HELDOUT3, off_domain_questions

    unrelated = off_domain_questions(
        Path(retrieval.__file__).parent / "data" / "unrelated_questions.txt")
    probes = np.asarray(real_embedder.embed(unrelated))
    for path in (OFF_HELDOUT, OFF_HELDOUT2, OFF_HELDOUT3):
        held = off_domain_questions(path)
        near = np.asarray(real_embedder.embed(held)) @ probes.T
        close = [(held[i], unrelated[int(near[i].argmax())])
                 for i in range(len(held)) if near[i].max() > 0.85]
        assert not close, (path.name, close)


@pytest.mark.parametrize(("pasted", "plain"), [
    ('Soaring demand for <a data-analytics-id="inline-link" href="https://example.com/tag/x">'
     'Dubai</a> chocolate caused a shortage of <em>which</em> nut?',
     "Soaring demand for Dubai chocolate caused a shortage of which nut?"),
    ("What did [Zakharova](https://example.com/zakharova) say?", "What did Zakharova say?"),
    ("Who won?<br/>The vote<p>in Ohio</p>", "Who won? The vote in Ohio"),
    ("Is inflation &lt; 3 % &amp; falling?", "Is inflation < 3 % & falling?"),
    ("Is x<y and y>z?", "Is x<y and y>z?"),  # not markup: kept as typed
    ("  What   did\nPeskov say? ", "What did Peskov say?"),
])
def test_markup_pasted_with_a_question_is_read_as_the_words_a_reader_sees(pasted, plain):
    from retrieval.answer import plain_question

    assert plain_question(pasted) == plain


def test_a_question_pasted_with_link_markup_gets_the_plain_question_s_answer(sample_engine):
    plain = "Did Russia interfere in the American presidential elections?"
    pasted = ('Did <a data-analytics-id="inline-link" data-before-rewrite-localise='
              '"https://example.com/tag/russia" href="https://example.com/tag/russia">Russia</a> '
              "interfere in the American presidential elections?")
    a, b = sample_engine.ask(plain), sample_engine.ask(pasted)
    assert not a.no_answer
    assert b.text == a.text
    assert [c.article_id for c in b.citations] == [c.article_id for c in a.citations]
    who = sample_engine.ask('What did <a href="https://example.com/z">Zakharova</a> say?')
    assert ZAKHAROVA in who.text


def _dated_corpus(tmp_path):
    import json

    rows = [
        {"id": "bridge", "title": "Harbor bridge repairs begin", "date": "2024-01-10",
         "text": "Crews began repairs on the harbor bridge on Wednesday, the city said. The harbor "
                 "bridge repairs will take two months.\n\n“The bridge will reopen soon,” Mayor "
                 "Ann Lee said."},
        {"id": "council", "title": "Council passes budget", "date": "2024-03-01",
         "text": "The city council passed the budget on Friday after a long debate about schools."
                 "\n\n“The budget is balanced,” Mayor Ann Lee said on Friday."},
    ]
    src = tmp_path / "dated.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    return src


def test_an_answer_from_before_the_window_asked_about_says_so(fake_engine, tmp_path):
    """"this week" kept nothing about the question, only an older article: the reply says that
    the window holds nothing and that what follows is older."""
    fake_engine.index([_dated_corpus(tmp_path)])
    ans = fake_engine.ask("What happened with the harbor bridge repairs this week?")
    assert not ans.no_answer
    assert [c.article_id for c in ans.citations] == ["bridge"]
    assert ans.text.startswith("Nothing indexed from ") and "(this week)" in ans.text
    assert "1 March 2024" in ans.text.split("\n")[0]
    plain = fake_engine.ask("What happened with the harbor bridge repairs?")
    assert not plain.text.startswith("Nothing indexed")


def test_an_answer_found_only_in_old_articles_says_how_old(fake_engine, tmp_path):
    """No time words, but every cited article is more than `old_days` older than the question:
    the reply says how old the newest is (what follows may be background, not the news)."""
    import dataclasses

    fake_engine.index([_dated_corpus(tmp_path)])
    old = fake_engine.ask("What happened with the harbor bridge repairs?")
    assert old.text.split("\n")[0] == (
        "Found in older articles only: the newest is from 10 January 2024, 51 days before the "
        "newest indexed article (1 March 2024).")
    assert [c.article_id for c in old.citations] == ["bridge"]
    new = fake_engine.ask("What did the city council pass after the debate about schools?")
    assert not new.no_answer and not new.text.startswith("Found in older")
    asked = fake_engine.ask("What happened with the harbor bridge repairs?",
                            filters=Filters(as_of="2024-03-05"))
    assert "before the date asked as of (5 March 2024)" in asked.text.split("\n")[0]
    off = dataclasses.replace(fake_engine.settings.retrieval, old_days=0)
    from retrieval.answer import answer

    plain = answer(fake_engine.snapshot(), fake_engine.encoder,
                   "What happened with the harbor bridge repairs?", k=5, filters=Filters(),
                   settings=off)
    assert not plain.text.startswith("Found in older")


def test_a_person_question_s_time_words_are_its_dates_not_its_topic(fake_engine, tmp_path):
    fake_engine.index([_dated_corpus(tmp_path)])
    both = fake_engine.ask("What did Ann Lee say?")
    assert {q.text for q in both.quotes} == {"The bridge will reopen soon",
                                            "The budget is balanced"}
    week = fake_engine.ask("What did Ann Lee say this week?")
    assert [q.text for q in week.quotes] == ["The budget is balanced"]
    topic = fake_engine.ask("What did Ann Lee say about the budget this week?")
    assert [q.text for q in topic.quotes] == ["The budget is balanced"]
    assert "this week" not in topic.text  # the topic is the budget, not the words "this week"
