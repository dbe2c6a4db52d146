"""The bot over the real core: the real Engine, the bundled model, an index of examples/articles,
driven through discord.py against the fake Discord. What the bot says must be what the core
answers (and so what `newsqa ask` prints)."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fake_discord import ADMIN, USER, Attachment, FakeDiscord, connected, run_async

from bot import formatting as fmt
from bot.app import NewsBot
from retrieval.config import BotSettings, Settings, load_config
from retrieval.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
QUESTION = "What did Peskov say about relations with the United States?"

NEW_ARTICLE = (
    b"date 2024-12-02\n"
    b"Electric ferries for the Westman Islands\n\n"
    b"(Nordic Wire) Harbour master Sigrun Thorvaldsdottir said on Monday that the electric ferry "
    b"fleet serving the Westman Islands would double by 2026. \"Our crossings will be silent and "
    b"clean,\" Thorvaldsdottir told reporters at the harbour in Landeyjahofn.\n\n"
    b"The new vessels are being built in Gdansk and will each carry 70 cars.\n"
)
NEW_QUESTION = "What did Thorvaldsdottir say about the ferry fleet?"


def plain(text: str) -> str:
    """Text without block-quote marks or line breaks, for comparing wording."""
    return " ".join(re.sub(r"(?m)^> ?", "", text).split())


def settings_for(base: Path, **bot: object) -> Settings:
    s = load_config(None)
    paths = dataclasses.replace(s.paths, index_dir=str(base / "index"),
                                uploads_dir=str(base / "uploads"),
                                articles=(str(EXAMPLES), str(base / "uploads")))
    options = dict(admin_roles=("newsqa-admin",), guild_id=None, cooldown_rate=50,
                   health_file=str(base / "bot-health.json"))
    options.update(bot)
    return dataclasses.replace(s, paths=paths, bot=BotSettings(**options))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def built(tmp_path_factory, real_embedder):
    """An index of the sample articles, built once with the real model (conftest's)."""
    base = tmp_path_factory.mktemp("bot-index")
    report = Engine(settings_for(base), embedder=real_embedder).index([EXAMPLES])
    assert len(report.added) == 5
    return base / "index", real_embedder


@pytest.fixture
def engine(built, tmp_path):
    """A real Engine over a private copy of the built index (tests may write to it)."""
    index_dir, embedder = built
    shutil.copytree(index_dir, tmp_path / "index")
    return Engine(settings_for(tmp_path), embedder=embedder)


def starting(engine: Engine):
    return connected(lambda: NewsBot(engine.settings, engine, guild_ready_timeout=0.05))


def expected_pages(engine: Engine, question: str, history=()):
    answer = engine.ask(question, history=history)
    return answer, fmt.answer_pages(answer, sources_shown=engine.settings.bot.sources_shown)


def test_ask_says_what_the_core_answers(engine):
    async def scenario():
        async with starting(engine) as (fake, _):
            i = await fake.slash("ask", question=QUESTION)
            replies = await fake.replies_to(i)
            assert i.ack_type == 5
            return replies

    replies = run_async(scenario())
    answer, pages = expected_pages(engine, QUESTION)
    assert not answer.no_answer and answer.citations
    assert [m["embeds"] for m in replies] == [[e.to_dict() for e in p.embeds] for p in pages]
    sources = replies[0]["embeds"][1]["description"].splitlines()
    assert sources == [fmt.source_line(c) for c in answer.citations[:5]]
    shown = replies[0]["embeds"][0]["description"]
    assert plain(shown).startswith(plain(fmt.escape(answer.text)))  # the core's text, whole
    for q in answer.quotes:  # each quote shown, as a block quote when it is a direct one
        assert plain(fmt.escape(q.text).strip("“”\"")) in plain(shown)


def test_the_real_engine_is_ready_before_the_bot_identifies(built, tmp_path, onnx_cache,
                                                            caplog):
    """Nothing injected: the bot's start-up loads the ONNX question encoder and the index, so
    the first question finds both loaded."""
    index_dir, embedder = built
    shutil.copytree(index_dir, tmp_path / "index")
    settings = settings_for(tmp_path)
    settings = dataclasses.replace(settings, model=dataclasses.replace(
        settings.model, cache_dir=str(onnx_cache)))
    engine = Engine(settings)
    seen = {}

    class Watching(FakeDiscord):
        async def _identify(self, ws, d):
            seen["encoder"], seen["snapshot"] = engine._encoder, engine._snapshot
            await super()._identify(ws, d)

    async def scenario():
        async with connected(lambda: NewsBot(settings, engine, guild_ready_timeout=0.05),
                             Watching()) as (fake, _):
            i = await fake.slash("ask", question=QUESTION)
            return await fake.replies_to(i)

    with caplog.at_level(logging.INFO):
        replies = run_async(scenario())
    assert type(seen["encoder"]).__name__ == "OnnxEmbedder" and seen["snapshot"] is not None
    assert "question encoder and index loaded" in caplog.text
    assert "Can't keep up" not in caplog.text  # discord.py's heartbeat warning
    assert engine._embedder is None  # sentence-transformers was never needed
    same = Engine(settings_for(tmp_path), embedder=embedder)  # the real model's answer
    _, pages = expected_pages(same, QUESTION)
    assert replies[0]["embeds"] == [e.to_dict() for e in pages[0].embeds]


def test_a_mention_and_its_follow_up_are_answered_as_the_core_answers_them(engine):
    follow_up = "and what did Lavrov say?"

    async def scenario():
        async with starting(engine) as (fake, _):
            q1 = await fake.user_message(QUESTION)
            a1 = await fake.bot_reply_to(q1)
            q2 = await fake.user_message(follow_up, reply_to=a1)
            a2 = await fake.bot_reply_to(q2)
            return a1, a2

    a1, a2 = run_async(scenario())
    _, pages1 = expected_pages(engine, QUESTION)
    _, pages2 = expected_pages(engine, follow_up, history=(QUESTION,))
    assert a1["embeds"] == [e.to_dict() for e in pages1[0].embeds]
    assert a2["embeds"] == [e.to_dict() for e in pages2[0].embeds]


def test_the_passage_behind_a_source_is_its_verbatim_text(engine):
    async def scenario():
        async with starting(engine) as (fake, _):
            i = await fake.slash("ask", question=QUESTION)
            (answer_msg, *_) = await fake.replies_to(i)
            chosen = await fake.choose(answer_msg, "newsqa:show:", "1")
            (passage,) = await fake.replies_to(chosen)
            return passage

    passage = run_async(scenario())
    cited = engine.ask(QUESTION).citations[0]
    article = engine.article(cited.article_id)
    assert article.text[cited.start:cited.end] == cited.text  # verbatim in the article
    quoted = "\n".join(e["description"] for e in passage["embeds"])
    assert quoted == fmt.block_quote(fmt.escape(cited.text))
    assert passage["flags"] & 64


def test_an_admin_adds_an_article_and_the_next_question_finds_it(engine):
    async def scenario():
        async with starting(engine) as (fake, _):
            before = await fake.slash("ask", question=NEW_QUESTION)
            await fake.replies_to(before)
            added = await fake.slash("add", ADMIN, file=Attachment("ferry news.txt", NEW_ARTICLE))
            (report,) = await fake.replies_to(added, timeout=60)
            fields = {f["name"]: f["value"] for f in report["embeds"][0]["fields"]}
            assert fields == {"Added (1)": "`ferry_news`"}
            after = await fake.slash("ask", question=NEW_QUESTION)
            (answer_msg, *_) = await fake.replies_to(after)
            stats = await fake.slash("stats")
            (stats_msg,) = await fake.replies_to(stats)
            return before.replies[0], answer_msg, stats_msg

    before, after, stats = run_async(scenario())
    assert "ferry_news" not in str(before)
    answer = engine.ask(NEW_QUESTION)
    assert answer.citations[0].article_id == "ferry_news"
    assert "Thorvaldsdottir" in after["embeds"][0]["description"]
    assert "Electric ferries for the Westman Islands" in after["embeds"][1]["description"]
    assert {f["name"]: f["value"] for f in stats["embeds"][0]["fields"]}["Articles"] == "6"
    saved = Path(engine.settings.uploads_dir) / "ferry_news.txt"
    assert saved.read_bytes() == NEW_ARTICLE
    # /reindex rebuilds from the configured folders and keeps the upload
    assert "ferry_news" in {a for a in engine.reindex().added}


def test_a_refused_non_admin_changes_nothing(engine):
    before = engine.stats()

    async def scenario():
        async with starting(engine) as (fake, _):
            i = await fake.slash("add", USER, file=Attachment("ferry.txt", NEW_ARTICLE))
            (reply,) = await fake.replies_to(i)
            assert reply["content"].startswith("Sorry, only newsqa admins")
            r = await fake.slash("remove", USER, ids="000_9bf6159a81baad6f")
            await fake.replies_to(r)
            return fake.downloads

    assert run_async(scenario()) == []
    after = engine.stats()
    assert (after.articles, after.passages, after.generation) == (
        before.articles, before.passages, before.generation)
    assert engine.ask(NEW_QUESTION).citations == () or all(
        c.article_id != "ferry" for c in engine.ask(NEW_QUESTION).citations)
    assert not Path(engine.settings.uploads_dir).exists()


def test_health_check_loads_config_and_index_without_connecting(built, tmp_path):
    index_dir, _ = built
    config = tmp_path / "config.yaml"
    config.write_text(f"paths:\n  index_dir: {index_dir}\n  articles: [{EXAMPLES}]\n", "utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "DISCORD_TOKEN": "set"}
    run = [sys.executable, "-m", "bot", "--check", "--config", str(config)]
    ok = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ok: 5 articles, ") and "newest 2024-11-06" in ok.stdout
    live = subprocess.run([*run, "--live"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert live.returncode == 1 and "has not reported a gateway connection" in live.stderr
    env.pop("DISCORD_TOKEN")
    no_token = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert no_token.returncode == 1 and "DISCORD_TOKEN is not set" in no_token.stderr


def test_add_never_replaces_an_article_it_did_not_add_and_autocompletes_outlets(engine):
    """An upload whose front matter claims a sample article's id is refused; the article stays.
    The `source` option of /ask offers the indexed outlets."""
    target = "000_9bf6159a81baad6f"
    before = engine.article(target)
    hijack = (f"---\nid: {target}\ntitle: Lavrov resigns\n---\n"
              "Sergey Lavrov resigned on Monday, a fake story said.\n").encode()

    async def scenario():
        async with starting(engine) as (fake, _):
            i = await fake.slash("add", ADMIN, file=Attachment("breaking.md", hijack))
            (report,) = await fake.replies_to(i, timeout=60)
            typed = await fake.autocomplete("ask", "source", "sa")
            everything = await fake.autocomplete("ask", "source", "")
            await fake.until(lambda: typed.choices is not None and everything.choices is not None)
            return report, typed.choices, everything.choices

    report, typed, everything = run_async(scenario())
    fields = {f["name"]: f["value"] for f in report["embeds"][0]["fields"]}
    assert list(fields) == ["Rejected (1)"]
    assert fields["Rejected (1)"] == fmt.escape(
        f"`breaking.md`: article id '{target}' is already indexed from another file "
        f"({target}.txt); /add does not replace an article it did not add"
    ).replace("\\`", "`")
    assert engine.article(target) == before
    assert not Path(engine.settings.uploads_dir).exists() or not any(
        Path(engine.settings.uploads_dir).iterdir())
    assert typed == [{"name": "Saba", "value": "Saba"}]
    assert [c["value"] for c in everything] == engine.outlets() == ["MENAFN", "Saba"]
