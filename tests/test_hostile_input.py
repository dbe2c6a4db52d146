"""Hostile article files and config values: each is refused with `error: PATH[:LINE]: reason`,
never a traceback or a hang, and everything else in the same run is indexed.

Run through the CLI in-process (`newsqa --index-dir IX index FILE...`), with the fast fake
embedder: what is under test is the reading and the writing, not the vectors.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval import articles as readers
from retrieval.cli import main
from retrieval.config import load_config
from retrieval.errors import ConfigError
from retrieval.models import Article, Rejected

GOOD = '{"id": "good", "text": "Peskov said the talks would continue next week."}\n'


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, stdin=io.StringIO(""))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli(tmp_path, fake_embedder, monkeypatch):
    import retrieval.engine as engine_mod

    monkeypatch.setattr(engine_mod, "passage_embedder", lambda *a: fake_embedder)
    monkeypatch.setattr(engine_mod, "question_encoder", lambda *a: fake_embedder)
    monkeypatch.setattr(engine_mod, "fingerprint", lambda *a: fake_embedder.fingerprint)

    def index(*paths: Path) -> tuple[int, str, str]:
        return run("--index-dir", str(tmp_path / "ix"), "index", *map(str, paths))

    return index


def billion_laughs(levels: int) -> str:
    doc = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels):
        doc += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    return doc + f"title: *{chr(96 + levels)}\n"


def corrupt_gzip() -> bytes:
    data = bytearray(gzip.compress(GOOD.encode() * 50))
    data[len(data) // 2] ^= 0xFF
    data[len(data) // 2 + 1] ^= 0xFF
    return bytes(data)


HOSTILE = [
    # (file name, bytes, line or None, what the reason says)
    ("flipped.jsonl.gz", corrupt_gzip(), None, "not a valid gzip file"),
    ("cut.jsonl.gz", gzip.compress(GOOD.encode() * 20)[:-12], None, "not a valid gzip file"),
    ("surrogate.jsonl", b'{"id": "s", "text": "Peskov said \\ud800 hello."}\n', 1,
     "lone surrogate U+D800"),
    ("surrogate_title.jsonl", b'{"id": "s", "title": "\\udfff", "text": "Fine."}\n', 1,
     "title holds an invalid character"),
    ("nul.jsonl", b'{"id": "n", "text": "A NUL \\u0000 here."}\n', 1, "NUL character"),
    ("deep.jsonl", b"[" * 100_000 + b"\n", 1, "nested more than 20 levels deep"),
    ("deep.md", b"---\nx: " + b"[" * 20_000 + b"\n---\nBody.\n", None,
     "nested more than 50 levels deep"),
    ("deep_block.md", b"---\n" + b"".join(b" " * i + b"k:\n" for i in range(300))
     + b"---\nBody.\n", None, "nested more than 50 levels deep"),
    ("timestamp.md", b"---\ndate: !!timestamp x\n---\nBody.\n", None,
     "front matter is not valid YAML"),
    ("bomb.md", f"---\n{billion_laughs(9)}---\nBody.\n".encode(), None,
     "aliases (*name) are not allowed"),
    ("small_bomb.md", f"---\n{billion_laughs(3)}---\nBody.\n".encode(), None,
     "aliases (*name) are not allowed"),
    ("long_title.md", b"---\ntitle: " + b"x" * 5000 + b"\n---\nBody.\n", None,
     "title is 5,000 characters long"),
    ("long_id.jsonl", json.dumps({"id": "i" * 500, "text": "Fine."}).encode(), 1,
     "id is 500 characters long"),
    ("many_keys.md", b"---\n" + b"".join(b"k%d: v\n" % i for i in range(500)) + b"---\nB.\n",
     None, "front matter has 500 keys"),
    ("many_fields.jsonl", json.dumps({"text": "Fine.", **{f"k{i}": i for i in range(300)}})
     .encode(), 1, "301 fields"),
    ("list_title.md", b"---\ntitle: [a, b]\n---\nBody.\n", None, "title must be text"),
    ("digits.jsonl", b'{"id": "d", "text": "x", "n": ' + b"9" * 5000 + b"}\n", 1,
     "malformed JSON"),
    ("dup_keys.md", b"---\ntitle: One\ntitle: Two\n---\nBody.\n", None,
     "the key 'title' is given twice"),
    ("utf16_nobom.txt", "Headline\nBody in UTF-16.\n".encode("utf-16-le"), None,
     "UTF-16 text without a byte-order mark"),
    ("late_nul.txt", b"Headline\n" + b"a" * 9000 + b"\x00 trailing\n", None,
     "binary file, not text (a NUL character at character 9009)"),
]


@pytest.mark.parametrize(("name", "data", "line", "reason"), HOSTILE,
                         ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_one_error_line_and_the_rest_is_indexed(cli, tmp_path, name, data,
                                                                  line, reason):
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.jsonl"
    good.write_text(GOOD)
    code, out, err = cli(bad, good)
    assert code == 2, err  # done in part
    where = f"{bad}:{line}" if line else str(bad)
    (message,) = err.splitlines()
    assert message.startswith(f"error: {where}: "), message
    assert reason in message
    assert "added 1: good" in out
    assert "Traceback" not in err


def test_one_bad_line_costs_only_that_line_not_the_file_or_the_batch(cli, tmp_path):
    rows = [GOOD.replace("good", "a"), '{"id": "b", "text": "\\ud800 x", "n": 1}\n',
            '{"id": "c", "n": ' + "1" * 5000 + ', "text": "C."}\n',
            GOOD.replace("good", "d").replace("talks", "ceasefire")]
    (tmp_path / "mixed.jsonl").write_text("".join(rows))
    (tmp_path / "other.txt").write_text("Another story\nZakharova said something else.\n")
    code, out, err = cli(tmp_path / "mixed.jsonl", tmp_path / "other.txt")
    assert code == 2
    assert [e.split(": ")[1] for e in err.splitlines()] == [
        f"{tmp_path / 'mixed.jsonl'}:2", f"{tmp_path / 'mixed.jsonl'}:3"]
    assert "added 3: a, d, other" in out
    code, out, _ = run("--index-dir", str(tmp_path / "ix"), "show", "d")
    assert code == 0 and "ceasefire" in out


def test_fifo_symlink_loop_and_dangling_link_are_named_for_what_they_are(cli, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.jsonl").write_text(GOOD)
    os.mkfifo(d / "pipe.txt")
    os.symlink("loop.txt", d / "loop.txt")
    os.symlink("nowhere.md", d / "dangling.md")
    code, out, err = cli(d / "pipe.txt", d / "loop.txt", d / "dangling.md", d / "good.jsonl")
    assert code == 2 and "added 1: good" in out
    assert err.splitlines() == [
        f"error: {d / 'pipe.txt'}: a FIFO (named pipe), not an article file",
        f"error: {d / 'loop.txt'}: a symbolic link loop",
        f"error: {d / 'dangling.md'}: a dangling symbolic link (to nowhere.md)",
    ]
    code, _, err2 = cli(d)  # the same inside a folder
    assert sorted(err2.splitlines()) == sorted(err.splitlines())


def test_utf16_with_a_byte_order_mark_is_read(cli, tmp_path):
    (tmp_path / "win.txt").write_bytes("Ferry news\nThe harbour master said so.\n"
                                       .encode("utf-16"))
    code, out, err = cli(tmp_path / "win.txt")
    assert code == 0, err and "added 1: win" in out


def test_a_path_that_does_not_exist_is_nothing_done_exit_1(cli, tmp_path):
    code, out, err = cli(tmp_path / "nope.txt")
    assert code == 1
    assert err == f"error: {tmp_path / 'nope.txt'}: no such file or folder\n"
    assert "passages embedded" not in out


def test_index_dir_that_is_a_file_or_cannot_be_created(tmp_path, fake_embedder, monkeypatch):
    import retrieval.engine as engine_mod

    monkeypatch.setattr(engine_mod, "passage_embedder", lambda *a: fake_embedder)
    monkeypatch.setattr(engine_mod, "question_encoder", lambda *a: fake_embedder)
    (tmp_path / "good.jsonl").write_text(GOOD)
    afile = tmp_path / "afile"
    afile.write_text("x")
    for ix, says in ((afile, f"error: {afile}: the index folder is a file, not a folder"),
                     (afile / "sub", f"error: {afile}: is a file, so the index folder"),
                     (Path("/proc/newsqa-nope/ix"), "error: ")):
        for cmd in (["index", str(tmp_path / "good.jsonl")], ["ask", "Who?"], ["stats"]):
            code, _, err = run("--index-dir", str(ix), *cmd)
            assert code == 1, (ix, cmd, err)
            assert err.startswith(says) and err.count("\n") == 1 and "Traceback" not in err
    code, _, err = run("--index-dir", "/proc/newsqa-nope/ix", "index", str(tmp_path))
    assert code == 1 and err.startswith("error: /proc/newsqa-nope")  # cannot be created


# -- config ----------------------------------------------------------------------------------------

CONFIGS = [
    ("model: {name: 2024-13-45}\n", None),  # a string, not a broken date: loads
    ("retrieval:\n  k: " + "5" * 5000 + "\n", "not valid YAML"),
    ("a: " + "[" * 20_000 + "\n", "nested more than 50 levels deep"),
    ("".join(" " * i + "k:\n" for i in range(300)), "nested more than 50 levels deep"),
    ("bot:\n  cooldown_seconds: -1\n", "bot.cooldown_seconds must be between 0 and 86400"),
    ("bot:\n  cooldown_seconds: .inf\n", "bot.cooldown_seconds must be a finite number"),
    ("bot:\n  cooldown_seconds: .nan\n", "bot.cooldown_seconds must be a finite number"),
    ("retrieval:\n  dense_weight: -2\n", "retrieval.dense_weight must be between 0 and 1000"),
    ("retrieval:\n  lexical_weight: .nan\n", "retrieval.lexical_weight must be a finite"),
    ("retrieval:\n  dense_weight: 0\n  lexical_weight: 0\n", "cannot both be 0"),
    ("model:\n  threads: -4\n", "model.threads must be between 0 and 1024"),
    ("model:\n  threads: 100000\n", "model.threads must be between 0 and 1024"),
    ("retrieval:\n  k: 1" + "0" * 30 + "\n", "retrieval.k must be between 0 and 100"),
    ("retrieval:\n  k: 3\n  k: 4\n", "the key 'k' is given twice at line 3"),
    ("x: &a [1]\ny: *a\n", "aliases (*name) are not allowed"),
    ("model:\n  path: no/such/model\n", "model.path:"),
    ("bot: {guild_id: !!timestamp x}\n", "not valid YAML"),
]


@pytest.mark.parametrize(("text", "says"), CONFIGS)
def test_hostile_config_is_one_line_naming_the_file(tmp_path, text, says):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    if says is None:
        assert load_config(path).model.name == "2024-13-45"
        return
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and says in message and "\n" not in message
    assert len(message) < 300
    code, _, err = run("--config", str(path), "stats")
    assert code == 1 and err == f"error: {message}\n"


def test_relative_model_path_is_resolved_against_the_config_folder(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "modules.json").write_text("[]")
    path = tmp_path / "config.yaml"
    path.write_text("model:\n  path: m\n", encoding="utf-8")
    assert load_config(path).model.path == str(tmp_path / "m")


# -- property-based: any bytes in, articles or a clear rejection out -------------------------------

YAMLISH = st.lists(st.sampled_from(
    ["---\n", "title: ", "id: ", "date: ", "&a ", "*a ", "[", "]", "{", "}", ": ", "- ", "!!int ",
     "!!timestamp ", "!!binary ", "'", '"', "\\ud800", "\n", "  ", "2024-11-06", "9" * 40, "x",
     "#", "|\n", ">\n", "? ", ",", "\x00", "\u2028", "é"]), max_size=40).map("".join)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "title", "text", "body", "date", "source", "url", "authors",
                         "author", "x"]), inner, max_size=6),
    max_leaves=12,
).map(lambda v: json.dumps(v, ensure_ascii=False))
NAMES = st.sampled_from(["a.txt", "a.md", "a.markdown", "a.jsonl", "a.jsonl.gz"])
FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def _check_outcome(articles: list[Article], rejected: list[Rejected]) -> None:
    for a in articles:
        assert isinstance(a, Article) and a.text.strip() and a.id
        for value in (a.id, a.title, a.text, a.source or "", a.url or "", *a.authors):
            value.encode("utf-8")  # storable
            assert "\x00" not in value
        assert len(a.title) <= readers.MAX_TITLE_CHARS and len(a.id) <= readers.MAX_ID_CHARS
        assert a.date is None or len(a.date) == 10
    for r in rejected:
        assert isinstance(r, Rejected) and r.reason and "\n" not in r.reason
        assert len(r.reason) < 400
    assert articles or rejected


@FAST
@given(name=NAMES, data=st.binary(max_size=300))
def test_any_bytes_give_articles_or_a_clear_rejection(name, data):
    if name.endswith(".gz") and data[:1] == b"{":
        data = gzip.compress(data)
    _check_outcome(*readers.parse_bytes(name, data, path=None))


@FAST
@given(front=YAMLISH, body=st.text(max_size=50))
def test_any_front_matter_gives_an_article_or_a_clear_rejection(front, body):
    data = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    _check_outcome(*readers.parse_bytes("a.md", data, path=None))


@FAST
@given(lines=st.lists(JSONISH | st.text(max_size=30), min_size=1, max_size=5))
def test_any_json_lines_give_articles_or_a_clear_rejection(lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    _check_outcome(*readers.parse_bytes("a.jsonl", data, path=None))


@FAST
@given(text=YAMLISH | st.text(max_size=80), section=st.sampled_from(
    ["", "retrieval:\n  ", "bot:\n  ", "model:\n  ", "paths:\n  "]))
def test_any_config_loads_or_is_one_clear_error(tmp_path_factory, text, section):
    path = tmp_path_factory.mktemp("cfg") / "config.yaml"
    path.write_bytes((section + text).encode("utf-8", "surrogatepass"))
    try:
        load_config(path)
    except ConfigError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
