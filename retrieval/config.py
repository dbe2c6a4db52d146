"""One validated configuration: YAML in, frozen typed settings out.

Every key is known; an unknown key, a key given twice, a wrong type, a value out of range (NaN and
infinities included) or a missing file fails with one line that names the key and the file.
Relative paths are resolved against the config file's folder.

Which file: `--config`, else $NEWSQA_CONFIG, else ./config.yaml, else config.yaml in the user
config folder (`newsqa init` writes one there). With none of them, the built-in defaults keep the
index in the user data folder, so that `newsqa` run from any folder finds the same index.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from . import safe_yaml
from .errors import ConfigError

DEFAULT_CONFIG_NAME = "config.yaml"
APP_NAME = "newsqa"


@dataclass(frozen=True)
class PathSettings:
    # The folders `reindex` rebuilds from.
    articles: tuple[str, ...] = ("examples/articles", "data/uploads")
    index_dir: str = "data/index"
    uploads_dir: str = "data/uploads"  # where articles added from Discord are kept


@dataclass(frozen=True)
class ModelSettings:
    name: str = "all-MiniLM-L6-v2"
    path: str | None = None  # a local sentence-transformers folder; None: the bundled weights
    batch_size: int = 32
    threads: int = 0  # torch threads; 0 leaves the default
    device: str = "auto"  # indexing: auto (a GPU when torch sees one), cpu or cuda
    cache_dir: str = "data/model-cache"  # the ONNX export of the weights and their sha256


@dataclass(frozen=True)
class ChunkingSettings:
    max_tokens: int = 200  # per passage, counted with the model's tokenizer (window: 256)
    overlap_tokens: int = 40  # whole sentences carried over from the previous passage, up to this


@dataclass(frozen=True)
class RetrievalSettings:
    k: int = 5  # passages cited in an answer
    candidates: int = 50  # taken from each of the dense and the lexical index before fusion
    rrf_k: int = 60  # reciprocal rank fusion constant
    dense_weight: float = 1.5
    lexical_weight: float = 1.0
    min_similarity: float = 0.35  # cosine a relevant passage needs, with min_coverage...
    min_coverage: float = 0.3  # ...of the question's rare-word weight (idf share)
    min_lexical: float = 0.5  # or this share of rare words with 0.6 x min_similarity
    duplicate_similarity: float = 0.8  # word-shingle overlap above which passages are one
    answer_sentences: int = 4  # sentences in the chat-style answer
    max_per_article: int = 2  # passages of one article among the results
    title_weight: float = 0.0  # fused score x (1 + this x share of rare words in the title)
    recency_weight: float = 0.3  # fused score x (1 + this x exp(-age / recency_days))...
    recency_days: float = 15.0  # ...age read against the reference date; / 4 for "this week"
    time_filters: bool = True  # "this week", "on Tuesday", "in 2024" become a date window
    outside_window: float = 0.5  # 0: articles outside that window are left out; else x this
    min_confidence: float = 0.29  # decline below: mean top-3 cosine - 0.5 x unrelated closeness
    confidence_margin: float = 0.2  # ...or below this much over what unrelated questions reach
    stale_days: int = 7  # asked this long after the newest article: the reply says so
    old_days: int = 30  # every cited article this much older than the question: said (0: never)
    feedback_passages: int = 0  # pseudo-relevance feedback from this many first-pass passages
    feedback_dense: float = 0.0  # fusion weight of the dense ranking of question + their mean
    feedback_lexical: float = 0.0  # fusion weight of BM25 with their shared rare words added


@dataclass(frozen=True)
class BotSettings:
    admin_roles: tuple[str, ...] = ()  # role names or ids that may /add, /reindex, /remove
    admin_users: tuple[int, ...] = ()  # user ids that may do the same
    allowed_channels: tuple[int, ...] = ()  # empty: every channel the bot can see
    guild_id: int | None = None  # sync commands to this guild instantly; None: global sync
    max_concurrent: int = 2  # questions answered at the same time
    cooldown_seconds: float = 10.0  # per user...
    cooldown_rate: int = 3  # ...this many questions per window
    max_attachment_bytes: int = 5_000_000
    sources_shown: int = 5
    health_file: str = "data/bot-health.json"  # rewritten by the running bot; read by --check


@dataclass(frozen=True)
class StoreSettings:
    backend: str = "files"  # "files": segments under paths.index_dir; "milvus": store.uri
    uri: str | None = None  # milvus: a local .db path (milvus-lite) or http://host:19530
    collection: str = "newsqa"  # milvus: prefix of the collections' names
    dense: str = "auto"  # "flat": exact; "ivf" / "hnsw": approximate; "auto": ivf above the size
    approximate_min_passages: int = 50_000  # "auto": segments this large get an IVF index
    ivf_probe_share: float = 0.4  # share of a segment's IVF lists searched (recall vs speed)
    hnsw_ef_search: int = 128  # HNSW search breadth (recall against speed)
    merge_segments: int = 8  # small segments merged once more than this many pile up
    merge_max_passages: int = 20_000  # "small": at most this many passages


@dataclass(frozen=True)
class Settings:
    paths: PathSettings = field(default_factory=PathSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    chunking: ChunkingSettings = field(default_factory=ChunkingSettings)
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    bot: BotSettings = field(default_factory=BotSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    base_dir: str = "."  # folder relative paths are resolved against (not a YAML key)

    def resolve(self, path: str) -> Path:
        p = Path(os.path.expanduser(path))
        return p if p.is_absolute() else Path(self.base_dir) / p

    @property
    def index_dir(self) -> Path:
        return self.resolve(self.paths.index_dir)

    @property
    def model_cache_dir(self) -> Path:
        return self.resolve(self.model.cache_dir)

    @property
    def article_dirs(self) -> tuple[Path, ...]:
        return tuple(self.resolve(p) for p in self.paths.articles)

    @property
    def uploads_dir(self) -> Path:
        return self.resolve(self.paths.uploads_dir)

    def with_index_dir(self, index_dir: str) -> Settings:
        p = str(Path(index_dir).resolve())
        return dataclasses.replace(self, paths=dataclasses.replace(self.paths, index_dir=p))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _convert(value: Any, tp: Any, where: str, source: str) -> Any:
    """Check `value` against the annotation `tp`; return it in the dataclass's own types."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(value, inner[0], where, source)
    if origin is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            raise ConfigError(f"{source}: {where} must be a list")
        return tuple(_convert(v, item_tp, f"{where}[{i}]", source) for i, v in enumerate(value))
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{source}: {where} must be true or false, not {_shown(value)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{source}: {where} must be an integer, not {_shown(value)}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{source}: {where} must be a number, not {_shown(value)}")
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            raise ConfigError(f"{source}: {where} must be a finite number, not {_shown(value)}")
        return number
    if tp is str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # role ids and names may be written either way
        if not isinstance(value, str):
            raise ConfigError(f"{source}: {where} must be a string, not {_shown(value)}")
        return value
    raise TypeError(f"unsupported setting type {tp!r}")


def _build(cls: type, data: Any, where: str, source: str) -> Any:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: {where or 'the file'} must be a mapping of keys to values")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls) if f.name != "base_dir"}
    kwargs = {}
    for key, value in data.items():
        name = f"{where}.{key}" if where else str(key)
        if key not in known:
            raise ConfigError(f"{source}: unknown key '{name}' (known: {', '.join(sorted(known))})")
        tp = hints[key]
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            kwargs[key] = _build(tp, value, name, source)
        else:
            kwargs[key] = _convert(value, tp, name, source)
    return cls(**kwargs)


def _check(settings: Settings, source: str) -> None:
    positive = {
        "model.batch_size": settings.model.batch_size,
        "chunking.max_tokens": settings.chunking.max_tokens,
        "retrieval.k": settings.retrieval.k,
        "retrieval.candidates": settings.retrieval.candidates,
        "retrieval.rrf_k": settings.retrieval.rrf_k,
        "retrieval.answer_sentences": settings.retrieval.answer_sentences,
        "retrieval.max_per_article": settings.retrieval.max_per_article,
        "retrieval.stale_days": settings.retrieval.stale_days,
        "bot.max_concurrent": settings.bot.max_concurrent,
        "bot.cooldown_rate": settings.bot.cooldown_rate,
        "bot.max_attachment_bytes": settings.bot.max_attachment_bytes,
        "bot.sources_shown": settings.bot.sources_shown,
        "store.approximate_min_passages": settings.store.approximate_min_passages,
        "store.hnsw_ef_search": settings.store.hnsw_ef_search,
        "store.merge_segments": settings.store.merge_segments,
        "store.merge_max_passages": settings.store.merge_max_passages,
    }
    for key, value in positive.items():
        if value <= 0:
            raise ConfigError(f"{source}: {key} must be greater than 0, not {value}")
    at_most: dict[str, tuple[float, float]] = {  # beyond these: a typo, not a setting
        "model.batch_size": (settings.model.batch_size, 4096),
        "model.threads": (settings.model.threads, 1024),
        "retrieval.k": (settings.retrieval.k, 100),
        "retrieval.candidates": (settings.retrieval.candidates, 100_000),
        "retrieval.rrf_k": (settings.retrieval.rrf_k, 100_000),
        "retrieval.answer_sentences": (settings.retrieval.answer_sentences, 100),
        "bot.max_concurrent": (settings.bot.max_concurrent, 64),
        "bot.cooldown_rate": (settings.bot.cooldown_rate, 10_000),
        "bot.cooldown_seconds": (settings.bot.cooldown_seconds, 86_400.0),
        "bot.max_attachment_bytes": (settings.bot.max_attachment_bytes, 1_000_000_000),
        "bot.sources_shown": (settings.bot.sources_shown, 25),
        "retrieval.dense_weight": (settings.retrieval.dense_weight, 1000.0),
        "retrieval.lexical_weight": (settings.retrieval.lexical_weight, 1000.0),
        "retrieval.feedback_passages": (settings.retrieval.feedback_passages, 100),
        "retrieval.old_days": (settings.retrieval.old_days, 100_000),
        "retrieval.feedback_dense": (settings.retrieval.feedback_dense, 1000.0),
        "retrieval.feedback_lexical": (settings.retrieval.feedback_lexical, 1000.0),
    }
    for key, (number, limit) in at_most.items():
        if not 0 <= number <= limit:
            raise ConfigError(f"{source}: {key} must be between 0 and {limit}, not {number}")
    if settings.retrieval.dense_weight + settings.retrieval.lexical_weight <= 0:
        raise ConfigError(f"{source}: retrieval.dense_weight and lexical_weight cannot both be 0")
    if not 16 <= settings.chunking.max_tokens <= 254:
        raise ConfigError(
            f"{source}: chunking.max_tokens must be between 16 and 254 (the model reads 256 tokens)"
        )
    if not 0 <= settings.chunking.overlap_tokens < settings.chunking.max_tokens:
        raise ConfigError(f"{source}: chunking.overlap_tokens must be between 0 and max_tokens")
    if not 0.0 < settings.store.ivf_probe_share <= 1.0:
        raise ConfigError(f"{source}: store.ivf_probe_share must be above 0 and at most 1, not "
                          f"{settings.store.ivf_probe_share}")
    for key in ("min_similarity", "min_coverage", "min_lexical", "duplicate_similarity"):
        v = getattr(settings.retrieval, key)
        if not 0.0 <= v <= 1.0:
            raise ConfigError(f"{source}: retrieval.{key} must be between 0 and 1, not {v}")
    choices: dict[str, tuple[str, tuple[str, ...]]] = {
        "store.backend": (settings.store.backend, ("files", "milvus")),
        "store.dense": (settings.store.dense, ("auto", "flat", "ivf", "hnsw")),
        "model.device": (settings.model.device, ("auto", "cpu", "cuda")),
    }
    for key, (choice, allowed) in choices.items():
        if choice not in allowed:
            listed = ", ".join(allowed[:-1]) + " or " + allowed[-1]
            raise ConfigError(f"{source}: {key} must be {listed}, not {choice!r}")
    if settings.store.backend == "milvus" and not settings.store.uri:
        raise ConfigError(f"{source}: store.uri must be set when store.backend is milvus")
    if not settings.retrieval.recency_days > 0:
        raise ConfigError(f"{source}: retrieval.recency_days must be greater than 0, not "
                          f"{settings.retrieval.recency_days}")
    for key in ("title_weight", "recency_weight", "min_confidence", "confidence_margin",
                "outside_window"):
        v = getattr(settings.retrieval, key)
        if not 0.0 <= v <= 10.0:
            raise ConfigError(f"{source}: retrieval.{key} must be between 0 and 10, not {v}")
    if not settings.paths.articles:
        raise ConfigError(f"{source}: paths.articles must name at least one folder")


def user_config_path() -> Path:
    """config.yaml in the user config folder (~/.config/newsqa on Linux)."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / DEFAULT_CONFIG_NAME


def user_data_dir() -> Path:
    """The user data folder (~/.local/share/newsqa on Linux): the index without a project."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_config_path() -> Path | None:
    """$NEWSQA_CONFIG, else ./config.yaml, else the user config file, when present."""
    env = os.environ.get("NEWSQA_CONFIG")
    if env:
        return Path(env)
    for candidate in (Path(DEFAULT_CONFIG_NAME), user_config_path()):
        if candidate.exists():
            return candidate
    return None


def user_defaults() -> Settings:
    """The built-in settings with no config file: index and uploads in the user data folder."""
    data = user_data_dir()
    paths = PathSettings(articles=(str(data / "uploads"),), index_dir=str(data / "index"),
                         uploads_dir=str(data / "uploads"))
    return Settings(paths=paths, base_dir=str(data))


INIT_TEMPLATE = """\
# newsqa settings, written by `newsqa init`. Every key is optional; unknown keys are refused.
# Found in this order: --config PATH, $NEWSQA_CONFIG, ./config.yaml, then this file.
# Relative paths are resolved against this file's folder. All settings: the project's config.yaml.

paths:
  # Folders of articles that `newsqa reindex` rebuilds the index from: add yours.
  articles:
    - {uploads}
  # Where the index lives.
  index_dir: {index}
  # Where articles added from Discord with /add are saved (keep it in `articles` above).
  uploads_dir: {uploads}

retrieval:
  # Passages cited in an answer (ask --k overrides).
  k: 5

bot:
  # Who may /add, /reindex and /remove: role names or ids, and user ids.
  admin_roles: []
  admin_users: []
"""


def write_init_config(path: Path | None = None) -> Path:
    """Write a commented config (by default in the user config folder) and return its path;
    an existing file is never overwritten."""
    target = path or user_config_path()
    if target.exists():
        raise ConfigError(f"{target}: already exists; edit it, or remove it first")
    data = user_data_dir()
    # JSON strings are YAML too: quoted, so that any folder name reads back as it was written.
    text = INIT_TEMPLATE.format(uploads=json.dumps(str(data / "uploads")),
                                index=json.dumps(str(data / "index")))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write the config ({exc.strerror or exc})") from None
    load_config(target)  # what it wrote must load
    return target


def load_config(path: str | os.PathLike[str] | None = None) -> Settings:
    """Load and validate settings. `None`: the default path, or built-in defaults if none."""
    cfg_path = Path(path) if path is not None else default_config_path()
    if cfg_path is None:
        return user_defaults()
    source = str(cfg_path)
    try:
        if cfg_path.is_dir():
            raise ConfigError(f"{source}: is a folder, not a config file")
        if cfg_path.exists() and cfg_path.stat().st_size > 1_000_000:
            raise ConfigError(f"{source}: too large for a config file")
        raw = cfg_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{source}: config file not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{source}: cannot read config file (not UTF-8 text)") from None
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read config file ({exc.strerror or exc})") from None
    if "\x00" in raw:
        raise ConfigError(f"{source}: cannot read config file (a NUL character: binary?)")
    try:
        data = safe_yaml.load(raw)
    except safe_yaml.YamlRefused as exc:
        raise ConfigError(f"{source}: {exc}") from None
    settings = _build(Settings, data, "", source)
    settings = dataclasses.replace(settings, base_dir=str(cfg_path.resolve().parent))
    _check(settings, source)
    if settings.model.path:
        model = settings.resolve(settings.model.path)
        if not (model / "modules.json").exists() and not (model / "config.json").exists():
            raise ConfigError(
                f"{source}: model.path: {model} is not a sentence-transformers model folder"
            )
        settings = dataclasses.replace(
            settings, model=dataclasses.replace(settings.model, path=str(model))
        )
    return settings
