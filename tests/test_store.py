"""The store contract, run on both backends (the segmented file store and Milvus via milvus-lite).

The fake embedder keeps this quick: what is tested is bookkeeping (which passages, statements and
statistics a view holds), which does not depend on the model's semantics."""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES, FakeEmbedder, settings_for

from retrieval import indexing
from retrieval.engine import Engine
from retrieval.errors import IndexUnavailable
from retrieval.index import Scope
from retrieval.lexical import query_terms, tokenize
from retrieval.store import milvus

QUESTIONS = [
    "What did Zakharova say about the election?",
    "sanctions against Russia",
    "Who won the presidential election?",
    "grain exports and the Black Sea",
    "What did Peskov say?",
    "Houthi attacks on ships",
]
BACKENDS = ["files", "milvus"]


def _engine(tmp: Path, backend: str, name: str = "index", **store: object) -> Engine:
    s = settings_for(tmp)
    s = s.with_index_dir(str(tmp / name))
    opts: dict[str, object] = {"backend": backend, **store}
    if backend == "milvus":
        pytest.importorskip("pymilvus")
        opts["uri"] = str(tmp / f"{name}.db")
    return Engine(dataclasses.replace(s, store=dataclasses.replace(s.store, **opts)),
                  embedder=FakeEmbedder())


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def passages_of(view) -> set[tuple[str, int, int]]:
    out = set()
    for i in view.passage_ids():
        p = view.passage(int(i))
        out.add((p.article_id, p.start, p.end))
    return out


def statements_of(view) -> Counter:
    return Counter((s.article_id, s.speaker, s.start, s.end, s.text) for s in view.statements)


def rankings(view) -> list[list[tuple[str, int, float]]]:
    """Top-10 dense and lexical of the fixed questions, as (article, start, score)."""
    emb = FakeEmbedder()
    out = []
    for q in QUESTIONS:
        for hits in (view.dense_search(emb.embed([q])[0], 10),
                     view.lexical_search(query_terms(q), 10)):
            row = []
            for i, score in hits:
                p = view.passage(i)
                row.append((p.article_id, p.start, round(score, 5)))
            out.append(row)
    return out


def reference_bm25(view, terms: list[str]) -> tuple[dict[tuple[str, int], float],
                                                    dict[str, int]]:
    """BM25 computed here from the passages' texts, independently of the stores."""
    docs = {}
    for i in view.passage_ids():
        p = view.passage(int(i))
        docs[(p.article_id, p.start)] = Counter(tokenize(
            f"{view.articles[p.article_id].title}\n{p.text}"))
    n = len(docs)
    dfs = {t: sum(1 for d in docs.values() if t in d) for t in terms}
    avg = sum(sum(c.values()) for c in docs.values()) / n
    out = {}
    for key, c in docs.items():
        dl = sum(c.values())
        s = 0.0
        for t in terms:
            tf = c.get(t, 0)
            if tf:
                idf = math.log(1 + (n - dfs[t] + 0.5) / (dfs[t] + 0.5))
                s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avg))
        if s > 0:
            out[key] = s
    return out, dfs


def test_incremental_build_equals_from_scratch(tmp_path, backend, articles_dir):
    inc = _engine(tmp_path, backend, "inc")
    inc.index([articles_dir / "000_9bf6159a81baad6f.txt",
               articles_dir / "001_806330d807e29c95.txt"])
    inc.index([articles_dir])
    path = articles_dir / "003_c866b469c61a0d9e.txt"
    path.write_text(path.read_text() + "\nPeskov added: “Sanctions will stay for years.”\n")
    (articles_dir / "extra.txt").write_text(
        "Grain corridor\nShips carried grain across the Black Sea, officials said on Monday.\n")
    report = inc.index([articles_dir])
    assert report.updated == ("003_c866b469c61a0d9e",) and report.added == ("extra",)
    assert inc.remove(["001_806330d807e29c95"]).removed == ("001_806330d807e29c95",)
    (articles_dir / "001_806330d807e29c95.txt").unlink()

    fresh = _engine(tmp_path, backend, "fresh")
    fresh.index([articles_dir])
    a, b = inc.snapshot(), fresh.snapshot()
    assert set(a.articles) == set(b.articles) and "001_806330d807e29c95" not in a.articles
    assert passages_of(a) == passages_of(b) and a.size == b.size == len(passages_of(b))
    assert statements_of(a) == statements_of(b)
    assert any("Sanctions will stay" in s.text for s in a.statements)
    assert rankings(a) == rankings(b)
    # BM25 uses the live corpus's statistics: the same scores as computed from scratch here.
    for q in QUESTIONS:
        terms = query_terms(q)
        ref, dfs = reference_bm25(a, terms)
        got = {(a.passage(i).article_id, a.passage(i).start): s
               for i, s in a.lexical_search(terms, 100)}
        assert got.keys() == ref.keys()
        for key, s in ref.items():
            assert got[key] == pytest.approx(s, rel=1e-5)
        for t in terms:
            assert a.idf(t) == pytest.approx(
                math.log(1 + (a.size - dfs[t] + 0.5) / (dfs[t] + 0.5)), rel=1e-6)


def test_replace_and_remove_leave_exactly_the_expected_passages_and_statements(
        tmp_path, backend, articles_dir):
    engine = _engine(tmp_path, backend)
    (articles_dir / "unique.txt").write_text(
        "Quixotic xylophonist speaks\nThe xylophonist Zyzzyva said: “Quibbles abound.”\n")
    engine.index([articles_dir])
    v = engine.snapshot()
    assert "unique" in v.articles and v.speaker_names().get("Zyzzyva", 0) >= 1
    ids_before = set(map(int, v.passage_ids()))
    report = engine.remove(["unique", "not-there"])
    assert report.removed == ("unique",) and report.missing == ("not-there",)
    w = engine.snapshot()
    assert "unique" not in w.articles
    assert all(p[0] != "unique" for p in passages_of(w))
    assert all(s.article_id != "unique" for s in w.statements)
    assert "Zyzzyva" not in w.speaker_names()
    assert w.lexical_search(["zyzzyva"], 10) == [] and w.idf("zyzzyva") == w.idf("nowordlikethis")
    # Stable ids: the passages that stayed keep theirs.
    assert set(map(int, w.passage_ids())) < ids_before


def test_a_filtered_search_returns_every_match_up_to_k(tmp_path, backend, articles_dir):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    v = engine.snapshot()
    q = FakeEmbedder().embed(["the election and the president"])[0]
    scoped = [a for a in v.articles.values() if a.date or a.source]
    assert len(scoped) >= 3
    for a in scoped:
        aid = a.id
        scope = Scope(since=a.date, until=a.date, source=a.source)
        admitted = {b.id for b in v.articles.values() if scope.admits(b)}
        assert aid in admitted
        rows = v.allowed_rows(scope)
        own = {i for i in map(int, v.passage_ids()) if v.passage(i).article_id in admitted}
        assert set(map(int, rows)) == own and len(rows) == len(own)
        got = v.dense_search(q, 50, rows)
        assert {i for i, _ in got} == own  # every allowed passage, none other
        assert len(v.dense_search(q, 1, rows)) == 1
        words = {t for i in own for t in tokenize(v.passage(i).text)}
        lex = v.lexical_search(sorted(words)[:3], 50, rows)
        assert lex and {i for i, _ in lex} <= own
    nothing = v.allowed_rows(Scope(since="2999-01-01"))
    assert nothing is not None and not len(nothing)
    assert v.dense_search(q, 5, nothing) == [] and v.lexical_search(["election"], 5, nothing) == []
    assert v.allowed_rows(Scope()) is None  # no filter: every passage, no selection to send


DATED = [  # (id, date, source, url): undated, outlets with LIKE wildcards, quotes, case
    ("a", "2024-11-01", "TASS", "https://tass.com/politics/1"),
    ("b", "2024-11-05", "Reuters", "https://www.reuters.com/world/2"),
    ("c", None, "RIA Novosti", "https://ria.ru/3"),
    ("d", "2024-11-07", "50%_Off \"News\"", "https://example.org/tass-copy"),
    ("e", "2023-06-30", None, None),
    ("f", "2024-11-06", "Back\\slash Times", "https://bs.example/6"),
]


def test_date_and_outlet_scopes_admit_exactly_what_they_say(tmp_path, backend):
    lines = [json.dumps({"id": i, "title": f"Story {i} on the election",
                         "text": f"Story {i}. The election campaign of {i} went on. " * 4,
                         "date": d, "source": src, "url": url})
             for i, d, src, url in DATED]
    (tmp_path / "dated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = _engine(tmp_path, backend)
    engine.index([tmp_path / "dated.jsonl"])
    v = engine.snapshot()
    assert set(v.articles) == {i for i, *_ in DATED}
    q = FakeEmbedder().embed(["the election campaign"])[0]
    scopes = [Scope(since="2024-11-05"), Scope(until="2024-11-05"),
              Scope(since="2024-11-01", until="2024-11-06"),
              Scope(lo="2024-11-02", hi="2024-11-06"),  # a window: undated articles pass
              Scope(source="tass"), Scope(source="REUTERS.COM"), Scope(source="50%_"),
              Scope(source="%"), Scope(source="_"), Scope(source='"news"'),
              Scope(source="back\\slash"), Scope(source="nowhere"),
              Scope(since="2024-01-01", lo="2024-11-02", source="tass")]
    expected = [{"b", "d", "f"}, {"a", "b", "e"}, {"a", "b", "f"}, {"b", "c", "f"},
                {"a", "d"}, {"b"}, {"d"}, {"d"}, {"d"}, {"d"}, {"f"}, set(), {"d"}]
    for scope, want in zip(scopes, expected, strict=True):
        assert {a.id for a in v.articles.values() if scope.admits(a)} == want, scope
        rows = v.allowed_rows(scope)
        got = {v.passage(i).article_id for i in map(int, rows)}
        assert got == want, scope
        hits = v.dense_search(q, 100, rows)
        assert {v.passage(i).article_id for i, _ in hits} == want, scope
        assert len(hits) == len(rows)  # never fewer than exist


def test_a_view_does_not_change_under_a_concurrent_write(tmp_path, backend, articles_dir):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    view = engine.snapshot()
    before = (set(view.articles), passages_of(view), statements_of(view), rankings(view))
    path = articles_dir / "002_55b0e7cd8acb7d70.txt"
    path.write_text(path.read_text() + "\nA late addition about sanctions.\n")
    (articles_dir / "new.txt").write_text("Fresh story\nSanctions were extended on Friday.\n")
    report = engine.index([articles_dir])  # one write: a replacement and an addition
    assert report.updated and report.added
    assert engine.snapshot().generation != view.generation
    assert (set(view.articles), passages_of(view), statements_of(view), rankings(view)) == before
    # Segments are immutable: a file-store view survives any number of writes (Milvus: one; the
    # rows a write replaces are deleted by the write after it).
    if backend == "files":
        engine.remove(["000_9bf6159a81baad6f"])
        assert (set(view.articles), passages_of(view), statements_of(view),
                rankings(view)) == before


def test_statements_are_kept_with_ids_vectors_and_a_speaker_index(tmp_path, backend,
                                                                   articles_dir):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    v = engine.snapshot()
    names = v.speaker_names()
    assert sum(names.values()) == len(v.statements) > 0
    assert names == Counter(s.speaker for s in v.statements)
    who = max(names, key=lambda n: names[n])
    items = v.statements_by_speaker([who])
    assert len(items) == names[who] and all(s.speaker == who for _, s in items)
    assert len({i for i, _ in items}) == len(items)
    vecs = v.statement_vectors([i for i, _ in items])
    expected = FakeEmbedder().embed([s.text for _, s in items])
    assert vecs is not None and np.allclose(vecs, expected, atol=1e-5)
    for _, s in items:
        assert v.articles[s.article_id].text[s.start:s.end] == s.text
    assert v.statements_by_speaker(["Nobody Atall"]) == []


def test_a_speakers_statements_are_chosen_by_their_stored_vectors(tmp_path, backend,
                                                                  articles_dir, monkeypatch):
    """`speaker_statements`: the closest to a topic by stored vectors, or the newest, at most a
    limit, inside a scope; the same choice as reading all of them and ranking them here."""
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    v = engine.snapshot()
    names = v.speaker_names()
    who = [n for n in names if "Zakharova" in n or "Peskov" in n]
    every = v.statements_by_speaker(who)
    assert len(every) >= 4
    vecs = v.statement_vectors([i for i, _ in every])
    assert vecs is not None
    topic = FakeEmbedder().embed(["elections in the United States"])[0]
    cos = vecs @ topic
    days = [int((v.articles[s.article_id].date or "0").replace("-", "")) for _i, s in every]
    best = [every[i][0] for i in np.lexsort(([i for i, _ in every], -np.array(days), -cos))][:3]
    got = v.speaker_statements(who, topic, 3)
    assert got.ranked and got.total == len(every)
    assert [sid for sid, _s, _c in got.items] == best
    assert np.allclose([c for _i, _s, c in got.items], np.sort(cos)[::-1][:3], atol=1e-5)
    # without a topic: the newest articles first
    newest = v.speaker_statements(who, None, 2)
    dates = sorted((v.articles[s.article_id].date or "" for _i, s in every), reverse=True)
    assert not newest.ranked and len(newest.items) == 2
    assert [v.articles[s.article_id].date for _i, s, _c in newest.items] == dates[:2]
    # a scope keeps only its articles, and counts only them
    day = v.articles[every[0][1].article_id].date
    scoped = v.speaker_statements(who, topic, 50, Scope(since=day, until=day))
    assert scoped.total == sum(v.articles[s.article_id].date == day for _i, s in every)
    assert {v.articles[s.article_id].date for _i, s, _c in scoped.items} == {day}
    assert v.speaker_statements(["Nobody Atall"], topic, 3).items == ()
    if backend == "files":  # its own rows of each segment only, never every statement read
        def no(*_a, **_k):
            raise AssertionError("read every statement of the speaker")

        monkeypatch.setattr(type(v), "statements_by_speaker", no)
        monkeypatch.setattr(type(v), "statement_vectors", no)
        assert len(v.speaker_statements(who, topic, 2).items) == 2
        assert len(v.speaker_statements(who, None, 2).items) == 2


def roles_from_statements(view) -> dict[str, Counter]:
    """speaker -> role -> distinct articles, computed here from every statement."""
    arts: dict[tuple[str, str], set[str]] = {}
    for s in view.statements:
        if s.role:
            arts.setdefault((s.speaker, s.role), set()).add(s.article_id)
    out: dict[str, Counter] = {}
    for (speaker, role), ids in arts.items():
        out.setdefault(speaker, Counter())[role] = len(ids)
    return out


def test_speaker_roles_are_served_by_the_store_and_follow_removals(tmp_path, backend,
                                                                   articles_dir):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    v = engine.snapshot()
    roles = {k: Counter(r) for k, r in v.speaker_roles().items()}
    assert roles == roles_from_statements(v)
    assert roles["Dmitry Peskov"]["Kremlin spokesman"] >= 2  # given in several articles
    with_peskov = {s.article_id for s in v.statements if s.speaker == "Dmitry Peskov"
                   and s.role == "Kremlin spokesman"}
    gone = sorted(with_peskov)[0]
    engine.remove([gone])
    w = engine.snapshot()
    after = {k: Counter(r) for k, r in w.speaker_roles().items()}
    assert after == roles_from_statements(w)
    assert after["Dmitry Peskov"]["Kremlin spokesman"] == len(with_peskov) - 1
    assert v.speaker_roles()["Dmitry Peskov"]["Kremlin spokesman"] == len(with_peskov)


def test_a_role_question_reads_no_statement_but_its_speakers(tmp_path, backend, articles_dir,
                                                             monkeypatch):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    view = engine.snapshot()
    asked: list[set[str]] = []
    real = type(view).speaker_statements

    def spy(self, names, *args, **kw):
        names = set(names)
        asked.append(names)
        return real(self, names, *args, **kw)

    monkeypatch.setattr(type(view), "speaker_statements", spy)
    ans = engine.ask("What did the Kremlin spokesman say?")
    assert not ans.no_answer and {q.speaker for q in ans.quotes} == {"Dmitry Peskov"}
    every = set(view.speaker_names())
    assert asked and all(len(names) < len(every) for names in asked)
    assert all("Dmitry Peskov" in names or "Peskov" in names for names in asked)


def test_remove_and_unchanged_articles_never_touch_the_model(tmp_path, backend, articles_dir):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])

    class NoModel(FakeEmbedder):
        def embed(self, texts, progress=None):
            raise AssertionError("the model was used")

        def token_spans(self, texts):
            raise AssertionError("the model was used")

    other = Engine(engine.settings, embedder=NoModel())
    assert len(other.index([articles_dir]).unchanged) == 5
    assert other.remove(["004_fcea84b91e544143"]).removed == ("004_fcea84b91e544143",)
    assert len(other.snapshot().articles) == 4


def test_a_new_extractor_version_reextracts_statements_without_reembedding_passages(
        tmp_path, backend, articles_dir, monkeypatch):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    v = engine.snapshot()
    vectors_before = v.passage_vectors(list(v.passage_ids()))
    real = indexing.extract_statements

    def newer(article_id, text):  # the "new extractor" finds one more statement per article
        out = tuple(real(article_id, text))
        extra = text.split("\n", 1)[0]
        start = text.index(extra)
        return (*out, dataclasses.replace(out[0], text=extra, start=start,
                                          end=start + len(extra), speaker="New Speaker")
                ) if out else out

    monkeypatch.setattr(indexing, "extract_statements", newer)
    monkeypatch.setattr(indexing, "EXTRACTOR_VERSION", 99)
    emb = engine._embedder
    emb.embedded.clear()
    report = engine.index([articles_dir])
    assert len(report.unchanged) == 5 and report.chunks_embedded == 0
    w = engine.snapshot()
    assert w.manifest["extractor_version"] == 99
    assert passages_of(w) == passages_of(v)
    assert np.array_equal(w.passage_vectors(list(w.passage_ids())), vectors_before)
    with_stmts = {s.article_id for s in v.statements}
    assert w.speaker_names()["New Speaker"] == len(with_stmts)
    # Only the statements that are new were embedded; the others kept their stored vectors.
    assert sorted(emb.embedded) == sorted(s.text for s in w.statements
                                          if s.speaker == "New Speaker")
    items = w.statements_by_speaker(["New Speaker"])
    assert np.allclose(w.statement_vectors([i for i, _ in items]),
                       FakeEmbedder().embed([s.text for _, s in items]), atol=1e-5)
    emb.embedded.clear()
    engine.index([articles_dir])
    assert emb.embedded == []  # recorded: no second re-extraction


def test_an_index_in_todays_format_is_refused_with_the_reindex_message(tmp_path, articles_dir):
    """A store written by the previous newsqa (format 1: one folder per generation)."""
    engine = _engine(tmp_path, "files")
    root = engine.root
    gen = root / "gen-000003-abcdef"
    gen.mkdir(parents=True)
    (gen / "manifest.json").write_text(json.dumps({"format_version": 1, "model": {}}))
    (root / "CURRENT").write_text("gen-000003-abcdef\n")
    with pytest.raises(IndexUnavailable, match=r"format version 1.*newsqa reindex"):
        engine.snapshot()
    with pytest.raises(IndexUnavailable, match=r"format version 1.*newsqa reindex"):
        engine.index([articles_dir])
    assert len(engine.reindex().added) == 5
    assert len(engine.snapshot().articles) == 5
    (articles_dir / "new.txt").write_text("Fresh story\nSomething new happened today.\n")
    engine.index([articles_dir / "new.txt"])  # the next write collects the old folder
    assert not gen.exists()


def test_milvus_refuses_another_format(tmp_path, articles_dir):
    engine = _engine(tmp_path, "milvus")
    engine.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    store = engine.store
    st = store._state()
    st["format_version"] = 1
    store.c.upsert(store.name("meta"), [{"key": "state", "value": json.dumps(st),
                                         "vector": [0.0, 0.0]}])
    with pytest.raises(IndexUnavailable, match=r"format version 1.*newsqa reindex"):
        Engine(engine.settings, embedder=FakeEmbedder()).snapshot()
    with pytest.raises(IndexUnavailable, match=r"format version 1.*newsqa reindex"):
        engine.index([articles_dir / "001_806330d807e29c95.txt"])  # nor written to
    old_ids = set(range(int(st["next_pid"])))
    engine = Engine(engine.settings, embedder=FakeEmbedder())
    engine.reindex()  # the rebuild: new collections in today's format, ids not reused
    v = engine.snapshot()
    assert v.manifest["format_version"] == milvus.FORMAT_VERSION and v.articles
    assert not old_ids & set(map(int, v.passage_ids()))


def test_the_answer_path_works_on_both_backends(tmp_path, backend):
    engine = _engine(tmp_path, backend)
    engine.index([SAMPLES])
    a = engine.ask("What did Zakharova say?")
    assert not a.no_answer and "Zakharova" in a.text
    stats = engine.stats()
    assert stats.articles == 5 and stats.passages == engine.snapshot().size
    assert stats.statements == len(engine.snapshot().statements)


def test_reindex_rebuilds_on_both_backends(tmp_path, backend, articles_dir):
    engine = _engine(tmp_path, backend)
    engine.index([articles_dir])
    before = engine.snapshot()
    ids = set(map(int, before.passage_ids()))
    shutil.rmtree(articles_dir)
    report = engine.reindex()
    assert len(report.added) == 5
    after = engine.snapshot()
    assert passages_of(after) == passages_of(before)
    assert not ids & set(map(int, after.passage_ids()))  # ids are never reused


def test_store_settings_are_validated(tmp_path):
    from retrieval.config import load_config
    from retrieval.errors import ConfigError

    for bad, message in (("backend: sqlite", "store.backend must be files or milvus"),
                         ("dense: annoy", "store.dense must be auto, flat, ivf or hnsw"),
                         ("backend: milvus", "store.uri must be set"),
                         ("merge_segments: 0", "store.merge_segments must be greater than 0"),
                         ("ivf_probe_share: 0", "store.ivf_probe_share must be above 0 and at "
                                                "most 1, not 0"),
                         ("ivf_probe_share: 1.5", "store.ivf_probe_share must be above 0"),
                         ("approximate_min_passages: -1",
                          "store.approximate_min_passages must be greater than 0")):
        path = tmp_path / "c.yaml"
        path.write_text(f"store:\n  {bad}\n")
        with pytest.raises(ConfigError, match=message):
            load_config(path)
    path.write_text("store:\n  backend: milvus\n  uri: data/x.db\n  dense: hnsw\n")
    s = load_config(path).store
    assert (s.backend, s.uri, s.dense) == ("milvus", "data/x.db", "hnsw")
    path.write_text("store:\n  dense: ivf\n  ivf_probe_share: 0.25\n")
    s = load_config(path).store
    assert (s.dense, s.ivf_probe_share) == ("ivf", 0.25)


def test_milvus_rankings_agree_with_the_file_store(tmp_path, articles_dir):
    """The same fixed questions, the same top-10 dense and BM25 passages and scores."""
    files_engine = _engine(tmp_path, "files", "f")
    milvus_engine = _engine(tmp_path, "milvus", "m")
    for e in (files_engine, milvus_engine):
        e.index([articles_dir])
        e.remove(["002_55b0e7cd8acb7d70"])
    a, b = files_engine.snapshot(), milvus_engine.snapshot()
    assert rankings(a) == rankings(b)
    assert all(row for row in rankings(a)[1::2][:2])  # the lexical rankings are not empty
    emb = FakeEmbedder()
    for q in QUESTIONS:
        terms = query_terms(q)
        assert [a.idf(t) for t in terms] == pytest.approx([b.idf(t) for t in terms])
        ids = [i for i, _ in a.dense_search(emb.embed([q])[0], 10)]
        # Ids are each backend's own; compare the passages they name.
        b_ids = {(b.passage(i).article_id, b.passage(i).start): i for i in b.passage_ids()}
        mapped = [b_ids[(a.passage(i).article_id, a.passage(i).start)] for i in ids]
        assert a.coverage(terms, ids).tolist() == pytest.approx(
            b.coverage(terms, mapped).tolist())
