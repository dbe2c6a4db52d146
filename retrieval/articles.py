"""Reading articles from files: .txt, .md with YAML front matter, .jsonl and .jsonl.gz.

Nothing here raises for bad content: each file or line that cannot be used becomes a `Rejected`
with its path (and line) and the reason, and the rest is returned. Hostile input is bounded: YAML
goes through `safe_yaml` (no aliases, limited nesting), JSON nesting and field sizes are limited,
and text that cannot be stored (NUL characters, lone surrogates) is refused line by line, so one
bad article never costs the others. A date that cannot be read is dropped with a warning
(`Rejected(..., warning=True)`); the article is kept.
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from dateutil import parser as date_parser

from . import safe_yaml
from .models import Article, Rejected

SUFFIXES = (".txt", ".md", ".markdown", ".jsonl", ".jsonl.gz")

# Sizes beyond any real article's: refused rather than stored.
MAX_ID_CHARS = 200
MAX_TITLE_CHARS = 1_000
MAX_FIELD_CHARS = 2_000  # source, url, one author, a date
MAX_AUTHORS = 50
MAX_FIELDS = 100  # keys in one JSON object or one front matter
MAX_FRONT_MATTER_CHARS = 64_000
MAX_JSON_DEPTH = 20
MAX_DECOMPRESSED_BYTES = 1_000_000_000

# " date 2024-02-22 " at the very start of a seed file: metadata, not article text.
_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?[ \t]*", re.IGNORECASE)
# "(MENAFN) " at the start of the body: the agency that carried the story.
_AGENCY = re.compile(r"\A\(([A-Z][A-Za-z0-9 .&'-]{1,40})\)\s*")
# "Moscow - Saba:" or "WASHINGTON (AP) —" style datelines on the first line.
_DATELINE = re.compile(r"\A([A-Z][A-Za-z .'-]{1,40}?)\s+[-–—]\s+([A-Z][A-Za-z0-9 .&'-]{1,30}?)\s*:")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(A-Z0-9])")


def supported(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(s) for s in SUFFIXES)


def _unusable(p: Path) -> str | None:
    """Why `p` is neither a folder nor a regular file, or None: the words a user can act on."""
    try:
        mode = p.stat().st_mode
    except OSError as exc:
        try:
            is_link = p.is_symlink()
        except OSError:
            is_link = False
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if is_link:
            try:
                return f"a dangling symbolic link (to {os.readlink(p)})"
            except OSError:
                return "a dangling symbolic link"
        if isinstance(exc, FileNotFoundError):
            return "no such file or folder"
        return f"cannot read it ({exc.strerror or exc})"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not an article file"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """The article files under `paths` (folders recursively, sorted), or why one is unusable."""
    for raw in paths:
        p = Path(raw)
        why = _unusable(p)
        if why is not None:
            yield Rejected(str(p), why)
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                why = _unusable(f)
                if why is not None:
                    if supported(f) or f.is_symlink():
                        yield Rejected(str(f), why)
                elif f.is_file():
                    yield f if supported(f) else Rejected(str(f), "unsupported file type")
        else:
            yield p if supported(p) else Rejected(
                str(p), f"unsupported file type (use one of {', '.join(SUFFIXES)})"
            )


def load(
    paths: Iterable[str | Path], progress: Callable[[str, int, int], None] | None = None
) -> tuple[list[Article], list[Rejected]]:
    """Every article in `paths`, and every file or line that could not be read (and warnings).
    `progress("reading", done, total)` is called as the files are read."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    items = list(iter_files(paths))
    files = sum(1 for i in items if not isinstance(i, Rejected))
    done = 0
    if progress:
        progress("reading", 0, files)
    for item in items:
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        try:
            data = item.read_bytes()
        except OSError as exc:
            rejected.append(Rejected(str(item), f"cannot read file ({exc.strerror or exc})"))
            got: list[Article] = []
            bad: list[Rejected] = []
        else:
            got, bad = parse_bytes(item.name, data, path=str(item))
        articles.extend(got)
        rejected.extend(bad)
        done += 1
        if progress:
            progress("reading", done, files)
    return articles, rejected


def parse_upload(filename: str, data: bytes) -> tuple[tuple[Article, ...], tuple[Rejected, ...]]:
    """Parse an uploaded file (e.g. a Discord attachment) by its name's suffix."""
    name = Path(filename).name
    if not supported(Path(name)):
        return (), (Rejected(name, f"unsupported file type (use one of {', '.join(SUFFIXES)})"),)
    got, bad = parse_bytes(name, data, path=None)
    return tuple(got), tuple(bad)


def parse_bytes(name: str, data: bytes, path: str | None) -> tuple[list[Article], list[Rejected]]:
    where = path or name
    lower = name.lower()
    if lower.endswith(".gz"):
        inflated, why = _gunzip(data)
        if inflated is None:
            return [], [Rejected(where, why)]
        data = inflated
    text, why = decode(data)
    if text is None:
        return [], [Rejected(where, why)]
    stem = _stem(name)
    if lower.endswith((".jsonl", ".jsonl.gz")):
        return _parse_jsonl(text, stem, where, path)
    notes: list[Rejected] = []
    try:
        if lower.endswith((".md", ".markdown")):
            article = _parse_markdown(text, stem, path, where, notes)
        else:
            article = _parse_txt(text, stem, path)
        _check_article(article)
    except ValueError as exc:
        return [], [Rejected(where, str(exc))]
    return [article], notes


def _gunzip(data: bytes) -> tuple[bytes | None, str]:
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, MAX_DECOMPRESSED_BYTES)
        if inflater.unconsumed_tail:
            return None, f"expands to more than {MAX_DECOMPRESSED_BYTES:,} bytes"
        if not inflater.eof:
            return None, "not a valid gzip file (it is cut short)"
        if inflater.unused_data:  # a second gzip member, as `cat a.gz b.gz` makes
            out += gzip.decompress(inflater.unused_data)
    except (zlib.error, OSError, EOFError) as exc:
        return None, f"not a valid gzip file ({exc})"
    return out, ""


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str | None, str]:
    """The text of an article file (UTF-8, or UTF-16 with its byte-order mark), or why not."""
    if not data.strip():
        return None, "empty file"
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return None, f"not valid UTF-16 text (byte {exc.start})"
    elif len(head) >= 8 and min(even, odd) == 0 and max(even, odd) >= len(head) // 4:
        return None, "UTF-16 text without a byte-order mark: save it as UTF-8"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if b"\x00" in head:
                return None, "binary file, not text"
            return None, f"not UTF-8 text (byte {exc.start})"
    nul = text.find("\x00")
    if nul >= 0:
        return None, f"binary file, not text (a NUL character at character {nul})"
    if not text.strip():
        return None, "empty file"
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


def _storable(value: str, what: str) -> None:
    """Refuse text that cannot be stored: a lone surrogate (from a JSON \\ud800 escape) or NUL."""
    if "\x00" in value:
        raise ValueError(f"{what} holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        raise ValueError(
            f"{what} holds an invalid character (a lone surrogate U+{code:04X} at {exc.start})"
        ) from None


def _check_article(a: Article) -> None:
    """Sizes and characters every reader's article must pass before it reaches the index."""
    _storable(a.text, "the text")
    for what, value, limit in (("id", a.id, MAX_ID_CHARS), ("title", a.title, MAX_TITLE_CHARS),
                               ("source", a.source, MAX_FIELD_CHARS),
                               ("url", a.url, MAX_FIELD_CHARS)):
        if value is None:
            continue
        if len(value) > limit:
            raise ValueError(f"{what} is {len(value):,} characters long (at most {limit:,})")
        _storable(value, what)
    if len(a.authors) > MAX_AUTHORS:
        raise ValueError(f"{len(a.authors)} authors (at most {MAX_AUTHORS})")
    for name in a.authors:
        if len(name) > MAX_FIELD_CHARS:
            raise ValueError(f"an author's name is {len(name):,} characters long")
        _storable(name, "an author's name")


def _stem(name: str) -> str:
    base = Path(name).name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return Path(base).stem


_NO_DATE = object()
# Two defaults that differ in every field: a part missing from the text shows as a difference.
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))


def normalize_date(value: Any) -> str | None:
    """YYYY-MM-DD from what news feeds carry: a date or datetime, ISO 8601 with or without a time
    (`2024-11-06T10:00:00Z`), `2021/02/03`, `November 6, 2024`, RFC 2822 (`Wed, 06 Nov 2024
    10:00:00 +0000`). None for no value, or one that is not a whole date (`2024`, `soon`): the
    date the text was written with, in its own time zone."""
    got = _read_date(value)
    return None if got is _NO_DATE else got  # type: ignore[return-value]


def _read_date(value: Any) -> str | object | None:
    """The ISO date, None when there is no value, or _NO_DATE when it cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return _NO_DATE
    text = str(value).strip()
    if len(text) > 100:
        return _NO_DATE
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return _NO_DATE
    try:
        first, second = (date_parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return _NO_DATE
    if first.date() != second.date():
        return _NO_DATE  # the text lacks the year, the month or the day
    return first.date().isoformat()


def _date(value: Any, where: str, notes: list[Rejected]) -> str | None:
    got = _read_date(value)
    if got is _NO_DATE:
        shown = str(value)[:60] if isinstance(value, (str, int)) else type(value).__name__
        notes.append(Rejected(where, f"date '{shown}' cannot be read; indexed without a date",
                              warning=True))
        return None
    return got  # type: ignore[return-value]


def derive_title(text: str, limit: int = 90) -> str:
    """A title from the first sentence of the body, skipping an agency marker or dateline."""
    body = _AGENCY.sub("", text.lstrip(), count=1)
    m = _DATELINE.match(body)
    if m:
        body = body[m.end():]
    first = body.strip().split("\n", 1)[0].strip()
    first = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    if len(first) <= limit:
        return first.rstrip(".")
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _reads_as_headline(line: str, rest: str) -> bool:
    line = line.strip()
    return (
        bool(rest.strip())
        and 3 <= len(line) <= 150
        and not line.endswith((".", ":", ",", ";"))
        and not _DATELINE.match(line)
        and not line.startswith("(")
    )


def _parse_txt(text: str, stem: str, path: str | None) -> Article:
    date = None
    m = _DATE_PREFIX.match(text)
    if m:
        date = normalize_date(m[1])
        text = text[m.end():]
    body = text.strip()
    if not body:
        raise ValueError("no article text")
    source = None
    agency = _AGENCY.match(body)
    if agency:
        source = agency[1].strip()
    else:
        dateline = _DATELINE.match(body)
        if dateline:
            source = dateline[2].strip()
    first, _, rest = body.partition("\n")
    if _reads_as_headline(first, rest):
        title = first.strip()
        body = rest.strip()
    else:
        title = derive_title(body)
    return Article(id=stem, title=title, text=body, date=date, source=source, path=path)


def _str_or_none(value: Any, what: str = "a field") -> str | None:
    """A metadata value as text: strings and numbers only (a list or a mapping is refused)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"{what} must be text, not a {type(value).__name__}")
    s = value if isinstance(value, str) else str(value)
    if len(s) > MAX_TITLE_CHARS * 10:
        raise ValueError(f"{what} is {len(s):,} characters long")
    return s.strip() or None


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        if len(value) > MAX_FIELD_CHARS * MAX_AUTHORS:
            raise ValueError(f"authors is {len(value):,} characters long")
        return tuple(a.strip() for a in value.split(",") if a.strip())
    if isinstance(value, list):
        if len(value) > MAX_AUTHORS:
            raise ValueError(f"{len(value)} authors (at most {MAX_AUTHORS})")
        names = (_str_or_none(a, "an author's name") for a in value)
        return tuple(n for n in names if n)
    name = _str_or_none(value, "authors")
    return (name,) if name else ()


def _parse_markdown(text: str, stem: str, path: str | None, where: str,
                    notes: list[Rejected]) -> Article:
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        if len(m[1]) > MAX_FRONT_MATTER_CHARS:
            raise ValueError(f"front matter is {len(m[1]):,} characters long "
                             f"(at most {MAX_FRONT_MATTER_CHARS:,})")
        try:
            loaded = safe_yaml.load(m[1])
        except safe_yaml.YamlRefused as exc:
            raise ValueError(f"front matter: {exc}".replace(": not valid", " is not valid")
                             ) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ValueError("front matter must be a mapping of keys to values")
        meta = loaded or {}
        if len(meta) > MAX_FIELDS:
            raise ValueError(f"front matter has {len(meta)} keys (at most {MAX_FIELDS})")
        text = text[m.end():]
    body = text.strip()
    if not body:
        raise ValueError("no article text")
    title = _str_or_none(meta.get("title"), "title")
    if title is None:
        heading = re.match(r"#\s+(.+)\n", body)
        title = heading[1].strip() if heading else derive_title(body)
    return Article(
        id=_str_or_none(meta.get("id"), "id") or stem,
        title=title,
        text=body,
        date=_date(meta.get("date"), where, notes),
        source=_str_or_none(meta.get("source"), "source"),
        url=_str_or_none(meta.get("url"), "url"),
        authors=_authors(meta.get("authors", meta.get("author"))),
        path=path,
    )


def _json_depth_ok(line: str) -> bool:
    """False when brackets nest deeper than MAX_JSON_DEPTH (checked before `json.loads`, whose
    recursion a line of 100,000 `[` would exhaust). Brackets inside strings count too: an article
    line never nests its text that deep."""
    depth = 0
    for ch in line:
        if ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _parse_jsonl(
    text: str, stem: str, where: str, path: str | None
) -> tuple[list[Article], list[Rejected]]:
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        at = f"{where}:{lineno}"
        if not _json_depth_ok(line):
            rejected.append(Rejected(at, f"malformed JSON (nested more than {MAX_JSON_DEPTH} "
                                         "levels deep)"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rejected.append(Rejected(at, f"malformed JSON ({exc.msg})"))
            continue
        except (ValueError, RecursionError) as exc:  # e.g. a number of 5,000 digits
            rejected.append(Rejected(at, f"malformed JSON ({str(exc).split(';')[0][:100]})"))
            continue
        if not isinstance(obj, dict):
            rejected.append(Rejected(at, "a line must be a JSON object"))
            continue
        if len(obj) > MAX_FIELDS:
            rejected.append(Rejected(at, f"{len(obj)} fields (at most {MAX_FIELDS})"))
            continue
        body = next(
            (obj[k] for k in ("text", "body", "content") if isinstance(obj.get(k), str)), ""
        )
        body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not body:
            rejected.append(Rejected(at, "missing text (expected 'text', 'body' or 'content')"))
            continue
        notes: list[Rejected] = []
        try:
            title = _str_or_none(obj.get("title"), "title") or derive_title(body)
            article = Article(
                id=_str_or_none(obj.get("id"), "id") or f"{stem}-{lineno}",
                title=title,
                text=body,
                date=_date(obj.get("date", obj.get("published_at")), at, notes),
                source=_str_or_none(obj.get("source"), "source"),
                url=_str_or_none(obj.get("url"), "url"),
                authors=_authors(obj.get("authors", obj.get("author"))),
                path=path,
            )
            _check_article(article)
        except ValueError as exc:
            rejected.append(Rejected(at, str(exc)))
            continue
        articles.append(article)
        rejected.extend(notes)
    if not articles and not rejected:
        rejected.append(Rejected(where, "no articles in file"))
    return articles, rejected
