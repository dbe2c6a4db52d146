"""The scale-out store: Milvus (`store.backend: milvus`). `store.uri` is a local file path
(embedded milvus-lite) or `http://host:19530` (a Milvus standalone or cluster), same code.

Collections (prefix `store.collection`):
  _passages    pid (stable id), article, akey (article@generation), gen, start, end, dl (length
               in terms), date and origin (the article's date, "" if none, and its outlet and
               URL in lower case: what date and outlet filters are expressions on), vector
               (dense, inner product), terms (sparse: the project's own BM25 tokens, weighted
               with the mean length at write time)
  _statements  sid, article, akey, gen, speaker, role, kind, cue, start, end, vector
  _articles    one row per article (text split in parts of at most 60,000 characters)
  _terms       term, tid (the sparse dimension), df, prev_df, gen: document frequencies
  _meta        the state: generation, model, chunking, extractor version, id counters, passage
               count and total length, and the akeys killed by the last two writes

Consistency: every request uses the Strong consistency level. A write inserts its rows under the
next generation first, then swaps the state row (the commit point), then deletes the rows the
write before it killed. A view filters on `gen <= its generation` and on the killed akeys it knows
of, so a reader sees the old or the new state of an article, never a mix, and a view stays intact
across one concurrent write. BM25 is scored here exactly as the file store does (lexical
candidates from Milvus's sparse index, then rescored with the live term statistics), so rankings
agree. A date or outlet filter is one expression on the passages' own `date` and `origin`
fields, whatever the number of articles it admits. Writes are serialised by a lock file next
to the index folder: run one writer.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from ..errors import IndexUnavailable
from ..models import Article, Chunk, Statement
from .base import (
    REINDEX,
    Catalog,
    Change,
    Scope,
    SpeakerStatements,
    bm25_idf,
    check_meta,
    choose_statements,
    date_number,
    speaker_statements_from,
    top_k,
    writer_lock,
)

FORMAT_VERSION = 3  # 3: passages carry date and origin, for filter expressions
K1, B = 1.2, 0.75
TEXT_PART = 60_000  # characters per article row (VARCHAR holds 65,535 bytes)
BATCH = 1000
LEXICAL_DEPTH = 200  # sparse candidates rescored exactly, at least


def _client(uri: str) -> Any:
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise IndexUnavailable(
            "store.backend is milvus but pymilvus is not installed: pip install '.[milvus]'"
        ) from None
    # After the import (it configures its loggers): pymilvus warns on every iterator that
    # milvus-lite gives no server timestamp, and milvus-lite's server logs the missing call.
    logging.getLogger("pymilvus").setLevel(logging.ERROR)
    logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
    return MilvusClient(uri)


def _q(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


ORIGIN_MAX = 2048


def _origin(a: Article) -> str:
    """What the outlet filter matches: outlet and URL, lower case, one line each."""
    return f"{(a.source or '').lower()}\n{(a.url or '').lower()}"[:ORIGIN_MAX]


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere: its wildcards escaped, its quotes too."""
    esc = "".join("\\\\" + ch if ch in "%_" else "\\" + ch if ch == '"' else ch for ch in text)
    return f'"%{esc}%"'


def scope_expr(scope: Scope) -> str | None:
    """A Milvus boolean expression admitting exactly the passages `Scope.admits` does; None for
    an outlet filter no LIKE pattern spells exactly (a backslash or a line break in it)."""
    parts = []
    if scope.since:
        parts.append(f"date >= {json.dumps(scope.since)}")
    if scope.until:
        parts.append(f'(date != "" and date <= {json.dumps(scope.until)})')
    window = []
    if scope.lo:
        window.append(f"date >= {json.dumps(scope.lo)}")
    if scope.hi:
        window.append(f"date <= {json.dumps(scope.hi)}")
    if window:
        parts.append(f'(date == "" or ({" and ".join(window)}))')
    if scope.source:
        if "\\" in scope.source or "\n" in scope.source:
            return None
        parts.append(f"origin like {_like(scope.source.lower())}")
    return " and ".join(parts)


class Selection:
    """The passages of one view under a scope, as the filter expression its searches use."""

    def __init__(self, view: MilvusView, expr: str) -> None:
        self.view = view
        self.expr = expr
        self._ids: list[int] | None = None
        self._count: int | None = None

    def __len__(self) -> int:
        if self._count is None:
            if self._ids is not None:
                self._count = len(self._ids)
            else:
                rows = self.view.c.query(self.view.store.name("passages"), filter=self.expr,
                                         output_fields=["count(*)"],
                                         consistency_level="Strong")
                self._count = int(rows[0]["count(*)"]) if rows else 0
        return self._count

    def __iter__(self) -> Iterator[int]:
        if self._ids is None:
            self._ids = sorted(int(r["pid"]) for r in
                               self.view.store._iter("passages", self.expr, ["pid"]))
        return iter(self._ids)


class MilvusStore:
    def __init__(self, uri: str, prefix: str = "newsqa", *, lock_dir: Path | None = None) -> None:
        self.uri = uri
        self.prefix = prefix
        self.lock_dir = lock_dir or (Path(uri).parent if "://" not in uri else Path.cwd())
        if "://" not in uri:
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
        self.c = _client(uri)
        self._dim: int | None = None
        self._lock = threading.Lock()
        self.last_write_bytes = 0

    def name(self, kind: str) -> str:
        return f"{self.prefix}_{kind}"

    # -- schema -------------------------------------------------------------------------------

    def _ensure(self, dim: int) -> None:
        from pymilvus import DataType

        if self.c.has_collection(self.name("meta")):
            return
        C = self.c

        def make(kind: str, fields: list[tuple[str, Any, dict[str, Any]]], vec_dim: int,
                 sparse: bool = False) -> None:
            s = C.create_schema(auto_id=False)
            for fname, ftype, kw in fields:
                s.add_field(fname, ftype, **kw)
            s.add_field("vector", DataType.FLOAT_VECTOR, dim=vec_dim)
            ip = C.prepare_index_params()
            ip.add_index("vector", index_type="FLAT" if vec_dim <= 2 else "AUTOINDEX",
                         metric_type="IP")
            if sparse:
                s.add_field("terms", DataType.SPARSE_FLOAT_VECTOR)
                ip.add_index("terms", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
            C.create_collection(self.name(kind), schema=s, index_params=ip,
                                consistency_level="Strong")

        vc = {"max_length": 1024}
        make("passages", [("pid", DataType.INT64, {"is_primary": True}),
                          ("article_id", DataType.VARCHAR, vc), ("akey", DataType.VARCHAR, vc),
                          ("gen", DataType.INT64, {}), ("start", DataType.INT64, {}),
                          ("end", DataType.INT64, {}), ("dl", DataType.INT64, {}),
                          ("avgdl", DataType.DOUBLE, {}),
                          ("date", DataType.VARCHAR, {"max_length": 32}),
                          ("origin", DataType.VARCHAR, {"max_length": ORIGIN_MAX * 4})],
             dim, sparse=True)
        make("statements", [("sid", DataType.INT64, {"is_primary": True}),
                            ("article_id", DataType.VARCHAR, vc), ("akey", DataType.VARCHAR, vc),
                            ("gen", DataType.INT64, {}), ("speaker", DataType.VARCHAR, vc),
                            ("record", DataType.VARCHAR, {"max_length": 4096})], dim)
        make("articles", [("key", DataType.VARCHAR, {"is_primary": True, "max_length": 1100}),
                          ("article_id", DataType.VARCHAR, vc), ("akey", DataType.VARCHAR, vc),
                          ("gen", DataType.INT64, {}), ("part", DataType.INT64, {}),
                          ("record", DataType.VARCHAR, {"max_length": 65535})], 2)
        make("terms", [("term", DataType.VARCHAR, {"is_primary": True, "max_length": 512}),
                       ("tid", DataType.INT64, {}), ("df", DataType.INT64, {}),
                       ("prev_df", DataType.INT64, {}), ("gen", DataType.INT64, {})], 2)
        make("meta", [("key", DataType.VARCHAR, {"is_primary": True, "max_length": 64}),
                      ("value", DataType.VARCHAR, {"max_length": 65535})], 2)

    def _loaded(self) -> None:
        """A reopened milvus-lite collection must be loaded again before it is read."""
        with self._lock:
            if getattr(self, "_is_loaded", False):
                return
            for kind in ("passages", "statements", "articles", "terms", "meta"):
                self.c.load_collection(self.name(kind))
            self._is_loaded = True

    def _state(self) -> dict[str, Any] | None:
        if not self.c.has_collection(self.name("meta")):
            return None
        self._loaded()
        rows = self.c.query(self.name("meta"), filter='key == "state"', output_fields=["value"],
                            consistency_level="Strong")
        return json.loads(rows[0]["value"]) if rows else None

    def _iter(self, kind: str, expr: str, fields: list[str]) -> Iterator[dict[str, Any]]:
        it = self.c.query_iterator(self.name(kind), batch_size=BATCH, filter=expr,
                                   output_fields=fields, consistency_level="Strong")
        try:
            while True:
                page = it.next()
                if not page:
                    return
                yield from page
        finally:
            it.close()

    # -- the Store verbs ------------------------------------------------------------------------

    def generation(self) -> str | None:
        st = self._state()
        return None if st is None else f"milvus-{st['generation']:06d}"

    def exists(self) -> bool:
        return self._state() is not None

    def view(self, fingerprint: str | None) -> MilvusView:
        st = self._state()
        if st is None:
            raise IndexUnavailable(
                f"no index at {self.uri} yet: run `newsqa index PATH` to add articles"
            )
        if st.get("format_version") != FORMAT_VERSION:
            raise IndexUnavailable(
                f"the index at {self.uri} has format version {st.get('format_version')}, this "
                f"newsqa reads {FORMAT_VERSION}: {REINDEX}"
            )
        check_meta(self.uri, st, fingerprint)
        return MilvusView(self, st)

    def catalog(self) -> Catalog:
        st = self._state()
        if st is None:
            return Catalog({}, {}, {})
        hashes: dict[str, str] = {}
        texts: dict[str, str] = {}
        for row in self._iter("articles", _live_expr(st) + " and part == 0", ["record"]):
            rec = json.loads(row["record"])
            hashes[rec["id"]] = rec["hash"]
            texts[rec["text_hash"]] = rec["id"]
        return Catalog(hashes, texts, {k: st[k] for k in ("model", "chunking",
                                                          "extractor_version") if k in st})

    def writing(self) -> contextlib.AbstractContextManager[None]:
        return writer_lock(self.lock_dir / f".{self.prefix}.milvus.lock")

    def apply(self, change: Change) -> str:
        old = self._state()
        counters: dict[str, int] = {}
        if old and old.get("format_version") != FORMAT_VERSION:
            if not change.reset:
                raise IndexUnavailable(
                    f"the index at {self.uri} has format version {old.get('format_version')}, "
                    f"this newsqa writes {FORMAT_VERSION}: {REINDEX}")
            # A rebuild of an older format: new collections, ids still never reused.
            counters = {k: old[k] for k in ("next_pid", "next_sid") if k in old}
            for kind in ("passages", "statements", "articles", "terms", "meta"):
                self.c.drop_collection(self.name(kind))
            self._is_loaded = False
            old = None
        meta: dict[str, Any] = dict(
            {k: old[k] for k in ("model", "chunking", "extractor_version") if k in old}
            if old else {})
        meta.update(change.meta)
        dim = int(meta["model"]["dim"])
        self._ensure(dim)
        self._loaded()
        st: dict[str, Any] = dict(old) if old else {
            "format_version": FORMAT_VERSION, "generation": 0, "next_pid": 0, "next_sid": 0,
            "next_tid": 0, "passages": 0, "len_sum": 0, "killed": [[], []],
        }
        st.update(counters)
        gen = int(st["generation"]) + 1
        # Rows of a write that died before its commit.
        for kind in ("passages", "statements", "articles"):
            self.c.delete(self.name(kind), filter=f"gen >= {gen}")
        live_expr = _live_expr(st) if old else "gen < 0"
        # The live copies of deleted or replaced articles (passage and article rows carry the
        # key article@gen, statement rows article@gen+"s"), and the statements re-extracted.
        gone = set(change.delete) | {d.article.id for d in change.put}
        gone_keys: set[str] = set()
        restated_keys: set[str] = set()
        if change.reset:
            gone_keys = {r["akey"] for r in self._iter("articles", live_expr + " and part == 0",
                                                       ["akey"])}
        else:
            ids = sorted(gone)
            for lo in range(0, len(ids), BATCH):
                gone_keys |= {r["akey"] for r in self.c.query(
                    self.name("articles"),
                    filter=f"{live_expr} and part == 0 and article_id in {_q(ids[lo:lo + BATCH])}",
                    output_fields=["akey"], consistency_level="Strong")}
            ids = sorted(change.restatements)
            for lo in range(0, len(ids), BATCH):
                restated_keys |= {r["akey"] for r in self._iter(
                    "statements", f"{live_expr} and article_id in {_q(ids[lo:lo + BATCH])}",
                    ["akey"])}
        # Term statistics of what goes and what comes.
        df_delta: Counter[str] = Counter()
        n_delta, len_delta = 0, 0
        tid_of = self._term_ids_of_keys(gone_keys, live_expr)
        for row in self._passage_terms(gone_keys, live_expr):
            n_delta -= 1
            len_delta -= int(row["dl"])
            for tid in row["terms"]:
                df_delta[tid_of[int(tid)]] -= 1
        new_terms = {t for d in change.put for c in d.terms for t in c}
        known = self._terms(new_terms)
        next_tid = int(st["next_tid"])
        for t in sorted(new_terms - known.keys()):
            known[t] = {"tid": next_tid, "df": 0, "prev_df": 0, "gen": 0}
            next_tid += 1
        for d in change.put:
            for c in d.terms:
                n_delta += 1
                len_delta += sum(c.values())
                for t in c:
                    df_delta[t] += 1
        n_after = int(st["passages"]) + n_delta
        len_after = int(st["len_sum"]) + len_delta
        avgdl = len_after / n_after if n_after else 1.0
        written = 0
        # 1. New rows under the new generation (invisible to every view until the commit).
        pid, sid = int(st["next_pid"]), int(st["next_sid"])
        p_rows: list[dict[str, Any]] = []
        s_rows: list[dict[str, Any]] = []
        a_rows: list[dict[str, Any]] = []
        for d in change.put:
            a = d.article
            akey = f"{a.id}@{gen}"
            date, origin = a.date or "", _origin(a)
            for (s, e), v, c in zip(d.spans, d.vectors, d.terms, strict=True):
                dl = sum(c.values())
                norm = K1 * (1 - B + B * dl / avgdl)
                p_rows.append({"pid": pid, "article_id": a.id, "akey": akey, "gen": gen,
                               "start": s, "end": e, "dl": dl, "avgdl": avgdl,
                               "date": date, "origin": origin,
                               "vector": np.asarray(v, np.float32).tolist(),
                               "terms": {int(known[t]["tid"]): float(n * (K1 + 1) / (n + norm))
                                         for t, n in c.items()}})
                pid += 1
            s_rows += self._statement_rows(d.statements, d.statement_vectors, a.id,
                                           akey + "s", gen, sid)
            sid += len(d.statements)
            a_rows += _article_rows(a, d.hash, akey, gen)
        # Re-extracted statements replace the old ones; passages and article rows stay.
        for aid, (stmts, vecs) in change.restatements.items():
            s_rows += self._statement_rows(stmts, vecs, aid, f"{aid}@{gen}s", gen, sid)
            sid += len(stmts)
        for kind, rows in (("passages", p_rows), ("statements", s_rows), ("articles", a_rows)):
            for lo in range(0, len(rows), BATCH):
                part = rows[lo:lo + BATCH]
                self.c.insert(self.name(kind), part)
                written += sum(len(json.dumps(r, default=str)) for r in part)
        # Term rows: upserted with their previous df kept for views of the last generation.
        known.update(self._terms(df_delta.keys() - known.keys()))
        term_rows = []
        for t, delta in df_delta.items():
            k = known[t]
            if delta == 0 and k.get("gen"):
                continue
            term_rows.append({"term": t, "tid": int(k["tid"]), "df": int(k["df"]) + delta,
                              "prev_df": int(k["df"]), "gen": gen, "vector": [0.0, 0.0]})
        for lo in range(0, len(term_rows), BATCH):
            self.c.upsert(self.name("terms"), term_rows[lo:lo + BATCH])
        # 2. The commit: one state row.
        killed_now = sorted(gone_keys | {k + "s" for k in gone_keys} | restated_keys)
        previous_killed = st["killed"][0]
        st.update(meta)
        st.update({"generation": gen, "next_pid": pid, "next_sid": sid, "next_tid": next_tid,
                   "passages": n_after, "len_sum": len_after,
                   "killed": [killed_now, previous_killed]})
        value = json.dumps(st)
        if len(value) > 65000:  # too many kills to list: delete them now instead
            st["killed"] = [[], []]
            value = json.dumps(st)
            previous_killed = previous_killed + killed_now
        self.c.upsert(self.name("meta"), [{"key": "state", "value": value, "vector": [0, 0]}])
        written += len(value)
        # 3. Rows killed by the write before this one (views of it are one write old now).
        for kind in ("passages", "statements", "articles"):
            for lo in range(0, len(previous_killed), BATCH):
                keys = previous_killed[lo:lo + BATCH]
                self.c.delete(self.name(kind), filter=f"akey in {_q(keys)}")
        self.last_write_bytes = written
        return f"milvus-{gen:06d}"

    def _statement_rows(self, stmts: Sequence[Statement], vecs: np.ndarray, aid: str,
                        akey: str, gen: int, sid: int) -> list[dict[str, Any]]:
        rows = []
        for j, s in enumerate(stmts):
            rec = {"role": s.role, "kind": s.kind, "cue": s.cue, "start": s.start,
                   "end": s.end}
            rows.append({"sid": sid + j, "article_id": aid, "akey": akey, "gen": gen,
                         "speaker": s.speaker, "record": json.dumps(rec, ensure_ascii=False),
                         "vector": np.asarray(vecs[j], np.float32).tolist()})
        return rows

    def _terms(self, terms: Iterable[str]) -> dict[str, dict[str, Any]]:
        ts = sorted(terms)
        out: dict[str, dict[str, Any]] = {}
        for lo in range(0, len(ts), BATCH):
            for r in self.c.query(self.name("terms"), filter=f"term in {_q(ts[lo:lo + BATCH])}",
                                  output_fields=["term", "tid", "df", "prev_df", "gen"],
                                  consistency_level="Strong"):
                out[r["term"]] = r
        return out

    def _passage_terms(self, akeys: set[str], live_expr: str) -> Iterator[dict[str, Any]]:
        keys = sorted(akeys)
        for lo in range(0, len(keys), BATCH):
            yield from self._iter("passages", f"{live_expr} and akey in {_q(keys[lo:lo + BATCH])}",
                                  ["dl", "terms"])

    def _term_ids_of_keys(self, akeys: set[str], live_expr: str) -> dict[int, str]:
        tids: set[int] = set()
        for row in self._passage_terms(akeys, live_expr):
            tids |= {int(t) for t in row["terms"]}
        out: dict[int, str] = {}
        ids = sorted(tids)
        for lo in range(0, len(ids), BATCH):
            for r in self.c.query(self.name("terms"), filter=f"tid in {_q(ids[lo:lo + BATCH])}",
                                  output_fields=["term", "tid"], consistency_level="Strong"):
                out[int(r["tid"])] = r["term"]
        return out

    def disk_bytes(self) -> int:
        if "://" in self.uri:
            return 0
        p = Path(self.uri)
        if p.is_dir():
            return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        return p.stat().st_size if p.exists() else 0


def _live_expr(st: Mapping[str, Any]) -> str:
    """Rows of this state: written at or before its generation, not killed since."""
    killed = [k for group in st.get("killed", ()) for k in group]
    expr = f"gen <= {int(st['generation'])}"
    if killed:
        expr += f" and akey not in {_q(killed)}"
    return expr


def _article_rows(a: Article, h: str, akey: str, gen: int) -> list[dict[str, Any]]:
    parts = [a.text[i:i + TEXT_PART] for i in range(0, len(a.text), TEXT_PART)] or [""]
    head = {"id": a.id, "title": a.title, "date": a.date, "source": a.source, "url": a.url,
            "authors": list(a.authors), "path": a.path, "hash": h, "text_hash": a.text_hash,
            "parts": len(parts)}
    rows = []
    for i, text in enumerate(parts):
        rec = {**head, "text": text} if i == 0 else {"text": text}
        rows.append({"key": f"{akey}#{i}", "article_id": a.id, "akey": akey, "gen": gen,
                     "part": i, "record": json.dumps(rec, ensure_ascii=False),
                     "vector": [0.0, 0.0]})
    return rows


class MilvusView:
    """One state of the Milvus store. Article records are held in memory; passages, vectors and
    statements are fetched by id, and searched in Milvus under the view's expression."""

    def __init__(self, store: MilvusStore, state: Mapping[str, Any]) -> None:
        self.store = store
        self.c = store.c
        self.state = dict(state)
        self.generation: str | None = f"milvus-{state['generation']:06d}"
        self.manifest: Mapping[str, Any] = MappingProxyType(self.state)
        self.gen = int(state["generation"])
        self.expr = _live_expr(state)
        self._n = int(state["passages"])
        self._avg = state["len_sum"] / self._n if self._n else 0.0
        heads: dict[str, dict[str, Any]] = {}
        texts: dict[str, dict[int, str]] = {}
        for row in store._iter("articles", self.expr, ["article_id", "part", "record"]):
            rec = json.loads(row["record"])
            texts.setdefault(row["article_id"], {})[int(row["part"])] = rec.pop("text")
            if int(row["part"]) == 0:
                heads[row["article_id"]] = rec
        articles: dict[str, Article] = {}
        for aid, rec in heads.items():
            parts = texts[aid]
            articles[aid] = Article(
                id=aid, title=rec["title"], text="".join(parts[i] for i in range(rec["parts"])),
                date=rec["date"], source=rec["source"], url=rec["url"],
                authors=tuple(rec["authors"]), path=rec["path"])
        self.articles: Mapping[str, Article] = MappingProxyType(articles)
        self.hashes: Mapping[str, str] = MappingProxyType(
            {aid: rec["hash"] for aid, rec in heads.items()})
        self.text_hashes: Mapping[str, str] = MappingProxyType(
            {aid: rec["text_hash"] for aid, rec in heads.items()})
        self.dim = int(state["model"]["dim"])
        self._rows: dict[int, dict[str, Any]] = {}
        self._terms: dict[str, tuple[int, int]] = {}  # term -> (tid, df in this view)

    @property
    def size(self) -> int:
        return self._n

    def _fetch(self, ids: Sequence[int] | np.ndarray) -> list[dict[str, Any]]:
        want = [int(i) for i in ids if int(i) not in self._rows]
        for lo in range(0, len(want), BATCH):
            for r in self.c.query(
                    self.store.name("passages"),
                    filter=f"{self.expr} and pid in {_q(want[lo:lo + BATCH])}",
                    output_fields=["pid", "article_id", "start", "end", "dl", "avgdl", "vector",
                                   "terms"], consistency_level="Strong"):
                self._rows[int(r["pid"])] = r
        try:
            return [self._rows[int(i)] for i in ids]
        except KeyError:
            raise KeyError("unknown passage id") from None

    def passage(self, i: int) -> Chunk:
        r = self._fetch([i])[0]
        a = self.articles[r["article_id"]]
        s, e = int(r["start"]), int(r["end"])
        return Chunk(a.id, s, e, a.text[s:e])

    def passage_ids(self) -> np.ndarray:
        ids = [int(r["pid"]) for r in self.store._iter("passages", self.expr, ["pid"])]
        return np.array(sorted(ids), dtype=np.int64)

    def passage_vectors(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        if not len(ids):
            return np.zeros((0, self.dim), np.float32)
        return np.array([r["vector"] for r in self._fetch(ids)], dtype=np.float32)

    def vectors(self) -> np.ndarray:
        return self.passage_vectors(list(self.passage_ids()))

    def allowed_rows(self, scope: Scope | None) -> Selection | None:
        if not scope:
            return None
        expr = scope_expr(scope)
        if expr is None:  # the few articles' ids instead
            ids = sorted(a.id for a in self.articles.values() if scope.admits(a))
            expr = f"article_id in {_q(ids)}"
        return Selection(self, f"{self.expr} and {expr}")

    def _filter(self, rows: Selection | None) -> str:
        if rows is None:
            return self.expr
        if not isinstance(rows, Selection) or rows.view is not self:
            raise TypeError("rows must come from this view's allowed_rows")
        return rows.expr

    def dense_search(self, qvec: np.ndarray, k: int,
                     rows: Selection | None = None) -> list[tuple[int, float]]:
        if not self._n or k <= 0 or (rows is not None and not len(rows)):
            return []
        k = min(k, self._n if rows is None else len(rows), 16384)
        res = self.c.search(self.store.name("passages"),
                            data=[np.asarray(qvec, np.float32).tolist()], anns_field="vector",
                            limit=k, filter=self._filter(rows), output_fields=["pid"],
                            search_params={"metric_type": "IP"}, consistency_level="Strong")
        hits = res[0]
        ids = np.array([int(h["pid"]) for h in hits], dtype=np.int64)
        scores = np.array([float(h["distance"]) for h in hits], dtype=np.float64)
        return top_k(ids, scores, k)

    def _term(self, terms: Iterable[str]) -> None:
        want = [t for t in dict.fromkeys(terms) if t not in self._terms]
        if not want:
            return
        found = self.store._terms(want)
        for t in want:
            r = found.get(t)
            if r is None:
                self._terms[t] = (-1, 0)
            else:
                df = int(r["df"]) if int(r["gen"]) <= self.gen else int(r["prev_df"])
                self._terms[t] = (int(r["tid"]), df)

    def idf(self, term: str) -> float:
        self._term([term])
        return bm25_idf(self._n, float(self._terms[term][1]))

    def lexical_search(self, terms: Sequence[str], k: int,
                       rows: Selection | None = None) -> list[tuple[int, float]]:
        if not self._n or k <= 0 or (rows is not None and not len(rows)):
            return []
        self._term(terms)
        q = {self._terms[t][0]: self.idf(t) for t in dict.fromkeys(terms)
             if self._terms[t][0] >= 0 and self._terms[t][1] > 0}
        if not q:
            return []
        depth = min(max(4 * k, LEXICAL_DEPTH), 16384)
        res = self.c.search(self.store.name("passages"), data=[q], anns_field="terms",
                            limit=depth, filter=self._filter(rows),
                            output_fields=["pid", "article_id", "start", "end", "dl", "avgdl",
                                           "terms", "vector"],
                            search_params={"metric_type": "IP"}, consistency_level="Strong")
        ids, scores = [], []
        for h in res[0]:
            r = h["entity"]
            r["pid"] = int(h.get("pid", r.get("pid")))
            self._rows[r["pid"]] = r
            ids.append(r["pid"])
            scores.append(self._bm25(r, q))
        return top_k(np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64), k)

    def _bm25(self, row: Mapping[str, Any], q: Mapping[int, float]) -> float:
        """The exact BM25 score with this view's statistics (the stored weights used the mean
        length at write time; the term count is recovered from them)."""
        dl = float(row["dl"])
        k_w = K1 * (1 - B + B * dl / float(row["avgdl"]))
        k_now = K1 * (1 - B + B * dl / max(self._avg, 1e-9))
        score = 0.0
        weights = {int(t): float(w) for t, w in row["terms"].items()}
        for tid, idf in q.items():
            w = weights.get(tid)
            if w:
                tf = round(w * k_w / (K1 + 1 - w))
                score += idf * tf * (K1 + 1) / (tf + k_now)
        return score

    def coverage(self, terms: Sequence[str], ids: Sequence[int]) -> np.ndarray:
        out = np.zeros(len(ids), dtype=np.float32)
        self._term(terms)
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values())
        if not len(ids) or not terms or total == 0:
            return out
        for j, r in enumerate(self._fetch(ids)):
            have = {int(t) for t in r["terms"]}
            out[j] = sum(w for t, w in weights.items() if self._terms[t][0] in have)
        return out / total

    # -- statements -----------------------------------------------------------------------------

    def _statement(self, row: Mapping[str, Any]) -> Statement:
        rec = json.loads(row["record"])
        text = self.articles[row["article_id"]].text[rec["start"]:rec["end"]]
        return Statement(article_id=row["article_id"], speaker=row["speaker"], role=rec["role"],
                         kind=rec["kind"], cue=rec["cue"], text=text, start=rec["start"],
                         end=rec["end"])

    @cached_property
    def _speakers(self) -> dict[str, int]:
        return dict(Counter(r["speaker"] for r in self.store._iter("statements", self.expr,
                                                                    ["speaker"])))

    def speaker_names(self) -> Mapping[str, int]:
        return self._speakers

    @cached_property
    def _roles(self) -> dict[str, Counter[str]]:
        arts: dict[tuple[str, str], set[str]] = {}
        for r in self.store._iter("statements", self.expr, ["article_id", "speaker", "record"]):
            role = json.loads(r["record"]).get("role")
            if role:
                arts.setdefault((r["speaker"], role), set()).add(r["article_id"])
        out: dict[str, Counter[str]] = {}
        for (speaker, role), ids in arts.items():
            out.setdefault(speaker, Counter())[role] = len(ids)
        return out

    def speaker_roles(self) -> Mapping[str, Mapping[str, int]]:
        """speaker -> role -> in how many articles: read from the statements' records once per
        view, in pages, on the first question that names a role (no statement text)."""
        return self._roles

    def statements_by_speaker(self, names: Iterable[str]) -> list[tuple[int, Statement]]:
        want = sorted(set(names))
        out: list[tuple[int, Statement]] = []
        for lo in range(0, len(want), BATCH):
            out += [(int(r["sid"]), self._statement(r)) for r in self.store._iter(
                "statements", f"{self.expr} and speaker in {_q(want[lo:lo + BATCH])}",
                ["sid", "article_id", "speaker", "record"])]
        out.sort(key=lambda x: x[0])
        return out

    def statement_vectors(self, ids: Sequence[int]) -> np.ndarray | None:
        if not len(ids):
            return np.zeros((0, self.dim), np.float32)
        got: dict[int, list[float]] = {}
        want = [int(i) for i in ids]
        for lo in range(0, len(want), BATCH):
            for r in self.c.query(self.store.name("statements"),
                                  filter=f"{self.expr} and sid in {_q(want[lo:lo + BATCH])}",
                                  output_fields=["sid", "vector"], consistency_level="Strong"):
                got[int(r["sid"])] = r["vector"]
        return np.array([got[i] for i in want], dtype=np.float32)

    def speaker_statements(self, names: Iterable[str], query: np.ndarray | None, limit: int,
                           scope: Scope | None = None) -> SpeakerStatements:
        """With a topic and no scope: a filtered vector search in Milvus (`speaker in [...]`), so
        only the chosen statements leave the server. Otherwise the speaker's statements are
        read and chosen here (without a topic the newest are wanted, which Milvus cannot sort)."""
        want = sorted(set(names))
        total = sum(self._speakers.get(n, 0) for n in want)
        if query is None or scope or not total or len(want) > BATCH:
            return speaker_statements_from(self, want, query, limit, scope)
        res = self.c.search(self.store.name("statements"),
                            data=[np.asarray(query, np.float32).tolist()], anns_field="vector",
                            limit=min(2 * limit + 10, total, 16384),  # ties: see below
                            filter=f"{self.expr} and speaker in {_q(want)}",
                            output_fields=["sid", "article_id", "speaker", "record"],
                            search_params={"metric_type": "IP"}, consistency_level="Strong")
        rows = [(int(_entity(h)["sid"]), h) for h in res[0]]
        sids = np.array([sid for sid, _ in rows], dtype=np.int64)
        scores = np.array([float(h["distance"]) for _, h in rows], dtype=np.float32)
        dates = np.array([date_number(self.articles[_entity(h)["article_id"]].date)
                          for _, h in rows], dtype=np.int64)
        pick = choose_statements(sids, scores, dates, limit)  # ties broken as the file store does
        return SpeakerStatements(
            tuple((int(sids[i]), self._statement(_entity(rows[i][1])), float(scores[i]))
                  for i in pick), total, True)

    @cached_property
    def statement_items(self) -> tuple[tuple[int, Statement], ...]:
        items = [(int(r["sid"]), self._statement(r)) for r in self.store._iter(
            "statements", self.expr, ["sid", "article_id", "speaker", "record"])]
        items.sort(key=lambda x: x[0])
        return tuple(items)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for _, s in self.statement_items)

    def disk_bytes(self) -> int:
        return self.store.disk_bytes()


def _entity(hit: Mapping[str, Any]) -> Mapping[str, Any]:
    """A search hit's fields (pymilvus nests them under "entity")."""
    return hit.get("entity", hit)
