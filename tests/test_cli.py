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
