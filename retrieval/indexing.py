"""Turning a set of incoming articles and removals into a new index generation.

Only new or changed articles (by content hash) are chunked and embedded; everything else is carried
over from the previous generation, vectors included. A changed article's old passages and
statements are replaced; a removed article leaves nothing behind in either index.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from . import index as store
from .chunking import chunk_article
from .config import ChunkingSettings
from .embedding import Embedder
from .lexical import Lexical
from .models import Article, IndexReport, Rejected, Statement
from .quotes import extract_statements

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
    root: Path,
    old: store.Snapshot,
    incoming: Sequence[Article],
    remove: Sequence[str],
    embedder: Embedder,
    chunking: ChunkingSettings,
    rejected: Sequence[Rejected] = (),
    progress: Progress | None = None,
    model: Mapping[str, object] | None = None,
) -> tuple[IndexReport, bool]:
    """Apply the changes; publish a new generation if anything changed. Returns (report, changed).

    Call under `store.write_lock(root)`, with `old` loaded under that lock.
    """
    rejected = list(rejected)
    seen_ids: dict[str, Article] = {}
    by_text = {a.text_hash: a.id for a in old.articles.values()}
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
        if old.hashes.get(art.id) == h:
            unchanged.append(art.id)
            continue
        same_text = by_text.get(art.text_hash)
        if same_text is not None and same_text != art.id:
            duplicates.append((art.id, same_text))
            continue
        by_text[art.text_hash] = art.id
        (updated if art.id in old.articles else added).append(art.id)
        fresh.append(art)
    fresh_ids = {a.id for a in fresh}
    removed = [i for i in dict.fromkeys(remove) if i in old.articles and i not in fresh_ids]
    missing = [i for i in dict.fromkeys(remove) if i not in old.articles]
    report = IndexReport(
        added=tuple(added), updated=tuple(updated), unchanged=tuple(unchanged),
        removed=tuple(removed), duplicates=tuple(duplicates), rejected=tuple(rejected),
        missing=tuple(missing),
    )
    if not fresh and not removed:
        return report, False

    gone = set(removed) | {a.id for a in fresh if a.id in old.articles}
    keep_rows = np.array(
        [i for i, a in enumerate(old.passage_article) if a not in gone], dtype=np.int64
    )
    kept_articles = [(a, old.hashes[a.id]) for a in old.articles.values() if a.id not in gone]
    passages = [
        (old.passage_article[i], int(old.passage_start[i]), int(old.passage_end[i]))
        for i in keep_rows
    ]
    statements: list[Statement] = [s for s in old.statements if s.article_id not in gone]

    new_texts: list[str] = []
    new_inputs: list[str] = []
    if progress:
        progress("chunking", 0, len(fresh))
    for n, art in enumerate(fresh, start=1):
        chunks = chunk_article(art, embedder.token_spans, chunking.max_tokens,
                               chunking.overlap_tokens)
        texts = [c.text for c in chunks]
        new_inputs += embedding_inputs(embedder, art.title, texts, chunking.max_tokens)
        new_texts += [f"{art.title}\n{t}" for t in texts]
        passages += [(art.id, c.start, c.end) for c in chunks]
        statements += extract_statements(art.id, art.text)
        if progress:
            progress("chunking", n, len(fresh))
    new_vectors = embedder.embed(
        new_inputs, progress=(lambda d, t: progress("embedding", d, t)) if progress else None
    )
    if progress:
        progress("writing", 0, 1)
    old_vectors = old.vectors()[keep_rows] if len(keep_rows) else np.zeros(
        (0, embedder.dim), dtype=np.float32
    )
    vectors = np.vstack([old_vectors, new_vectors]) if len(new_vectors) else old_vectors
    lexical = old.lexical.select_and_extend(keep_rows, Lexical.rows(new_texts))
    store.publish(
        root,
        articles=kept_articles + [(a, a.content_hash) for a in fresh],
        passages=passages,
        vectors=vectors,
        lexical=lexical,
        statements=statements,
        model=model if model is not None else model_manifest(embedder),
        chunking=chunking_manifest(chunking),
    )
    if progress:
        progress("writing", 1, 1)
    return replace(report, chunks_embedded=len(new_inputs)), True
