"""Articles attached to `/add`: checked, parsed by the core, and kept in the uploads folder.

Discord-free: the bot hands in the file name, the size Discord reports, and later the bytes.
A file is refused (with the reason) for a type the core cannot read, for its size (checked
before downloading), for not being UTF-8 text, or when the core finds no usable article in it;
nothing is written for a refused file. Saved names are reduced to a safe base name, and a file
is never silently replaced by one holding different articles. An upload never replaces an article
that it did not add: one whose id (from front matter or a .jsonl line) is already indexed from
another file is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from retrieval.models import Article, Rejected

SUFFIXES = (".jsonl.gz", ".jsonl", ".markdown", ".txt", ".md")  # longest first
GZIP_EXPANSION = 20  # a .jsonl.gz may expand to at most this many times the size limit

Parser = Callable[[str, bytes], tuple[tuple[Article, ...], tuple[Rejected, ...]]]


class UploadRefused(ValueError):
    """The upload would replace an article that another file holds; the message says which."""


def _default_parser() -> Parser:
    from retrieval.articles import parse_upload  # the core's reader for uploaded files

    return parse_upload


def suffix_of(filename: str) -> str | None:
    lower = filename.lower()
    return next((s for s in SUFFIXES if lower.endswith(s)), None)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def check_attachment(filename: str, size: int, limit: int) -> str | None:
    """Why this attachment is refused before downloading it, or None."""
    if suffix_of(filename) is None:
        return "not an article file: send .txt, .md, .jsonl or .jsonl.gz"
    if size > limit:
        return f"too large ({human_size(size)}; the limit is {human_size(limit)})"
    if size == 0:
        return "the file is empty"
    return None


def check_content(filename: str, data: bytes, limit: int) -> str | None:
    """Why the downloaded bytes are refused, or None: size, binary content, encoding."""
    if len(data) > limit:
        return f"too large ({human_size(len(data))}; the limit is {human_size(limit)})"
    if not data.strip():
        return "the file is empty"
    if suffix_of(filename) == ".jsonl.gz":
        if not data.startswith(b"\x1f\x8b"):
            return "not gzip-compressed, though its name ends in .gz"
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            text = inflater.decompress(data, limit * GZIP_EXPANSION)
        except zlib.error:
            return "a damaged gzip file"
        if inflater.unconsumed_tail:
            return f"expands to more than {human_size(limit * GZIP_EXPANSION)}"
    else:
        text = data
    if b"\x00" in text:
        return "a binary file, not text"
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text (save it with UTF-8 encoding and try again)"
    return None


def safe_name(filename: str) -> str:
    """A plain base name for the uploads folder: no folders, no leading dot, no odd characters."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    suffix = suffix_of(base) or ""
    stem = base[: len(base) - len(suffix)]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:80] or "upload"
    return stem + suffix.lower()


def _tagged(name: str, data: bytes) -> str:
    suffix = suffix_of(name) or ""
    stem = name[: len(name) - len(suffix)]
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}{suffix}"


def parse(filename: str, data: bytes, parser: Parser | None = None
          ) -> tuple[tuple[Article, ...], tuple[Rejected, ...]]:
    """The articles in an uploaded file, read under the name it will be saved as (a .txt or .md
    article's id is its file name), with a reason for a file that holds none."""
    name = safe_name(filename)
    articles, rejected = (parser or _default_parser())(name, data)
    rejected = tuple(
        Rejected(filename + r.path[len(name):] if r.path.startswith(name) else r.path, r.reason)
        for r in rejected
    )
    if not articles and not rejected:
        rejected = (Rejected(filename, "no article found in the file"),)
    return tuple(articles), rejected


def _identity(articles: Iterable[Article]) -> set[tuple[str, str]]:
    return {(a.id, " ".join(a.title.split()).casefold()) for a in articles}


def _edits_own(articles: Iterable[Article], name: str, target: Path,
               indexed_path: Callable[[str], str | None] | None) -> bool:
    """Whether the upload edits an article that this very file added under an id of its own
    (front matter or .jsonl), so that a new title or text updates it in place."""
    if indexed_path is None:
        return False
    stem = name[: len(name) - len(suffix_of(name) or "")]
    for article in articles:
        where = indexed_path(article.id) if article.id != stem else None
        if where is not None and Path(where).resolve() == target.resolve():
            return True
    return False


def save(
    uploads_dir: Path,
    filename: str,
    data: bytes,
    parser: Parser | None = None,
    indexed_path: Callable[[str], str | None] | None = None,
) -> Path:
    """Write an accepted upload into `uploads_dir` and return its path.

    The same bytes under the same name are not written again. A file of that name holding the
    same articles (same ids and titles: an edited version) is replaced, and the index reports
    them as updated. Otherwise, when the name is taken, or an article it would create is already
    indexed from another file (`indexed_path(id)` gives that file), the upload is kept under a
    name tagged with its content hash, so that nothing is replaced silently. (A .txt or .md
    article's id is its file name.) When even under that name an article keeps an id indexed
    from another file (an id set in front matter or in a .jsonl line), UploadRefused is raised
    and nothing is written.
    """
    parse_ = parser or _default_parser()
    uploads_dir.mkdir(parents=True, exist_ok=True)
    name = safe_name(filename)
    target = uploads_dir / name
    new, _ = parse_(name, data)
    if target.exists():
        old = target.read_bytes()
        if old == data:
            return target
        old_articles, _ = parse_(name, old)
        clash = _identity(old_articles) != _identity(new) and not _edits_own(
            new, name, target, indexed_path)
    else:
        clash = False
        for article in new if indexed_path is not None else ():
            where = indexed_path(article.id)  # type: ignore[misc]
            if where is not None and Path(where).resolve() != target.resolve():
                clash = True
                break
    if clash:
        target = uploads_dir / _tagged(name, data)
        if target.exists() and target.read_bytes() == data:
            return target
        new, _ = parse_(target.name, data)
    for article in new if indexed_path is not None else ():
        where = indexed_path(article.id)  # type: ignore[misc]
        if where is not None and Path(where).resolve() != target.resolve():
            raise UploadRefused(
                f"article id '{article.id}' is already indexed from another file "
                f"({Path(where).name}); /add does not replace an article it did not add"
            )
    tmp = uploads_dir / f".{target.name}.{uuid.uuid4().hex}.part"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def files_only_holding(uploads_dir: Path, ids: Iterable[str], parser: Parser | None = None
                       ) -> list[Path]:
    """Uploaded files every article of which is among `ids`: after `/remove`, these are deleted
    so that a later `/reindex` does not bring the articles back."""
    wanted = set(ids)
    if not wanted or not uploads_dir.is_dir():
        return []
    found = []
    for path in sorted(uploads_dir.iterdir()):
        if not path.is_file() or path.name.startswith(".") or suffix_of(path.name) is None:
            continue
        try:
            articles, _ = (parser or _default_parser())(path.name, path.read_bytes())
        except OSError:
            continue
        held = {a.id for a in articles}
        if held and held <= wanted:
            found.append(path)
    return found
