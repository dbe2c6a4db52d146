"""The CLI, run in-process through main(argv)."""

import io
import json

from conftest import SAMPLES

from retrieval.cli import main


def run(*argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_index_ask_stats_and_json_lines(tmp_path, monkeypatch, real_embedder):
    import retrieval.engine as engine_mod

    monkeypatch.setattr(engine_mod, "passage_embedder", lambda *a: real_embedder)
    monkeypatch.setattr(engine_mod, "question_encoder", lambda *a: real_embedder)
    ix = str(tmp_path / "ix")
    code, out, err = run("--index-dir", ix, "index", str(SAMPLES), "--quiet")
    assert code == 0, err
    assert "added 5" in out and "passages embedded:" in out
    code, out, _ = run("--index-dir", ix, "index", str(SAMPLES))
    assert code == 0 and "unchanged 5" in out and "passages embedded: 0" in out

    code, out, _ = run("--index-dir", ix, "ask", "What did Zakharova say?")
    assert code == 0
    assert "It would be logical for the next U.S. president" in out
    assert "Sources:" in out and "[1]" in out and "002_55b0e7cd8acb7d70.txt" in out

    code, out, _ = run("--index-dir", ix, "ask", "--json", "-",
                       stdin="What did Zakharova say?\n\nWhat is the capital of Australia?\n")
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["no_answer"] for x in lines] == [False, True]
    assert lines[0]["citations"][0]["article_id"] == "002_55b0e7cd8acb7d70"

    code, out, _ = run("--index-dir", ix, "stats")
    assert code == 0 and "articles:   5" in out and "2024-11-06" in out

    code, out, _ = run("--index-dir", ix, "chat", stdin="What did Peskov say?\nand Zakharova?\n")
    assert code == 0 and out.count("Sources:") == 2

    code, out, err = run("--index-dir", ix, "remove", "002_55b0e7cd8acb7d70", "nope")
    assert code == 2 and "removed 1" in out and "not indexed: nope" in out


def test_user_errors_are_one_line_without_traceback(tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("retrieval:\n  top: 3\n")
    code, _, err = run("--config", str(bad), "stats")
    assert code == 1 and err.startswith("error: ") and "retrieval.top" in err
    assert "Traceback" not in err and err.count("\n") == 1

    code, _, err = run("--index-dir", str(tmp_path / "empty"), "ask", "anything")
    assert code == 1 and "no index" in err and "newsqa index" in err

    code, _, err = run("--index-dir", str(tmp_path), "ask", "x", "--since", "yesterday")
    assert code == 2 and "is not a date" in err


def test_index_reports_bad_files_and_exits_non_zero(tmp_path, fake_embedder, monkeypatch):
    import retrieval.engine as engine_mod

    monkeypatch.setattr(engine_mod, "passage_embedder", lambda *a: fake_embedder)
    monkeypatch.setattr(engine_mod, "question_encoder", lambda *a: fake_embedder)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ok.txt").write_text("Fine headline\nBody.\n")
    (tmp_path / "a" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    code, out, err = run("--index-dir", str(tmp_path / "ix"), "index", str(tmp_path / "a"))
    assert code == 2
    assert "added 1: ok" in out
    assert "bad.txt: binary file" in err


# -- what a user expects of a command-line tool ----------------------------------------------------

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from retrieval.cli import PhaseBars  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake_cli(tmp_path, fake_embedder, monkeypatch):
    """`newsqa --index-dir IX ...` over the sample articles, with the fast fake embedder."""
    import retrieval.engine as engine_mod

    monkeypatch.setattr(engine_mod, "passage_embedder", lambda *a: fake_embedder)
    monkeypatch.setattr(engine_mod, "question_encoder", lambda *a: fake_embedder)
    monkeypatch.setattr(engine_mod, "fingerprint", lambda *a: fake_embedder.fingerprint)
    ix = str(tmp_path / "ix")
    assert run("--index-dir", ix, "index", str(SAMPLES), "-q")[0] == 0
    return lambda *argv, stdin="": run("--index-dir", ix, *argv, stdin=stdin)


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("newsqa ") and out.split()[1][0].isdigit()


@pytest.mark.parametrize("question", ["", "   ", "\t\n"])
def test_an_empty_question_is_a_usage_error(fake_cli, question):
    code, out, err = fake_cli("ask", question)
    assert code == 2 and out == "" and err.startswith("error: the question is empty")


def test_exit_statuses_tell_what_was_done(fake_cli, tmp_path):
    code, out, err = fake_cli("index", str(tmp_path / "nope"))
    assert code == 1 and "no such file or folder" in err and "passages embedded" not in out
    code, out, _ = fake_cli("remove", "nope")
    assert code == 1 and out == "not indexed: nope\n"
    code, out, _ = fake_cli("remove", "001_806330d807e29c95", "nope")
    assert code == 2 and out == "removed 1: 001_806330d807e29c95\nnot indexed: nope\n"
    code, out, _ = fake_cli("remove", "000_9bf6159a81baad6f")
    assert code == 0 and "passages embedded" not in out
    code, _, err = run("--index-dir", str(tmp_path / "none"), "chat", stdin="")
    assert code == 1 and "no index" in err  # at start, not at the first question


def test_a_source_that_matches_no_outlet_says_so_and_lists_them(fake_cli):
    code, out, err = fake_cli("ask", "What did Peskov say?", "--source", "reuters")
    assert code == 1 and out == ""
    assert err == ("error: --source 'reuters' matches no indexed outlet; the outlets are: "
                   "MENAFN, Saba\n")
    code, out, _ = fake_cli("ask", "What did Peskov say?", "--source", "SABA")
    assert code == 0 and "Sources:" in out


def test_a_date_that_cannot_be_read_is_a_warning_naming_the_file(fake_cli, tmp_path):
    rows = [{"id": "a", "text": "One story.", "date": "November 6, 2024"},
            {"id": "b", "text": "Two story.", "date": "Wed, 06 Nov 2024 10:00:00 +0000"},
            {"id": "c", "text": "Three story.", "date": "sometime in spring"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    code, out, err = fake_cli("index", str(path))
    assert code == 0 and "added 3" in out
    assert err == (f"warning: {path}:3: date 'sometime in spring' cannot be read; "
                   "indexed without a date\n")
    assert "date:   2024-11-06" in fake_cli("show", "b")[1]
    assert "date:   -" in fake_cli("show", "c")[1]


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_output_is_a_quiet_exit(fake_cli, tmp_path):
    import retrieval.engine as engine_mod
    from retrieval.cli import main as cli_main

    assert engine_mod.fingerprint  # the fixture's fake model is in place
    err = io.StringIO()
    code = cli_main(["--index-dir", str(tmp_path / "ix"), "show", "002_55b0e7cd8acb7d70"],
                    out=ClosedPipe(), err=err, stdin=io.StringIO(""))
    assert code == 141 and err.getvalue() == ""


def test_no_traceback_when_the_reader_goes_away(sample_engine):
    """`newsqa show ID | true`: the reader is gone before newsqa writes; a quiet exit 141, not
    a BrokenPipeError traceback (also when Python flushes stdout at exit)."""
    cmd = (f"{sys.executable} -m retrieval.cli --index-dir {sample_engine.root} show "
           f"002_55b0e7cd8acb7d70 | true; echo status=${{PIPESTATUS[0]}}")
    done = subprocess.run(["bash", "-c", cmd], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.stderr == "" and done.stdout == "status=141\n"


def test_config_is_found_in_the_stated_order_and_init_writes_one(tmp_path, monkeypatch):
    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("NEWSQA_CONFIG", raising=False)
    # No config anywhere: the index goes to the user data folder, not ./data/index.
    code, _, err = run("stats")
    assert code == 1 and f"no index at {home}/.local/share/newsqa/index" in err
    # init writes a commented config in the user config folder; then it is the one used.
    written = home / ".config" / "newsqa" / "config.yaml"
    assert run("init") == (0, f"wrote {written}\n", "")
    assert written.read_text().startswith("# newsqa settings")
    code, _, err = run("init")
    assert code == 1 and "already exists" in err  # never overwritten
    written.write_text(written.read_text().replace(
        f'index_dir: "{home}/.local/share/newsqa/index"', "index_dir: from-user-config"))
    assert "from-user-config" in run("stats")[2]
    # ./config.yaml beats the user config; $NEWSQA_CONFIG beats both; --config beats all.
    (elsewhere / "config.yaml").write_text("paths:\n  index_dir: from-cwd\n")
    assert "from-cwd" in run("stats")[2]
    (tmp_path / "env.yaml").write_text("paths:\n  index_dir: from-env\n")
    monkeypatch.setenv("NEWSQA_CONFIG", str(tmp_path / "env.yaml"))
    assert "from-env" in run("stats")[2]
    (tmp_path / "flag.yaml").write_text("paths:\n  index_dir: from-flag\n")
    assert "from-flag" in run("--config", str(tmp_path / "flag.yaml"), "stats")[2]
    # init --config PATH writes there instead
    assert run("--config", str(tmp_path / "new.yaml"), "init")[0] == 0
    assert (tmp_path / "new.yaml").exists()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_each_phase_with_counts_elapsed_and_eta(tmp_path, fake_embedder):
    from conftest import settings_for

    from retrieval.engine import Engine

    calls = []
    engine = Engine(settings_for(tmp_path), embedder=fake_embedder)
    engine.index([SAMPLES], lambda *a: calls.append(a))
    phases = list(dict.fromkeys(phase for phase, _, _ in calls))
    assert phases == ["reading", "chunking", "embedding", "writing"]
    assert ("reading", 5, 5) in calls and ("chunking", 5, 5) in calls
    assert calls[-1] == ("writing", 1, 1)

    screen = FakeTerminal()
    bars = PhaseBars(screen)
    for call in calls:
        bars(*call)
    bars.close()
    shown = screen.getvalue()
    for phase, unit in (("reading", "file"), ("chunking", "article"),
                        ("embedding", "passage"), ("writing", "step")):
        assert phase in shown and f"{unit}/s" in shown
    assert "5/5" in shown and "<" in shown  # count, and elapsed<ETA


def test_listed_quotes_put_an_abbreviated_title_before_the_name():
    from retrieval.cli import format_answer
    from retrieval.models import Answer, Quote

    quotes = (Quote("Jane Roe", "Dr.", "Masks work.", "said", 1, 0, 11, "quote"),
              Quote("Dmitry Peskov", "Kremlin spokesman", "Ready.", "said", 1, 0, 6, "quote"))
    out = io.StringIO()
    format_answer(Answer("What did they say?", "Two statements.", False, (), quotes), out)
    assert "“Masks work.” — Dr. Jane Roe [1]" in out.getvalue()
    assert "“Ready.” — Dmitry Peskov, Kremlin spokesman [1]" in out.getvalue()


def test_a_quote_over_two_paragraphs_that_the_answer_shows_is_not_listed_again():
    from retrieval.cli import format_answer
    from retrieval.models import Answer, Quote

    q = Quote("Jane Roe", None, "We will rebuild.\n\n“Every house of it.", "said", 1, 0, 38,
              "quote")
    text = "Jane Roe said [1]: “We will rebuild. Every house of it.”"
    out = io.StringIO()
    format_answer(Answer("What did Roe say?", text, False, (), (q,)), out)
    assert out.getvalue().count("Every house of it") == 1
