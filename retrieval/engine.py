"""The one entry point the adapters use: ask, index, remove, reindex, stats, speakers.

An Engine holds the settings, the passage embedder (loaded on first use), the question encoder
(onnxruntime, no torch: `Engine.encoder`), the store (`store.backend`) and the current view of the
index. It is safe to call from worker threads: questions read an immutable view; writes take the
store's lock and apply one atomic change; every call first checks whether another process (a
`newsqa index` in a shell) has published a newer state and loads it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from .answer import answer as build_answer
from .answer import newest_date
from .articles import load as load_articles
from .attribution import list_speakers
from .config import Settings
from .embedding import Embedder, fingerprint, passage_embedder, question_encoder
from .errors import IndexUnavailable
from .indexing import chunking_manifest, update
from .models import Answer, Article, Filters, IndexReport, Rejected, Stats
from .store import Store, View, open_store
from .store.base import check_meta

# (phase, done, total): "reading" files, "chunking" articles, "embedding" passages, "writing".
Progress = Callable[[str, int, int], None]


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 encoder: Embedder | None = None) -> None:
        self.settings = settings
        self.root = settings.index_dir
        self._embedder = embedder
        self._encoder = encoder
        self._model_lock = threading.Lock()
        self.store: Store = open_store(settings)
        self._snapshot: View | None = None
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

    def _loaded_embedder(self, progress: Progress | None) -> Embedder:
        """The model, reported as the "loading model" phase when it is loaded now."""
        if progress is None or self._embedder is not None:
            return self.embedder
        progress("loading model", 0, 1)
        embedder = self.embedder
        progress("loading model", 1, 1)
        return embedder

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
        from .attribution import prepare

        self.encoder.embed(["warm up"])
        if self.store.exists():
            prepare(self.snapshot())  # with the speaker directory of person questions

    def _fingerprint(self) -> str:
        for known in (self._embedder, self._encoder):
            if known is not None:
                return known.fingerprint
        return fingerprint(self.settings.model, self.settings.model_cache_dir)

    def snapshot(self) -> View:
        """The live index, reloaded when a newer generation has been published (only the new
        segments are read; the others are shared with the previous view)."""
        with self._read_lock:
            gen = self.store.generation()
            if self._snapshot is None or self._snapshot.generation != gen:
                self._snapshot = self.store.view(self._fingerprint())
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
        articles, rejected = load_articles(paths, progress)
        return self._write(articles, (), rejected, progress)

    def remove(self, ids: Sequence[str]) -> IndexReport:
        return self._write((), ids, (), None)

    def reindex(self, progress: Progress | None = None) -> IndexReport:
        """Rebuild from scratch from settings.paths.articles (folders that do not exist yet, such
        as an empty uploads folder, are skipped). A rebuild that finds no article at all leaves
        the index as it was."""
        dirs = [d for d in self.settings.article_dirs if d.exists()]
        articles, rejected = load_articles(dirs, progress)
        if not articles:
            folders = ", ".join(str(d) for d in self.settings.article_dirs)
            raise IndexUnavailable(
                f"reindex found no articles in {folders}; the index was left as it was"
            )
        embedder = self._loaded_embedder(progress)
        with self._write_lock, self.store.writing():
            report, _ = update(self.store, articles, (), embedder, self.settings.chunking,
                               rejected, progress, reset=True)
        return report

    def _write(self, articles: Sequence[Article], remove: Sequence[str],
               rejected: Sequence[Rejected], progress: Progress | None) -> IndexReport:
        with self._write_lock, self.store.writing():
            if self.store.exists():
                catalog = self.store.catalog()
                built = catalog.meta.get("chunking", {})
                wanted = chunking_manifest(self.settings.chunking)
                if articles and built != wanted:
                    raise IndexUnavailable(
                        f"the chunking settings changed since the index at {self.root} was built "
                        f"({built} -> {wanted}): run `newsqa reindex` to rebuild it"
                    )
                check_meta(str(self.root), catalog.meta, self._fingerprint())
                # The model is loaded only if some article is new or changed.
                embedder = cast(Embedder, _LazyEmbedder(self, int(catalog.meta["model"]["dim"])))
            else:
                if not articles:
                    return IndexReport(rejected=tuple(rejected), missing=tuple(remove))
                embedder = self._loaded_embedder(progress)
            report, _ = update(self.store, articles, remove, embedder, self.settings.chunking,
                               rejected, progress, fingerprint=self._fingerprint())
        return report

    # -- reading ----------------------------------------------------------------------------

    def stats(self) -> Stats:
        snap = self.snapshot()
        dates = [a.date for a in snap.articles.values() if a.date]
        sources = Counter(a.source or "(unknown)" for a in snap.articles.values())
        return Stats(
            articles=len(snap.articles),
            passages=snap.size,
            statements=sum(snap.speaker_names().values()),
            speakers=len(snap.speaker_names()),
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

    def outlets(self) -> list[str]:
        """The indexed outlets (article sources), most articles first."""
        counts = Counter(a.source for a in self.snapshot().articles.values() if a.source)
        return [name for name, _ in counts.most_common()]

    def source_matches(self, source: str) -> bool:
        """Whether some indexed article passes `Filters(source=source)`: its outlet or its URL
        holds the text, ignoring case."""
        want = source.strip().lower()
        return any(want in (a.source or "").lower() or want in (a.url or "").lower()
                   for a in self.snapshot().articles.values())

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
