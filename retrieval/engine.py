"""The one entry point the adapters use: ask, index, remove, reindex, stats, speakers.

An Engine holds the settings, the passage embedder (loaded on first use), the question encoder
(onnxruntime, no torch: `Engine.encoder`) and the current index snapshot.
It is safe to call from worker threads: questions read an immutable snapshot; writes take a file
lock, build a new index generation and swap it in atomically; every call first checks whether
another process (a `newsqa index` in a shell) has published a newer generation and loads it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from . import index as store
from .answer import answer as build_answer
from .answer import newest_date
from .articles import load as load_articles
from .config import Settings
from .embedding import Embedder, fingerprint, passage_embedder, question_encoder
from .errors import IndexUnavailable
from .indexing import chunking_manifest, update
from .models import Answer, Article, Filters, IndexReport, Rejected, Stats
from .people import list_speakers

Progress = Callable[[int, int], None]  # (done, total) passages embedded


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 encoder: Embedder | None = None) -> None:
        self.settings = settings
        self.root = settings.index_dir
        self._embedder = embedder
        self._encoder = encoder
        self._model_lock = threading.Lock()
        self._snapshot: store.Snapshot | None = None
        self._read_lock = threading.Lock()
        self._write_lock = threading.Lock()

    # -- resources -------------------------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        with self._model_lock:
            if self._embedder is None:
                self._embedder = passage_embedder(self.settings.model,
                                                  self.settings.model_cache_dir, self._encoder)
            return self._embedder

    @property
    def encoder(self) -> Embedder:
        """What encodes questions: the embedder the engine was given, else onnxruntime over the
        cached ONNX export of the weights (never torch: a question costs no model import)."""
        with self._model_lock:
            if self._encoder is None:
                self._encoder = self._embedder or question_encoder(
                    self.settings.model, self.settings.model_cache_dir)
            return self._encoder

    def load(self) -> None:
        """Load the question encoder and the index now (if there is one), so that the first
        question is as fast as the rest. The bot calls this before it connects."""
        self.encoder.embed(["warm up"])
        if store.exists(self.root):
            self.snapshot()

    def _fingerprint(self) -> str:
        for known in (self._embedder, self._encoder):
            if known is not None:
                return known.fingerprint
        return fingerprint(self.settings.model, self.settings.model_cache_dir)

    def snapshot(self) -> store.Snapshot:
        """The live index, reloaded when a newer generation has been published."""
        with self._read_lock:
            gen = store.current_generation(self.root)
            if self._snapshot is None or self._snapshot.generation != gen:
                self._snapshot = store.load(self.root, self._fingerprint())
            return self._snapshot

    # -- questions --------------------------------------------------------------------------

    def ask(self, question: str, *, k: int | None = None, filters: Filters = Filters(),
            history: Sequence[str] = ()) -> Answer:
        """Answer from the indexed articles. `history`: earlier questions in the same
        conversation, oldest first, used to resolve a follow-up ("and what about Lavrov?")."""
        snap = self.snapshot()
        return build_answer(
            snap, self.encoder, question, k=k or self.settings.retrieval.k, filters=filters,
            settings=self.settings.retrieval, history=history,
        )

    # -- writes -----------------------------------------------------------------------------

    def index(self, paths: Sequence[str | Path], progress: Progress | None = None) -> IndexReport:
        """Add or update the articles in these files and folders (recursively)."""
        articles, rejected = load_articles(paths)
        return self._write(articles, (), rejected, progress)

    def remove(self, ids: Sequence[str]) -> IndexReport:
        return self._write((), ids, (), None)

    def reindex(self, progress: Progress | None = None) -> IndexReport:
        """Rebuild from scratch from settings.paths.articles (folders that do not exist yet, such
        as an empty uploads folder, are skipped). A rebuild that finds no article at all leaves
        the index as it was."""
        dirs = [d for d in self.settings.article_dirs if d.exists()]
        articles, rejected = load_articles(dirs)
        if not articles:
            folders = ", ".join(str(d) for d in self.settings.article_dirs)
            raise IndexUnavailable(
                f"reindex found no articles in {folders}; the index was left as it was"
            )
        embedder = self.embedder
        with self._write_lock, store.write_lock(self.root):
            base = store.empty_snapshot(self.root, embedder.dim)
            report, _ = update(self.root, base, articles, (), embedder, self.settings.chunking,
                               rejected, progress)
        return report

    def _write(self, articles: Sequence[Article], remove: Sequence[str],
               rejected: Sequence[Rejected], progress: Progress | None) -> IndexReport:
        with self._write_lock, store.write_lock(self.root):
            if store.exists(self.root):
                old = store.load(self.root, self._fingerprint())
                built = old.manifest.get("chunking", {})
                wanted = chunking_manifest(self.settings.chunking)
                if articles and built != wanted:
                    raise IndexUnavailable(
                        f"the chunking settings changed since the index at {self.root} was built "
                        f"({built} -> {wanted}): run `newsqa reindex` to rebuild it"
                    )
                # The model is loaded only if some article is new or changed.
                embedder: Embedder = _LazyEmbedder(self, old.dense.d)
                model = old.manifest.get("model")
            else:
                if not articles:
                    return IndexReport(rejected=tuple(rejected), missing=tuple(remove))
                embedder = self.embedder
                old = store.empty_snapshot(self.root, embedder.dim)
                model = None
            report, _ = update(self.root, old, articles, remove, embedder,
                               self.settings.chunking, rejected, progress, model=model)
        return report

    # -- reading ----------------------------------------------------------------------------

    def stats(self) -> Stats:
        snap = self.snapshot()
        dates = [a.date for a in snap.articles.values() if a.date]
        sources = Counter(a.source or "(unknown)" for a in snap.articles.values())
        return Stats(
            articles=len(snap.articles),
            passages=snap.size,
            statements=len(snap.statements),
            speakers=len({s.speaker for s in snap.statements}),
            newest_date=newest_date(snap),
            oldest_date=min(dates, default=None),
            sources=tuple(sources.most_common()),
            model=str(snap.manifest.get("model", {}).get("name", "?")),
            index_dir=str(self.root),
            generation=snap.generation,
        )

    def speakers(self) -> list[tuple[str, str | None, int]]:
        """(name, role, number of statements), most statements first."""
        return list_speakers(self.snapshot().statements)

    def article(self, article_id: str) -> Article:
        snap = self.snapshot()
        try:
            return snap.articles[article_id]
        except KeyError:
            raise IndexUnavailable(f"no article '{article_id}' in the index") from None


class _LazyEmbedder:
    """The engine's model, loaded only when a passage is actually chunked or embedded."""

    def __init__(self, engine: Engine, dim: int) -> None:
        self._engine = engine
        self.dim = dim

    def __getattr__(self, name: str) -> object:
        return getattr(self._engine.embedder, name)
