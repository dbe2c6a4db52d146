"""The embedded default store: immutable segments, tombstones and a small manifest.

    index_dir/
      CURRENT                  name of the live manifest, replaced atomically (os.replace)
      manifest-000012.json     format, model, chunking, extractor version, id counters, and the
                               live segments, each with its tombstones (article ids deleted in it)
      seg-000011-1a2b/         one immutable segment, written once by an add or a merge:
        meta.json                counts and the size of every file (checked on load)
        articles.jsonl           article records (text included: every offset points into it)
        catalog.json             id, content hash and text hash of each article (for writers)
        passages.npz             stable passage ids, article, start and end of each passage
        vectors.npy              normalised passage vectors, one row per passage
        terms.npz, vocab.json    BM25 term counts of the passages (CSR, no pickle)
        statements.jsonl         who said what, with stable statement ids
        statements.npz           statement ids and their vectors
        roles.json               who is given which role in which of the segment's articles
        ivf.faiss | hnsw.faiss   an approximate dense index of the vectors (large segments only)
      .lock                    writers take it; one write at a time (a second one waits)

An add writes one new segment and a new manifest; a removal or a replacement adds tombstones to
the manifest. The manifest is written under a new name and CURRENT is swapped to it, so a kill at
any moment leaves the old or the new state and a reader never sees half. Segments no manifest
(current or previous) names are deleted; the previous manifest's are kept for readers mid-load.
Small segments are merged into one when they pile up, and larger ones tier by tier (same
protocol: readers keep the old ones).
BM25 uses the statistics of the whole live corpus (passage count, mean length, document
frequencies without the tombstoned passages), so scores equal those of a from-scratch build.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import json
import math
import os
import shutil
import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

import faiss
import numpy as np
from scipy import sparse

from ..errors import IndexUnavailable
from ..models import Article, Chunk, Statement
from .base import (
    REINDEX,
    ArticleData,
    Catalog,
    Change,
    Scope,
    SpeakerStatements,
    WaitHook,
    bm25_idf,
    check_meta,
    choose_statements,
    date_number,
    say_waiting,
    top_k,
    writer_lock,
)

FORMAT_VERSION = 2
CURRENT = "CURRENT"
K1, B = 1.2, 0.75
HNSW_M, HNSW_EF_CONSTRUCTION = 32, 100
IVF_TRAIN_PER_LIST = 40  # k-means training rows per inverted list (FAISS warns below 39)
IVF_MIN_PASSAGES = 1024  # below this, even `dense: ivf` searches exactly (too few to train on)
IVF_SHORTLIST = 100  # candidates the IVF codes propose, rescored exactly (at least 4 per result)
ANN_FILES = {"ivf": "ivf.faiss", "hnsw": "hnsw.faiss"}
EXACT_BELOW = 4096  # a filtered search over fewer allowed passages in a segment is exact

_BLAS: Any = None


def one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """A query's matrix-vector products on one thread: waking BLAS threads for a product this
    small costs more than it saves, and much more on a busy machine (measured: 19 ms against
    1.3 ms for 5,000 x 384 with the other core loaded). Concurrent questions use the cores."""
    global _BLAS
    if _BLAS is None:
        try:
            from threadpoolctl import ThreadpoolController

            _BLAS = ThreadpoolController()
        except ImportError:
            _BLAS = False
    return _BLAS.limit(limits=1, user_api="blas") if _BLAS else contextlib.nullcontext()


# -- on-disk helpers -----------------------------------------------------------------------------


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False))
            f.write("\n")


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("r", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _article_record(a: Article, h: str) -> dict[str, Any]:
    return {**asdict(a), "authors": list(a.authors), "hash": h}


def _statement_record(sid: int, s: Statement) -> dict[str, Any]:
    return {"id": sid, **asdict(s)}


# -- one segment, loaded -------------------------------------------------------------------------


class Segment:
    """An immutable segment in memory. Vectors are memory-mapped; shared by every view."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.name = folder.name
        self.folder = folder
        try:
            meta = json.loads((folder / "meta.json").read_text("utf-8"))
        except FileNotFoundError:
            raise
        except (OSError, ValueError) as exc:
            raise _damaged(root, f"{self.name}/meta.json unreadable: {exc}") from None
        for name, size in meta.get("files", {}).items():
            try:
                actual = (folder / name).stat().st_size
            except FileNotFoundError:
                raise _damaged(root, f"{self.name}/{name} is missing") from None
            if actual != size:
                raise _damaged(root, f"{self.name}/{name} has {actual} bytes, the segment's "
                                     f"meta.json says {size}")
        self.meta = meta
        self.bytes = sum(meta.get("files", {}).values())
        try:
            self.articles: list[Article] = []
            self.hashes: list[str] = []
            for rec in _read_jsonl(folder / "articles.jsonl"):
                self.hashes.append(rec.pop("hash"))
                rec["authors"] = tuple(rec.get("authors") or ())
                self.articles.append(Article(**rec))
            with np.load(folder / "passages.npz", allow_pickle=False) as z:
                self.pids = z["ids"].astype(np.int64)
                self.p_article = z["article"].astype(np.int32)
                self.p_start = z["start"].astype(np.int64)
                self.p_end = z["end"].astype(np.int64)
            # Memory-mapped (pages shared with the OS cache), as a plain array: BLAS speed.
            self.vectors = np.asarray(np.load(folder / "vectors.npy", mmap_mode="r",
                                              allow_pickle=False))
            with np.load(folder / "terms.npz", allow_pickle=False) as z:
                shape = tuple(int(x) for x in z["shape"])
                self.counts = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]),
                                                shape=shape)
            vocab = json.loads((folder / "vocab.json").read_text("utf-8"))
            self.statements: list[Statement] = []
            for rec in _read_jsonl(folder / "statements.jsonl"):
                rec.pop("id")
                self.statements.append(Statement(**rec))
            with np.load(folder / "statements.npz", allow_pickle=False) as z:
                self.sids = z["ids"].astype(np.int64)
                self.s_vectors = z["vectors"].astype(np.float32)
            self.ann: Any = None  # the segment's approximate index, if it has one
            self.ann_kind: str | None = None
            for kind, file in ANN_FILES.items():
                if (folder / file).exists():
                    self.ann, self.ann_kind = faiss.read_index(str(folder / file)), kind
        except FileNotFoundError:
            raise
        except (ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise _damaged(root, f"{self.name}: {exc.__class__.__name__}: {exc}") from None
        n = len(self.pids)
        if len(self.vectors) != n or self.counts.shape[0] != n or len(vocab) != shape[1]:
            raise _damaged(root, f"{self.name}: {n} passages, {len(self.vectors)} vectors, "
                                 f"{self.counts.shape[0]} term rows")
        if len(self.sids) != len(self.statements):
            raise _damaged(root, f"{self.name}: statement ids and statements disagree")
        self.vocab = vocab
        self.term_id = {t: i for i, t in enumerate(vocab)}
        self.by_term = self.counts.tocsc()
        self.by_term.sort_indices()  # each term's postings in row order (coverage bisects them)
        self.doc_len = np.asarray(self.counts.sum(axis=1)).ravel().astype(np.float64)
        self.article_index = {a.id: i for i, a in enumerate(self.articles)}
        order = np.argsort(self.p_article, kind="stable")
        bounds = np.searchsorted(self.p_article[order], np.arange(len(self.articles) + 1))
        self.rows_of = [order[bounds[i]:bounds[i + 1]] for i in range(len(self.articles))]
        self.s_article = np.array([self.article_index[s.article_id] for s in self.statements],
                                  dtype=np.int32)
        by_speaker: dict[str, list[int]] = {}
        for i, s in enumerate(self.statements):
            by_speaker.setdefault(s.speaker, []).append(i)
        self.by_speaker = {k: np.array(v, dtype=np.int64) for k, v in by_speaker.items()}
        self.a_date = np.array([date_number(a.date) for a in self.articles], dtype=np.int64)
        self._roles_file = folder / "roles.json" if "roles.json" in meta.get("files", {}) else None
        self._live: dict[frozenset[str], _LiveSegment] = {}
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    @cached_property
    def text_hashes(self) -> list[str]:
        """The normalised-text hash of each article, from catalog.json (written with it)."""
        try:
            rows = json.loads((self.folder / "catalog.json").read_text("utf-8"))
            got = {aid: th for aid, _h, th in rows}
            return [got[a.id] for a in self.articles]
        except (OSError, ValueError, KeyError) as exc:
            raise _damaged(self.folder.parent, f"{self.name}/catalog.json: {exc}") from None

    @cached_property
    def roles(self) -> dict[tuple[str, str], np.ndarray]:
        """(speaker, role) -> the rows of the articles that give the speaker that role: read
        from roles.json, written with the segment (segments written before it: from the
        statements, once)."""
        if self._roles_file is not None:
            try:
                rows = json.loads(self._roles_file.read_text("utf-8"))
                return {(sp, role): np.array(arts, dtype=np.int32) for sp, role, arts in rows}
            except (OSError, ValueError, TypeError) as exc:
                raise _damaged(self.folder.parent, f"{self.name}/roles.json: {exc}") from None
        return {(sp, role): np.array(arts, dtype=np.int32)
                for sp, role, arts in _role_rows(self.statements, self.s_article)}

    def live(self, deleted: frozenset[str]) -> _LiveSegment:
        with self._lock:
            got = self._live.get(deleted)
            if got is None:
                got = self._live[deleted] = _LiveSegment(self, deleted)
            return got


class _LiveSegment:
    """A segment under a set of tombstones: which passages and statements count, and their
    term statistics."""

    def __init__(self, seg: Segment, deleted: frozenset[str]) -> None:
        self.seg = seg
        self.article_live = np.array([a.id not in deleted for a in seg.articles], dtype=bool)
        self.mask = (self.article_live[seg.p_article] if len(seg.pids)
                     else np.zeros(0, dtype=bool))
        self.count = int(self.mask.sum())
        self.dead_rows = np.flatnonzero(~self.mask)
        self.len_sum = float(seg.doc_len[self.mask].sum())
        if self.count == len(seg.pids):
            self.df = np.diff(seg.by_term.indptr)
        else:
            self.df = np.asarray((seg.counts[self.mask] > 0).sum(axis=0)).ravel()
        self.s_mask = (self.article_live[seg.s_article] if len(seg.sids)
                       else np.zeros(0, dtype=bool))
        self.speakers = Counter(s.speaker for s, ok in zip(seg.statements, self.s_mask,
                                                           strict=True) if ok)

    @cached_property
    def roles(self) -> dict[str, Counter[str]]:
        """speaker -> role -> number of live articles that give the speaker that role."""
        out: dict[str, Counter[str]] = {}
        whole = bool(self.article_live.all())
        for (speaker, role), rows in self.seg.roles.items():
            n = len(rows) if whole else int(self.article_live[rows].sum())
            if n:
                out.setdefault(speaker, Counter())[role] += n
        return out


# -- the read view -------------------------------------------------------------------------------


class FileView:
    """One manifest's state. Never changes; a write produces a new view."""

    def __init__(self, root: Path, generation: str | None, manifest: Mapping[str, Any],
                 parts: Sequence[_LiveSegment], dim: int, dense: str, ef_search: int,
                 probe_share: float = 0.4) -> None:
        self.root = root
        self.generation: str | None = generation
        self.manifest: Mapping[str, Any] = MappingProxyType(dict(manifest))
        self.parts = list(parts)
        self.dim = dim
        self.dense_mode = dense
        self.ef_search = ef_search
        self.probe_share = probe_share
        articles: dict[str, Article] = {}
        hashes: dict[str, str] = {}
        for p in self.parts:
            for i in np.flatnonzero(p.article_live):
                a = p.seg.articles[i]
                articles[a.id] = a
                hashes[a.id] = p.seg.hashes[i]
        self.articles: Mapping[str, Article] = MappingProxyType(articles)
        self.hashes: Mapping[str, str] = MappingProxyType(hashes)
        sizes = [len(p.seg.pids) for p in self.parts]
        self._offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self._offset_list = [int(x) for x in self._offsets]
        all_ids = (np.concatenate([p.seg.pids for p in self.parts]) if self.parts
                   else np.zeros(0, np.int64))
        self._live = (np.concatenate([p.mask for p in self.parts]) if self.parts
                      else np.zeros(0, bool))
        self._order = np.argsort(all_ids, kind="stable")
        self._sorted_ids = all_ids[self._order]
        s_ids = (np.concatenate([p.seg.sids for p in self.parts]) if self.parts
                 else np.zeros(0, np.int64))
        s_sizes = [len(p.seg.sids) for p in self.parts]
        self._s_offsets = np.concatenate([[0], np.cumsum(s_sizes)]).astype(np.int64)
        self._s_order = np.argsort(s_ids, kind="stable")
        self._s_sorted = s_ids[self._s_order]
        self._n = int(sum(p.count for p in self.parts))
        len_sum = sum(p.len_sum for p in self.parts)
        self._avg_len = len_sum / self._n if self._n else 0.0
        self._df: dict[str, float] = {}

    @cached_property
    def text_hashes(self) -> Mapping[str, str]:
        """article id -> hash of its normalised text (`Article.text_hash`), as stored."""
        return MappingProxyType({p.seg.articles[i].id: p.seg.text_hashes[i] for p in self.parts
                                 for i in np.flatnonzero(p.article_live)})

    # -- locating ids ---------------------------------------------------------------------------

    def _locate(self, ids_in: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(part index, local row) of these passage ids; KeyError for an unknown or dead id."""
        ids = np.asarray(ids_in, dtype=np.int64)
        pos = np.searchsorted(self._sorted_ids, ids)
        pos = np.minimum(pos, max(len(self._sorted_ids) - 1, 0))
        if not len(self._sorted_ids) or (self._sorted_ids[pos] != ids).any():
            raise KeyError("unknown passage id")
        glob = self._order[pos]
        if not self._live[glob].all():
            raise KeyError("passage id of a removed article")
        part = np.searchsorted(self._offsets, glob, side="right") - 1
        return part, glob - self._offsets[part]

    def _locate_statements(self, ids_in: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        ids = np.asarray(ids_in, dtype=np.int64)
        pos = np.searchsorted(self._s_sorted, ids)
        pos = np.minimum(pos, max(len(self._s_sorted) - 1, 0))
        if not len(self._s_sorted) or (self._s_sorted[pos] != ids).any():
            raise KeyError("unknown statement id")
        glob = self._s_order[pos]
        part = np.searchsorted(self._s_offsets, glob, side="right") - 1
        return part, glob - self._s_offsets[part]

    def _by_part(self, ids: Sequence[int] | np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """part -> (positions in `ids`, local rows)."""
        part, local = self._locate(ids)
        out: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for p in np.unique(part):
            where = np.flatnonzero(part == p)
            out[int(p)] = (where, local[where])
        return out

    # -- the read seam --------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return self._n

    def passage(self, i: int) -> Chunk:
        # one id: scalar lookups (the array path of _locate costs ~10x more per call, and a
        # question reads about a hundred passages)
        pos = int(np.searchsorted(self._sorted_ids, i))
        if pos >= len(self._sorted_ids) or int(self._sorted_ids[pos]) != i:
            raise KeyError("unknown passage id")
        glob = int(self._order[pos])
        if not self._live[glob]:
            raise KeyError("passage id of a removed article")
        part = bisect.bisect_right(self._offset_list, glob) - 1
        seg = self.parts[part].seg
        r = glob - self._offset_list[part]
        a = seg.articles[seg.p_article[r]]
        s, e = int(seg.p_start[r]), int(seg.p_end[r])
        return Chunk(a.id, s, e, a.text[s:e])

    def passage_ids(self) -> np.ndarray:
        """Every live passage id, ascending."""
        return self._sorted_ids[self._live[self._order]]

    def allowed_rows(self, scope: Scope | None) -> np.ndarray | None:
        """Passage ids of the articles in `scope`; None when every passage is allowed."""
        if not scope:
            return None
        allowed = {a.id for a in self.articles.values() if scope.admits(a)}
        out = []
        for p in self.parts:
            seg = p.seg
            if len(allowed) < len(seg.articles) // 8:  # a few articles: by their rows
                for aid in allowed:
                    i = seg.article_index.get(aid)
                    if i is not None and p.article_live[i]:
                        out.append(seg.pids[seg.rows_of[i]])
            elif len(seg.pids):  # many (a date window): one pass over the segment's articles
                keep = p.article_live & np.fromiter((a.id in allowed for a in seg.articles),
                                                    dtype=bool, count=len(seg.articles))
                out.append(seg.pids[keep[seg.p_article]])
        return np.sort(np.concatenate(out)) if out else np.zeros(0, np.int64)

    def dense_search(self, qvec: np.ndarray, k: int,
                     rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(passage id, cosine) of the `k` passages closest to `qvec`, among `rows` if given.
        Every allowed passage is a candidate: a filtered search is never cut short."""
        if not self._n or k <= 0 or (rows is not None and not len(rows)):
            return []
        q = np.ascontiguousarray(qvec, dtype=np.float32).reshape(-1)
        ids: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        groups: dict[int, np.ndarray | None]
        if rows is None:
            groups = {i: None for i in range(len(self.parts))}
        else:
            groups = {i: local for i, (_, local) in self._by_part(rows).items()}
        with one_blas_thread():
            for i, local in groups.items():
                p = self.parts[i]
                if not p.count:
                    continue
                got = self._segment_search(p, q, k, local)
                ids.append(got[0])
                scores.append(got[1])
        if not ids:
            return []
        return top_k(np.concatenate(ids), np.concatenate(scores), k)

    def _segment_search(self, p: _LiveSegment, q: np.ndarray, k: int,
                        local: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        seg = p.seg
        allowed = p.count if local is None else len(local)
        want = min(k, allowed)
        if seg.ann is not None and self.dense_mode != "flat" and allowed > EXACT_BELOW:
            sel: Any
            if local is None:
                sel = (faiss.IDSelectorNot(faiss.IDSelectorBatch(p.dead_rows))
                       if len(p.dead_rows) else None)
            else:
                sel = faiss.IDSelectorBatch(local)
            if seg.ann_kind == "ivf":
                # 4-bit codes propose a shortlist; the segment's own vectors rescore it exactly
                nprobe = max(1, math.ceil(self.probe_share * seg.ann.nlist))
                params: Any = faiss.SearchParametersIVF(  # type: ignore[call-arg]
                    sel=sel, nprobe=nprobe)
                _, r = seg.ann.search(q.reshape(1, -1), max(IVF_SHORTLIST, 4 * want),
                                      params=params)
                rows = np.sort(r[0][r[0] >= 0])
                if len(rows) >= want:  # else: fall back to exact, never return fewer
                    s = np.asarray(seg.vectors[rows] @ q)
                    best = np.argpartition(-s, want - 1)[:want]
                    return seg.pids[rows[best]], s[best]
            else:
                params = faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                    sel=sel, efSearch=max(self.ef_search, 2 * want))
                d, r = seg.ann.search(q.reshape(1, -1), want, params=params)
                keep = r[0] >= 0
                if int(keep.sum()) >= want:  # else: fall back to exact, never return fewer
                    return seg.pids[r[0][keep]], d[0][keep]
        cand = np.flatnonzero(p.mask) if local is None else np.asarray(local, dtype=np.int64)
        if len(cand) == len(seg.pids):
            s = np.asarray(seg.vectors @ q)
        else:
            s = np.asarray(seg.vectors[cand] @ q)
        if len(cand) > want:
            best = np.argpartition(-s, want - 1)[:want]
            return seg.pids[cand[best]], s[best]
        return seg.pids[cand], s

    def _global_df(self, term: str) -> float:
        df = self._df.get(term)
        if df is None:
            df = 0.0
            for p in self.parts:
                j = p.seg.term_id.get(term)
                if j is not None:
                    df += float(p.df[j])
            self._df[term] = df
        return df

    def idf(self, term: str) -> float:
        return bm25_idf(self._n, self._global_df(term))

    def lexical_search(self, terms: Sequence[str], k: int,
                       rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(passage id, BM25 score) of the `k` best-scoring passages, among `rows` if given."""
        if not self._n or k <= 0:
            return []
        groups: dict[int, np.ndarray | None]
        if rows is None:
            groups = {i: None for i in range(len(self.parts))}
        else:
            if not len(rows):
                return []
            groups = {i: local for i, (_, local) in self._by_part(rows).items()}
        idf = {t: self.idf(t) for t in dict.fromkeys(terms)}
        avg = max(self._avg_len, 1e-9)
        ids: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        for i, local in groups.items():
            p = self.parts[i]
            seg = p.seg
            out = np.zeros(len(seg.pids), dtype=np.float64)
            for t, w in idf.items():
                j = seg.term_id.get(t)
                if j is None:
                    continue
                lo, hi = seg.by_term.indptr[j], seg.by_term.indptr[j + 1]
                docs = seg.by_term.indices[lo:hi]
                tf = seg.by_term.data[lo:hi].astype(np.float64)
                norm = K1 * (1 - B + B * seg.doc_len[docs] / avg)
                out[docs] += w * tf * (K1 + 1) / (tf + norm)
            if local is None:
                out[~p.mask] = 0.0
            else:
                keep = np.zeros(len(out), dtype=bool)
                keep[local] = True
                out[~keep] = 0.0
            pos = np.flatnonzero(out > 0)
            ids.append(seg.pids[pos])
            scores.append(out[pos])
        if not ids:
            return []
        return top_k(np.concatenate(ids), np.concatenate(scores), k)

    def coverage(self, terms: Sequence[str], ids: Sequence[int]) -> np.ndarray:
        """Share of the terms' idf weight each of these passages holds (0..1)."""
        out = np.zeros(len(ids), dtype=np.float32)
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values())
        if not len(ids) or not terms or total == 0:
            return out
        for i, (where, local) in self._by_part(ids).items():
            seg = self.parts[i].seg
            for t, w in weights.items():
                j = seg.term_id.get(t)
                if j is not None:  # the term's postings (sorted rows) hold these rows?
                    docs = seg.by_term.indices[seg.by_term.indptr[j]:seg.by_term.indptr[j + 1]]
                    if not len(docs):
                        continue
                    at = np.minimum(np.searchsorted(docs, local), len(docs) - 1)
                    out[where] += w * (docs[at] == local)  # a lookup, not a pass over them
        return out / total

    def passage_vectors(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        if len(ids):
            for i, (where, local) in self._by_part(ids).items():
                out[where] = self.parts[i].seg.vectors[local]
        return out

    def vectors(self) -> np.ndarray:
        """Every live passage vector, in passage id order (for checks and benchmarks)."""
        return self.passage_vectors(self.passage_ids())

    @cached_property
    def _spans(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        chunks = [self.passage(int(i)) for i in self.passage_ids()]
        return (tuple(c.article_id for c in chunks),
                np.array([c.start for c in chunks], dtype=np.int64),
                np.array([c.end for c in chunks], dtype=np.int64))

    # The passages in id order as parallel columns, for the quality benchmark's checks.
    passage_article = property(lambda self: self._spans[0])
    passage_start = property(lambda self: self._spans[1])
    passage_end = property(lambda self: self._spans[2])

    # -- statements -----------------------------------------------------------------------------

    def speaker_names(self) -> Mapping[str, int]:
        """Every speaker name as extracted (`Statement.speaker`) and its number of statements."""
        total: Counter[str] = Counter()
        for p in self.parts:
            total.update(p.speakers)
        return dict(total)

    @cached_property
    def _roles(self) -> dict[str, Counter[str]]:
        total: dict[str, Counter[str]] = {}
        for p in self.parts:
            for speaker, roles in p.roles.items():
                total.setdefault(speaker, Counter()).update(roles)
        return total

    def speaker_roles(self) -> Mapping[str, Mapping[str, int]]:
        """speaker (as extracted) -> each role the articles give them -> in how many articles.
        Stored with each segment at write time: no statement is read."""
        return self._roles

    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]:
        """(statement id, statement) of everything these speakers said, in id order."""
        out: list[tuple[int, Statement]] = []
        for name in set(names):
            for p in self.parts:
                for i in p.seg.by_speaker.get(name, np.zeros(0, np.int64)).tolist():
                    if p.s_mask[i]:
                        out.append((int(p.seg.sids[i]), p.seg.statements[i]))
        out.sort(key=lambda x: x[0])
        return out

    def speaker_statements(self, names: Iterable[str], query: np.ndarray | None, limit: int,
                           scope: Scope | None = None) -> SpeakerStatements:
        """At most `limit` live statements of these speakers in the scope: those whose stored
        vectors are closest to `query`, or the newest. Reads only the speaker's own rows of each
        segment (one vector product over them) and builds nothing per statement but the chosen."""
        want = set(names)
        q = None if query is None else np.asarray(query, dtype=np.float32).reshape(-1)
        got_sids, got_scores, got_dates, got_at = [], [], [], []
        total = 0
        for pi, p in enumerate(self.parts):
            seg = p.seg
            rows = [seg.by_speaker[n] for n in want if n in seg.by_speaker]
            if not rows:
                continue
            idx = rows[0] if len(rows) == 1 else np.sort(np.concatenate(rows))
            idx = idx[p.s_mask[idx]]
            if scope and len(idx):
                arts = np.unique(seg.s_article[idx])
                ok = np.zeros(len(seg.articles), dtype=bool)
                ok[arts] = [scope.admits(seg.articles[int(a)]) for a in arts]
                idx = idx[ok[seg.s_article[idx]]]
            if not len(idx):
                continue
            total += len(idx)
            sids, dates = seg.sids[idx], seg.a_date[seg.s_article[idx]]
            scores = None
            if q is not None:
                with one_blas_thread():
                    scores = seg.s_vectors[idx] @ q
            keep = choose_statements(sids, scores, dates, limit)
            got_sids.append(sids[keep])
            got_dates.append(dates[keep])
            got_scores.append(scores[keep] if scores is not None
                              else np.zeros(len(keep), np.float32))
            got_at.append(np.stack([np.full(len(keep), pi), idx[keep]], axis=1))
        if not got_sids:
            return SpeakerStatements((), 0, False)
        sids, dates = np.concatenate(got_sids), np.concatenate(got_dates)
        scores_all, at = np.concatenate(got_scores), np.concatenate(got_at)
        pick = choose_statements(sids, scores_all if q is not None else None, dates, limit)
        return SpeakerStatements(
            tuple((int(sids[i]), self.parts[int(at[i, 0])].seg.statements[int(at[i, 1])],
                   float(scores_all[i])) for i in pick), total, q is not None)

    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None:
        """The stored embeddings of these statements' texts (same model as the passages)."""
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        if len(ids):
            part, local = self._locate_statements(ids)
            for j, (pi, r) in enumerate(zip(part, local, strict=True)):
                out[j] = self.parts[int(pi)].seg.s_vectors[int(r)]
        return out

    @cached_property
    def statement_items(self) -> tuple[tuple[int, Statement], ...]:
        items = [(int(p.seg.sids[i]), p.seg.statements[i]) for p in self.parts
                 for i in np.flatnonzero(p.s_mask)]
        items.sort(key=lambda x: x[0])
        return tuple(items)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        """Every live statement, in id order (legacy callers)."""
        return tuple(s for _, s in self.statement_items)

    def disk_bytes(self) -> int:
        return sum(p.seg.bytes for p in self.parts)


# -- the store -----------------------------------------------------------------------------------


def _damaged(root: Path, why: str) -> IndexUnavailable:
    return IndexUnavailable(f"the index at {root} is damaged ({why}): {REINDEX}")


class FileStore:
    """Segments under one folder. Thread-safe for readers; writers serialise on `.lock`."""

    def __init__(self, root: Path, *, dense: str = "auto",
                 approximate_min_passages: int = 50_000, ef_search: int = 128,
                 probe_share: float = 0.4, merge_segments: int = 8,
                 merge_max_passages: int = 20_000,
                 on_wait: WaitHook = say_waiting) -> None:
        self.root = Path(root)
        self.dense = dense
        self.approximate_min_passages = approximate_min_passages
        self.ef_search = ef_search
        self.probe_share = probe_share
        self.merge_segments = merge_segments
        self.merge_max_passages = merge_max_passages
        self.on_wait = on_wait
        self._segments: dict[str, Segment] = {}
        self._catalogs: dict[str, list[list[str]]] = {}
        self._catalog_dicts: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        self._seg_lock = threading.Lock()
        self.last_write_bytes = 0  # bytes the last apply() wrote (benchmarks)

    # -- reading --------------------------------------------------------------------------------

    def generation(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text("utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise IndexUnavailable(f"cannot read the index at {self.root} ({exc}): "
                                   f"{REINDEX}") from None
        return name or None

    def exists(self) -> bool:
        return self.generation() is not None

    def _manifest(self, name: str) -> dict[str, Any]:
        if name.startswith("gen-"):  # format 1: one folder per generation
            path = self.root / name / "manifest.json"
            if not (self.root / name).is_dir():
                raise _damaged(self.root, f"CURRENT names {name}, which does not exist")
        else:
            path = self.root / name
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            if self.generation() == name:
                raise _damaged(self.root, f"CURRENT names {name}, which does not exist") from None
            raise
        except (OSError, ValueError) as exc:
            raise _damaged(self.root, f"{name} unreadable: {exc}") from None
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexUnavailable(
                f"the index at {self.root} has format version {version}, this newsqa reads "
                f"{FORMAT_VERSION}: {REINDEX}"
            )
        return manifest

    def _segment(self, name: str) -> Segment:
        with self._seg_lock:
            seg = self._segments.get(name)
        if seg is None:
            folder = self.root / name
            if not folder.is_dir():
                raise FileNotFoundError(folder)
            seg = Segment(folder, self.root)
            with self._seg_lock:
                seg = self._segments.setdefault(name, seg)
        return seg

    def view(self, fingerprint: str | None) -> FileView:
        """The live state. `fingerprint`: the configured model's weights hash, checked."""
        for _attempt in range(5):
            gen = self.generation()
            if gen is None:
                raise IndexUnavailable(
                    f"no index at {self.root} yet: run `newsqa index PATH` to add articles"
                )
            try:
                manifest = self._manifest(gen)
                check_meta(str(self.root), manifest, fingerprint)
                parts = [self._segment(s["name"]).live(frozenset(s.get("deleted", ())))
                         for s in manifest["segments"]]
            except FileNotFoundError as exc:
                if self.generation() == gen:
                    raise _damaged(self.root, f"{Path(str(exc)).name} is missing") from None
                continue  # a writer replaced it while we read: read the new one
            self._forget_except({s["name"] for s in manifest["segments"]})
            dim = int(manifest.get("model", {}).get("dim") or 0)
            for p in parts:
                if p.seg.dim != dim:
                    raise _damaged(self.root, f"{p.seg.name} has vectors of dimension "
                                              f"{p.seg.dim}, the manifest says {dim}")
            return FileView(self.root, gen, manifest, parts, dim, self.dense, self.ef_search,
                            self.probe_share)
        raise IndexUnavailable(f"the index at {self.root} keeps changing while being read; "
                               "try again")

    def _forget_except(self, names: set[str]) -> None:
        with self._seg_lock:
            for name in list(self._segments):
                if name not in names:
                    del self._segments[name]

    def _live_manifest(self) -> dict[str, Any] | None:
        gen = self.generation()
        return None if gen is None else self._manifest(gen)

    def catalog(self) -> Catalog:
        """Lookups over each live segment's catalog (read once per process), under the
        tombstones: a writer's cost does not grow with the number of stored articles."""
        manifest = self._live_manifest()
        if manifest is None:
            return Catalog({}, {}, {})
        layers = [(*self._catalog_maps(s["name"]), frozenset(s.get("deleted", ())))
                  for s in manifest["segments"]]
        return Catalog(_Layered([(h, d, True) for h, _, d in layers]),
                       _Layered([(t, d, False) for _, t, d in layers]),
                       {k: v for k, v in manifest.items()
                        if k in ("model", "chunking", "extractor_version")})

    def _catalog_maps(self, name: str) -> tuple[dict[str, str], dict[str, str]]:
        got = self._catalog_dicts.get(name)
        if got is None:
            rows = self._catalog_rows(name)
            got = ({aid: h for aid, h, _ in rows}, {th: aid for aid, _, th in rows})
            self._catalog_dicts[name] = got
        return got

    def _catalog_rows(self, name: str) -> list[list[str]]:
        """(id, content hash, text hash) of a segment's articles; read once (it never changes)."""
        got = self._catalogs.get(name)
        if got is not None:
            return got
        try:
            got = json.loads((self.root / name / "catalog.json").read_text("utf-8"))
            self._catalogs[name] = got
            return got
        except FileNotFoundError:
            raise _damaged(self.root, f"{name}/catalog.json is missing") from None
        except (OSError, ValueError) as exc:
            raise _damaged(self.root, f"{name}/catalog.json unreadable: {exc}") from None

    # -- writing --------------------------------------------------------------------------------

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """One writer at a time, across processes; a second one waits and says so."""
        return writer_lock(self.root / ".lock", self.on_wait)

    def apply(self, change: Change) -> str:
        """Make this change the live state atomically; merge small segments afterwards.
        Call inside `writing()`. Returns the new generation."""
        self.root.mkdir(parents=True, exist_ok=True)
        written = 0
        old_name = self.generation()
        old = None if change.reset or old_name is None else self._manifest(old_name)
        meta: dict[str, Any] = dict(
            {k: old[k] for k in ("model", "chunking", "extractor_version") if k in old}
            if old else {})
        meta.update(change.meta)
        next_pid = int(old["next_passage_id"]) if old else 0
        next_sid = int(old["next_statement_id"]) if old else 0
        if change.reset and old_name is not None and not old_name.startswith("gen-"):
            with contextlib.suppress(IndexUnavailable, FileNotFoundError):
                prev = self._manifest(old_name)  # ids are never reused, even across a rebuild
                next_pid = max(next_pid, int(prev["next_passage_id"]))
                next_sid = max(next_sid, int(prev["next_statement_id"]))
        segments: list[dict[str, Any]] = [dict(s, deleted=list(s.get("deleted", ())))
                                          for s in old["segments"]] if old else []
        # Tombstones: the stored copy of every article deleted or replaced.
        gone = set(change.delete) | {d.article.id for d in change.put}
        if gone:
            for s in segments:
                held = self._catalog_maps(s["name"])[0]  # id -> hash, read once per process
                hit = {g for g in gone if g in held} - set(s["deleted"])
                if hit:
                    s["deleted"] = sorted(set(s["deleted"]) | hit)
        # New statements for stored articles: their segments are rewritten, sharing every
        # passage file with the old segment (hard links), with new statement files.
        if change.restatements:
            for n, s in enumerate(segments):
                held = self._catalog_maps(s["name"])[0]
                if {a for a in change.restatements if a in held} - set(s["deleted"]):
                    new_name, next_sid, nbytes = self._restate(s["name"], change.restatements,
                                                               next_sid)
                    written += nbytes
                    segments[n] = {**s, "name": new_name}
        if change.put:
            dim = int(meta.get("model", {}).get("dim") or 0)
            name, next_pid, next_sid, nbytes = self._write_segment(change.put, next_pid,
                                                                   next_sid, dim)
            written += nbytes
            segments.append({"name": name, "passages": sum(len(d.spans) for d in change.put),
                             "deleted": []})
        # A segment with every article deleted is dropped from the manifest.
        segments = [s for s in segments
                    if len(s["deleted"]) < len(self._catalog_rows(s["name"]))]
        gen, nbytes = self._commit(old_name, meta, segments, next_pid, next_sid)
        written += nbytes
        self.last_write_bytes = written
        merged = self._maybe_merge()
        return merged or gen

    def _commit(self, old_name: str | None, meta: Mapping[str, Any],
                segments: list[dict[str, Any]], next_pid: int, next_sid: int) -> tuple[str, int]:
        seq = 1
        if old_name and old_name.startswith("manifest-"):
            seq = int(old_name.split("-")[1].split(".")[0]) + 1
        name = f"manifest-{seq:06d}.json"
        manifest = {
            "format_version": FORMAT_VERSION,
            "generation": seq,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **meta,
            "next_passage_id": next_pid,
            "next_statement_id": next_sid,
            "segments": segments,
        }
        data = json.dumps(manifest, indent=1).encode("utf-8")
        tmp = self.root / f".tmp-{name}"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.root / name)
        pointer = self.root / f"{CURRENT}.tmp"
        with open(pointer, "w", encoding="utf-8") as f:
            f.write(name + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(pointer, self.root / CURRENT)
        _fsync_dir(self.root)
        self._collect_garbage(name, old_name)
        return name, len(data) + len(name) + 1

    def _collect_garbage(self, live: str, previous: str | None) -> None:
        """Delete what neither the live nor the previous manifest names, and leftovers."""
        keep = {live, previous}
        for m in (live, previous):
            if m and m.startswith("manifest-"):
                with contextlib.suppress(OSError, ValueError, IndexUnavailable):
                    keep |= {s["name"] for s in self._manifest(m)["segments"]}
        for entry in self.root.iterdir():
            n = entry.name
            stale = (n.startswith(("seg-", "manifest-", "gen-")) and n not in keep) or (
                n.startswith(".tmp-"))
            if not stale:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()

    def _new_folder(self) -> tuple[str, Path]:
        name = f"seg-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
        tmp = self.root / f".tmp-{name}"
        tmp.mkdir()
        return name, tmp

    def _publish_folder(self, name: str, tmp: Path, files: list[str]) -> int:
        sizes = {f: (tmp / f).stat().st_size for f in files}
        (tmp / "meta.json").write_text(json.dumps({"files": sizes}), "utf-8")
        for f in [*files, "meta.json"]:
            _fsync_file(tmp / f)
        _fsync_dir(tmp)
        os.rename(tmp, self.root / name)
        _fsync_dir(self.root)
        return sum(sizes.values()) + (self.root / name / "meta.json").stat().st_size

    def _write_segment(self, put: Sequence[ArticleData], next_pid: int, next_sid: int,
                       dim: int) -> tuple[str, int, int, int]:
        articles = [(d.article, d.hash) for d in put]
        spans = [(ai, s, e) for ai, d in enumerate(put) for s, e in d.spans]
        vectors = [d.vectors for d in put if len(d.spans)]
        terms = [t for d in put for t in d.terms]
        statements = [s for d in put for s in d.statements]
        s_vectors = [d.statement_vectors for d in put if len(d.statements)]
        vecs = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, dim),
                                                                               np.float32)
        svecs = (np.vstack(s_vectors).astype(np.float32) if s_vectors
                 else np.zeros((0, dim), np.float32))
        pids = np.arange(next_pid, next_pid + len(spans), dtype=np.int64)
        sids = np.arange(next_sid, next_sid + len(statements), dtype=np.int64)
        name, nbytes = self._segment_files(articles, spans, pids, vecs, terms, statements,
                                           sids, svecs)
        return name, next_pid + len(spans), next_sid + len(statements), nbytes

    def _segment_files(self, articles: Sequence[tuple[Article, str]],
                       spans: Sequence[tuple[int, int, int]], pids: np.ndarray,
                       vecs: np.ndarray, terms: Sequence[Mapping[str, int]] | sparse.csr_matrix,
                       statements: Sequence[Statement], sids: np.ndarray, svecs: np.ndarray,
                       vocab: Sequence[str] | None = None) -> tuple[str, int]:
        name, tmp = self._new_folder()
        try:
            _write_jsonl(tmp / "articles.jsonl", (_article_record(a, h) for a, h in articles))
            (tmp / "catalog.json").write_text(json.dumps(
                [[a.id, h, a.text_hash] for a, h in articles]), "utf-8")
            np.savez(tmp / "passages.npz", ids=pids,
                     article=np.array([x[0] for x in spans], dtype=np.int32),
                     start=np.array([x[1] for x in spans], dtype=np.int64),
                     end=np.array([x[2] for x in spans], dtype=np.int64))
            np.save(tmp / "vectors.npy", np.ascontiguousarray(vecs, dtype=np.float32))
            counts, vocab = ((terms, list(vocab or ())) if isinstance(terms, sparse.csr_matrix)
                             else _term_matrix(terms))
            np.savez(tmp / "terms.npz", data=counts.data.astype(np.int32),
                     indices=counts.indices.astype(np.int32),
                     indptr=counts.indptr.astype(np.int64),
                     shape=np.array(counts.shape, dtype=np.int64))
            (tmp / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
            _write_jsonl(tmp / "statements.jsonl",
                         (_statement_record(int(i), s) for i, s in zip(sids, statements,
                                                                       strict=True)))
            np.savez(tmp / "statements.npz", ids=sids,
                     vectors=np.ascontiguousarray(svecs, dtype=np.float32))
            row_of = {a.id: i for i, (a, _) in enumerate(articles)}
            _write_roles(tmp / "roles.json", statements,
                         np.array([row_of[s.article_id] for s in statements], dtype=np.int32))
            files = ["articles.jsonl", "catalog.json", "passages.npz", "vectors.npy",
                     "terms.npz", "vocab.json", "statements.jsonl", "statements.npz",
                     "roles.json"]
            kind = self._approximate_kind(len(vecs))
            if kind is not None:
                faiss.write_index(_ann_index(kind, vecs), str(tmp / ANN_FILES[kind]))
                files.append(ANN_FILES[kind])
            return name, self._publish_folder(name, tmp, files)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def _approximate_kind(self, n: int) -> str | None:
        """The approximate index a new segment of `n` passages gets (None: exact search only).
        `auto`: IVF from `approximate_min_passages` on (fast to build at a million passages:
        k-means and 4-bit codes trained on a sample, then one assignment per vector; an HNSW
        graph took two minutes per 100k passages here)."""
        if not n or self.dense == "flat":
            return None
        if self.dense == "auto":
            return "ivf" if n >= self.approximate_min_passages else None
        if self.dense == "ivf" and n < IVF_MIN_PASSAGES:
            return None
        return self.dense

    def _restate(self, old: str, restatements: Mapping[str, tuple[tuple[Statement, ...],
                                                                   np.ndarray]],
                 next_sid: int) -> tuple[str, int, int]:
        seg = self._segment(old)
        statements: list[Statement] = []
        sids: list[int] = []
        vecs: list[np.ndarray] = []
        for i, a in enumerate(seg.articles):
            if a.id in restatements:
                new, v = restatements[a.id]
                statements += new
                sids += range(next_sid, next_sid + len(new))
                next_sid += len(new)
                if len(new):
                    vecs.append(np.asarray(v, dtype=np.float32))
            else:
                rows = np.flatnonzero(seg.s_article == i)
                statements += [seg.statements[r] for r in rows]
                sids += [int(seg.sids[r]) for r in rows]
                if len(rows):
                    vecs.append(seg.s_vectors[rows])
        name, tmp = self._new_folder()
        try:
            shared = [f for f in seg.meta["files"]
                      if not f.startswith("statements.") and f != "roles.json"]
            for f in shared:
                os.link(seg.folder / f, tmp / f)
            _write_jsonl(tmp / "statements.jsonl",
                         (_statement_record(i, s) for i, s in zip(sids, statements,
                                                                  strict=True)))
            np.savez(tmp / "statements.npz", ids=np.array(sids, dtype=np.int64),
                     vectors=(np.vstack(vecs) if vecs else np.zeros((0, seg.dim), np.float32)))
            _write_roles(tmp / "roles.json", statements, np.array(
                [seg.article_index[s.article_id] for s in statements], dtype=np.int32))
            nbytes = self._publish_folder(name, tmp, [*shared, "statements.jsonl",
                                                      "statements.npz", "roles.json"])
            nbytes -= sum(seg.meta["files"][f] for f in shared)  # links, not copies
            return name, next_sid, nbytes
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    # -- merging --------------------------------------------------------------------------------

    def _maybe_merge(self) -> str | None:
        """Merge small segments once more than `merge_segments` pile up, and rewrite segments
        that are mostly tombstones. The new state is committed like any write."""
        name = self.generation()
        if name is None:
            return None
        manifest = self._manifest(name)
        segs = manifest["segments"]
        small = [s for s in segs if s["passages"] <= self.merge_max_passages]
        mostly_dead = [s for s in segs if s not in small and s.get("deleted") and
                       len(s["deleted"]) * 2 > len(self._catalog_rows(s["name"]))]
        pick: list[dict[str, Any]] = []
        if len(small) > self.merge_segments:
            # The smallest first, up to twice the small size: a merge stays cheap and bounded.
            for s in sorted(small, key=lambda s: s["passages"]):
                if len(pick) >= 2 and sum(p["passages"] for p in pick) + s["passages"] > (
                        2 * self.merge_max_passages):
                    break
                pick.append(s)
        else:
            # Size tiers above the small one (each `merge_segments` times the one below): once
            # more than `merge_segments` segments share a tier, they become one of the next, so
            # an index grown by daily adds ends in few large segments with an approximate index,
            # and each passage is rewritten about log(size) times.
            tiers: dict[int, list[dict[str, Any]]] = {}
            for s in segs:
                if s not in small and s not in mostly_dead:
                    tiers.setdefault(self._tier(int(s["passages"])), []).append(s)
            for t in sorted(tiers):
                if len(tiers[t]) > self.merge_segments:
                    pick = tiers[t]
                    break
        pick = pick + mostly_dead
        if not pick or (len(pick) == 1 and not pick[0].get("deleted")):
            return None
        merged, nbytes = self._merge([s["name"] for s in pick],
                                     [frozenset(s.get("deleted", ())) for s in pick])
        names = {s["name"] for s in pick}
        at = min(i for i, s in enumerate(segs) if s["name"] in names)
        rest = [s for s in segs if s["name"] not in names]
        rest.insert(at, merged)
        meta: dict[str, Any] = {k: manifest[k] for k in ("model", "chunking",
                                                          "extractor_version") if k in manifest}
        gen, mbytes = self._commit(name, meta, rest, int(manifest["next_passage_id"]),
                                   int(manifest["next_statement_id"]))
        self.last_write_bytes += nbytes + mbytes
        return gen

    def _tier(self, passages: int) -> int:
        """0 for a small segment, t for one of up to merge_max_passages x F^t passages."""
        tier, cap, factor = 0, self.merge_max_passages, max(2, self.merge_segments)
        while passages > cap:
            tier, cap = tier + 1, cap * factor
        return tier

    def _merge(self, names: Sequence[str], deleted: Sequence[frozenset[str]]
               ) -> tuple[dict[str, Any], int]:
        """One segment holding the live contents of these, with the same ids."""
        articles: list[tuple[Article, str]] = []
        spans: list[tuple[int, int, int]] = []
        pids: list[np.ndarray] = []
        vecs: list[np.ndarray] = []
        t_data: list[np.ndarray] = []
        t_row: list[np.ndarray] = []
        t_col: list[np.ndarray] = []
        vocab: dict[str, int] = {}
        statements: list[Statement] = []
        sids: list[np.ndarray] = []
        svecs: list[np.ndarray] = []
        for name, dead in zip(names, deleted, strict=True):
            seg = self._segment(name)
            live = seg.live(dead)
            remap = np.full(len(seg.articles), -1, dtype=np.int64)
            for i in np.flatnonzero(live.article_live):
                remap[i] = len(articles)
                articles.append((seg.articles[i], seg.hashes[i]))
            keep = np.flatnonzero(live.mask)
            spans += [(int(remap[seg.p_article[r]]), int(seg.p_start[r]), int(seg.p_end[r]))
                      for r in keep]
            pids.append(seg.pids[keep])
            vecs.append(np.asarray(seg.vectors[keep], dtype=np.float32))
            cols = np.array([vocab.setdefault(t, len(vocab)) for t in seg.vocab],
                            dtype=np.int64)
            sub = seg.counts[keep].tocoo()
            t_data.append(sub.data)
            t_row.append(sub.row.astype(np.int64) + sum(len(x) for x in pids[:-1]))
            t_col.append(cols[sub.col] if len(cols) else sub.col.astype(np.int64))
            skeep = np.flatnonzero(live.s_mask)
            statements += [seg.statements[r] for r in skeep]
            sids.append(seg.sids[skeep])
            svecs.append(seg.s_vectors[skeep])
        counts = sparse.coo_matrix(
            (np.concatenate(t_data), (np.concatenate(t_row), np.concatenate(t_col))),
            shape=(len(spans), len(vocab))).tocsr().astype(np.int32)
        used = np.flatnonzero(np.diff(counts.tocsc().indptr))
        terms = list(vocab)
        counts = counts[:, used].tocsr()
        counts.sort_indices()
        name, nbytes = self._segment_files(
            articles, spans, np.concatenate(pids), np.vstack(vecs), counts, statements,
            np.concatenate(sids), np.vstack(svecs), vocab=[terms[i] for i in used])
        return {"name": name, "passages": len(spans), "deleted": []}, nbytes


class _Layered(Mapping[str, str]):
    """Segments' dicts seen as one, without the tombstoned articles (checked on the key, an
    article id, or on the value, for text hash -> id)."""

    def __init__(self, layers: list[tuple[dict[str, str], frozenset[str], bool]]) -> None:
        self.layers = layers

    def __getitem__(self, key: str) -> str:
        for d, dead, by_key in reversed(self.layers):
            v = d.get(key)
            if v is not None and (key if by_key else v) not in dead:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for d, dead, by_key in reversed(self.layers):
            for k, v in d.items():
                if k not in seen and (k if by_key else v) not in dead:
                    seen.add(k)
                    yield k

    def __len__(self) -> int:
        return sum(len(d) - len(dead) for d, dead, _ in self.layers)


def _role_rows(statements: Sequence[Statement], article_rows: np.ndarray
               ) -> list[tuple[str, str, list[int]]]:
    """(speaker, role, rows of the distinct articles giving it), for every role given."""
    arts: dict[tuple[str, str], set[int]] = {}
    for s, a in zip(statements, article_rows, strict=True):
        if s.role:
            arts.setdefault((s.speaker, s.role), set()).add(int(a))
    return [(sp, role, sorted(rows)) for (sp, role), rows in sorted(arts.items())]


def _write_roles(path: Path, statements: Sequence[Statement], article_rows: np.ndarray) -> None:
    path.write_text(json.dumps(_role_rows(statements, article_rows), ensure_ascii=False),
                    "utf-8")


def ivf_lists(n: int) -> int:
    """Inverted lists of an IVF index over `n` vectors: about sqrt(n), as many as the training
    sample allows."""
    return max(1, min(round(n ** 0.5), n // IVF_TRAIN_PER_LIST))


def _ann_index(kind: str, vecs: np.ndarray) -> Any:
    """An approximate inner-product index over these rows (row number = FAISS id), built on one
    OpenMP thread: on a busy machine FAISS's spinning threads made the build 3-6x slower
    (measured here: 200k passages in 22 s on two threads, 7.5 s on one)."""
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return _build_ann(kind, vecs)
    finally:
        faiss.omp_set_num_threads(threads)


def _build_ann(kind: str, vecs: np.ndarray) -> Any:
    x = np.ascontiguousarray(vecs, dtype=np.float32)
    dim = x.shape[1]
    if kind == "hnsw":
        graph = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        graph.add(x)
        return graph
    # About sqrt(n) inverted lists over 4-bit product-quantisation codes (2 dimensions per
    # 4 bits: 48 bytes a vector), searched with FAISS's SIMD "fast scan": cheap enough to
    # search a large share of the lists, which recall on real sentence vectors needs.
    nlist = ivf_lists(len(x))
    ivf = faiss.index_factory(dim, f"IVF{nlist},PQ{dim // 4}x4fs", faiss.METRIC_INNER_PRODUCT)
    sample = min(len(x), max(nlist * IVF_TRAIN_PER_LIST, 16 * IVF_TRAIN_PER_LIST))
    rows = np.sort(np.random.default_rng(0).choice(len(x), size=sample, replace=False))
    ivf.train(x[rows])  # deterministic: a fixed sample, FAISS's k-means has a fixed seed
    ivf.add(x)
    return ivf


def _term_matrix(rows: Sequence[Mapping[str, int]]) -> tuple[sparse.csr_matrix, list[str]]:
    vocab: dict[str, int] = {}
    data: list[int] = []
    indices: list[int] = []
    indptr = [0]
    for row in rows:
        for term, count in row.items():
            indices.append(vocab.setdefault(term, len(vocab)))
            data.append(count)
        indptr.append(len(indices))
    m = sparse.csr_matrix((np.array(data, dtype=np.int32), np.array(indices, dtype=np.int64),
                           np.array(indptr, dtype=np.int64)), shape=(len(rows), len(vocab)))
    m.sort_indices()
    return m, list(vocab)
