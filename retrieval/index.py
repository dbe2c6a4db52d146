"""The read view the answer path uses. The index itself lives in `retrieval/store/`: an
interface and one module per backend (segments on disk, or Milvus)."""

from __future__ import annotations

from .store.base import REINDEX, Scope
from .store.base import View as Snapshot

__all__ = ["REINDEX", "Scope", "Snapshot"]
