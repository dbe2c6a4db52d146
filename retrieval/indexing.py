"""Turning a set of incoming articles and removals into one atomic store change.

Only new or changed articles (by content hash) are chunked and embedded; everything else stays
where it is in the store. A changed article's old passages and statements are replaced; a removed
article leaves nothing behind. The quote extractor is imported here and nowhere else in the write
path, so that its version recorded with the index and the running one are the same names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .attribution import EXTRACTOR_VERSION, extract_statements
from .chunking import chunk_article
from .config import ChunkingSettings
from .embedding import Embedder
from .lexical import term_counts
from .models import Article, IndexReport, Rejected, Statement
from .store import ArticleData, Catalog, Change, Store

Progress = Callable[[str, int, int], None]  # (phase, done, total), as Engine's
SPLITTER = "sentences-v1"


def chunking_manifest(settings: ChunkingSettings) -> dict[str, object]:
    return {
        "max_tokens": settings.max_tokens,
        "overlap_tokens": settings.overlap_tokens,
        "splitter": SPLITTER,
        "title_prefix": True,
    }


def model_manifest(embedder: Embedder) -> dict[str, object]:
    return {
        "name": embedder.name,
        "sha256": embedder.fingerprint,
        "dim": embedder.dim,
        "max_tokens": embedder.max_tokens,
    }


def embedding_inputs(
    embedder: Embedder, title: str, texts: Sequence[str], chunk_max: int
) -> list[str]:
    """Each passage prefixed with as much of its title as fits the model's window."""
    budget = embedder.max_tokens - 2 - chunk_max - 1  # [CLS], [SEP], the separator
    if budget <= 0 or not title:
        return list(texts)
    spans = embedder.token_spans([title])[0]
    head = title if len(spans) <= budget else title[: spans[budget - 1][1]]
    return [f"{head}. {t}" for t in texts]


def update(
    store: Store,
    incoming: Sequence[Article],
    remove: Sequence[str],
    embedder: Embedder,
    chunking: ChunkingSettings,
    rejected: Sequence[Rejected] = (),
    progress: Progress | None = None,
    *,
    reset: bool = False,
    model: Mapping[str, object] | None = None,
    fingerprint: str | None = None,
) -> tuple[IndexReport, bool]:
    """Apply the changes as one atomic store change. Returns (report, changed).

    Call inside `store.writing()`. `reset`: the index holds only `incoming` afterwards. Only new
    or changed articles are chunked and embedded (their passages and statement texts in one
    `embed` call); the model is not touched otherwise. When the stored statements come from
    another extractor version, they are extracted again from the stored texts (passages stay).
    """
    catalog = store.catalog() if not reset else Catalog({}, {}, {})
    rejected = list(rejected)
    seen_ids: dict[str, Article] = {}
    by_text: dict[str, str] = {}  # text hash -> id, for this batch
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    duplicates: list[tuple[str, str]] = []
    fresh: list[Article] = []
    for art in incoming:
        first = seen_ids.get(art.id)
        if first is not None:
            if first.content_hash != art.content_hash:
                rejected.append(Rejected(
                    art.path or art.id,
                    f"article id '{art.id}' is used twice in this batch (also {first.path})",
                ))
            continue
        seen_ids[art.id] = art
        h = art.content_hash
        if catalog.hashes.get(art.id) == h:
            unchanged.append(art.id)
            continue
        same_text = by_text.get(art.text_hash) or catalog.text_owner.get(art.text_hash)
        if same_text is not None and same_text != art.id:
            duplicates.append((art.id, same_text))
            continue
        by_text[art.text_hash] = art.id
        (updated if art.id in catalog.hashes else added).append(art.id)
        fresh.append(art)
    fresh_ids = {a.id for a in fresh}
    removed = [i for i in dict.fromkeys(remove) if i in catalog.hashes and i not in fresh_ids]
    missing = [i for i in dict.fromkeys(remove) if i not in catalog.hashes]
    report = IndexReport(
        added=tuple(added), updated=tuple(updated), unchanged=tuple(unchanged),
        removed=tuple(removed), duplicates=tuple(duplicates), rejected=tuple(rejected),
        missing=tuple(missing),
    )
    stale = bool(catalog.hashes) and catalog.meta.get("extractor_version") != EXTRACTOR_VERSION
    if not fresh and not removed and not stale and not reset:
        return report, False

    plans: list[Plan] = []
    inputs: list[str] = []
    if progress:
        progress("chunking", 0, len(fresh))
    for n_done, art in enumerate(fresh, start=1):
        plans.append(plan_article(art, embedder, chunking))
        inputs += plans[-1].inputs
        if progress:
            progress("chunking", n_done, len(fresh))
    restatements, restate_inputs = (
        _reextract(store, fingerprint, set(removed) | fresh_ids) if stale else ({}, [])
    )
    embed_progress = (lambda d, t: progress("embedding", d, t)) if progress else None
    vectors = (embedder.embed(inputs + restate_inputs, progress=embed_progress)
               if inputs or restate_inputs else np.zeros((0, 0), np.float32))
    put: list[ArticleData] = []
    at = 0
    for plan in plans:
        put.append(plan.data(vectors[at:at + len(plan.inputs)]))
        at += len(plan.inputs)
    n_passages = sum(len(p.spans) for p in plans)
    restated = _fill_vectors(restatements, vectors[at:])
    meta: dict[str, object] = {"chunking": chunking_manifest(chunking),
                               "extractor_version": EXTRACTOR_VERSION}
    if reset or not catalog.meta.get("model"):
        meta["model"] = dict(model) if model is not None else model_manifest(embedder)
    if progress:
        progress("writing", 0, 1)
    store.apply(Change(put=tuple(put), delete=tuple(removed), reset=reset,
                       restatements=restated, meta=meta))
    if progress:
        progress("writing", 1, 1)
    return replace(report, chunks_embedded=n_passages), True


@dataclass(frozen=True)
class Plan:
    """An article cut into passages, with its statements, before embedding: `inputs` is what to
    embed (its passages as the model sees them, then its statements), in that order."""

    article: Article
    spans: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]
    statements: tuple[Statement, ...]
    inputs: tuple[str, ...]

    def data(self, vectors: np.ndarray) -> ArticleData:
        """What the store keeps, given one vector per input."""
        n = len(self.spans)
        a = self.article
        return ArticleData(
            article=a, hash=a.content_hash, spans=self.spans, vectors=vectors[:n],
            terms=tuple(term_counts(f"{a.title}\n{t}" for t in self.texts)),
            statements=self.statements, statement_vectors=vectors[n:])


def plan_article(art: Article, embedder: Embedder, chunking: ChunkingSettings) -> Plan:
    chunks = chunk_article(art, embedder.token_spans, chunking.max_tokens,
                           chunking.overlap_tokens)
    texts = tuple(c.text for c in chunks)
    statements = tuple(extract_statements(art.id, art.text))
    inputs = (*embedding_inputs(embedder, art.title, list(texts), chunking.max_tokens),
              *(s.text for s in statements))
    return Plan(art, tuple((c.start, c.end) for c in chunks), texts, statements, inputs)


_Restatement = tuple[tuple[Statement, ...], list[np.ndarray | int]]


def _reextract(store: Store, fingerprint: str | None, skip: set[str]
               ) -> tuple[dict[str, _Restatement], list[str]]:
    """Statements of every stored article (but `skip`) from the running extractor, each with
    its stored vector when the same text was embedded before, else an index into the returned
    texts to embed."""
    view = store.view(fingerprint)
    old_vec: dict[str, np.ndarray] = {}
    items = list(view.statements_by_speaker(view.speaker_names()))
    if items:
        vecs = view.statement_vectors([i for i, _ in items])
        if vecs is not None:
            old_vec = {st.text: vecs[j] for j, (_, st) in enumerate(items)}
    out: dict[str, _Restatement] = {}
    texts: list[str] = []
    for aid, art in view.articles.items():
        if aid in skip:
            continue
        statements = tuple(extract_statements(aid, art.text))
        refs: list[np.ndarray | int] = []
        for st in statements:
            if st.text in old_vec:
                refs.append(old_vec[st.text])
            else:
                refs.append(len(texts))
                texts.append(st.text)
        out[aid] = (statements, refs)
    return out, texts


def _fill_vectors(restatements: Mapping[str, _Restatement], fresh: np.ndarray
                  ) -> dict[str, tuple[tuple[Statement, ...], np.ndarray]]:
    out = {}
    for aid, (statements, refs) in restatements.items():
        rows = [fresh[r] if isinstance(r, int) else r for r in refs]
        dim = fresh.shape[1] if fresh.ndim == 2 and fresh.shape[1] else (
            len(rows[0]) if rows else 0)
        out[aid] = (statements, np.vstack(rows).astype(np.float32) if rows
                    else np.zeros((0, dim), np.float32))
    return out
