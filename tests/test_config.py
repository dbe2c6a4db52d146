from pathlib import Path

import pytest

from retrieval.config import Settings, load_config
from retrieval.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "config.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_repository_config_is_valid_and_resolves_paths_against_its_folder():
    s = load_config(REPO / "config.yaml")
    assert s.index_dir == REPO / "data" / "index"
    assert REPO / "examples" / "articles" in s.article_dirs
    assert s.retrieval.k > 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("retrieval:\n  kk: 3\n", "unknown key 'retrieval.kk'"),
        ("colour: red\n", "unknown key 'colour'"),
        ("retrieval:\n  k: five\n", "retrieval.k must be an integer"),
        ("retrieval:\n  k: 0\n", "retrieval.k must be greater than 0"),
        ("model:\n  device: gpu\n", "model.device must be auto, cpu or cuda"),
        ("retrieval:\n  min_similarity: 3\n", "retrieval.min_similarity must be between 0 and 1"),
        ("retrieval:\n  old_days: -1\n", "retrieval.old_days must be between 0 and 100000"),
        ("chunking:\n  max_tokens: 400\n", "chunking.max_tokens must be between 16 and 254"),
        ("bot:\n  admin_users: [abc]\n", "bot.admin_users[0] must be an integer"),
        ("model:\n  batch_size: true\n", "model.batch_size must be an integer"),
        ("paths: [a, b]\n", "paths must be a mapping"),
        ("retrieval: {k: [1\n", "not valid YAML"),
    ],
)
def test_bad_config_fails_with_one_line_naming_key_and_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_empty_file_gives_defaults_and_single_values_become_lists(tmp_path):
    s = load_config(write(tmp_path, "paths:\n  articles: news\nbot:\n  admin_roles: 123\n"))
    assert s.paths.articles == ("news",)
    assert s.bot.admin_roles == ("123",)
    assert load_config(write(tmp_path, "")).retrieval == Settings().retrieval
