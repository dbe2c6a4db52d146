"""The segmented file store: incremental, atomic, self-checking. Uses the fake embedder: the
behaviour under test is bookkeeping, not semantics (the real model is exercised in
test_answer.py). The contract both backends share is in test_store.py."""

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder, settings_for

from retrieval.engine import Engine
from retrieval.errors import IndexUnavailable
from retrieval.index import Scope
from retrieval.lexical import tokenize
from retrieval.store import files

REPO = Path(__file__).resolve().parents[1]


def segments(engine: Engine) -> list[str]:
    return sorted(p.name for p in engine.root.iterdir() if p.name.startswith("seg-"))


def manifest(engine: Engine) -> dict:
    return json.loads((engine.root / engine.store.generation()).read_text())


def live_segment(engine: Engine) -> Path:
    return engine.root / manifest(engine)["segments"][-1]["name"]


def test_rerun_embeds_nothing_and_editing_one_article_reembeds_only_it(
    fake_engine, fake_embedder, articles_dir
):
    first = fake_engine.index([articles_dir])
    assert len(first.added) == 5 and first.chunks_embedded > 0
    snap = fake_engine.snapshot()
    # Passages and statements are embedded in one call.
    assert len(fake_embedder.embedded) == first.chunks_embedded + len(snap.statements)
    gen = fake_engine.store.generation()

    size_before = snap.size
    own_before = [i for i in snap.passage_ids() if snap.passage(i).article_id
                  == "003_c866b469c61a0d9e"]
    fake_embedder.embedded.clear()
    again = fake_engine.index([articles_dir])
    assert again.chunks_embedded == 0 and fake_embedder.embedded == []
    assert len(again.unchanged) == 5
    assert fake_engine.store.generation() == gen  # nothing rewritten

    path = articles_dir / "003_c866b469c61a0d9e.txt"
    path.write_text(path.read_text() + "\nPeskov added that sanctions would stay.\n")
    edited = fake_engine.index([articles_dir])
    assert edited.updated == ("003_c866b469c61a0d9e",)
    assert len(edited.unchanged) == 4
    snap = fake_engine.snapshot()
    own = [i for i in snap.passage_ids() if snap.passage(i).article_id == "003_c866b469c61a0d9e"]
    passages_in = [t for t in fake_embedder.embedded
                   if t.startswith(snap.articles["003_c866b469c61a0d9e"].title)]
    assert edited.chunks_embedded == len(own) == len(passages_in)
    assert not set(own) & set(own_before)  # new passages get new ids
    text = snap.articles["003_c866b469c61a0d9e"].text
    assert "sanctions would stay" in text
    assert any("sanctions would stay" in snap.passage(i).text for i in own)
    assert snap.size == size_before - len(own_before) + len(own)


def test_an_add_writes_one_new_segment_and_a_small_manifest(fake_engine, articles_dir):
    fake_engine.index([articles_dir])
    before = segments(fake_engine)
    stamps = {n: os.stat(fake_engine.root / n / "vectors.npy").st_mtime_ns for n in before}
    (articles_dir / "new.txt").write_text("Fresh story\nSomething new happened today.\n")
    fake_engine.index([articles_dir / "new.txt"])
    after = segments(fake_engine)
    assert set(before) < set(after) and len(after) == len(before) + 1
    assert {n: os.stat(fake_engine.root / n / "vectors.npy").st_mtime_ns for n in before} == stamps
    new = fake_engine.root / (set(after) - set(before)).pop()
    seg_bytes = sum(f.stat().st_size for f in new.iterdir())
    assert fake_engine.store.last_write_bytes <= 2 * seg_bytes
    # A removal writes tombstones only: no new segment.
    fake_engine.remove(["new"])
    assert segments(fake_engine) == after
    assert manifest(fake_engine)["segments"][-1]["deleted"] == ["new"] or "new" not in str(
        manifest(fake_engine)["segments"])


def test_remove_leaves_no_trace_after_a_merge(tmp_path, articles_dir):
    s = settings_for(tmp_path)
    engine = Engine(dataclasses.replace(s, store=dataclasses.replace(s.store, merge_segments=1)),
                    embedder=FakeEmbedder())
    (articles_dir / "unique.txt").write_text(
        "Quixotic xylophonist speaks\nThe xylophonist Zyzzyva said: “Quibbles abound.”\n")
    for p in sorted(articles_dir.iterdir()):
        engine.index([p])
    assert len(manifest(engine)["segments"]) == 1  # small segments were merged
    ids = set(map(int, engine.snapshot().passage_ids()))
    engine.remove(["unique"])
    (articles_dir / "x.txt").write_text("Extra\nA wholly new article about grain exports.\n")
    engine.index([articles_dir / "x.txt"])  # two small segments again: merged, without "unique"
    snap = engine.snapshot()
    assert "unique" not in snap.articles and len(manifest(engine)["segments"]) == 1
    kept = {i for i in ids if i in set(map(int, snap.passage_ids()))}
    assert len(kept) == len(ids) - 1  # merges keep the ids of every passage that stays
    live = live_segment(engine)
    dump = "".join((live / f).read_text("utf-8", errors="replace")
                   for f in ("articles.jsonl", "vocab.json", "statements.jsonl", "catalog.json"))
    assert "zyzzyva" not in dump.lower() and "xylophonist" not in dump.lower()
    # Only what the live and the previous manifests name is kept.
    assert len(list(engine.root.glob("manifest-*.json"))) <= 2
    assert len(segments(engine)) <= 3  # live: 1; previous: the two merged


def test_a_merge_leaves_the_same_answers(tmp_path, articles_dir):
    s = settings_for(tmp_path)
    merged = Engine(dataclasses.replace(s, store=dataclasses.replace(s.store, merge_segments=1)),
                    embedder=FakeEmbedder())
    plain = Engine(settings_for(tmp_path / "b"), embedder=FakeEmbedder())
    for p in sorted(articles_dir.iterdir()):
        merged.index([p])
        plain.index([p])
    merged.remove(["002_55b0e7cd8acb7d70"])
    plain.remove(["002_55b0e7cd8acb7d70"])
    assert len(manifest(merged)["segments"]) < len(manifest(plain)["segments"])
    a, b = merged.snapshot(), plain.snapshot()
    assert list(a.passage_ids()) == list(b.passage_ids())
    q = FakeEmbedder().embed(["sanctions and the election"])[0]
    for x, y in ((a.dense_search(q, 10), b.dense_search(q, 10)),
                 (a.lexical_search(["sanctions", "election"], 10),
                  b.lexical_search(["sanctions", "election"], 10))):
        assert [i for i, _ in x] == [i for i, _ in y] and len(x) == 10
        assert [s for _, s in x] == pytest.approx([s for _, s in y], rel=1e-6)
    assert a.statements == b.statements


def test_hnsw_search_never_returns_fewer_than_exist(tmp_path, articles_dir, monkeypatch):
    monkeypatch.setattr(files, "EXACT_BELOW", 0)  # the graph even for tiny segments
    s = settings_for(tmp_path)
    hnsw = Engine(dataclasses.replace(s, store=dataclasses.replace(s.store, dense="hnsw")),
                  embedder=FakeEmbedder())
    hnsw.index([articles_dir])
    assert (live_segment(hnsw) / "hnsw.faiss").exists()
    flat = Engine(settings_for(tmp_path / "flat"), embedder=FakeEmbedder())
    flat.index([articles_dir])
    a, b = hnsw.snapshot(), flat.snapshot()
    q = FakeEmbedder().embed(["the president said"])[0]
    assert [i for i, _ in a.dense_search(q, 5)] == [i for i, _ in b.dense_search(q, 5)]
    for art in [x for x in a.articles.values() if x.date or x.source]:
        rows = a.allowed_rows(Scope(since=art.date, until=art.date, source=art.source))
        assert 0 < len(rows) < a.size
        assert len(a.dense_search(q, 100, rows)) == len(rows)
    hnsw.remove(["000_9bf6159a81baad6f"])
    c = hnsw.snapshot()
    got = c.dense_search(q, 100)
    assert len(got) == c.size and all(c.passage(i).article_id != "000_9bf6159a81baad6f"
                                      for i, _ in got)


def _clustered_store(root: Path, dense: str, n_articles: int = 300, per: int = 8,
                     **opts: object) -> files.FileStore:
    """A store of `n_articles` x `per` passages whose vectors lie in 40 clusters (as sentence
    vectors do), written through the store interface in one change."""
    from collections import Counter

    from retrieval.models import Article
    from retrieval.store import ArticleData, Change

    rng = np.random.default_rng(5)
    centres = rng.standard_normal((40, 64)).astype(np.float32)
    put = []
    for a in range(n_articles):
        v = centres[rng.integers(0, 40, size=per)] + 0.6 * rng.standard_normal(
            (per, 64)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        text = " ".join(["word"] * per)
        art = Article(id=f"a{a:04d}", title="t", text=text, date=f"2024-01-{1 + a % 28:02d}")
        put.append(ArticleData(art, art.content_hash, tuple((5 * j, 5 * j + 4) for j in range(per)),
                               v, tuple(Counter(["word"]) for _ in range(per)), (),
                               np.zeros((0, 64), np.float32)))
    store = files.FileStore(root, dense=dense, **opts)  # type: ignore[arg-type]
    with store.writing():
        store.apply(Change(put=tuple(put), meta={"model": {"dim": 64}}))
    return store


def test_ivf_search_is_rescored_exactly_and_never_returns_fewer_than_exist(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(files, "EXACT_BELOW", 0)  # through the IVF index whatever the filter
    ivf = _clustered_store(tmp_path / "ivf", "ivf")
    flat = _clustered_store(tmp_path / "flat", "flat")
    (seg,) = [p for p in (tmp_path / "ivf").iterdir() if p.name.startswith("seg-")]
    assert (seg / "ivf.faiss").exists()
    assert not any((p / "ivf.faiss").exists() for p in (tmp_path / "flat").iterdir()
                   if p.name.startswith("seg-"))
    a, b = ivf.view(None), flat.view(None)
    assert a.parts[0].seg.ann_kind == "ivf" and a.parts[0].seg.ann.nlist > 1
    vecs = b.vectors()
    rng = np.random.default_rng(9)
    for i in rng.choice(len(vecs), size=20, replace=False):
        q = vecs[i] + 0.05 * rng.standard_normal(64).astype(np.float32)
        q /= np.linalg.norm(q)
        got, exact = a.dense_search(q, 10), b.dense_search(q, 10)
        assert len(got) == 10 and got[0][0] == exact[0][0]  # the passage itself comes first
        # scores are exact cosines (rescored with the stored vectors), not code estimates
        for pid, score in got:
            assert score == pytest.approx(float(a.passage_vectors([pid])[0] @ q), abs=1e-5)
        assert len({pid for pid, _ in got} & {pid for pid, _ in exact}) >= 8
    q = vecs[0]
    for day in ("2024-01-01", "2024-01-15", "2024-01-28"):  # a filter the lists rarely hold
        rows = a.allowed_rows(Scope(since=day, until=day))  # enough of (11 articles of 300)
        got = a.dense_search(q, 100, rows)
        assert 0 < len(rows) < a.size // 20
        assert sorted(i for i, _ in got) == sorted(rows.tolist())
    nine_days = Scope(since="2024-01-01", until="2024-01-09")  # about a third of the passages
    few = a.allowed_rows(nine_days)
    assert [i for i, _ in a.dense_search(q, 50, few)][:1] == [
        i for i, _ in b.dense_search(q, 50, b.allowed_rows(nine_days))][:1]
    assert len(a.dense_search(q, 50, few)) == 50
    gone = {f"a{i:04d}" for i in range(0, 300, 2)}  # tombstones: half the articles removed
    from retrieval.store import Change

    with ivf.writing():
        ivf.apply(Change(delete=tuple(sorted(gone))))
    c = ivf.view(None)
    got = c.dense_search(q, 5000)
    assert len(got) == c.size == 150 * 8
    assert not {c.passage(i).article_id for i, _ in got[:50]} & gone


def test_auto_gives_large_segments_an_ivf_index_and_small_ones_none(tmp_path):
    big = _clustered_store(tmp_path / "big", "auto", approximate_min_passages=2000)
    small = _clustered_store(tmp_path / "small", "auto", n_articles=200,
                             approximate_min_passages=2000)  # 1,600 passages
    assert big.view(None).parts[0].seg.ann_kind == "ivf"
    assert small.view(None).parts[0].seg.ann is None


def test_a_segment_without_a_role_table_computes_it_from_its_statements(tmp_path,
                                                                         articles_dir):
    s = settings_for(tmp_path)
    engine = Engine(s, embedder=FakeEmbedder())
    engine.index([articles_dir])
    stored = {k: dict(v) for k, v in engine.snapshot().speaker_roles().items()}
    assert stored and any(stored.values())
    seg = live_segment(engine)
    assert json.loads((seg / "roles.json").read_text())  # written with the segment
    meta = json.loads((seg / "meta.json").read_text())  # as a segment of an earlier newsqa
    del meta["files"]["roles.json"]
    (seg / "meta.json").write_text(json.dumps(meta))
    (seg / "roles.json").unlink()
    older = Engine(s, embedder=FakeEmbedder()).snapshot()
    assert {k: dict(v) for k, v in older.speaker_roles().items()} == stored


def test_broken_files_are_reported_and_the_rest_indexed(fake_engine, articles_dir):
    (articles_dir / "binary.txt").write_bytes(b"\x00\xff\x00")
    report = fake_engine.index([articles_dir])
    assert len(report.added) == 5
    assert [(Path(r.path).name, r.reason) for r in report.rejected] == [
        ("binary.txt", "binary file, not text")
    ]


def test_same_text_under_two_names_is_one_article(fake_engine, articles_dir):
    shutil.copy(articles_dir / "002_55b0e7cd8acb7d70.txt", articles_dir / "zz_copy.txt")
    report = fake_engine.index([articles_dir])
    assert report.duplicates == (("zz_copy", "002_55b0e7cd8acb7d70"),)
    assert "zz_copy" not in fake_engine.snapshot().articles


def test_a_write_that_fails_midway_leaves_the_old_index_loadable(
    fake_engine, articles_dir, monkeypatch
):
    fake_engine.index([articles_dir])
    before = fake_engine.snapshot()
    (articles_dir / "new.txt").write_text("Fresh story\nSomething new happened today.\n")

    real_save = files.np.save

    def crash(*args, **kwargs):
        real_save(*args, **kwargs)
        raise OSError("disk full")  # dies after some files of the new segment are written

    monkeypatch.setattr(files.np, "save", crash)
    with pytest.raises(OSError, match="disk full"):
        fake_engine.index([articles_dir])
    monkeypatch.undo()

    fresh = Engine(fake_engine.settings, embedder=FakeEmbedder())
    snap = fresh.snapshot()
    assert snap.generation == before.generation
    assert set(snap.articles) == set(before.articles)
    assert not [p for p in fake_engine.root.iterdir() if p.name.startswith(".tmp-")]
    assert fresh.index([articles_dir]).added == ("new",)


KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {repo!r}); sys.path.insert(0, {tests!r})
from conftest import FakeEmbedder, settings_for
from pathlib import Path
from retrieval.engine import Engine
import retrieval.store.files as files
real = files.os.replace
def slow_replace(a, b):
    if str(b).endswith("CURRENT"):
        print("WRITING", flush=True)
        time.sleep(30)  # killed here: segment and manifest written, CURRENT not yet swapped
    real(a, b)
files.os.replace = slow_replace
Engine(settings_for(Path({tmp!r})), embedder=FakeEmbedder()).index([{articles!r}])
"""


def test_a_process_killed_mid_write_leaves_the_old_index_loadable(tmp_path, articles_dir):
    engine = Engine(settings_for(tmp_path), embedder=FakeEmbedder())
    engine.remove([])  # nothing yet
    engine.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    gen = engine.store.generation()
    script = KILL_SCRIPT.format(repo=str(REPO), tests=str(REPO / "tests"), tmp=str(tmp_path),
                                articles=str(articles_dir))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "WRITING"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    snap = Engine(engine.settings, embedder=FakeEmbedder()).snapshot()
    assert snap.generation == gen and list(snap.articles) == ["000_9bf6159a81baad6f"]
    # The leftovers (an unpublished segment and manifest) are cleaned by the next write.
    assert Engine(engine.settings, embedder=FakeEmbedder()).index([articles_dir]).added
    assert not [p for p in engine.root.iterdir() if p.name.startswith(".tmp-")]
    assert len(list(engine.root.glob("manifest-*.json"))) <= 2


def test_a_second_writer_waits_and_says_so(tmp_path, articles_dir, capsys):
    engine = Engine(settings_for(tmp_path), embedder=FakeEmbedder())
    held, release = threading.Event(), threading.Event()

    def hold():
        with engine.store.writing():
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(10)
    other = Engine(settings_for(tmp_path), embedder=FakeEmbedder())
    timer = threading.Timer(0.5, release.set)
    timer.start()
    other.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    t.join()
    assert f"waiting for another newsqa write (pid {os.getpid()})" in capsys.readouterr().err
    assert len(other.snapshot().articles) == 1


def test_readers_pick_up_a_new_generation_without_restart(tmp_path, articles_dir):
    writer = Engine(settings_for(tmp_path), embedder=FakeEmbedder())
    reader = Engine(settings_for(tmp_path), embedder=FakeEmbedder())
    writer.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    assert len(reader.snapshot().articles) == 1
    writer.index([articles_dir])
    assert len(reader.snapshot().articles) == 5


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda s: (s / "vectors.npy").write_bytes(b"garbage"), "vectors.npy has 7 bytes"),
        (lambda s: (s / "passages.npz").unlink(), "passages.npz is missing"),
        (lambda s: (s / "meta.json").write_text("{"), "meta.json unreadable"),
        (lambda s: shutil.rmtree(s), "is missing"),
        (lambda s: (s.parent / (s.parent / "CURRENT").read_text().strip()).write_text("{"),
         "unreadable"),
        (lambda s: (s.parent / (s.parent / "CURRENT").read_text().strip()).unlink(),
         "which does not exist"),
    ],
)
def test_a_damaged_index_fails_with_a_clear_message(fake_engine, articles_dir, damage, message):
    fake_engine.index([articles_dir])
    damage(live_segment(fake_engine))
    with pytest.raises(IndexUnavailable, match=message) as info:
        Engine(fake_engine.settings, embedder=FakeEmbedder()).snapshot()
    assert "newsqa reindex" in str(info.value)
    fixed = Engine(fake_engine.settings, embedder=FakeEmbedder())
    assert len(fixed.reindex().added) == 5
    assert len(fixed.snapshot().articles) == 5


def test_an_index_built_with_another_model_or_format_is_refused(fake_engine, articles_dir):
    fake_engine.index([articles_dir])
    other = FakeEmbedder()
    other.fingerprint = "0" * 64
    with pytest.raises(IndexUnavailable, match=r"another model.*newsqa reindex"):
        Engine(fake_engine.settings, embedder=other).snapshot()
    with pytest.raises(IndexUnavailable, match=r"another model.*newsqa reindex"):
        Engine(fake_engine.settings, embedder=other).remove(["000_9bf6159a81baad6f"])
    path = fake_engine.root / fake_engine.store.generation()
    m = json.loads(path.read_text())
    m["format_version"] = 99
    path.write_text(json.dumps(m))
    with pytest.raises(IndexUnavailable, match=r"format version 99.*newsqa reindex"):
        Engine(fake_engine.settings, embedder=FakeEmbedder()).snapshot()


def test_changed_chunking_settings_require_a_reindex(fake_engine, articles_dir):
    fake_engine.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    s = fake_engine.settings
    changed = dataclasses.replace(s, chunking=dataclasses.replace(s.chunking, max_tokens=100))
    with pytest.raises(IndexUnavailable, match=r"chunking settings changed.*newsqa reindex"):
        Engine(changed, embedder=FakeEmbedder()).index([articles_dir])


def test_no_index_yet_says_how_to_make_one(fake_engine):
    with pytest.raises(IndexUnavailable, match="newsqa index PATH"):
        fake_engine.snapshot()


def test_passage_offsets_vectors_and_terms_stay_aligned_through_updates(fake_engine,
                                                                        articles_dir):
    fake_engine.index([articles_dir])
    fake_engine.remove(["001_806330d807e29c95"])
    (articles_dir / "x.txt").write_text("Extra\nA wholly new article about grain exports.\n")
    fake_engine.index([articles_dir / "x.txt"])
    snap = fake_engine.snapshot()
    ids = list(snap.passage_ids())
    vectors = snap.passage_vectors(ids)
    emb = FakeEmbedder()
    for i, v in zip(ids, vectors, strict=True):
        p = snap.passage(i)
        art = snap.articles[p.article_id]
        expected = emb.embed([f"{art.title}. {p.text}"])[0]
        assert float(v @ expected) == pytest.approx(1.0, abs=1e-5)
        words = set(tokenize(art.title + " " + p.text))
        cov = snap.coverage(sorted(words), [i])
        assert cov[0] == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(np.sort(ids), ids)


def test_an_index_grown_by_small_adds_is_merged_by_size_tiers(tmp_path):
    """Daily adds must not leave a large index in many small, exactly searched segments: merges
    go on tier by tier (each tier `merge_segments` times the one below), same ids, same answers."""
    s = settings_for(tmp_path)
    tiered = Engine(dataclasses.replace(s, store=dataclasses.replace(
        s.store, merge_segments=2, merge_max_passages=1)), embedder=FakeEmbedder())
    plain = Engine(settings_for(tmp_path / "plain"), embedder=FakeEmbedder())
    src = tmp_path / "daily"
    src.mkdir()
    topics = ["grain exports", "sanctions", "the election", "oil prices", "the summit"]
    for n in range(36):
        p = src / f"day{n:02d}.txt"
        p.write_text(f"Story {n}\nOn day {n} officials spoke about {topics[n % 5]} again.\n")
        tiered.index([p])
    plain.index([src])
    sizes = sorted(seg["passages"] for seg in manifest(tiered)["segments"])
    assert sum(sizes) == 36 and max(sizes) >= 16  # without tiers no merge passes 2 passages
    assert len(sizes) <= 8  # about (merge_segments + 1) per tier, log2(36) tiers
    a, b = tiered.snapshot(), plain.snapshot()
    q = FakeEmbedder().embed(["officials on grain exports"])[0]
    assert [a.passage(i).text for i, _ in a.dense_search(q, 10)] == [
        b.passage(i).text for i, _ in b.dense_search(q, 10)]
    assert [a.passage(i).text for i, _ in a.lexical_search(["grain", "exports"], 10)] == [
        b.passage(i).text for i, _ in b.lexical_search(["grain", "exports"], 10)]
