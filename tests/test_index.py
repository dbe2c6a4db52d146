"""Incremental, atomic, self-checking index. Uses the fake embedder: the behaviour under test is
bookkeeping, not semantics (the real model is exercised in test_answer.py)."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FakeEmbedder, settings_for

from retrieval import index as store
from retrieval.engine import Engine
from retrieval.errors import IndexUnavailable
from retrieval.lexical import tokenize

REPO = Path(__file__).resolve().parents[1]


def live_files(engine: Engine) -> str:
    gen = store.current_generation(engine.root)
    folder = engine.root / gen
    return "\n".join(p.read_text("utf-8", errors="replace") for p in sorted(folder.iterdir())
                     if p.suffix in (".jsonl", ".json"))


def test_rerun_embeds_nothing_and_editing_one_article_reembeds_only_it(
    fake_engine, fake_embedder, articles_dir
):
    first = fake_engine.index([articles_dir])
    assert len(first.added) == 5 and first.chunks_embedded == len(fake_embedder.embedded) > 0
    gen = store.current_generation(fake_engine.root)

    size_before = fake_engine.snapshot().size
    old_own = fake_engine.snapshot().passage_article.count("003_c866b469c61a0d9e")
    fake_embedder.embedded.clear()
    again = fake_engine.index([articles_dir])
    assert again.chunks_embedded == 0 and fake_embedder.embedded == []
    assert len(again.unchanged) == 5
    assert store.current_generation(fake_engine.root) == gen  # nothing rewritten

    path = articles_dir / "003_c866b469c61a0d9e.txt"
    path.write_text(path.read_text() + "\nPeskov added that sanctions would stay.\n")
    edited = fake_engine.index([articles_dir])
    assert edited.updated == ("003_c866b469c61a0d9e",)
    assert len(edited.unchanged) == 4
    snap = fake_engine.snapshot()
    own = [i for i, a in enumerate(snap.passage_article) if a == "003_c866b469c61a0d9e"]
    assert edited.chunks_embedded == len(own) == len(fake_embedder.embedded)
    assert all(t.startswith(snap.articles["003_c866b469c61a0d9e"].title)
               for t in fake_embedder.embedded)
    # The old passages of the edited article are gone: every passage maps into the new text.
    text = snap.articles["003_c866b469c61a0d9e"].text
    assert "sanctions would stay" in text
    assert any("sanctions would stay" in snap.passage(i).text for i in own)
    assert snap.size == size_before - old_own + len(own)


def test_remove_leaves_no_trace_in_either_index(fake_engine, articles_dir, tmp_path):
    (articles_dir / "unique.txt").write_text(
        "Quixotic xylophonist speaks\nThe xylophonist Zyzzyva said: “Quibbles abound.”\n"
    )
    fake_engine.index([articles_dir])
    assert "zyzzyva" in fake_engine.snapshot().lexical.term_id
    report = fake_engine.remove(["unique", "not-there"])
    assert report.removed == ("unique",) and report.missing == ("not-there",)
    snap = fake_engine.snapshot()
    assert "unique" not in snap.articles
    assert "unique" not in snap.passage_article
    assert all(s.article_id != "unique" for s in snap.statements)
    for word in ("zyzzyva", "xylophonist", "quibbles", "quixotic"):
        assert word not in snap.lexical.term_id
    assert snap.dense.ntotal == snap.size == snap.lexical.size
    dump = live_files(fake_engine).lower()
    assert "zyzzyva" not in dump and "xylophonist" not in dump
    # Older generations are deleted, except the previous one kept for readers mid-load.
    assert len([p for p in fake_engine.root.iterdir() if p.name.startswith("gen-")]) <= 2


def test_same_text_under_two_names_is_one_article(fake_engine, articles_dir):
    shutil.copy(articles_dir / "002_55b0e7cd8acb7d70.txt", articles_dir / "zz_copy.txt")
    report = fake_engine.index([articles_dir])
    assert report.duplicates == (("zz_copy", "002_55b0e7cd8acb7d70"),)
    assert "zz_copy" not in fake_engine.snapshot().articles


def test_broken_files_are_reported_and_the_rest_indexed(fake_engine, articles_dir):
    (articles_dir / "binary.txt").write_bytes(b"\x00\xff\x00")
    report = fake_engine.index([articles_dir])
    assert len(report.added) == 5
    assert [(Path(r.path).name, r.reason) for r in report.rejected] == [
        ("binary.txt", "binary file, not text")
    ]


def test_a_write_that_fails_midway_leaves_the_old_index_loadable(
    fake_engine, articles_dir, monkeypatch
):
    fake_engine.index([articles_dir])
    before = fake_engine.snapshot()
    (articles_dir / "new.txt").write_text("Fresh story\nSomething new happened today.\n")

    real_write_index = store.faiss.write_index

    def crash(*args, **kwargs):
        real_write_index(*args, **kwargs)
        raise OSError("disk full")  # dies after some files of the new generation are written

    monkeypatch.setattr(store.faiss, "write_index", crash)
    with pytest.raises(OSError, match="disk full"):
        fake_engine.index([articles_dir])
    monkeypatch.undo()

    fresh = Engine(fake_engine.settings, embedder=FakeEmbedder())
    snap = fresh.snapshot()
    assert snap.generation == before.generation
    assert set(snap.articles) == set(before.articles)
    assert not [p for p in fake_engine.root.iterdir() if p.name.startswith(".tmp-")]
    # And the next write succeeds.
    assert fresh.index([articles_dir]).added == ("new",)


KILL_SCRIPT = """
import sys
sys.path.insert(0, {repo!r}); sys.path.insert(0, {tests!r})
from conftest import FakeEmbedder, settings_for
from pathlib import Path
from retrieval.engine import Engine
import retrieval.index as store
real = store.os.rename
def slow_rename(a, b):
    print("WRITING", flush=True)
    time.sleep(30)  # killed here: the new generation is complete but not yet published
    real(a, b)
store.os.rename = slow_rename
Engine(settings_for(Path({tmp!r})), embedder=FakeEmbedder()).index([{articles!r}])
"""


def test_a_process_killed_mid_write_leaves_the_old_index_loadable(tmp_path, articles_dir):
    engine = Engine(settings_for(tmp_path), embedder=FakeEmbedder())
    engine.remove([])  # nothing yet
    engine.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    gen = store.current_generation(engine.root)
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
    # The leftover temporary folder is cleaned by the next write, which succeeds.
    assert Engine(engine.settings, embedder=FakeEmbedder()).index([articles_dir]).added
    assert not [p for p in engine.root.iterdir() if p.name.startswith(".tmp-")]


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
        (lambda g: (g / "dense.faiss").write_bytes(b"garbage"), "dense.faiss has 7 bytes"),
        (lambda g: (g / "passages.jsonl").unlink(), "passages.jsonl is missing"),
        (lambda g: (g / "manifest.json").write_text("{"), "manifest.json unreadable"),
        (lambda g: shutil.rmtree(g), "which does not exist"),
    ],
)
def test_a_damaged_index_fails_with_a_clear_message(fake_engine, articles_dir, damage, message):
    fake_engine.index([articles_dir])
    damage(fake_engine.root / store.current_generation(fake_engine.root))
    with pytest.raises(IndexUnavailable, match=message) as info:
        Engine(fake_engine.settings, embedder=FakeEmbedder()).snapshot()
    assert "newsqa reindex" in str(info.value)
    # reindex rebuilds it from the configured folders.
    fixed = Engine(fake_engine.settings, embedder=FakeEmbedder())
    assert len(fixed.reindex().added) == 5
    assert len(fixed.snapshot().articles) == 5


def test_an_index_built_with_another_model_or_format_is_refused(fake_engine, articles_dir):
    fake_engine.index([articles_dir])
    other = FakeEmbedder()
    other.fingerprint = "0" * 64
    with pytest.raises(IndexUnavailable, match=r"another model.*newsqa reindex"):
        Engine(fake_engine.settings, embedder=other).snapshot()
    folder = fake_engine.root / store.current_generation(fake_engine.root)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["format_version"] = 99
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexUnavailable, match=r"format version 99.*newsqa reindex"):
        Engine(fake_engine.settings, embedder=FakeEmbedder()).snapshot()


def test_changed_chunking_settings_require_a_reindex(fake_engine, articles_dir):
    import dataclasses

    fake_engine.index([articles_dir / "000_9bf6159a81baad6f.txt"])
    s = fake_engine.settings
    changed = dataclasses.replace(s, chunking=dataclasses.replace(s.chunking, max_tokens=100))
    with pytest.raises(IndexUnavailable, match=r"chunking settings changed.*newsqa reindex"):
        Engine(changed, embedder=FakeEmbedder()).index([articles_dir])


def test_no_index_yet_says_how_to_make_one(fake_engine):
    with pytest.raises(IndexUnavailable, match="newsqa index PATH"):
        fake_engine.snapshot()


def test_passage_offsets_and_vectors_stay_aligned_through_updates(fake_engine, articles_dir):
    fake_engine.index([articles_dir])
    fake_engine.remove(["001_806330d807e29c95"])
    (articles_dir / "x.txt").write_text("Extra\nA wholly new article about grain exports.\n")
    fake_engine.index([articles_dir / "x.txt"])
    snap = fake_engine.snapshot()
    vectors = snap.vectors()
    emb = FakeEmbedder()
    for i in range(snap.size):
        p = snap.passage(i)
        art = snap.articles[p.article_id]
        expected = emb.embed([f"{art.title}. {p.text}"])[0]
        assert float(vectors[i] @ expected) == pytest.approx(1.0, abs=1e-5)
        row = snap.lexical.counts[i].toarray().ravel()
        words = set(tokenize(art.title + " " + p.text))
        assert {snap.lexical.vocab[j] for j in row.nonzero()[0]} == words
