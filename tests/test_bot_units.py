"""The bot's Discord-free parts: cooldown, who is an admin, input checks, uploads, error replies."""

from __future__ import annotations

import gzip
import io
import logging
import os

import pytest
from discord import app_commands

from bot import uploads
from bot.access import channel_allowed, is_admin
from bot.app import SOMETHING_WRONG, user_message
from bot.commands import NotAdmin
from bot.cooldown import Cooldown, cooldown_message
from bot.inputs import UsageError, check_question, make_filters, mention_question, parse_day
from retrieval.config import BotSettings
from retrieval.errors import IndexUnavailable
from retrieval.models import Article, Filters, Rejected

# -- cooldown --------------------------------------------------------------------------------------


def test_cooldown_allows_rate_per_window_per_user():
    now = [100.0]
    cd = Cooldown(rate=2, per=10.0, clock=lambda: now[0])
    assert cd.hit(1) == 0.0
    assert cd.hit(1) == 0.0
    assert cd.hit(1) == pytest.approx(10.0)  # third within the window: wait
    assert cd.hit(2) == 0.0  # another user is not affected
    now[0] = 104.0
    assert cd.hit(1) == pytest.approx(6.0)  # refused questions do not count
    now[0] = 110.0
    assert cd.hit(1) == 0.0  # both have left the window
    assert cd.hit(1) == 0.0
    assert cd.hit(1) == pytest.approx(10.0)


@pytest.mark.parametrize(("wait", "says"), [(0.2, "1 second "), (1.4, "1 second "),
                                            (9.6, "10 seconds")])
def test_cooldown_message(wait, says):
    assert says in cooldown_message(wait)


# -- access ----------------------------------------------------------------------------------------

ADMINS = BotSettings(admin_roles=("newsqa-admin", "777"), admin_users=(42,))


@pytest.mark.parametrize(
    ("user_id", "roles", "manage", "expected"),
    [
        (42, [], False, True),  # configured user
        (1, [(5, "newsqa-admin")], False, True),  # role by name
        (1, [(777, "whatever")], False, True),  # role by id
        (1, [], True, True),  # Manage Server
        (1, [(5, "Newsqa-Admin")], False, False),  # names are exact
        (1, [(5, "member")], False, False),
        (1, [], False, False),
    ],
)
def test_is_admin(user_id, roles, manage, expected):
    assert is_admin(ADMINS, user_id, roles, manage) is expected


@pytest.mark.parametrize(
    ("allowed", "channel", "parent", "expected"),
    [((), 1, None, True), ((1,), 1, None, True), ((1,), 2, None, False), ((1,), 3, 1, True),
     ((1,), 3, 2, False), ((1,), None, None, False)],
)
def test_channel_allowed(allowed, channel, parent, expected):
    assert channel_allowed(BotSettings(allowed_channels=allowed), channel, parent) is expected


# -- inputs ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("  ", None), ("2024-02-22", "2024-02-22"),
     (" 2024-02-29 ", "2024-02-29")],
)
def test_parse_day_accepts(value, expected):
    assert parse_day(value, "since") == expected


@pytest.mark.parametrize("value", ["2024-2-22", "22/02/2024", "2023-02-29", "2024-13-01",
                                   "yesterday", "2024-02-22T10:00", "２０２４-02-22"])
def test_parse_day_refuses(value):
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_day(value, "since")


def test_make_filters():
    assert make_filters("2024-01-01", None, " MENAFN ") == Filters("2024-01-01", None, "MENAFN")
    assert make_filters(None, None, "  ") == Filters()
    with pytest.raises(UsageError, match="after"):
        make_filters("2024-03-01", "2024-02-01", None)


@pytest.mark.parametrize(
    ("content", "expected"),
    [("<@99> what did Peskov say?", "what did Peskov say?"),
     ("<@!99>   and   Lavrov?", "and Lavrov?"),
     ("hey <@99>, who is <@12>?", "hey , who is <@12>?"),
     ("<@99>", "")],
)
def test_mention_question(content, expected):
    assert mention_question(content, 99) == expected


def test_check_question():
    assert check_question("  what\n happened? ") == "what happened?"
    with pytest.raises(UsageError):
        check_question("   ")
    with pytest.raises(UsageError, match="too long"):
        check_question("x" * 501)


# -- uploads ---------------------------------------------------------------------------------------

LIMIT = 1000


@pytest.mark.parametrize(
    ("name", "size", "reason"),
    [("a.txt", 10, None), ("A.MD", 10, None), ("x.jsonl", 10, None), ("x.jsonl.gz", 10, None),
     ("x.markdown", 10, None), ("a.pdf", 10, "not an article file"),
     ("a.txt.exe", 10, "not an article file"), ("a.gz", 10, "not an article file"),
     ("a.txt", LIMIT + 1, "too large"), ("a.txt", 0, "empty")],
)
def test_check_attachment(name, size, reason):
    got = uploads.check_attachment(name, size, LIMIT)
    assert got is None if reason is None else reason in got


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [("a.txt", "Plain text, ünïcode.".encode(), None),
     ("a.txt", "\ufeffwith a BOM".encode(), None),
     ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
     ("a.txt", "café".encode("latin-1"), "not UTF-8"),
     ("a.txt", b"   \n", "empty"),
     ("a.txt", b"x" * (LIMIT + 1), "too large"),
     ("a.jsonl.gz", gzip.compress(b'{"text": "hi"}\n'), None),
     ("a.jsonl.gz", b'{"text": "hi"}', "not gzip"),
     ("a.jsonl.gz", b"\x1f\x8b" + b"garbage" * 5, "damaged"),
     ("a.jsonl.gz", gzip.compress(b"a" * (LIMIT * uploads.GZIP_EXPANSION + 10)), "expands")],
)
def test_check_content(name, data, reason):
    got = uploads.check_content(name, data, LIMIT)
    assert got is None if reason is None else reason in got


@pytest.mark.parametrize(
    ("name", "expected"),
    [("article.txt", "article.txt"), ("../../etc/passwd.txt", "passwd.txt"),
     ("..\\..\\win.md", "win.md"), (".hidden.txt", "hidden.txt"), ("...txt", "upload.txt"),
     ("my article (1).TXT", "my_article_1.txt"), ("x.JSONL.GZ", "x.jsonl.gz"),
     ("a" * 300 + ".md", "a" * 80 + ".md"), ("/abs/path/x.jsonl", "x.jsonl")],
)
def test_safe_name(name, expected):
    assert uploads.safe_name(name) == expected


def fake_parser(name: str, data: bytes):
    """`title|text` per line, the id from the file name: like the core's .txt reader."""
    text = data.decode()
    if not text.strip():
        return (), (Rejected(name, "no article text"),)
    stem = name.split(".")[0]
    title = text.split("|")[0]
    return (Article(id=stem, title=title, text=text),), ()


def test_save_writes_once_replaces_an_edit_and_never_overwrites_another_article(tmp_path):
    d = tmp_path / "uploads"
    first = uploads.save(d, "news.txt", b"Headline|body", fake_parser)
    assert first == d / "news.txt" and first.read_bytes() == b"Headline|body"
    mtime = os.stat(first).st_mtime_ns
    assert uploads.save(d, "news.txt", b"Headline|body", fake_parser) == first  # same bytes
    assert os.stat(first).st_mtime_ns == mtime
    edited = uploads.save(d, "news.txt", b"Headline|body, corrected", fake_parser)
    assert edited == first and first.read_bytes() == b"Headline|body, corrected"
    other = uploads.save(d, "news.txt", b"Another story|else", fake_parser)
    assert other != first and other.name.startswith("news-") and other.suffix == ".txt"
    assert first.read_bytes() == b"Headline|body, corrected"
    assert uploads.save(d, "news.txt", b"Another story|else", fake_parser) == other
    assert sorted(p.name for p in d.iterdir()) == sorted(["news.txt", other.name])  # no temp files


def test_save_does_not_shadow_an_article_indexed_from_another_folder(tmp_path):
    d = tmp_path / "uploads"
    elsewhere = {"000_sample": str(tmp_path / "examples" / "000_sample.txt")}
    saved = uploads.save(d, "000_sample.txt", b"T|x", fake_parser, elsewhere.get)
    assert saved.name != "000_sample.txt"
    same = {"mine": str(d / "mine.txt")}
    assert uploads.save(d, "mine.txt", b"T|x", fake_parser, same.get).name == "mine.txt"


def test_parse_names_rejections_by_the_uploaded_name():
    articles, rejected = uploads.parse("my file.txt", b"  ", fake_parser)
    assert articles == () and rejected == (Rejected("my file.txt", "no article text"),)
    articles, _ = uploads.parse("my file.txt", b"T|x", fake_parser)
    assert articles[0].id == "my_file"  # the id it will have once saved


def test_files_only_holding(tmp_path):
    d = tmp_path / "uploads"
    for name in ("a.txt", "b.txt"):
        uploads.save(d, name, b"T|x", fake_parser)
    (d / "notes.pdf").write_bytes(b"x")
    assert [p.name for p in uploads.files_only_holding(d, ["a", "zzz"], fake_parser)] == ["a.txt"]
    assert uploads.files_only_holding(tmp_path / "missing", ["a"], fake_parser) == []


def test_the_core_parser_is_used_by_default():
    articles, rejected = uploads.parse("x.txt", b"Headline here\n\nBody text of the article.")
    assert [a.id for a in articles] == ["x"] and rejected == ()


# -- error replies ---------------------------------------------------------------------------------

def test_user_errors_are_shown_as_they_are(caplog):
    assert user_message(NotAdmin("only admins")) == "only admins"
    assert user_message(IndexUnavailable("no index yet")) == "no index yet"
    wrapped = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    wrapped.original = IndexUnavailable("index missing")
    assert user_message(wrapped) == "index missing"
    assert not caplog.records


def test_unexpected_errors_are_logged_with_their_traceback(caplog):
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="bot"):
            assert user_message(exc) == SOMETHING_WRONG
    assert caplog.records[0].exc_info[1].args == ("boom",)


def test_an_upload_never_replaces_an_article_it_did_not_add(tmp_path):
    """Front matter (or a .jsonl line) can set an existing article's id: such an upload is
    refused, whatever its file name, and nothing is written."""
    d = tmp_path / "uploads"
    examples = tmp_path / "examples" / "000_9bf6159a81baad6f.txt"
    indexed = {"000_9bf6159a81baad6f": str(examples)}
    hijack = b"---\nid: 000_9bf6159a81baad6f\ntitle: Lavrov resigns\n---\nFake body.\n"
    for name in ("innocent.md", "000_9bf6159a81baad6f.md"):
        with pytest.raises(uploads.UploadRefused, match="already indexed from another file"):
            uploads.save(d, name, hijack, indexed_path=indexed.get)
    line = b'{"id": "000_9bf6159a81baad6f", "text": "Fake body."}\n'
    with pytest.raises(uploads.UploadRefused, match="000_9bf6159a81baad6f"):
        uploads.save(d, "feed.jsonl", line, indexed_path=indexed.get)
    assert not d.exists() or not any(d.iterdir())
    # an article /add created may be updated by the same file
    mine = uploads.save(d, "mine.md", b"---\nid: my-story\n---\nFirst version.\n",
                        indexed_path={}.get)
    again = uploads.save(d, "mine.md", b"---\nid: my-story\n---\nSecond version.\n",
                         indexed_path={"my-story": str(mine)}.get)
    assert again == mine and b"Second version" in mine.read_bytes()
    # ...but not by another file
    with pytest.raises(uploads.UploadRefused):
        uploads.save(d, "other.md", b"---\nid: my-story\n---\nThird.\n",
                     indexed_path={"my-story": str(mine)}.get)


def test_plain_logs_off_a_terminal_and_with_no_color(monkeypatch):
    from bot.app import wants_colour

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_colour(Tty()) is True
    assert wants_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_colour(Tty()) is False


@pytest.mark.parametrize(("env", "tty", "coloured"),
                         [({}, False, False), ({"NO_COLOR": "1"}, True, False), ({}, True, True)])
def test_bot_log_lines_have_ansi_colours_only_on_a_terminal(env, tty, coloured):
    """The bot's real logging set-up, in a child process whose stderr is a pipe or a pty."""
    import pty
    import subprocess
    import sys

    code = ("from bot.app import _configure_logging; import logging; _configure_logging(); "
            "logging.getLogger('bot').warning('hello from the bot')")
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    if tty:
        leader, follower = pty.openpty()
        proc = subprocess.run([sys.executable, "-c", code], stderr=follower, env=environ,
                              timeout=60)
        os.close(follower)
        err = os.read(leader, 65536).decode()
        os.close(leader)
    else:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=environ, timeout=60)
        err = proc.stderr
    assert proc.returncode == 0 and "hello from the bot" in err
    assert ("\x1b[" in err) is coloured
