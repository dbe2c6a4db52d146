"""Person questions through the index's read seam: cost by structure, stored vectors, the topic
fallback, groups and outlets as speakers, follow-ups (issue 9, issue 8 point 3)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from retrieval.attribution import (
    StatementTable,
    answer_about_person,
    extract_statements,
    follow_up,
    parse_person_question,
)
from retrieval.attribution.answering import CANDIDATES
from retrieval.attribution.lexicon import TITLES, words
from retrieval.models import Article, Chunk, Filters, Statement
from retrieval.store.base import Scope, SpeakerStatements, speaker_statements_from
from tests.conftest import load_sample_articles


class CountingArticles(Mapping[str, Article]):
    """The articles, counting every full pass over them (a scan of the corpus)."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._a = dict(articles)
        self.scans = 0

    def __getitem__(self, key: str) -> Article:
        return self._a[key]

    def __iter__(self) -> Iterator[str]:
        self.scans += 1
        return iter(self._a)

    def __len__(self) -> int:
        return len(self._a)

    def values(self):  # type: ignore[override]
        self.scans += 1
        return self._a.values()


class Seam:
    """Only the read-seam methods (no `statements`), each call counted."""

    def __init__(self, statements: Iterable[Statement], articles: Mapping[str, Article],
                 vectors: np.ndarray | None = None) -> None:
        self._articles = CountingArticles(articles)
        self._table = StatementTable(statements, articles, vectors)
        self.calls: Counter[str] = Counter()
        self.fetched = 0
        self.read = 0  # statements handed to the answer

    @property
    def articles(self) -> Mapping[str, Article]:
        return self._articles

    @property
    def text_hashes(self) -> Mapping[str, str]:
        return self._table.text_hashes

    def speaker_names(self) -> Mapping[str, int]:
        self.calls["speaker_names"] += 1
        return self._table.speaker_names()

    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]:
        self.calls["statements_by_speaker"] += 1
        rows = self._table.statements_by_speaker(names)
        self.fetched += len(rows)
        return rows

    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None:
        self.calls["statement_vectors"] += 1
        return self._table.statement_vectors(ids)

    def speaker_statements(self, names: Iterable[str], query: np.ndarray | None, limit: int,
                           scope: Scope | None = None) -> SpeakerStatements:
        self.calls["speaker_statements"] += 1
        got = speaker_statements_from(self, names, query, limit, scope)
        self.read += len(got.items)
        return got

    def lexical_search(self, terms: Sequence[str], k: int, rows: np.ndarray | None = None
                       ) -> list[tuple[int, float]]:
        self.calls["lexical_search"] += 1
        return self._table.lexical_search(terms, k, rows)

    def passage(self, i: int) -> Chunk:
        self.calls["passage"] += 1
        return self._table.passage(i)


@pytest.fixture(scope="module")
def samples():
    arts = load_sample_articles()
    stmts = [s for a in arts.values() for s in extract_statements(a.id, a.text)]
    return arts, stmts


def test_lexicon_is_data_files_read_once():
    assert "president" in TITLES and isinstance(TITLES, frozenset)
    assert words("titles") == TITLES
    pkg = Path(__file__).resolve().parents[1] / "retrieval" / "attribution" / "lexicon"
    assert (pkg / "titles.txt").is_file() and len(list(pkg.glob("*.txt"))) >= 40


def test_person_questions_read_the_index_by_speaker_only(samples):
    arts, stmts = samples
    seam = Seam(stmts, arts)
    first = answer_about_person("What did Zakharova say?", seam, None)
    assert first is not None and first.quotes
    answer_about_person("What did the Kremlin say?", seam, None)  # builds the role index
    assert seam.calls["speaker_names"] <= 2
    seam.calls.clear()
    seam._articles.scans = 0
    seam.fetched = 0
    for q in ("What did Peskov say about talks?", "What did Lavrov say?",
              "What did Linda Trump say?", "What did Zakharova say?"):
        ans = answer_about_person(q, seam, None)
        assert ans is not None
    # the speaker directory is built once per index, never again per question
    assert seam.calls["speaker_names"] == 0
    # one fetch per speaker asked about; only their statements are read
    assert seam.calls["statements_by_speaker"] == 3
    peskov = sum(1 for s in stmts if "Peskov" in s.speaker)
    assert seam.fetched < len(stmts) and seam.fetched <= peskov + 20
    # no pass over every article, also for someone absent (the lexical index is asked)
    assert seam._articles.scans == 0
    assert seam.calls["lexical_search"] >= 1


def test_role_questions_build_the_role_index_once(samples):
    arts, stmts = samples
    seam = Seam(stmts, arts)
    ans = answer_about_person("What did the Kremlin spokesman say?", seam, None)
    assert ans is not None and {q.speaker for q in ans.quotes} == {"Dmitry Peskov"}
    n = seam.calls["statements_by_speaker"]
    answer_about_person("What did the Kremlin spokesman say about talks?", seam, None)
    assert seam.calls["statements_by_speaker"] == n + 1  # the speaker's own, not all again


def test_stored_statement_vectors_mean_only_the_topic_is_embedded(samples):
    arts, stmts = samples
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(len(stmts), 8)).astype(np.float32)
    seam = Seam(stmts, arts, vectors=vecs)
    embedded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return rng.normal(size=(len(texts), 8)).astype(np.float32)

    ans = answer_about_person("What did Peskov say about the talks?", seam, embed)
    assert ans is not None and ans.quotes
    assert embedded == ["the talks"]
    assert seam.calls["statement_vectors"] == 1


def test_a_matched_speaker_with_nothing_in_the_scope_leaves_the_stored_ranking():
    """"Republicans" matches two groups; a date filter leaves one of them nothing: the other's
    statements are still ranked by their stored vectors (only the topic is embedded)."""
    a = Article(id="a", title="A", date="2024-01-01",
                text="“Taxes must fall this year,” Senate Republicans said.")
    b = Article(id="b", title="B", date="2024-06-01",
                text="“We back the tariff plan for steel,” House Republicans said.")
    stmts = [*extract_statements("a", a.text), *extract_statements("b", b.text)]
    assert {s.speaker for s in stmts} == {"Senate Republicans", "House Republicans"}
    vecs = np.eye(len(stmts), 4, dtype=np.float32)
    seam = Seam(stmts, {"a": a, "b": b}, vectors=vecs)
    embedded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2

    ans = answer_about_person("What did Republicans say about tariffs?", seam, embed,
                              filters=Filters(since="2024-05-01"))
    assert ans is not None and [q.text for q in ans.quotes] == ["We back the tariff plan for steel"]
    assert embedded == ["tariffs"]


def _prolific(n: int) -> tuple[dict[str, Article], list[Statement], int]:
    """n articles, each quoting Peskov once, one of them (the newest) on grain exports."""
    arts: dict[str, Article] = {}
    stmts: list[Statement] = []
    grain = n * 2 // 3
    for i in range(n):
        said = ("Grain exports to Africa will double next year" if i == grain
                else f"Meeting number {i} went as planned for everyone")
        text = f"“{said},” Peskov said on Monday.\n\nThe Kremlin gave no details."
        day = "2024-12-31" if i == grain else f"2024-{1 + i % 11:02d}-{1 + i % 27:02d}"
        arts[f"a{i}"] = Article(id=f"a{i}", title=f"Report {i}", text=text, date=day)
        stmts += extract_statements(f"a{i}", text)
    return arts, stmts, grain


def test_a_prolific_speaker_costs_the_candidates_read_not_their_statements():
    arts, stmts, grain = _prolific(3 * CANDIDATES)
    assert len(stmts) == 3 * CANDIDATES and {s.speaker for s in stmts} == {"Peskov"}
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(len(stmts), 16)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    topic = np.zeros(16, np.float32)
    topic[0] = 1.0
    vecs[grain] = topic  # the grain statement is the one closest to the topic
    seam = Seam(stmts, arts, vectors=vecs)
    ans = answer_about_person("What did Peskov say about grain exports?", seam,
                              lambda texts: np.stack([topic] * len(texts)))
    assert ans is not None and ans.quotes and "Grain exports" in ans.quotes[0].text
    assert seam.read <= CANDIDATES
    seam.read = 0
    ans = answer_about_person("What did Peskov say?", seam, None)
    assert ans is not None and seam.read <= CANDIDATES
    assert ans.citations[0].article_id == f"a{grain}"  # the newest article comes first
    assert "more statements by Peskov" in ans.text  # the ones not read are still counted


@dataclass(frozen=True)
class FakeHit:
    article_id: str
    start: int
    end: int
    fused: float


def test_topic_fallback_searches_the_speakers_own_passages():
    text = ("“The talks were useful,” Lavrov said on Monday.\n\n"
            "The minister spoke for an hour, and grain exports to Africa took most of it.")
    art = Article(id="a", title="Lavrov", text=text, date="2024-05-01")
    other = Article(id="b", title="Other", text="Grain exports rose in May, traders said.",
                    date="2024-05-02")
    stmts = [*extract_statements("a", text), *extract_statements("b", other.text)]
    table = StatementTable(stmts, {"a": art, "b": other})
    para = text.index("The minister")
    asked: list[str] = []

    def search(query: str, k: int):
        asked.append(query)
        return [FakeHit("b", 0, len(other.text), 0.9), FakeHit("a", para, len(text), 0.8)]

    ans = answer_about_person("What did Lavrov say about grain exports?", table, None,
                              search=search)
    assert ans is not None and not ans.no_answer
    assert asked == ["Lavrov grain exports"]
    # one article, one source: its citation holds the passage found by the fallback
    assert [c.article_id for c in ans.citations] == ["a"]
    assert ans.citations[0].start <= para and ans.citations[0].end >= len(text)
    assert {q.speaker for q in ans.quotes} <= {"Lavrov"}
    assert "grain exports" in ans.text
    # without a search, the old answer: no statement about it, and what Lavrov did say
    plain = answer_about_person("What did Lavrov say about grain exports?", table, None)
    assert plain is not None and plain.text.startswith("I found no statements by Lavrov about")


def _dated(texts: dict[str, str], month: str) -> dict[str, Article]:
    """Articles "a", "b", … titled "Ta", …, dated the 1st, 2nd, … of the month."""
    return {aid: Article(aid, f"T{aid}", t, date=f"{month}-0{i + 1}")
            for i, (aid, t) in enumerate(texts.items())}


def _extracted(arts: dict[str, Article]) -> StatementTable:
    """The articles' statements, as the extractor finds them."""
    return StatementTable([s for a in arts.values() for s in extract_statements(a.id, a.text)],
                          arts)


def _sanctions_articles() -> dict[str, Article]:
    texts = {
        # a: Kovac on sanctions, twice; the second statement's words match the topic less
        "a": ("“Sanctions on steel will not work,” Kovac said on Monday.\n\n"
              "The minister, speaking in Brussels, went further. Kovac said that the steel "
              "levies were a mistake Europe would regret."),
        # b: a statement about sanctions, and a passage where Kovac speaks with no cue the
        # extractor reads
        "b": ("“We discussed sanctions and steel,” Kovac said after the meeting.\n\n"
              "Asked about the tariff deal, Kovac was angry. The sanctions deal is dead."),
        # c: an article that only mentions Kovac, on sanctions
        "c": "Kovac's plan on steel sanctions was debated by the committee on Friday.",
        # d: someone else on the topic
        "d": "“Steel sanctions are overdue,” Ruiz said.",
    }
    return _dated(texts, "2024-03")


def test_topic_answers_cite_the_passages_the_search_finds_where_the_speaker_speaks():
    arts = _sanctions_articles()
    table = _extracted(arts)
    b = arts["b"].text
    asked: list[str] = []

    def search(query: str, k: int):
        asked.append(query)
        return [FakeHit("d", 0, len(arts["d"].text), 0.95),  # not Kovac's: never cited
                FakeHit("b", b.index("Asked"), len(b), 0.9),
                FakeHit("c", 0, len(arts["c"].text), 0.8)]

    ans = answer_about_person("What did Kovac say about steel sanctions?", table, None, k=5,
                              search=search)
    assert ans is not None and not ans.no_answer
    assert asked == ["Kovac steel sanctions"]
    assert {q.speaker for q in ans.quotes} == {"Kovac"} and "d" not in {
        c.article_id for c in ans.citations}
    by_article = {c.article_id: c for c in ans.citations}
    # the passage in b where Kovac speaks without a cue the extractor reads is cited: the
    # citation of b's quote takes it in, and the answer shows it
    assert by_article["b"].end >= len(b) and "The sanctions deal is dead." in ans.text
    # a free citation slot takes the article that names Kovac on the topic
    assert "c" in by_article and "Where Kovac and steel sanctions also come up" in ans.text
    # with no search the answer cites only the statements' paragraphs
    plain = answer_about_person("What did Kovac say about steel sanctions?", table, None, k=5)
    assert plain is not None and "c" not in {c.article_id for c in plain.citations}
    assert {c.article_id: c for c in plain.citations}["b"].end < len(b)


def test_at_most_k_articles_are_cited_and_the_best_passage_always_is():
    arts = _sanctions_articles()
    table = _extracted(arts)
    ans = answer_about_person(
        "What did Kovac say about steel sanctions?", table, None, k=2,
        search=lambda q, k: [FakeHit("c", 0, len(arts["c"].text), 0.9)])
    # two citations: the best quote's, and the search's best passage where Kovac comes up,
    # though Kovac has two more statements on the topic
    assert ans is not None and len(ans.quotes) == 1
    assert [c.article_id for c in ans.citations] == [ans.citations[0].article_id, "c"]


def test_a_statement_inside_the_best_passage_is_ranked_up():
    arts = _sanctions_articles()
    table = _extracted(arts)
    a = arts["a"].text
    second = a.index("The minister")
    q = "What did Kovac say about steel sanctions?"
    plain = answer_about_person(q, table, None, k=5)
    assert plain is not None and "levies" not in plain.quotes[0].text
    ans = answer_about_person(q, table, None, k=5,
                              search=lambda q, k: [FakeHit("a", second, len(a), 0.9)])
    assert ans is not None and "levies" in ans.quotes[0].text


def test_topic_fallback_gives_up_when_no_passage_of_the_speaker_has_the_topic():
    text = "“The talks were useful,” Lavrov said on Monday."
    table = StatementTable(extract_statements("a", text), {"a": Article("a", "L", text)})
    ans = answer_about_person("What did Lavrov say about grain exports?", table, None,
                              search=lambda q, k: [FakeHit("a", 0, len(text), 1.0)])
    assert ans is not None and ans.text.startswith("I found no statements by Lavrov about")


def _table(*texts: str) -> StatementTable:
    arts = {f"a{i}": Article(f"a{i}", f"T{i}", t, date=f"2024-01-0{i + 1}")
            for i, t in enumerate(texts)}
    return _extracted(arts)


def test_groups_and_outlets_are_asked_about():
    table = _table("Republicans said the bill would raise costs for families.",
                   "Senate Republicans said on Tuesday that they would block the nominee.",
                   "Politico reported that the White House was weighing new sanctions.",
                   "“We are ready,” Kremlin spokesman Dmitry Peskov said.")
    ans = answer_about_person("What did Republicans say?", table, None)
    assert ans is not None and len(ans.quotes) == 2
    assert {q.speaker for q in ans.quotes} == {"Republicans", "Senate Republicans"}
    ans = answer_about_person("What did Senate Republicans say?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Senate Republicans"]
    ans = answer_about_person("What did Politico report?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Politico"]
    # a group that says nothing: declined, never someone else's words
    ans = answer_about_person("What did Democrats say?", table, None)
    assert ans is not None and ans.no_answer and not ans.quotes
    # an outlet that says nothing: the passages answer
    assert answer_about_person("What did Reuters say?", table, None) is None


def test_outlets_after_a_comma_and_weak_pronoun_referents_are_answered():
    table = _table("The deputy is pushing a new levy on imports, the Financial Times reported.",
                   "Rita Vale chaired the club.\n\nThe card game pre-dates Doug Farrow, who "
                   "married her in 2014.\n\n“They never taught me the rules of hearts,” he "
                   "said.",
                   "Chief U.S. District Judge Alan Frost ruled that the flights should return.")
    ans = answer_about_person("What did the Financial Times report?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Financial Times"]
    ans = answer_about_person("What did Farrow say?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Doug Farrow"]
    assert "rules of hearts" in ans.quotes[0].text
    ans = answer_about_person("What did Judge Frost say about the flights?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Alan Frost"]
    # the person named in the card-game sentence who never speaks: declined
    ans = answer_about_person("What did Rita Vale say?", table, None)
    assert ans is not None and ans.no_answer and not ans.quotes


@pytest.mark.parametrize("question,history,expected", [
    ("and Medvedev?", ["What did Lavrov say?"], "What did Medvedev say?"),
    ("What about Medvedev?", ["What did Lavrov say about Ukraine?"],
     "What did Medvedev say about Ukraine?"),
    ("and about NATO?", ["What did Lavrov say about Ukraine?"], "What did Lavrov say about NATO?"),
    ("What else did he say?", ["What did Lavrov say about Ukraine?"], "What did Lavrov say?"),
    ("Did she say anything about sanctions?", ["What did Zakharova say?"],
     "What did Zakharova say about sanctions?"),
    ("and Peskov?", ["What did Lavrov say?", "and Medvedev?"], "What did Peskov say?"),
    ("and about grain?", ["What did Lavrov say?", "and Medvedev?"],
     "What did Medvedev say about grain?"),
])
def test_follow_up_keeps_the_person_mode(question, history, expected):
    assert follow_up(question, history) == expected
    assert parse_person_question(expected) is not None


@pytest.mark.parametrize("question,history", [
    ("and Medvedev?", []),
    ("and Medvedev?", ["What happened in Kyiv?"]),  # not a person question: no person mode
    ("What did Peskov say?", ["What did Lavrov say?"]),  # a question of its own
    ("How many people died in the floods last year?", ["What did Lavrov say?"]),
])
def test_not_a_person_follow_up(question, history):
    assert follow_up(question, history) is None


def test_chat_follow_up_returns_the_new_speakers_statements(sample_engine):
    first = sample_engine.ask("What did Lavrov say?")
    assert first.quotes and {q.speaker for q in first.quotes} == {"Sergey Lavrov"}
    ans = sample_engine.ask("and Medvedev?", history=["What did Lavrov say?"])
    assert ans.quotes, ans.text
    assert {q.speaker for q in ans.quotes} == {"Dmitry Medvedev"}
    assert ans.question == "and Medvedev?"


@pytest.mark.parametrize("question", ["What did Peskov say?", "What did Zakharova say?",
                                      "What did Lavrov say?", "What did Peskov say about talks?"])
def test_every_quote_lies_inside_its_citation(samples, question):
    arts, stmts = samples
    ans = answer_about_person(question, StatementTable(stmts, arts), None)
    assert ans is not None and ans.quotes
    cites = {c.n: c for c in ans.citations}
    for q in ans.quotes:
        c = cites[q.citation]
        assert c.start <= q.start and q.end <= c.end, (q, c.start, c.end)
        assert arts[c.article_id].text[q.start:q.end] == q.text


def test_two_statements_from_one_article_are_one_source():
    text = ("“We will talk,” Peskov said on Monday.\n\n"
            "Later he spoke again. “Nothing has changed,” Peskov said.")
    art = Article(id="a", title="Peskov", text=text, date="2024-05-01")
    table = StatementTable(list(extract_statements("a", text)), {"a": art})
    ans = answer_about_person("What did Peskov say?", table, None)
    assert ans is not None and len(ans.quotes) == 2
    assert [c.n for c in ans.citations] == [1]
    cit = ans.citations[0]
    assert all(q.citation == 1 and cit.start <= q.start and q.end <= cit.end for q in ans.quotes)
    assert cit.text == text[cit.start:cit.end]


def test_a_passage_far_from_a_cited_quote_widens_that_articles_citation():
    """The passage where X speaks about T lies far down an article already cited for another
    quote: the article keeps one citation, which takes the passage in, and the answer shows
    the passage's sentences on T (not its other sentences, not the quote again)."""
    filler = " ".join(f"Farmers in district {i} planted wheat early this year." for i in range(60))
    text = ("“Steel sanctions will not work,” Kovac said on Monday.\n\n" + filler + "\n\n"
            "Later the minister was asked again. Kovac was angry about the steel sanctions. "
            "The hall was cold.")
    art = Article("a", "Kovac", text, date="2024-03-01")
    table = StatementTable(list(extract_statements("a", text)), {"a": art})
    far = text.index("Later the minister")
    assert far > 3000
    ans = answer_about_person("What did Kovac say about steel sanctions?", table, None, k=5,
                              search=lambda q, k: [FakeHit("a", far, len(text), 0.9)])
    assert ans is not None and not ans.no_answer
    assert [c.article_id for c in ans.citations] == ["a"]
    cit = ans.citations[0]
    assert cit.start <= text.index("Steel") and cit.end == len(text)
    assert cit.text == text[cit.start:cit.end]
    assert "[1] Kovac was angry about the steel sanctions." in ans.text
    assert "The hall was cold" not in ans.text and ans.text.count("will not work") == 1


def test_passages_found_show_each_sentence_once():
    """Two overlapping passages of one article (passages share their edges): the sentence
    they share is shown once."""
    text = ("“Talks went well,” Kovac said.\n\n"
            "Kovac spoke of steel sanctions at length. Kovac called the steel sanctions unfair. "
            "Steel sanctions hurt the port.")
    art = Article("a", "Kovac", text, date="2024-03-01")
    table = StatementTable(list(extract_statements("a", text)), {"a": art})
    second = text.index("Kovac called")
    hits = [FakeHit("a", text.index("Kovac spoke"), text.index(" Steel sanctions hurt"), 0.9),
            FakeHit("a", second, len(text), 0.8)]
    ans = answer_about_person("What did Kovac say about steel sanctions?", table, None, k=5,
                              search=lambda q, k: hits)
    assert ans is not None
    assert ans.text.count("Kovac called the steel sanctions unfair.") == 1
    assert "Steel sanctions hurt the port." in ans.text


def test_topic_fallback_takes_passages_that_name_the_speaker():
    """No statement of X is about T, and the passage on T names X in an article with no
    statement of X: it is still where X comes up, and it answers before T is given up."""
    quoted = Article("a", "Talks", "“The talks were useful,” Lavrov said on Monday.",
                     date="2024-05-01")
    text = "Grain exports to Africa were raised by Lavrov at the summit, officials noted."
    named = Article("b", "Grain", text, date="2024-05-02")
    arts = {"a": quoted, "b": named}
    table = _extracted(arts)
    assert not [s for s in table.statements if s.article_id == "b" and "Lavrov" in s.speaker]
    ans = answer_about_person("What did Lavrov say about grain exports?", table, None,
                              search=lambda q, k: [FakeHit("b", 0, len(text), 0.9)])
    assert ans is not None and not ans.no_answer
    assert "b" in {c.article_id for c in ans.citations}
    assert ans.text.startswith("I found no statement by Lavrov about grain exports itself")


def test_the_namesake_whose_statement_is_closest_to_the_topic_is_meant(real_embedder):
    """Two people share a surname; the most quoted never speaks of the topic, the other
    speaks of it in other words than the question's: the stored statement vectors (the real
    model) say which one is meant, and the other is named."""
    lines = [f"“Set {i} was a hard one, but my serve held,” tennis player Serena Hale said."
             for i in range(8)]
    a = Article("a", "Tennis", "\n\n".join(lines), date="2024-01-01")
    b = Article("b", "Prices", "“Families can no longer afford groceries or rent, and wages "
                "are not keeping up,” economist Tom Hale said.", date="2024-01-02")
    arts = {"a": a, "b": b}
    stmts = [s for x in arts.values() for s in extract_statements(x.id, x.text)]
    vectors = real_embedder.embed([s.text for s in stmts])
    table = StatementTable(stmts, arts, vectors)
    ask = "What did Hale say about inflation and the cost of living?"
    ans = answer_about_person(ask, table, real_embedder.embed)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Tom Hale"]
    assert "Serena Hale" in ans.text  # named, so the user can ask for her
    # without a topic the most quoted one is meant
    ans = answer_about_person("What did Hale say?", table, real_embedder.embed)
    assert ans is not None and {q.speaker for q in ans.quotes} == {"Serena Hale"}


def test_a_topic_answer_with_room_shows_the_speakers_other_words_in_the_cited_article():
    # one statement of Varga's is about housing; her other words in the same interview come
    # next, closest first, under their own heading; her words in another article do not
    interview = ("“Housing costs are crushing young families,” Varga said on Monday.\n\n"
                 "“We will build where people already live,” Varga said.\n\n"
                 "The council meets in June.\n\n"
                 "“Nobody should wait ten years for a flat,” Varga added.")
    other = "“The festival was a success,” Varga said of the summer."
    arts = {"a": Article("a", "Interview", interview, date="2024-05-01"),
            "b": Article("b", "Festival", other, date="2024-05-02")}
    table = _extracted(arts)
    ans = answer_about_person("What did Varga say about housing costs?", table, None, k=5)
    assert ans is not None and not ans.no_answer
    texts = [q.text for q in ans.quotes]
    assert "Housing costs are crushing young families" in texts[0]
    assert any("build where people already live" in t for t in texts[1:])
    assert any("wait ten years" in t for t in texts[1:])
    assert not any("festival" in t for t in texts)
    head = ans.text.index("Also in the cited article:")
    assert ans.text.index("Housing costs") < head < ans.text.index("build where people")
    assert ans.text.index("build where people") < ans.text.index("wait ten years")
    assert {c.article_id for c in ans.citations} == {"a"}
    # with as many relevant statements as the answer has room for, nothing is added
    one = answer_about_person("What did Varga say about housing costs?", table, None, k=1)
    assert one is not None and len(one.quotes) == 1 and "Also in the cited" not in one.text


def test_a_regnal_name_is_named_again_by_its_name_and_a_royal_title_reads_before_it():
    text = ("“We will protect the holy sites,” King Abdullah II said on Monday.\n\n"
            "“Jerusalem belongs to all faiths,” Abdullah II said. “Christians are part of its "
            "past,” the king added.")
    art = Article("a", "Jordan", text, date="2024-05-01")
    table = StatementTable(extract_statements("a", text), {"a": art})
    ans = answer_about_person("What did Abdullah say about Jerusalem?", table, None)
    assert ans is not None and not ans.no_answer
    lines = [ln for ln in ans.text.splitlines() if "“" in ln]
    assert lines[0].startswith("King Abdullah II said")
    assert all(ln.startswith("Abdullah ") for ln in lines[1:]) and len(lines) == 3
    assert not any(ln.startswith("II ") for ln in lines)


@pytest.mark.parametrize("name, short", [("Abdullah II", "Abdullah"), ("Jane Roe", "Roe"),
                                         ("Robert F. Kennedy Jr.", "Kennedy"),
                                         ("Jane Q.", "Jane")])
def test_short_name_skips_suffixes_and_initials(name, short):
    from retrieval.attribution.answering import short_name
    assert short_name(name) == short


def _unquoted_articles() -> dict[str, Article]:
    texts = {
        # the motoring group speaks, in words the extractor does not take as a statement
        "a": ("Fuel prices rose again in May.\n\n"
              "The RAC also reported a jump in diesel prices, the steepest in a year.\n\n"
              "Drivers queued at the pumps."),
        # named, on the topic, but not speaking
        "b": "Fuel prices were discussed at the RAC headquarters on Friday.",
        # someone else speaking
        "c": "“Diesel will keep rising,” Smith said of fuel prices.",
    }
    return _dated(texts, "2024-05")


def test_a_speaker_with_no_statement_gets_the_passages_where_the_articles_have_them_speak():
    arts = _unquoted_articles()
    table = _extracted(arts)
    assert not any(s.speaker.endswith("RAC") for s in table.statements)
    asked: list[str] = []

    def search(query: str, k: int):
        asked.append(query)
        return [FakeHit("b", 0, len(arts["b"].text), 0.9),
                FakeHit("c", 0, len(arts["c"].text), 0.8),
                FakeHit("a", 0, len(arts["a"].text), 0.7)]

    ans = answer_about_person("What did the RAC say about fuel prices?", table, None,
                              search=search)
    assert ans is not None and not ans.no_answer and not ans.quotes
    assert asked == ["RAC fuel prices"]
    # only the passage where the RAC speaks is cited, verbatim, with its date; not the one that
    # only names it, not Smith's
    assert [c.article_id for c in ans.citations] == ["a"]
    assert ans.text.startswith("I found no statement attributed to the RAC that I could quote")
    assert "The RAC also reported a jump in diesel prices, the steepest in a year." in ans.text
    assert "[1] (1 May 2024) The RAC" in ans.text
    assert "Smith" not in ans.text and "headquarters" not in ans.text
    c = ans.citations[0]
    assert "The RAC also reported" in arts["a"].text[c.start:c.end]
    # outside the question's dates there is nothing: the plain "no statements" answer
    late = answer_about_person("What did the RAC say about fuel prices?", table, None,
                               search=search, filters=Filters(since="2024-06-01"))
    assert late is not None and late.no_answer
    # without the search (or where the articles never have the RAC speak): no statements
    plain = answer_about_person("What did the RAC say about fuel prices?", table, None)
    assert plain is not None and plain.no_answer
    silent = answer_about_person(
        "What did the RAC say about fuel prices?", table, None,
        search=lambda q, k: [FakeHit("b", 0, len(arts["b"].text), 0.9)])
    assert silent is not None and silent.no_answer


def test_groups_and_outlets_with_no_statement_get_the_passages_where_they_speak():
    """A group or a news outlet that no statement is attributed to: the passages where the
    articles have it speak, not a decline (a group) or the general passage answer (an outlet);
    one that never speaks there still gets those."""
    arts = _dated({
        "a": "Democrats say GOP obsession with Obamacare is preventing anything else",
        "b": "The Texas Tribune on Friday posted a chart of infected prisoners",
        "c": "Democrats and Republicans met to talk about Obamacare and prisoners",
    }, "2024-05")
    table = _extracted(arts)
    assert not table.statements

    def search(query: str, k: int):
        return [FakeHit(a, 0, len(arts[a].text), 0.9) for a in ("c", "a", "b")]

    ans = answer_about_person("What did Democrats say about Obamacare?", table, None,
                              search=search)
    assert ans is not None and not ans.no_answer and not ans.quotes
    assert [c.article_id for c in ans.citations] == ["a"]
    ans = answer_about_person("What did the Texas Tribune say about prisoners?", table, None,
                              search=search)
    assert ans is not None and not ans.no_answer and not ans.quotes
    assert [c.article_id for c in ans.citations] == ["b"]
    ans = answer_about_person("What did Republicans say about Obamacare?", table, None,
                              search=search)
    assert ans is not None and ans.no_answer  # named, never speaking
    assert answer_about_person("What did Reuters say about prisoners?", table, None,
                               search=search) is None  # the passage answer


@pytest.mark.parametrize("text, speaks", [
    ("The RAC also reported a jump in prices.", True),
    ("Prices rose, according to a Gallup poll.", True),
    ("Gallup estimates that prices will rise.", True),
    ("The RAC's spokesman said prices rose.", True),
    ("Prices were discussed at the RAC headquarters.", False),
    ("Members of the RAC and Gallup met.", False),
    ("Officials at the RAC said prices rose.", True),
    ("A spokesperson for the RAC said prices rose.", True),
    ("The RAC on Tuesday said prices rose.", True),
    ("The RAC, in a statement, said prices rose.", True),
    ("The RAC posted a chart of prices.", True),
    ("Drivers told the RAC prices rose.", False),
    ("The RAC office on Tuesday was closed.", False),
])
def test_speaking_pattern(text, speaks):
    from retrieval.attribution.answering import speaking_pattern
    rx = speaking_pattern("Gallup" if "Gallup" in text else "RAC")
    assert rx is not None and bool(rx.search(text)) is speaks


@pytest.mark.parametrize("name, text, speaks", [
    # the cue before the name, after a quote: the name ends the clause
    ("Tedeschi", '"A tariff is a regressive tax," said Ernie Tedeschi, director at the lab.', True),
    ("Wyden", '"Not this year," says Sen. Ron Wyden.', True),
    ("Pelosi", "He said Pelosi was wrong about the bill.", False),  # Pelosi is spoken of
    ("Pelosi", "Trump told Pelosi the bill was dead.", False),  # Pelosi is the one told
    # an apposition between the name and the cue, abbreviations inside it
    ("Williams", "Rep. Roger Williams, a Texas Republican who coaches the team, told CNN.", True),
    ("Cummings", "Chairman Elijah Cummings, D-Md., has said the committee sought records.", True),
    ("Cummings", "Elijah Cummings, the chairman. Others said nothing.", False),
    # the name in another case than asked, small words inside an institution's name
    ("Mcconnell", "McConnell said the Senate would vote.", True),
    ("Department of Health and Human Services",
     "The Department of Health and Human Services said on Friday that notes were lost.", True),
    ("U.S. Office of Personnel Management",
     "The Office of Personnel Management said probationary staff would go.", True),
    ("Department of Health and Human Services", "The Department of Health said it.", False),
    # a group's plural verb, a capital "According", "who said", two speakers, a title-like name
    ("Democrats", "Democrats say the hearings prevent anything else from getting done.", True),
    ("Texas Tribune", "According to the Texas Tribune, the number of infected prisoners rose.",
     True),
    ("Delgado", "Antonio Delgado, who said on social media that the mayor should go.", True),
    ("Specter", '"None pled guilty," Specter and Van Dyke said in the release.', True),
    ("Pope", '"Mr. Vance is wrong," theologian Stephen J. Pope writes in the article.', True),
    ("Delgado", "Voters who met Antonio Delgado and Hochul.", False),
    # a possessive's part, and a speaker who acts, then speaks
    ("Del Lago", "Del Lago's owners, including developer Thomas Wilmot, say they will push.",
     True),
    ("Cawthorn", "Cawthorn’s office has sought to tamp down the backlash, explaining that he "
     "was warning the US.", True),
    ("ELN", "A rebel group known as the ELN agreed to a cease-fire and said it would talk.",
     True),
    ("Cawthorn’s office", "Cawthorn’s office has sought to tamp down the backlash, explaining "
     "that he was warning the US.", True),
    ("Pelosi", "Trump attacked Pelosi over the bill, saying it was dead.", False),
    ("Pelosi", "Trump met Pelosi and said the bill was dead.", False),
])
def test_speaking_pattern_finds_speakers_the_extractor_may_miss(name, text, speaks):
    from retrieval.attribution.answering import speaking_pattern
    rx = speaking_pattern(name)
    assert rx is not None and bool(rx.search(text)) is speaks


@pytest.mark.parametrize("role, before", [("Sen.", True), ("Democratic Minnesota Sen.", True),
                                          ("King", True), ("Kremlin spokesman", False),
                                          ("the king", False), (None, False)])
def test_titles_that_read_before_the_name(role, before):
    from retrieval.attribution import title_before_name
    assert title_before_name(role) is before


def test_an_institution_asked_by_its_full_name_and_quoted_by_its_initials():
    table = _table("Davos opens on Monday. According to WEF, the forum also invites activists, "
                   "artists and labour leaders this year.",
                   "“We are ready,” Kremlin spokesman Dmitry Peskov said.")
    ans = answer_about_person("What did the World Economic Forum say?", table, None)
    assert ans is not None and not ans.no_answer
    assert [q.speaker for q in ans.quotes] == ["WEF"]
    assert "invites activists" in ans.quotes[0].text
    ans = answer_about_person("What did the World Trade Organization say?", table, None)
    assert ans is not None and ans.no_answer
    # a person's initials name no institution ("Felix Tshisekedi" is not "FT")
    table = _table("“Prices will rise,” FT said in an editorial on Monday about the economy.")
    ans = answer_about_person("What did Felix Tshisekedi say?", table, None)
    assert ans is not None and ans.no_answer


def test_a_place_asked_about_speaks_as_its_government_not_as_a_namesake():
    """"What did Israel say?": the country and the parts of its government, not a person whose
    first name is Israel, not "Supporters of Israel"; an institution is not given a "The" that
    it does not take ("Hamas said", "The Foreign Ministry said")."""
    table = _table("Israel said on Monday that it would respond with force.",
                   "“We will win the war,” Defense Minister Israel Katz said.",
                   "Supporters of Israel said the march would go ahead.",
                   "Israel's Foreign Ministry said talks would resume next week.",
                   "Hamas said the hostages would be freed.",
                   "The Michigan First Credit Union said members would be repaid.",
                   "Michigan said the policy covers employees and contractors.")
    ans = answer_about_person("What did Israel say?", table, None)
    assert ans is not None and not ans.no_answer
    assert {q.speaker for q in ans.quotes} == {"Israel", "Israel's Foreign Ministry"}
    assert "Israel said" in ans.text and "Israel's Foreign Ministry said" in ans.text
    assert "The Israel" not in ans.text
    ans = answer_about_person("What did Michigan say?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Michigan"]
    ans = answer_about_person("What did Hamas say?", table, None)
    assert ans is not None and ans.text.startswith("Hamas said")
    # the person is still found by the full name
    ans = answer_about_person("What did Israel Katz say?", table, None)
    assert ans is not None and [q.speaker for q in ans.quotes] == ["Israel Katz"]


@pytest.mark.parametrize("name, org", [
    ("University of Michigan", True), ("Bank of America", True), ("Supporters of Israel", True),
    ("Airlines for America", True), ("Prince of Wales", False),
    ("Secretary of State Marco Rubio", False), ("Mayor of London Sadiq Khan", False),
])
def test_an_institution_named_after_a_place_is_an_institution(name, org):
    from retrieval.attribution.identity import looks_org
    assert looks_org(name) is org


def _speakers_and_spans(text: str) -> list[tuple[str, str]]:
    return [(s.speaker, text[s.start:s.end]) for s in extract_statements("a", text)]


@pytest.mark.parametrize("text, speaker, content", [
    # an inverted cue after a clause holding a quoted fragment
    ("Demand for travel is still “booming” despite concern over the global economy, said the FT.",
     "FT", "Demand for travel is still “booming” despite concern over the global economy"),
    # whom it was told to and when, then the said clause, with a historical-present cue
    ("Zelensky tells reporters the following day that world leaders have been overstating the "
     "likelihood of war.", "Zelensky",
     "world leaders have been overstating the likelihood of war."),
    ("Mayor Ann Lee said days later that the bridge would reopen in the spring.", "Ann Lee",
     "the bridge would reopen in the spring."),
    # a post's said clause
    ("Jennings posted on Truth Social that she had volunteers watching the drop boxes.",
     "Jennings", "she had volunteers watching the drop boxes."),
])
def test_reported_speech_after_fragments_objects_and_posts(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


@pytest.mark.parametrize("text, speaker, content", [
    # a poll's or figures' owner, with whom the poll was for, or what kind of company it is
    ("Labour has a 17-point lead over the Conservatives, according to a poll by Savanta ComRes "
     "for the Daily Telegraph.", "Savanta ComRes", "Labour has a 17-point lead over the "
     "Conservatives"),
    ("Hotel bookings have outpaced 2019 levels, according to figures compiled by travel company "
     "Amadeus, which collates data from 35,000 hotel properties.", "Amadeus",
     "Hotel bookings have outpaced 2019 levels"),
    # the sentence goes on after the source
    ("New Jersey is home to an estimated 475,000 undocumented immigrants, according to the Pew "
     "Research Center, and overall, 2.3 million immigrants, according to government data.",
     "Pew Research Center", "New Jersey is home to an estimated 475,000 undocumented immigrants"),
    # "according to the motoring group": the institution of that kind named just before
    ("The RAC said that charging costs had risen by 42% in four months. The average price has "
     "increased by 18.75p since May, according to the motoring group.", "RAC",
     "The average price has increased by 18.75p since May"),
    # a quote-only cue with a said clause
    ("The Environmental Protection Agency released its review on Monday. The agency concluded "
     "that the plant had broken the rules for years.", "Environmental Protection Agency",
     "the plant had broken the rules for years."),
    # the head word of an institution named in full before
    ("The League of Women Voters filed the suit last week. The League argues that the law is "
     "unconstitutional and must go.", "League of Women Voters",
     "the law is unconstitutional and must go."),
    # "the FT." in capitals ends its sentence ("ft." for feet does not)
    ("Demand is still booming, said the FT. Hotel bookings have outpaced 2019 levels, according "
     "to figures compiled by travel company Amadeus.", "Amadeus",
     "Hotel bookings have outpaced 2019 levels"),
])
def test_institutions_behind_figures_kinds_and_short_names(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


@pytest.mark.parametrize("text, wrong", [
    # another company than the one named
    ("Acme Corp. said its sales fell. The rival company said its own sales rose in the quarter.",
     "its own sales rose in the quarter."),
    # "the House" is not the White House named before
    ("The White House said on Monday it would act. The House said that the bill should pass "
     "without delay.", "the bill should pass without delay."),
])
def test_other_institutions_are_not_the_one_named_before(text, wrong):
    got = {text[s.start:s.end]: s.speaker for s in extract_statements("a", text)}
    assert got.get(wrong) not in ("Acme Corp", "White House")


@pytest.mark.parametrize("text, speaker, content", [
    # "the agency" for the institution named just before, though only as an object
    ("True the Vote also provided data to the Georgia Bureau of Investigation in 2021, but the "
     "agency concluded that there was no evidence tying the data to ballot harvesting.",
     "Georgia Bureau of Investigation",
     "there was no evidence tying the data to ballot harvesting."),
    # a letter speaks for its author, and so does "the letter" after it
    ("“There are no statements of witnesses,” said a September 2021 letter from GBI Director "
     "Vic Reynold to the party. “The data does not rise to the level of probable cause,” the "
     "letter said.", "Vic Reynold", "The data does not rise to the level of probable cause"),
    # "urged X to do Y": whom, and what to do
    ("Gov. Phil Murphy urged visitors and residents to avoid swimming in the ocean.",
     "Phil Murphy", "visitors and residents to avoid swimming in the ocean."),
    # a stray comma between the name opening the clause and its cue
    ("At a public meeting in May, Georgia State Election Board member Edward Lindsey, urged "
     "people to allow an investigation to take place.", "Edward Lindsey",
     "people to allow an investigation to take place."),
])
def test_agencies_letters_and_urging(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


@pytest.mark.parametrize("text, speaker, content", [
    # a statement by someone, shared somewhere
    ("“Together, these two Americans will pave the way for my Administration,” according to a "
     "statement by Trump shared on Musk's X page on Tuesday.", "Trump",
     "Together, these two Americans will pave the way for my Administration"),
    # an institution's website is the institution's
    ("According to the WEF website, business partnerships and policy can and often do come out "
     "of the summit.", "WEF",
     "business partnerships and policy can and often do come out of the summit."),
    # a description before the name of a sentence's subject
    ("Avondale resident Auchie Espinoza, 40, makes T-shirts for a living, and said, “Charlie got "
     "shot for his First Amendment right.”", "Auchie Espinoza",
     "Charlie got shot for his First Amendment right."),
])
def test_documents_websites_and_described_subjects(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


def test_a_place_before_a_comma_is_no_speaker():
    text = ("Ruel Ladrido, 46, a farmer in Laur, Nueva Ecija, said his fields were not flooded "
            "but strong winds damaged his crops.")
    assert "Nueva Ecija" not in {s.speaker for s in extract_statements("a", text)}


@pytest.mark.parametrize("text, speaker, content", [
    # "by saying that": the subject of the clause "by" ends
    ("Councilman Luis Velez interjected into the reporter's question by saying that authorities "
     "entering a church need a warrant.", "Luis Velez",
     "authorities entering a church need a warrant."),
    ("After Harris accused him of wanting to be an autocrat, Trump concluded by saying: “The "
     "tyrants are laughing at her.”", "Trump", "The tyrants are laughing at her."),
    # a document's -ing cue speaks for whoever filed it, after the hearer
    ("The Justice Department on Monday filed a brief advising the court that the allegations "
     "raise serious concerns of voter intimidation.", "Justice Department",
     "the allegations raise serious concerns of voter intimidation."),
    # a person named after an inverted cue beats the outlet that reported it
    ("Specifically, the administration took issue with programs that trained therapists, said "
     "Madi Biedermann, a spokesperson for the Education Department, according to USA Today.",
     "Madi Biedermann",
     "Specifically, the administration took issue with programs that trained therapists"),
])
def test_by_saying_filed_briefs_and_reported_reports(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


@pytest.mark.parametrize("text", [
    "Report it to the DNR by calling 1-866-663-9684 before Friday.",
    "At the awards, Swift celebrated her first win by announcing her next album, “Midnights.”",
    "Tech companies and banks sent urgent memos to employees, advising them to return early.",
])
def test_deeds_and_advice_are_not_statements(text):
    assert not [s for s in extract_statements("a", text) if s.kind == "reported"]


@pytest.mark.parametrize("text, speaker, content", [
    # a person "of", "with" or "from" an institution speaks as that person
    ("Rick Stumpf of the National Oceanic and Atmospheric Administration says heavy spring rains "
     "have helped push algae into the lake.", "Rick Stumpf",
     "heavy spring rains have helped push algae into the lake."),
    ("Jen Lane with the Montana Department of Environmental Quality said the expansion will "
     "occur within the mine’s existing permit boundary.", "Jen Lane",
     "the expansion will occur within the mine’s existing permit boundary."),
    # and with an appositive after the institution
    ("John Smith of the Heritage Foundation, a conservative think tank, said the administration "
     "has hurt the community.", "John Smith", "the administration has hurt the community."),
])
def test_a_person_of_an_institution_speaks(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


def test_a_person_of_an_institution_after_a_preposition_is_an_object():
    text = "A letter from John Smith of the FBI said the administration had hurt the community."
    assert "John Smith" not in {s.speaker for s in extract_statements("a", text)}


@pytest.mark.parametrize("text, speaker, content", [
    # a relative clause on a name in object position runs to the sentence's end
    ("The rally was led by Mayor Ann Lee, who said the city would not back down from the fight.",
     "Ann Lee", "the city would not back down from the fight."),
    ("A group popped up, organized by a woman named Melody Jennings who said she was inspired "
     "by the film.", "Melody Jennings", "she was inspired by the film."),
    ("The bill was backed by Republicans who said it would cut costs for families.",
     "Republicans", "it would cut costs for families."),
    ("Sen. Ted Cruz toured the town. “I’ve never seen anything more horrible in my life,” said "
     "Cruz, who said he broke down and wept.", "Ted Cruz", "he broke down and wept."),
])
def test_reported_speech_in_a_relative_clause(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


@pytest.mark.parametrize("text", [
    # the name opens a clause: its relative clause ends before the main verb
    "Ann Lee, who said on Monday that the city would not back down, led the rally.",
    "Analysts say López Obrador, who argued Mexico was in need of radical change, was unwilling "
    "to put aside personal ambition.",
    # a place, not a speaker
    "Cheers erupted from community organizers in south Phoenix who declared they were turning "
    "the state blue.",
])
def test_relative_clauses_that_are_no_statement_to_the_end(text):
    assert not [s for s in extract_statements("a", text) if s.kind == "reported"]


@pytest.mark.parametrize("text", [
    "Jennings posted a video of the drop boxes on Truth Social.",
    "The film tells the story of a man who lost his way in the city.",
    # a whole quote before the inverted cue is that quote's, not a reported clause
    "“We are not going to follow that advice at all, not now and not ever,” said the FT.",
])
def test_posts_stories_and_whole_quotes_are_not_reported_clauses(text):
    assert not [s for s in extract_statements("a", text) if s.kind == "reported"]


@pytest.mark.parametrize("text, speaker, content", [
    # a subordinate clause of time before a pronoun subject, then an -ing cue
    ("Melody Jennings said she was inspired. Later, when news broke of men in tactical gear at "
     "one of the drop boxes, she posted again, writing, “I am not responsible for that.”",
     "Melody Jennings", "I am not responsible for that."),
    # the subject of a relative clause after a preposition
    ("Biden and Zelensky hold a phone call in which Biden warns that a Russian attack may be "
     "imminent.", "Biden", "a Russian attack may be imminent."),
    # an institution's name, then its acronym in brackets
    ("The Ukrainian Security Service (SBU) announces an alleged informant for Russia has been "
     "detained.", "Ukrainian Security Service",
     "an alleged informant for Russia has been detained."),
    ("DPI has made clear it has no plans to back down from inclusive therapy models.", "DPI",
     "it has no plans to back down from inclusive therapy models."),
    ("Zelensky appealed for more weapons and tougher sanctions against Moscow.", "Zelensky",
     "more weapons and tougher sanctions against Moscow."),
    # findings: an institution's, a study's or a poll's
    ("A Pew Research Center survey found that most adults own a phone.", "Pew Research Center",
     "most adults own a phone."),
    ("The research, commissioned by the national civil rights group Black Equity Organisation, "
     "found that 75% of black people have experienced prejudice.", "Black Equity Organisation",
     "75% of black people have experienced prejudice."),
])
def test_subjects_after_openers_brackets_and_relatives_and_findings(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


@pytest.mark.parametrize("text", [
    "She found that the job was hard.",
    "Police found that the door was open.",
    "The video shows a man running.",
    "Russian troops (about 5,000) said nothing.",
    "The memo, which Twitter said was fake, leaked.",
])
def test_findings_of_people_and_object_relatives_are_no_statements(text):
    assert not [s for s in extract_statements("a", text) if s.kind == "reported"]


@pytest.mark.parametrize("text, speaker, content", [
    # an adverb, then the inverted cue, then the said clause
    ("The US warned Russia on Sunday. Meanwhile, said the FT, capital cities in the West are "
     "making contingency plans.", "FT", "capital cities in the West are making contingency plans."),
    # whom it was promised to
    ("PM Liz Truss promised her chief of staff Mark Fullbrook that his company would run the "
     "campaign.", "Liz Truss", "his company would run the campaign."),
    # a document's words, said in a relative clause
    ("The Kremlin released a statement that said the talks had stalled.", "Kremlin",
     "the talks had stalled."),
    ("It cited a letter from Smith which said the talks had stalled.", "Smith",
     "the talks had stalled."),
])
def test_inverted_openers_promises_and_documents_that_said(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


def test_a_promise_to_act_is_no_hearer_before_that():
    # "to pardon … and experts say" is not whom Trump promised; the experts' words are not his
    text = ("Donald Trump has promised to pardon January 6th insurrectionists and experts say "
            "that would send a signal.")
    assert ("Donald Trump", "would send a signal.") not in _speakers_and_spans(text)


@pytest.mark.parametrize("text, speaker, content", [
    # the owner of the statement, poll or data named before it
    ("The medal is awarded to U.S. citizens who have performed exemplary deeds of service, "
     "according to a White House statement.", "White House",
     "The medal is awarded to U.S. citizens who have performed exemplary deeds of service"),
    ("Sheinbaum has an approval rating of 70%, according to an Ipsos poll released Monday.",
     "Ipsos", "Sheinbaum has an approval rating of 70%"),
    ("Approval rose to 45%, according to the latest Gallup poll.", "Gallup",
     "Approval rose to 45%"),
    ("Crime fell by 10%, according to the latest FBI data.", "FBI", "Crime fell by 10%"),
])
def test_according_to_an_owners_statement_poll_or_data(text, speaker, content):
    assert (speaker, content) in _speakers_and_spans(text)


def test_a_quote_according_to_an_owners_statement_and_its_second_part():
    text = ("\"President Biden believes these Americans are bonded by their common decency,\" "
            "according to a White House statement. \"The country is better because of them.\"")
    assert _speakers_and_spans(text) == [
        ("White House", "President Biden believes these Americans are bonded by their common "
                        "decency"),
        ("White House", "The country is better because of them.")]


def test_a_persons_data_is_no_owner_without_an_institution():
    assert not extract_statements("a", "Crime fell by 10%, according to Smith data.")


def test_a_countrys_institution_by_possessive_and_later_by_its_kind():
    text = ("Russia’s foreign ministry said Thursday that Bout was returned to Russia. Footage "
            "showed Bout walking.\n\n“For a long time, the Russian Federation has been "
            "negotiating,” the ministry said in a statement.")
    assert _speakers_and_spans(text) == [
        ("Russia’s foreign ministry", "Bout was returned to Russia."),
        ("Russia’s foreign ministry", "For a long time, the Russian Federation has been "
                                      "negotiating")]
