"""`newsqa`: index articles and ask questions from a terminal.

`main(argv) -> int` so that it is tested in-process. Core errors become `error: ...` on stderr and
a non-zero exit status; a user's mistake never prints a traceback.

Exit statuses: 0 done; 1 nothing done (an error, a missing index, every path unusable); 2 a usage
error (a bad option, an empty question), or done in part (some files or ids refused); 130
interrupted; 141 the output was closed (`newsqa show ID | head`).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from .config import Settings, load_config, user_config_path, write_init_config
from .errors import NewsqaError
from .models import Answer, Filters, IndexReport

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2, 2
EXIT_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command whose reader went away


def _version() -> str:
    try:
        return metadata.version("newsqa")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2024-11-06") from None


def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n <= 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsqa",
        description="Ask questions of a collection of news articles and get cited answers.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    p.add_argument("--config", metavar="PATH",
                   help="settings file (default: $NEWSQA_CONFIG, else ./config.yaml, else "
                        f"{user_config_path()})")
    p.add_argument("--index-dir", metavar="DIR", help="index folder (overrides the config)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("init", help="write a commented config file (where --config says, else "
                                "the user config folder)")

    ix = sub.add_parser("index", help="add or update articles from files and folders")
    ix.add_argument("paths", nargs="+", metavar="PATH",
                    help=".txt, .md, .jsonl, .jsonl.gz files, or folders of them")
    ix.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    rm = sub.add_parser("remove", help="remove articles (and every passage and quote of them)")
    rm.add_argument("ids", nargs="+", metavar="ID")

    rx = sub.add_parser("reindex", help="rebuild the index from the configured article folders")
    rx.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    def query_options(q: argparse.ArgumentParser) -> None:
        q.add_argument("--k", type=positive_int, help="passages to cite (default: retrieval.k)")
        q.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD",
                       help="only articles from this date on")
        q.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD",
                       help="only articles up to this date")
        q.add_argument("--source", metavar="OUTLET", help="only articles from this outlet")
        q.add_argument("--speaker", metavar="NAME", help="only statements by this person")
        q.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD", dest="as_of",
                       help="answer as of this date: 'this week' is read against it and newer "
                            "articles are left out (default: the newest indexed article)")

    ask = sub.add_parser("ask", help="answer one question (or, with --json -, one per line)")
    ask.add_argument("question", help="the question, or - to read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    query_options(ask)

    chat = sub.add_parser("chat", help="an interactive session with follow-up questions")
    query_options(chat)

    sub.add_parser("stats", help="what is indexed")
    sub.add_parser("speakers", help="the people quoted in the articles, most quoted first")
    show = sub.add_parser("show", help="print an indexed article's text and metadata")
    show.add_argument("id")
    sub.add_parser("bot", help="run the Discord bot (token from $DISCORD_TOKEN)")
    return p


PHASE_UNITS = {"reading": "file", "loading model": "step", "chunking": "article",
               "embedding": "passage", "writing": "step"}


class PhaseBars:
    """Renders the core's progress callback, `(phase, done, total)`, as one tqdm bar per phase
    (reading, chunking, embedding, writing): count, rate, elapsed time and ETA."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.phase: str | None = None
        self.bar: Any = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(total=total, desc=f"{phase:<13}", unit=PHASE_UNITS.get(phase, "item"),
                            file=self.stream, dynamic_ncols=True, leave=True)
        bar = self.bar
        if bar is None:  # this phase is over
            return
        if bar.total != total:
            bar.total = total
        bar.update(max(done - bar.n, 0))
        if done >= total:  # closed now, so that its elapsed time is its own
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _progress(quiet: bool, stream: TextIO) -> PhaseBars | None:
    if quiet or not stream.isatty():
        return None
    return PhaseBars(stream)


def format_report(report: IndexReport, out: TextIO, *, embedded: bool = True) -> None:
    def line(label: str, ids: Sequence[str]) -> None:
        if ids:
            shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
            print(f"{label} {len(ids)}: {shown}", file=out)

    line("added", report.added)
    line("updated", report.updated)
    line("removed", report.removed)
    if report.unchanged:
        print(f"unchanged {len(report.unchanged)}", file=out)
    for new, old in report.duplicates:
        print(f"skipped {new}: same text as {old}", file=out)
    for i in report.missing:
        print(f"not indexed: {i}", file=out)
    if embedded:
        print(f"passages embedded: {report.chunks_embedded}", file=out)


def report_status(report: IndexReport) -> int:
    """0 all done; 2 done in part; 1 nothing done (everything refused, no id found)."""
    errors = [r for r in report.rejected if not r.warning]
    if not errors and not report.missing:
        return EXIT_OK
    done = (report.added or report.updated or report.unchanged or report.removed
            or report.duplicates)
    return EXIT_PARTIAL if done else EXIT_ERROR


def format_answer(ans: Answer, out: TextIO) -> None:
    from .attribution import display_text, title_before_name

    print(ans.text, file=out)
    shown = " ".join(ans.text.split())
    extra = [q for q in ans.quotes if display_text(q.text) not in shown]
    if extra:
        print(file=out)
        for q in extra:
            who = (f"{q.role} {q.speaker}" if title_before_name(q.role)
                   else f"{q.speaker}, {q.role}" if q.role else q.speaker)
            refs = "".join(f"[{n}]" for n in (q.citation, *q.also_in))
            said = f"“{q.text}”" if q.kind == "quote" else f"({q.cue}) {q.text}"
            print(f"  {said} — {who} {refs}", file=out)
    if ans.citations:
        print("\nSources:", file=out)
        for c in ans.citations:
            meta = ", ".join(x for x in (c.source, c.date) if x)
            print(f"[{c.n}] {c.title}" + (f" — {meta}" if meta else ""), file=out)
            print(f"    {c.url or c.path or c.article_id}", file=out)
            for r in c.also_in:
                also = ", ".join(x for x in (r.source, r.date) if x) or r.article_id
                print(f"    also carried by: {r.title} ({also})", file=out)
    if ans.as_of:
        print(f"\n(as of the newest indexed article, {ans.as_of})", file=out)


def _filters(args: argparse.Namespace) -> Filters:
    if args.since and args.until and args.since > args.until:
        raise NewsqaError(f"--since {args.since} is after --until {args.until}")
    source = (args.source or "").strip() or None
    return Filters(since=args.since, until=args.until, source=source, speaker=args.speaker,
                   as_of=args.as_of)


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_config(args.config)
    if args.index_dir:
        settings = settings.with_index_dir(args.index_dir)
    ix = settings.index_dir
    if ix.exists() and not ix.is_dir():
        raise NewsqaError(f"{ix}: the index folder is a file, not a folder")
    parent = next((p for p in ix.parents if p.exists()), None)
    if not ix.exists() and parent is not None and not parent.is_dir():
        raise NewsqaError(f"{parent}: is a file, so the index folder {ix} cannot be created")
    return settings


def check_source(engine: Any, source: str | None) -> None:
    """Refuse a --source that matches no indexed outlet, listing the outlets."""
    if source is None:
        return
    if not engine.source_matches(source):
        outlets = engine.outlets()
        shown = ", ".join(outlets[:30]) + (f" and {len(outlets) - 30} more"
                                           if len(outlets) > 30 else "")
        raise NewsqaError(f"--source '{source}' matches no indexed outlet; the outlets are: "
                          f"{shown or '(none recorded)'}")


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from .engine import Engine

    if args.command == "init":
        path = write_init_config(Path(args.config) if args.config else None)
        print(f"wrote {path}", file=out)
        return EXIT_OK
    settings = _settings(args)
    if args.command == "bot":
        from bot.app import run as run_bot

        return run_bot(settings)
    engine = Engine(settings)
    cmd = args.command
    if cmd in ("index", "reindex"):
        bar = _progress(args.quiet, err)
        try:
            report = engine.index(args.paths, bar) if cmd == "index" else engine.reindex(bar)
        finally:
            if bar:
                bar.close()
        for r in report.rejected:
            print(f"{'warning' if r.warning else 'error'}: {r.path}: {r.reason}", file=err)
        status = report_status(report)
        format_report(report, out, embedded=status != EXIT_ERROR)
        return status
    if cmd == "remove":
        report = engine.remove(args.ids)
        format_report(report, out, embedded=False)
        return report_status(report)
    if cmd == "stats":
        s = engine.stats()
        print(f"articles:   {s.articles}", file=out)
        print(f"passages:   {s.passages}", file=out)
        print(f"statements: {s.statements} by {s.speakers} speakers", file=out)
        print(f"dates:      {s.oldest_date or '-'} to {s.newest_date or '-'}", file=out)
        print("sources:    " + ", ".join(f"{n} ({c})" for n, c in s.sources[:10]), file=out)
        print(f"model:      {s.model}", file=out)
        print(f"index:      {s.index_dir} ({s.generation})", file=out)
        return EXIT_OK
    if cmd == "speakers":
        for name, role, count in engine.speakers():
            print(f"{count:4d}  {name}" + (f" ({role})" if role else ""), file=out)
        return EXIT_OK
    if cmd == "show":
        a = engine.article(args.id)
        print(f"id:     {a.id}\ntitle:  {a.title}\nsource: {a.source or '-'}\n"
              f"date:   {a.date or '-'}\nurl:    {a.url or '-'}\npath:   {a.path or '-'}\n",
              file=out)
        print(a.text, file=out)
        return EXIT_OK
    filters = _filters(args)
    if cmd == "ask" and args.question != "-" and not args.question.strip():
        print("error: the question is empty; ask something, e.g. newsqa ask \"What did "
              "Zakharova say?\"", file=err)
        return EXIT_USAGE
    if cmd == "chat":
        engine.snapshot()  # no index: fail now, with 1, not at the first question
    check_source(engine, filters.source)
    if cmd == "ask":
        if args.question == "-":
            for line in stdin:
                q = line.strip()
                if not q:
                    continue
                ans = engine.ask(q, k=args.k, filters=filters)
                if args.json:
                    print(json.dumps(ans.to_json(), ensure_ascii=False), file=out, flush=True)
                else:
                    print(f"Q: {q}", file=out)
                    format_answer(ans, out)
                    print(file=out, flush=True)
            return EXIT_OK
        ans = engine.ask(args.question, k=args.k, filters=filters)
        if args.json:
            print(json.dumps(ans.to_json(), ensure_ascii=False, indent=2), file=out)
        else:
            format_answer(ans, out)
        return EXIT_OK
    if cmd == "chat":
        return _chat(engine, filters, args.k, out, stdin)
    raise AssertionError(cmd)


def _chat(engine: object, filters: Filters, k: int | None, out: TextIO, stdin: TextIO) -> int:
    interactive = stdin.isatty()
    history: list[str] = []
    if interactive:
        print("Ask about the indexed articles. Follow-up questions keep the context; "
              "'new' starts over, 'quit' or Ctrl-D leaves.", file=out)
    while True:
        if interactive:
            out.write("\n> ")
            out.flush()
        line = stdin.readline()
        if not line:
            break
        q = line.strip()
        if not q:
            continue
        if q.lower() in ("quit", "exit", ":q"):
            break
        if q.lower() == "new":
            history.clear()
            continue
        try:
            ans = engine.ask(q, k=k, filters=filters, history=history)  # type: ignore[attr-defined]
        except NewsqaError as exc:
            print(f"error: {exc}", file=out)
            continue
        format_answer(ans, out)
        history.append(q)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None,
         err: TextIO | None = None, stdin: TextIO | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    out, err, stdin = out or sys.stdout, err or sys.stderr, stdin or sys.stdin
    parser = build_parser()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error or the help
        return int(exc.code or 0)
    try:
        code = run(args, out, err, stdin)
        out.flush()  # a closed pipe shows here, not as a traceback at exit
        return code
    except NewsqaError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_ERROR
    except BrokenPipeError:
        _quiet_closed_stdout(out)
        return EXIT_PIPE
    except OSError as exc:  # the index folder cannot be created, a disk is full...
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130


def _quiet_closed_stdout(out: TextIO) -> None:
    """The reader of our output went away (`| head`): send what is still buffered nowhere, so
    that Python does not print a traceback when it flushes stdout at exit."""
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    raise SystemExit(main())
