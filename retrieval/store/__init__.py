"""Where the index lives: one interface (`base`), one module per backend.

`open_store(settings)` picks the backend named by `store.backend`: `files` (segments under
`paths.index_dir`, the embedded default) or `milvus` (`store.uri`: a local milvus-lite file or a
Milvus server)."""

from __future__ import annotations

from ..config import Settings
from .base import REINDEX, ArticleData, Catalog, Change, Scope, SpeakerStatements, Store, View

__all__ = ["REINDEX", "ArticleData", "Catalog", "Change", "Scope", "SpeakerStatements", "Store",
           "View", "open_store"]


def open_store(settings: Settings) -> Store:
    s = settings.store
    if s.backend == "milvus":
        from .milvus import MilvusStore

        uri = s.uri or ""
        if "://" not in uri:
            uri = str(settings.resolve(uri))
        return MilvusStore(uri, s.collection, lock_dir=settings.index_dir)
    from .files import FileStore

    return FileStore(settings.index_dir, dense=s.dense,
                     approximate_min_passages=s.approximate_min_passages,
                     ef_search=s.hnsw_ef_search, probe_share=s.ivf_probe_share,
                     merge_segments=s.merge_segments,
                     merge_max_passages=s.merge_max_passages)
