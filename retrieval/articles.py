"""Reading articles from files: .txt, .md with YAML front matter, .jsonl and .jsonl.gz.

Nothing here raises for bad content: each file or line that cannot be used becomes a `Rejected`
with its path and the reason, and the rest is returned.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .models import Article, Rejected

SUFFIXES = (".txt", ".md", ".markdown", ".jsonl", ".jsonl.gz")

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


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """The article files under `paths` (folders recursively, sorted), or why one is unusable."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f if supported(f) else Rejected(str(f), "unsupported file type")
        elif p.is_file():
            yield p if supported(p) else Rejected(
                str(p), f"unsupported file type (use one of {', '.join(SUFFIXES)})"
            )
        else:
            yield Rejected(str(p), "no such file or folder")


def load(paths: Iterable[str | Path]) -> tuple[list[Article], list[Rejected]]:
    """Every article in `paths`, and every file or line that could not be read."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        try:
            data = item.read_bytes()
        except OSError as exc:
            rejected.append(Rejected(str(item), f"cannot read file ({exc.strerror or exc})"))
            continue
        got, bad = parse_bytes(item.name, data, path=str(item))
        articles.extend(got)
        rejected.extend(bad)
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
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            return [], [Rejected(where, f"not a valid gzip file ({exc})")]
    text, why = _decode(data)
    if text is None:
        return [], [Rejected(where, why)]
    stem = _stem(name)
    try:
        if lower.endswith((".jsonl", ".jsonl.gz")):
            return _parse_jsonl(text, stem, where, path)
        if lower.endswith((".md", ".markdown")):
            return [_parse_markdown(text, stem, path)], []
        return [_parse_txt(text, stem, path)], []
    except ValueError as exc:
        return [], [Rejected(where, str(exc))]


def _decode(data: bytes) -> tuple[str | None, str]:
    if not data.strip():
        return None, "empty file"
    if b"\x00" in data[:8192]:
        return None, "binary file, not text"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte {exc.start})"
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


def _stem(name: str) -> str:
    base = Path(name).name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return Path(base).stem


def normalize_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date, a datetime, '2021/02/03' or an ISO timestamp; else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    m = re.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


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


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split(",") if a.strip())
    if isinstance(value, list):
        return tuple(str(a).strip() for a in value if str(a).strip())
    return (str(value),)


def _parse_markdown(text: str, stem: str, path: str | None) -> Article:
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m[1])
        except yaml.YAMLError as exc:
            raise ValueError(f"front matter is not valid YAML ({exc.__class__.__name__})") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ValueError("front matter must be a mapping of keys to values")
        meta = loaded or {}
        text = text[m.end():]
    body = text.strip()
    if not body:
        raise ValueError("no article text")
    title = _str_or_none(meta.get("title"))
    if title is None:
        heading = re.match(r"#\s+(.+)\n", body)
        title = heading[1].strip() if heading else derive_title(body)
    return Article(
        id=_str_or_none(meta.get("id")) or stem,
        title=title,
        text=body,
        date=normalize_date(meta.get("date")),
        source=_str_or_none(meta.get("source")),
        url=_str_or_none(meta.get("url")),
        authors=_authors(meta.get("authors", meta.get("author"))),
        path=path,
    )


def _parse_jsonl(
    text: str, stem: str, where: str, path: str | None
) -> tuple[list[Article], list[Rejected]]:
    articles: list[Article] = []
    rejected: list[Rejected] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        at = f"{where}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            rejected.append(Rejected(at, f"malformed JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict):
            rejected.append(Rejected(at, "a line must be a JSON object"))
            continue
        body = next(
            (obj[k] for k in ("text", "body", "content") if isinstance(obj.get(k), str)), ""
        )
        body = body.replace("\r\n", "\n").strip()
        if not body:
            rejected.append(Rejected(at, "missing text (expected 'text', 'body' or 'content')"))
            continue
        title = _str_or_none(obj.get("title")) or derive_title(body)
        articles.append(
            Article(
                id=_str_or_none(obj.get("id")) or f"{stem}-{lineno}",
                title=title,
                text=body,
                date=normalize_date(obj.get("date", obj.get("published_at"))),
                source=_str_or_none(obj.get("source")),
                url=_str_or_none(obj.get("url")),
                authors=_authors(obj.get("authors", obj.get("author"))),
                path=path,
            )
        )
    if not articles and not rejected:
        rejected.append(Rejected(where, "no articles in file"))
    return articles, rejected
