"""The index on disk: a folder of plain files with a manifest, published atomically.

    index_dir/
      CURRENT              name of the live generation, replaced atomically (os.replace)
      gen-000007-1a2b/     one complete generation:
        manifest.json        format, model and its weights' hash, dimension, chunking, file sizes
        articles.jsonl       article metadata and text (every offset points into this text)
        passages.jsonl       article id and character span of each passage, in vector order
        dense.faiss          FAISS inner-product index of the normalised passage vectors
        lexical.npz, vocab.json   BM25 term counts of the same passages
        statements.jsonl     who said what (see quotes.py)
      .lock                writers take it; one write at a time

A writer builds a generation in a temporary folder, syncs it, renames it into place and only then
points CURRENT at it, so a crash at any moment leaves the previous generation live and intact, and
a reader never sees a half-written one. The previous generation is kept for readers still loading
it; older ones are deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import faiss
import numpy as np

from .errors import IndexUnavailable
from .lexical import Lexical
from .models import Article, Chunk, Statement

FORMAT_VERSION = 1
CURRENT = "CURRENT"
REINDEX = "run `newsqa reindex` to rebuild it"


@dataclass(frozen=True)
class Snapshot:
    """One loaded generation. Never changes; a write produces a new Snapshot."""

    root: Path
    generation: str | None
    manifest: Mapping[str, Any]
    articles: Mapping[str, Article]
    hashes: Mapping[str, str]  # article id -> content hash
    passage_article: tuple[str, ...]
    passage_start: np.ndarray
    passage_end: np.ndarray
    dense: faiss.Index
    lexical: Lexical
    statements: tuple[Statement, ...]

    @property
    def size(self) -> int:
        return len(self.passage_article)

    def passage(self, i: int) -> Chunk:
        a = self.articles[self.passage_article[i]]
        s, e = int(self.passage_start[i]), int(self.passage_end[i])
        return Chunk(a.id, s, e, a.text[s:e])

    def vectors(self) -> np.ndarray:
        if not self.size:
            return np.zeros((0, self.dense.d), dtype=np.float32)
        return self.dense.reconstruct_n(0, self.size)

    # -- the read view the answer path uses (no FAISS or scipy object leaves) ----------------

    def allowed_rows(self, allowed: set[str] | None) -> np.ndarray | None:
        """Passage ids of these articles; None when every passage is allowed."""
        if allowed is None:
            return None
        return np.array(
            [i for i, a in enumerate(self.passage_article) if a in allowed], dtype=np.int64
        )

    def dense_search(
        self, qvec: np.ndarray, k: int, rows: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(passage id, cosine) of the `k` passages closest to `qvec`, among `rows` if given."""
        if not self.size or k <= 0 or (rows is not None and not len(rows)):
            return []
        params = None
        if rows is not None:
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows))
        k = min(k, self.size if rows is None else len(rows))
        scores, ids = self.dense.search(
            qvec.reshape(1, -1).astype(np.float32), k, params=params
        )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def lexical_search(
        self, terms: Sequence[str], k: int, rows: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """(passage id, BM25 score) of the `k` best-scoring passages, among `rows` if given."""
        if not self.size or k <= 0:
            return []
        lex = self.lexical.scores(terms)
        if rows is not None:
            mask = np.zeros(self.size, dtype=bool)
            mask[rows] = True
            lex = np.where(mask, lex, 0.0)
        positive = np.flatnonzero(lex > 0)
        if len(positive) > k:
            positive = positive[np.argpartition(-lex[positive], k - 1)[:k]]
        order = positive[np.argsort(-lex[positive], kind="stable")]
        return [(int(i), float(lex[i])) for i in order]

    def passage_vectors(self, ids: Sequence[int]) -> np.ndarray:
        if not len(ids):
            return np.zeros((0, self.dense.d), dtype=np.float32)
        return np.vstack([self.dense.reconstruct(int(i)) for i in ids])

    def idf(self, term: str) -> float:
        return self.lexical.idf(term)

    def speaker_names(self) -> Mapping[str, int]:
        """Every speaker name as extracted (`Statement.speaker`) and its number of statements."""
        counts: dict[str, int] = {}
        for st in self.statements:
            counts[st.speaker] = counts.get(st.speaker, 0) + 1
        return counts

    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]:
        """(statement id, statement) of everything these speakers said, in index order."""
        want = set(names)
        return [(i, st) for i, st in enumerate(self.statements) if st.speaker in want]

    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None:
        """The stored embeddings of these statements' texts; None when the index has none."""
        return None

    def coverage(self, terms: Sequence[str], ids: Sequence[int]) -> np.ndarray:
        """Share of the terms' idf weight each of these passages holds (0..1)."""
        return self.lexical.coverage(terms, np.asarray(ids, dtype=np.int64))


def empty_snapshot(root: Path, dim: int) -> Snapshot:
    return Snapshot(
        root, None, {}, MappingProxyType({}), MappingProxyType({}), (),
        np.zeros(0, np.int64), np.zeros(0, np.int64), faiss.IndexFlatIP(dim), Lexical.empty(), (),
    )


def current_generation(root: Path) -> str | None:
    try:
        name = (root / CURRENT).read_text("utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexUnavailable(f"cannot read the index at {root} ({exc}): {REINDEX}") from None
    return name or None


def exists(root: Path) -> bool:
    return current_generation(root) is not None


def _damaged(root: Path, why: str) -> IndexUnavailable:
    return IndexUnavailable(f"the index at {root} is damaged ({why}): {REINDEX}")


def check_manifest(root: Path, manifest: Mapping[str, Any], fingerprint: str | None) -> None:
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexUnavailable(
            f"the index at {root} has format version {version}, this newsqa reads "
            f"{FORMAT_VERSION}: {REINDEX}"
        )
    built = manifest.get("model", {}).get("sha256")
    if fingerprint is not None and built != fingerprint:
        name = manifest.get("model", {}).get("name", "?")
        raise IndexUnavailable(
            f"the index at {root} was built with another model ({name}, weights "
            f"{str(built)[:12]}…) than the configured one (weights {fingerprint[:12]}…): {REINDEX}"
        )


def load(root: Path, fingerprint: str | None) -> Snapshot:
    """The live generation. `fingerprint`: the configured model's weights hash, checked."""
    for _attempt in range(3):
        gen = current_generation(root)
        if gen is None:
            raise IndexUnavailable(
                f"no index at {root} yet: run `newsqa index PATH` to add articles"
            )
        folder = root / gen
        if folder.is_dir():
            try:
                return _load_generation(root, gen, fingerprint)
            except FileNotFoundError:
                if current_generation(root) == gen:
                    raise
                continue  # a writer replaced it while we read: read the new one
        elif current_generation(root) == gen:
            raise _damaged(root, f"CURRENT names {gen}, which does not exist")
    raise IndexUnavailable(f"the index at {root} keeps changing while being read; try again")


def _load_generation(root: Path, gen: str, fingerprint: str | None) -> Snapshot:
    folder = root / gen
    try:
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise _damaged(root, f"manifest.json unreadable: {exc}") from None
    check_manifest(root, manifest, fingerprint)
    for name, size in manifest.get("files", {}).items():
        try:
            actual = (folder / name).stat().st_size
        except FileNotFoundError:
            raise _damaged(root, f"{name} is missing") from None
        if actual != size:
            raise _damaged(root, f"{name} has {actual} bytes, the manifest says {size}")
    try:
        articles: dict[str, Article] = {}
        hashes: dict[str, str] = {}
        for rec in _read_jsonl(folder / "articles.jsonl"):
            h = rec.pop("hash")
            rec["authors"] = tuple(rec.get("authors") or ())
            art = Article(**rec)
            articles[art.id] = art
            hashes[art.id] = h
        p_article: list[str] = []
        p_start: list[int] = []
        p_end: list[int] = []
        for rec in _read_jsonl(folder / "passages.jsonl"):
            p_article.append(rec["a"])
            p_start.append(rec["s"])
            p_end.append(rec["e"])
        statements = tuple(Statement(**rec) for rec in _read_jsonl(folder / "statements.jsonl"))
        dense = faiss.read_index(str(folder / "dense.faiss"))
        lexical = Lexical.load(folder)
    except FileNotFoundError:
        raise
    except (ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise _damaged(root, f"{exc.__class__.__name__}: {exc}") from None
    n = len(p_article)
    if dense.ntotal != n or lexical.size != n:
        raise _damaged(root, f"{n} passages but {dense.ntotal} vectors and {lexical.size} rows")
    if dense.d != manifest.get("model", {}).get("dim"):
        raise _damaged(root, f"vectors have dimension {dense.d}, the manifest says otherwise")
    unknown = set(p_article) - articles.keys()
    if unknown:
        raise _damaged(root, f"passages of unknown article {sorted(unknown)[0]}")
    return Snapshot(
        root=root,
        generation=gen,
        manifest=MappingProxyType(manifest),
        articles=MappingProxyType(articles),
        hashes=MappingProxyType(hashes),
        passage_article=tuple(p_article),
        passage_start=np.array(p_start, dtype=np.int64),
        passage_end=np.array(p_end, dtype=np.int64),
        dense=dense,
        lexical=lexical,
        statements=statements,
    )


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("r", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


@contextlib.contextmanager
def write_lock(root: Path) -> Iterator[None]:
    """One writer at a time, across processes (a shell `newsqa index` and the bot)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_jsonl(path: Path, records: Sequence[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False))
            f.write("\n")


def publish(
    root: Path,
    *,
    articles: Sequence[tuple[Article, str]],
    passages: Sequence[tuple[str, int, int]],
    vectors: np.ndarray,
    lexical: Lexical,
    statements: Sequence[Statement],
    model: Mapping[str, Any],
    chunking: Mapping[str, Any],
) -> str:
    """Write a complete generation and make it the live one. Call under `write_lock`."""
    root.mkdir(parents=True, exist_ok=True)
    old = current_generation(root)
    seq = int(old.split("-")[1]) + 1 if old and old.startswith("gen-") else 1
    gen = f"gen-{seq:06d}-{uuid.uuid4().hex[:6]}"
    tmp = root / f".tmp-{gen}"
    tmp.mkdir()
    try:
        _write_jsonl(
            tmp / "articles.jsonl",
            [{**asdict(a), "authors": list(a.authors), "hash": h} for a, h in articles],
        )
        _write_jsonl(tmp / "passages.jsonl", [{"a": a, "s": s, "e": e} for a, s, e in passages])
        _write_jsonl(tmp / "statements.jsonl", [asdict(s) for s in statements])
        dense = faiss.IndexFlatIP(int(model["dim"]))
        if len(vectors):
            dense.add(np.ascontiguousarray(vectors, dtype=np.float32))
        faiss.write_index(dense, str(tmp / "dense.faiss"))
        files = ["articles.jsonl", "passages.jsonl", "statements.jsonl", "dense.faiss"]
        files += lexical.save(tmp)
        manifest = {
            "format_version": FORMAT_VERSION,
            "generation": gen,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "model": dict(model),
            "chunking": dict(chunking),
            "counts": {
                "articles": len(articles),
                "passages": len(passages),
                "statements": len(statements),
            },
            "files": {name: (tmp / name).stat().st_size for name in files},
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), "utf-8")
        for name in [*files, "manifest.json"]:
            with open(tmp / name, "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(tmp)
        os.rename(tmp, root / gen)
        _fsync_dir(root)
        pointer = root / f"{CURRENT}.tmp"
        with open(pointer, "w", encoding="utf-8") as f:
            f.write(gen + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(pointer, root / CURRENT)
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _collect_garbage(root, keep={gen, old})
    return gen


def _collect_garbage(root: Path, keep: set[str | None]) -> None:
    """Delete generations other than the live and the previous one, and leftover temp folders."""
    for entry in root.iterdir():
        if not entry.is_dir():
            continue
        if (entry.name.startswith("gen-") and entry.name not in keep) or entry.name.startswith(
            ".tmp-"
        ):
            shutil.rmtree(entry, ignore_errors=True)
