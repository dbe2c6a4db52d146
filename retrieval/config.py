"""One validated configuration: YAML in, frozen typed settings out.

Every key is known; an unknown key, a wrong type or a missing file fails with one line that names
the key and the file. Relative paths are resolved against the config file's folder.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

DEFAULT_CONFIG_NAME = "config.yaml"


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
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    min_similarity: float = 0.35  # cosine a relevant passage needs, with min_coverage...
    min_coverage: float = 0.3  # ...of the question's rare-word weight (idf share)
    min_lexical: float = 0.5  # or this share of rare words with 0.6 x min_similarity
    duplicate_similarity: float = 0.8  # word-shingle overlap above which passages are one
    answer_sentences: int = 4  # sentences in the chat-style answer


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
class Settings:
    paths: PathSettings = field(default_factory=PathSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    chunking: ChunkingSettings = field(default_factory=ChunkingSettings)
    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    bot: BotSettings = field(default_factory=BotSettings)
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
            raise ConfigError(f"{source}: {where} must be true or false, not {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{source}: {where} must be an integer, not {value!r}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{source}: {where} must be a number, not {value!r}")
        return float(value)
    if tp is str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # role ids and names may be written either way
        if not isinstance(value, str):
            raise ConfigError(f"{source}: {where} must be a string, not {value!r}")
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
        if dataclasses.is_dataclass(tp):
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
        "bot.max_concurrent": settings.bot.max_concurrent,
        "bot.cooldown_rate": settings.bot.cooldown_rate,
        "bot.max_attachment_bytes": settings.bot.max_attachment_bytes,
        "bot.sources_shown": settings.bot.sources_shown,
    }
    for key, value in positive.items():
        if value <= 0:
            raise ConfigError(f"{source}: {key} must be greater than 0, not {value}")
    if not 16 <= settings.chunking.max_tokens <= 254:
        raise ConfigError(
            f"{source}: chunking.max_tokens must be between 16 and 254 (the model reads 256 tokens)"
        )
    if not 0 <= settings.chunking.overlap_tokens < settings.chunking.max_tokens:
        raise ConfigError(f"{source}: chunking.overlap_tokens must be between 0 and max_tokens")
    for key in ("min_similarity", "min_coverage", "min_lexical", "duplicate_similarity"):
        v = getattr(settings.retrieval, key)
        if not 0.0 <= v <= 1.0:
            raise ConfigError(f"{source}: retrieval.{key} must be between 0 and 1, not {v}")
    if settings.model.device not in ("auto", "cpu", "cuda"):
        raise ConfigError(
            f"{source}: model.device must be auto, cpu or cuda, not {settings.model.device!r}"
        )
    if not settings.paths.articles:
        raise ConfigError(f"{source}: paths.articles must name at least one folder")


def default_config_path() -> Path | None:
    """$NEWSQA_CONFIG, else ./config.yaml when present."""
    env = os.environ.get("NEWSQA_CONFIG")
    if env:
        return Path(env)
    here = Path(DEFAULT_CONFIG_NAME)
    return here if here.exists() else None


def load_config(path: str | os.PathLike[str] | None = None) -> Settings:
    """Load and validate settings. `None`: the default path, or built-in defaults if none."""
    cfg_path = Path(path) if path is not None else default_config_path()
    if cfg_path is None:
        return Settings(base_dir=str(Path.cwd()))
    source = str(cfg_path)
    try:
        raw = cfg_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{source}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{source}: cannot read config file ({exc})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{source}: not valid YAML{at}") from None
    settings = _build(Settings, data, "", source)
    settings = dataclasses.replace(settings, base_dir=str(cfg_path.resolve().parent))
    _check(settings, source)
    return settings
