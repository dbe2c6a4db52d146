"""The question path's encoder: the bundled BERT weights as an ONNX graph, run by onnxruntime with
the model's own tokenizer (`tokenizers`). Nothing here imports torch.

The graph is written from the weights file itself (safetensors, read with numpy): the embeddings,
each encoder layer (self-attention, feed-forward with exact GELU, post-layer norms) as in
`transformers`' BertModel. Sentence-transformers' pooling (mean over the real tokens, or the CLS
token) and its L2 normalisation are applied to the graph's output, so the vectors are the same as
`SentenceTransformer.encode(..., normalize_embeddings=True)` (to about 1e-7).

The export is made once, on first use, and cached under `model.cache_dir`, one folder per weights
hash: `model.onnx` with `manifest.json` beside it (weights sha256, onnx sha256, opset, versions).
A cached file whose manifest does not match the weights, this exporter or the file itself is
rebuilt. The weights' sha256 is cached too (`fingerprints.json`, keyed on path, size and mtime),
so a start does not hash 90 MB.
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .config import ModelSettings
from .embedding import cached_sha256, model_dir, read_json, sha256_file, weights_file, write_json
from .errors import ConfigError

Progress = Callable[[int, int], None]

EXPORTER_VERSION = 1  # bump when the graph written below changes
OPSET = 17  # LayerNormalization is an ONNX op from 17 on


# -- the model folder's description ---------------------------------------------------------------


@dataclass(frozen=True)
class ModelLayout:
    """What sentence-transformers reads from the folder, and what the graph needs."""

    max_seq_length: int
    do_lower_case: bool
    pooling: str  # "mean" or "cls"
    normalize: bool
    hidden: int
    layers: int
    heads: int
    eps: float
    act: str


def model_layout(folder: Path) -> ModelLayout:
    def load(name: str) -> dict[str, Any]:
        data = read_json(folder / name)
        return data if isinstance(data, dict) else {}

    cfg = load("config.json")
    if cfg.get("model_type", "bert") != "bert" or cfg.get(
            "position_embedding_type", "absolute") != "absolute":
        raise ConfigError(f"model.path: {folder} is not a BERT model (the ONNX encoder reads "
                          "BERT weights only)")
    st = load("sentence_bert_config.json")
    modules = read_json(folder / "modules.json") or []
    types = [str(m.get("type", "")) for m in modules if isinstance(m, dict)]
    pooling = "mean"
    pool_dir = next((m.get("path") for m in modules if isinstance(m, dict)
                     and str(m.get("type", "")).endswith("Pooling")), None)
    if pool_dir:
        p = load(f"{pool_dir}/config.json")
        modes = [k for k in ("pooling_mode_mean_tokens", "pooling_mode_cls_token",
                             "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens",
                             "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken")
                 if p.get(k)]
        if modes not in (["pooling_mode_mean_tokens"], ["pooling_mode_cls_token"]):
            raise ConfigError(f"model.path: pooling {modes} is not supported (mean or cls only)")
        pooling = "mean" if modes == ["pooling_mode_mean_tokens"] else "cls"
    act = str(cfg.get("hidden_act", "gelu"))
    if act not in ("gelu", "relu"):
        raise ConfigError(f"model.path: activation {act!r} is not supported (gelu or relu)")
    max_pos = int(cfg.get("max_position_embeddings", 512))
    return ModelLayout(
        max_seq_length=min(int(st.get("max_seq_length") or max_pos), max_pos),
        do_lower_case=bool(st.get("do_lower_case", False)),
        pooling=pooling,
        normalize=any(t.endswith("Normalize") for t in types),
        hidden=int(cfg["hidden_size"]),
        layers=int(cfg["num_hidden_layers"]),
        heads=int(cfg["num_attention_heads"]),
        eps=float(cfg.get("layer_norm_eps", 1e-12)),
        act=act,
    )


# -- the export -----------------------------------------------------------------------------------


def load_weights(path: Path) -> dict[str, np.ndarray]:
    """The weights as float32 numpy arrays, names without a leading "bert."."""
    if path.suffix == ".safetensors":
        from safetensors.numpy import load_file

        raw = load_file(str(path))
    else:  # an older model folder: reading a pickle of tensors needs torch, once, at export
        import torch

        raw = {k: v.numpy() for k, v in torch.load(str(path), map_location="cpu").items()}
    return {k.removeprefix("bert."): np.asarray(v) for k, v in raw.items()}


def build_graph(weights: dict[str, np.ndarray], layout: ModelLayout) -> Any:
    """The BERT encoder as an ONNX model: (input_ids, attention_mask) int64 [batch, tokens] ->
    last_hidden_state float32 [batch, tokens, hidden]."""
    from onnx import TensorProto, helper, numpy_helper

    nodes: list[Any] = []
    inits: list[Any] = []
    count = [0]

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    def w(name: str) -> str:
        return const(name, weights[name].astype(np.float32))

    def op(kind: str, *inputs: str, **attrs: Any) -> str:
        count[0] += 1
        out = f"{kind.lower()}_{count[0]}"
        nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def linear(x: str, prefix: str) -> str:
        wt = const(f"{prefix}.weight_t", np.ascontiguousarray(
            weights[f"{prefix}.weight"].astype(np.float32).T))
        return op("Add", op("MatMul", x, wt), w(f"{prefix}.bias"))

    def layer_norm(x: str, prefix: str) -> str:
        return op("LayerNormalization", x, w(f"{prefix}.weight"), w(f"{prefix}.bias"),
                  axis=-1, epsilon=layout.eps)

    h, nh = layout.hidden, layout.heads
    dh = h // nh
    i64 = np.int64

    # Embeddings: word + position + token type 0 (single texts), then LayerNorm.
    seq_len = op("Gather", op("Shape", "input_ids"), const("one", np.array(1, i64)), axis=0)
    pos = op("Slice", w("embeddings.position_embeddings.weight"),
             const("zero_1d", np.array([0], i64)),
             op("Unsqueeze", seq_len, const("axes0", np.array([0], i64))),
             const("axis0_1d", np.array([0], i64)))
    tok_type = const("token_type_0",
                     weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32))
    x = op("Gather", w("embeddings.word_embeddings.weight"), "input_ids", axis=0)
    x = op("Add", op("Add", x, pos), tok_type)
    x = layer_norm(x, "embeddings.LayerNorm")

    # Attention bias from the mask: 0 for real tokens, float32's lowest for padding (as in
    # transformers), shaped [batch, 1, 1, tokens].
    mask = op("Cast", "attention_mask", to=TensorProto.FLOAT)
    bias = op("Mul", op("Sub", const("one_f", np.array(1.0, np.float32)), mask),
              const("lowest", np.array(np.finfo(np.float32).min, np.float32)))
    bias = op("Unsqueeze", bias, const("axes12", np.array([1, 2], i64)))
    heads_shape = const("heads_shape", np.array([0, 0, nh, dh], i64))
    merged_shape = const("merged_shape", np.array([0, 0, h], i64))
    scale = const("scale", np.array(1.0 / math.sqrt(dh), np.float32))
    sqrt_half = const("sqrt_half", np.array(1.0 / math.sqrt(2.0), np.float32))
    half = const("half", np.array(0.5, np.float32))

    for n in range(layout.layers):
        p = f"encoder.layer.{n}"
        q = op("Transpose", op("Reshape", linear(x, f"{p}.attention.self.query"), heads_shape),
               perm=[0, 2, 1, 3])
        k = op("Transpose", op("Reshape", linear(x, f"{p}.attention.self.key"), heads_shape),
               perm=[0, 2, 3, 1])
        v = op("Transpose", op("Reshape", linear(x, f"{p}.attention.self.value"), heads_shape),
               perm=[0, 2, 1, 3])
        scores = op("Add", op("Mul", op("MatMul", q, k), scale), bias)
        ctx = op("MatMul", op("Softmax", scores, axis=-1), v)
        ctx = op("Reshape", op("Transpose", ctx, perm=[0, 2, 1, 3]), merged_shape)
        x = layer_norm(op("Add", linear(ctx, f"{p}.attention.output.dense"), x),
                       f"{p}.attention.output.LayerNorm")
        inner = linear(x, f"{p}.intermediate.dense")
        if layout.act == "gelu":  # exact: 0.5 x (1 + erf(x / sqrt 2))
            inner = op("Mul", op("Mul", inner, half),
                       op("Add", const(f"one_f_{n}", np.array(1.0, np.float32)),
                          op("Erf", op("Mul", inner, sqrt_half))))
        else:
            inner = op("Relu", inner)
        x = layer_norm(op("Add", linear(inner, f"{p}.output.dense"), x), f"{p}.output.LayerNorm")
    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))

    graph = helper.make_graph(
        nodes, "bert_encoder",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                       ["batch", "tokens", h])],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="newsqa", producer_version=str(EXPORTER_VERSION))
    model.ir_version = 8  # readable by every onnxruntime that runs opset 17
    return model


def _versions() -> dict[str, str]:
    import onnx
    import onnxruntime
    import tokenizers

    return {"onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__,
            "tokenizers": tokenizers.__version__, "exporter": str(EXPORTER_VERSION)}


def export_dir(cache_dir: Path, weights_sha: str) -> Path:
    return cache_dir / f"onnx-{weights_sha[:16]}"


def ensure_onnx(folder: Path, cache_dir: Path, weights_sha: str
                ) -> tuple[Path, dict[str, Any]]:
    """The cached export of the weights in model `folder`, made now if missing or stale:
    (onnx file, manifest)."""
    out = export_dir(cache_dir, weights_sha)
    onnx_path, manifest_path = out / "model.onnx", out / "manifest.json"
    manifest = read_json(manifest_path)
    if (isinstance(manifest, dict) and manifest.get("weights_sha256") == weights_sha
            and manifest.get("exporter") == EXPORTER_VERSION and manifest.get("opset") == OPSET
            and onnx_path.exists()
            and cached_sha256(onnx_path, cache_dir) == manifest.get("onnx_sha256")):
        return onnx_path, manifest
    layout = model_layout(folder)
    model = build_graph(load_weights(weights_file(folder)), layout)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".model.{uuid.uuid4().hex}.tmp"
    try:
        tmp.write_bytes(model.SerializeToString())
        onnx_sha = sha256_file(tmp)
        os.replace(tmp, onnx_path)
    finally:
        tmp.unlink(missing_ok=True)
    manifest = {
        "weights_sha256": weights_sha,
        "weights_file": str(weights_file(folder)),
        "onnx_sha256": onnx_sha,
        "opset": OPSET,
        "exporter": EXPORTER_VERSION,
        "versions": _versions(),
        "layout": layout.__dict__,
    }
    write_json(manifest_path, manifest)
    cached_sha256(onnx_path, cache_dir)  # remember the new file's hash by its stat
    return onnx_path, manifest


# -- the encoder ----------------------------------------------------------------------------------


class OnnxEmbedder:
    """An Embedder (see embedding.py) over the cached ONNX export; loads in well under a second.
    `folder`: the model folder (default: from `settings`); `fingerprint`: its weights' sha256,
    when already known."""

    def __init__(self, settings: ModelSettings, cache_dir: Path, *,
                 folder: Path | None = None, fingerprint: str | None = None) -> None:
        from tokenizers import Tokenizer

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        folder = folder or model_dir(settings)
        self.name = settings.name
        self.fingerprint = fingerprint or cached_sha256(weights_file(folder), cache_dir)
        self._batch_size = settings.batch_size
        self.onnx_path, self.manifest = ensure_onnx(folder, cache_dir, self.fingerprint)
        self._layout = model_layout(folder)
        self.dim = self._layout.hidden
        self.max_tokens = self._layout.max_seq_length
        tok_file = folder / "tokenizer.json"
        if not tok_file.exists():
            raise ConfigError(f"model.path: no tokenizer.json in {folder}")
        # Two tokenizers: one as the model reads (special tokens, truncated to the window,
        # padded per batch), one for character spans (the whole text, no special tokens).
        self._tokenizer = Tokenizer.from_file(str(tok_file))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_tokens)
        pad = self._tokenizer.token_to_id("[PAD]")
        self._tokenizer.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
        self._spans = Tokenizer.from_file(str(tok_file))
        self._spans.no_padding()
        self._spans.no_truncation()
        self._session = _session(self.onnx_path, settings.threads)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        enc = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = self._session.run(["last_hidden_state"],
                                   {"input_ids": ids, "attention_mask": mask})[0]
        if self._layout.pooling == "cls":
            vecs = hidden[:, 0, :]
        else:
            m = mask[:, :, None].astype(np.float32)
            vecs = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        if self._layout.normalize:
            vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return vecs.astype(np.float32, copy=False)

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        # As sentence-transformers does: strip, lowercase if the folder says so.
        texts = [str(t).strip() for t in texts]
        if self._layout.do_lower_case:
            texts = [t.lower() for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # batches pad little
        if progress is not None:
            progress(0, len(order))
        for lo in range(0, len(order), self._batch_size):
            idx = order[lo:lo + self._batch_size]
            out[idx] = self._encode_batch([texts[i] for i in idx])
            if progress is not None:
                progress(min(lo + self._batch_size, len(order)), len(order))
        return out

    def token_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        if not texts:
            return []
        enc = self._spans.encode_batch(list(texts), add_special_tokens=False)
        return [[(int(a), int(b)) for a, b in e.offsets] for e in enc]


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads > 0:
        opts.intra_op_num_threads = threads
    opts.log_severity_level = 3  # errors only
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
