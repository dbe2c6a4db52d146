"""The bot driven through the real discord.py stack (HTTP client, gateway, state, command tree)
against the fake Discord on loopback, with a stand-in engine: what the bot does, not what it
answers. tests/test_bot_engine.py runs the same paths over the real core."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fake_discord import (
    ADMIN,
    CHANNEL_ID,
    GUILD_ID,
    MANAGER,
    OTHER_BOT,
    OTHER_CHANNEL_ID,
    OWNER,
    THREAD_ID,
    TOKEN,
    USER,
    Attachment,
    FakeDiscord,
    FakeEngine,
    connected,
    fake_in_thread,
    run_async,
)

from bot.app import SOMETHING_WRONG, NewsBot, run
from retrieval.config import BotSettings, Settings
from retrieval.errors import IndexUnavailable
from retrieval.models import Filters

ROOT = Path(__file__).resolve().parent.parent


def make_settings(tmp_path: Path, **bot: object) -> Settings:
    base = Settings(base_dir=str(tmp_path))
    paths = dataclasses.replace(base.paths, index_dir=str(tmp_path / "index"),
                                uploads_dir=str(tmp_path / "uploads"))
    options = dict(admin_roles=("newsqa-admin",), guild_id=GUILD_ID, cooldown_rate=100,
                   cooldown_seconds=1.0, max_concurrent=2)
    options.update(bot)
    return dataclasses.replace(base, paths=paths, bot=BotSettings(**options))  # type: ignore[arg-type]


def starting(settings: Settings, engine: object, fake: FakeDiscord | None = None):
    return connected(lambda: NewsBot(settings, engine, guild_ready_timeout=0.05), fake)


def text_of(message: dict) -> str:
    parts = [message.get("content") or ""]
    for e in message.get("embeds", []):
        parts += [e.get("title", ""), e.get("description", ""),
                  (e.get("footer") or {}).get("text", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields", [])]
    return "\n".join(p for p in parts if p)


def is_ephemeral(message: dict) -> bool:
    return bool(message["flags"] & 64)


# -- start-up -------------------------------------------------------------------------------------

def test_commands_sync_to_the_configured_guild_or_globally(tmp_path):
    async def scenario(guild_id):
        async with starting(make_settings(tmp_path, guild_id=guild_id), FakeEngine()) as (fake, _):
            assert sorted(fake.commands) == ["add", "ask", "reindex", "remove", "stats"]
            admin = {n: fake.commands[n].get("default_member_permissions") for n in fake.commands}
            admin = {n: None if v is None else str(v) for n, v in admin.items()}
            assert admin["add"] == admin["remove"] == admin["reindex"] == str(1 << 5)
            assert admin["ask"] is None and admin["stats"] is None
            ask = {o["name"]: o for o in fake.commands["ask"]["options"]}
            assert list(ask) == ["question", "since", "until", "source"]
            assert ask["question"]["required"] and ask["question"]["description"]
            return fake.synced_to

    assert run_async(scenario(GUILD_ID)) == [str(GUILD_ID)]
    assert run_async(scenario(None)) == ["global"]


def test_missing_token_ends_start_up_with_one_line():
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["HF_HUB_OFFLINE"] = "1"
    proc = subprocess.run([sys.executable, "-m", "bot"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: DISCORD_TOKEN is not set")
    assert proc.stdout == ""


def test_rejected_token_ends_start_up_with_one_line(tmp_path, monkeypatch, capsys):
    """`run` against the fake, which refuses the token as Discord does (401 on login)."""
    secret = "wrong-token-that-must-never-be-printed"
    monkeypatch.setenv("DISCORD_TOKEN", secret)
    with fake_in_thread() as fake:
        status = run(make_settings(tmp_path), engine=FakeEngine(), guild_ready_timeout=0.05)
    out, err = capsys.readouterr()
    assert status == 1
    assert err.strip().splitlines() == [err.strip()] and err.startswith("error: Discord rejected")
    assert secret not in out + err
    assert [q.path for q in fake.requests] == ["/api/v10/users/@me"]


def test_run_connects_and_stops_cleanly_on_sigterm(tmp_path, monkeypatch, caplog):
    """The real entry point end to end: log in, sync, connect; `docker stop` ends it with 0."""
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    with fake_in_thread() as fake:
        def stop_when_connected() -> None:
            deadline = time.monotonic() + 15
            while not fake.identified.is_set() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.2)
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=stop_when_connected, daemon=True).start()
        with caplog.at_level(logging.INFO):
            status = run(make_settings(tmp_path), engine=FakeEngine(), guild_ready_timeout=0.05)
    assert status == 0
    assert fake.synced_to == [str(GUILD_ID)]
    assert not fake.violations
    assert TOKEN not in caplog.text


def test_check_reports_the_index_without_connecting(tmp_path, monkeypatch, capsys):
    from bot.app import check

    monkeypatch.setenv("DISCORD_TOKEN", "set")
    assert check(make_settings(tmp_path), engine=FakeEngine()) == 0
    assert capsys.readouterr().out == "ok: 5 articles, 40 passages, newest 2024-02-22\n"
    assert check(make_settings(tmp_path)) == 0  # no index yet: admins can still /add
    assert capsys.readouterr().out.startswith("ok: no index yet at ")
    monkeypatch.delenv("DISCORD_TOKEN")
    assert check(make_settings(tmp_path), engine=FakeEngine()) == 1
    assert "DISCORD_TOKEN is not set" in capsys.readouterr().err


class TimedIdentify(FakeDiscord):
    """Notes when the bot identifies on the gateway, and what the engine had done by then."""

    engine: FakeEngine | None = None
    at_identify: tuple[float, object] | None = None

    async def _identify(self, ws, d):
        self.at_identify = (time.monotonic(), self.engine and self.engine.loaded)
        await super()._identify(ws, d)


def test_the_engine_is_loaded_off_the_loop_before_the_bot_identifies(tmp_path):
    engine = FakeEngine()

    async def scenario():
        fake = TimedIdentify()
        fake.engine = engine
        async with starting(make_settings(tmp_path), engine, fake) as (fake, _):
            return fake.at_identify

    identified_at, loaded = run_async(scenario())
    assert loaded is not None and loaded == engine.loaded  # loaded once, before IDENTIFY
    thread, loaded_at = loaded
    assert thread != "MainThread" and loaded_at < identified_at
    assert engine.calls == []  # loading is not a question


def test_the_health_file_follows_the_gateway_connection(tmp_path, monkeypatch, capsys):
    from bot import health
    from bot.app import check

    monkeypatch.setenv("DISCORD_TOKEN", "set")
    settings = make_settings(tmp_path)
    path = settings.resolve(settings.bot.health_file)
    assert check(settings, engine=FakeEngine(), live=True) == 1  # no bot has run
    assert "has not reported a gateway connection" in capsys.readouterr().err

    async def scenario():
        def make():
            bot = NewsBot(settings, FakeEngine(), guild_ready_timeout=0.05)
            bot.health_interval = 0.05
            return bot

        async with connected(make) as (fake, _):
            await fake.until(lambda: (health.read(path) or {}).get("state") == "connected"
                             and "latency_ms" in health.read(path))
            status = check(settings, engine=FakeEngine(), live=True)
            out = capsys.readouterr().out
            first = health.read(path)
            await asyncio.sleep(0.3)
            return status, out, first, health.read(path)

    status, out, first, later = run_async(scenario())
    assert status == 0
    assert out.startswith("ok: 5 articles, 40 passages, newest 2024-02-22; bot connected as ")
    assert "gateway latency" in out
    assert later["updated"] > first["updated"]  # rewritten while connected
    assert health.read(path)["state"] == "closed"  # the bot stopped: no longer live
    assert check(settings, engine=FakeEngine(), live=True) == 1
    assert "the bot is closed, not connected" in capsys.readouterr().err

    health.write(path, "connected", latency=0.04)  # a hung bot: the file stops being rewritten
    stale = health.read(path)
    stale["updated"] -= health.MAX_AGE + 5
    path.write_text(__import__("json").dumps(stale))
    assert check(settings, engine=FakeEngine(), live=True) == 1
    assert "the bot is hung or stopped" in capsys.readouterr().err
    assert check(settings, engine=FakeEngine()) == 0  # the set-up check alone does not ask
    assert capsys.readouterr().out == "ok: 5 articles, 40 passages, newest 2024-02-22\n"


def test_intents_are_the_defaults_without_privileged_ones(tmp_path):
    async def scenario():
        async with starting(make_settings(tmp_path), FakeEngine()) as (_, bot):
            assert bot.intents.value == __import__("discord").Intents.default().value
            assert not bot.intents.message_content and not bot.intents.members
    run_async(scenario())  # the fake fails the test on a privileged intent


# -- /ask ------------------------------------------------------------------------------------------

def test_ask_defers_then_follows_up_with_the_answer(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            i = await fake.slash("ask", question="What did Peskov say?", since="2024-02-01",
                                 until="2024-02-29", source="menafn")
            (reply,) = await fake.replies_to(i)
            assert i.ack_type == 5 and not i.ephemeral  # deferred, "thinking", public
            assert i.acked - i.created < 1.0
            main, sources = reply["embeds"]
            assert main["title"] == "What did Peskov say?"
            assert main["description"] == (
                "Peskov said [1]:\n> “the talks would continue”\nLavrov agreed [2].\n\n"
                "**Quotes**\n\n> “We agree with \\*all\\* of it”\n"
                "— **Sergey Lavrov**, Foreign Minister [2][3]")
            assert sources["description"].splitlines()[0].startswith(
                "**[1]** [Article number 1 \\[with brackets\\]](https://example.com/news/1)"
                " — MENAFN, 2024-02-11")
            assert "@\u200deveryone" not in text_of(reply)  # passages are not in the answer
            kinds = [c["components"][0]["type"] for c in reply["components"]]
            assert kinds == [3, 2]  # passage menu, More sources

    run_async(scenario())
    (name, call), = [c for c in engine.calls if c[0] == "ask"]
    assert name == "ask" and call["question"] == "What did Peskov say?"
    assert call["filters"] == Filters("2024-02-01", "2024-02-29", "menafn")
    assert engine.threads[0] != "MainThread"  # off the event loop


def test_ask_with_a_source_that_matches_no_outlet_says_so_and_lists_them(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            i = await fake.slash("ask", question="What did Peskov say?", source="saba")
            (reply,) = await fake.replies_to(i)
            return reply["content"]

    said = run_async(scenario())
    assert said == "No indexed outlet matches “saba”. Outlets: MENAFN, Reuters."
    assert "ask" not in [name for name, _ in engine.calls]


def test_source_autocompletes_from_the_indexed_outlets(tmp_path):
    engine = FakeEngine()
    engine.outlet_names = (*(f"Outlet {n:02d}" for n in range(40)), "Reuters")

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            assert {o["name"]: o.get("autocomplete") for o in
                    fake.commands["ask"]["options"]}["source"] is True
            typed = await fake.autocomplete("ask", "source", "reu", question="What happened?")
            everything = await fake.autocomplete("ask", "source", "")
            await fake.until(lambda: typed.choices is not None and everything.choices is not None)
            return typed, everything

    typed, everything = run_async(scenario())
    assert typed.ack_type == 8 and typed.choices == [{"name": "Reuters", "value": "Reuters"}]
    assert len(everything.choices) == 25  # Discord's limit, most articles first
    assert everything.choices[0] == {"name": "Outlet 00", "value": "Outlet 00"}


@pytest.mark.parametrize(
    ("options", "says"),
    [({"since": "22/02/2024"}, "`since` must be a date written YYYY-MM-DD"),
     ({"until": "2024-02-30"}, "`until` must be a date written YYYY-MM-DD"),
     ({"since": "2024-03-01", "until": "2024-02-01"}, "is after `until`"),
     ({"question": "   "}, "Ask me a question")],
)
def test_ask_refuses_bad_input_ephemerally_without_asking(tmp_path, options, says):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            i = await fake.slash("ask", **{"question": "What happened?", **options})
            (reply,) = await fake.replies_to(i)
            assert i.ack_type == 4 and is_ephemeral(reply)
            assert says in reply["content"]

    run_async(scenario())
    assert engine.calls == []


def test_long_answer_is_split_within_discord_limits(tmp_path):
    sentence = "Peskov said the negotiations would continue next week in Istanbul [1]. "
    text = sentence * 300  # about 21,000 characters
    engine = FakeEngine(text=text, n_citations=25, n_more=30)

    async def scenario():
        async with starting(make_settings(tmp_path, sources_shown=25), engine) as (fake, _):
            i = await fake.slash("ask", question="Tell me everything")
            await fake.until(lambda: len(i.replies) >= 3 and not i.deferred_pending)
            await asyncio.sleep(0.3)  # any further parts
            replies = i.replies
            descriptions = [e.get("description", "") for m in replies for e in m["embeds"]]
            joined = " ".join(descriptions)
            assert joined.split()[: len(text.split())] == text.split()  # nothing lost or cut
            assert all(len(m["embeds"]) <= 10 for m in replies)
            assert replies[-1]["components"] and not any(m["components"] for m in replies[:-1])
            menu = replies[-1]["components"][0]["components"][0]
            assert len(menu["options"]) == 25

    run_async(scenario())  # the fake refuses (and fails the test on) anything over a limit


def test_a_rate_limited_followup_is_retried(tmp_path):
    async def scenario():
        async with starting(make_settings(tmp_path), FakeEngine()) as (fake, _):
            fake.rate_limit("POST", r"^/api/v10/webhooks/", retry_after=0.3)
            i = await fake.slash("ask", question="What did Peskov say?")
            (reply,) = await fake.replies_to(i)
            posts = fake.calls("POST", r"^/api/v10/webhooks/")
            assert len(posts) == 2 and posts[1].at - posts[0].at >= 0.29
            assert reply["embeds"]

    run_async(scenario())


def test_concurrent_questions_are_all_answered_within_the_limit(tmp_path):
    engine = FakeEngine(delay=0.4)

    async def scenario():
        async with starting(make_settings(tmp_path, max_concurrent=2), engine) as (fake, _):
            users = [USER, ADMIN, MANAGER, OWNER] * 2
            asked = [await fake.slash("ask", user, question=f"Question {n}?")
                     for n, user in enumerate(users)]
            for i in asked:
                await fake.replies_to(i)
            assert all(i.acked - i.created < 1.0 for i in asked)  # acknowledged while waiting
            titles = sorted(i.replies[0]["embeds"][0]["title"] for i in asked)
            assert titles == sorted(f"Question {n}?" for n in range(8))

    run_async(scenario())
    assert engine.max_running == 2


def test_heartbeat_goes_on_while_the_engine_works(tmp_path):
    engine = FakeEngine(delay=2.0)

    async def scenario():
        fake = FakeDiscord(heartbeat_interval=0.2)
        async with starting(make_settings(tmp_path), engine, fake) as (fake, _):
            i = await fake.slash("ask", question="Slow one?")
            start = i.created
            await fake.replies_to(i)
            beats = [t for t in fake.heartbeats if t >= start]
            gaps = [b - a for a, b in zip([start, *beats], beats, strict=False)]
            assert len(beats) >= 7 and max(gaps) < 0.8

    run_async(scenario())


def test_cooldown_answers_a_flood_with_a_friendly_message(tmp_path):
    engine = FakeEngine()

    async def scenario():
        settings = make_settings(tmp_path, cooldown_rate=2, cooldown_seconds=60.0)
        async with starting(settings, engine) as (fake, _):
            answered = [await fake.slash("ask", question=f"Q{n}?") for n in range(2)]
            for i in answered:
                await fake.replies_to(i)
            flood = await fake.slash("ask", question="Q3?")
            (reply,) = await fake.replies_to(flood)
            assert is_ephemeral(reply) and "please wait" in reply["content"]
            other = await fake.slash("ask", ADMIN, question="Mine?")  # other users unaffected
            assert (await fake.replies_to(other))[0]["embeds"]
            mention = await fake.user_message("Q4?")
            assert "please wait" in (await fake.bot_reply_to(mention))["content"]

    run_async(scenario())
    assert len(engine.calls) == 3


def test_commands_outside_allowed_channels_are_refused_politely(tmp_path):
    engine = FakeEngine()

    async def scenario():
        settings = make_settings(tmp_path, allowed_channels=(CHANNEL_ID,))
        async with starting(settings, engine) as (fake, _):
            i = await fake.slash("ask", channel_id=OTHER_CHANNEL_ID, question="Here?")
            (reply,) = await fake.replies_to(i)
            assert is_ephemeral(reply) and "only answer in the channels" in reply["content"]
            ok = await fake.slash("ask", channel_id=THREAD_ID, question="In a thread of #news?")
            assert (await fake.replies_to(ok))[0]["embeds"]
            await fake.user_message("Here?", channel_id=OTHER_CHANNEL_ID)
            await asyncio.sleep(0.3)
            assert fake.bot_messages() == []  # mentions elsewhere are left alone

    run_async(scenario())
    assert len(engine.calls) == 1


def test_core_errors_reach_the_user_and_others_are_logged(tmp_path, caplog):
    async def scenario(error):
        async with starting(make_settings(tmp_path), FakeEngine(fail=error)) as (fake, _):
            i = await fake.slash("ask", question="Anything?")
            (reply,) = await fake.replies_to(i)
            m = await fake.user_message("Anything?")
            mention_reply = await fake.bot_reply_to(m)
            return reply["content"], mention_reply["content"]

    assert run_async(scenario(IndexUnavailable("No index yet: run newsqa index."))) == (
        "No index yet: run newsqa index.", "No index yet: run newsqa index.")
    with caplog.at_level(logging.ERROR, logger="bot"):
        assert run_async(scenario(RuntimeError("kaboom"))) == (SOMETHING_WRONG, SOMETHING_WRONG)
    logged = [r for r in caplog.records if r.name == "bot" and r.exc_info]
    assert len(logged) == 2 and all("kaboom" in str(r.exc_info[1]) for r in logged)


def test_stats(tmp_path):
    async def scenario():
        async with starting(make_settings(tmp_path), FakeEngine()) as (fake, _):
            i = await fake.slash("stats")
            (reply,) = await fake.replies_to(i)
            fields = {f["name"]: f["value"] for f in reply["embeds"][0]["fields"]}
            assert (fields["Articles"], fields["Passages"], fields["Newest article"]) == (
                "5", "40", "2024-02-22")

    run_async(scenario())


# -- the sources under an answer ------------------------------------------------------------------

def test_more_sources_button_and_passage_menu_reply_ephemerally(tmp_path):
    async def scenario():
        async with starting(make_settings(tmp_path, sources_shown=2), FakeEngine()) as (fake, _):
            i = await fake.slash("ask", question="What did Peskov say?")
            (answer,) = await fake.replies_to(i)
            assert answer["embeds"][1]["description"].count("**[") == 2  # sources_shown

            more = await fake.click(answer, "newsqa:more:", ADMIN)
            (reply,) = await fake.replies_to(more)
            assert more.ack_type == 4 and is_ephemeral(reply)
            listed = re.findall(r"\*\*\[(\d+)\]\*\*", reply["embeds"][0]["description"])
            assert listed == ["3", "4", "5"]
            assert "> Passage 4: Kremlin spokesman" in reply["embeds"][0]["description"]

            shown = await fake.choose(answer, "newsqa:show:", "1")
            (passage,) = await fake.replies_to(shown)
            embed = passage["embeds"][0]
            assert is_ephemeral(passage)
            assert embed["title"] == "[1] Article number 1 [with brackets]"
            assert embed["url"] == "https://example.com/news/1"
            assert embed["description"].startswith("> Passage 1: Kremlin spokesman Dmitry Peskov")
            assert "\\*Not bold\\*" in embed["description"]
            assert "@\u200deveryone" in embed["description"]

            further = await fake.choose(answer, "newsqa:show:", "4")  # a further passage
            assert "Passage 4" in (await fake.replies_to(further))[0]["embeds"][0]["description"]

    run_async(scenario())


def test_sources_of_a_forgotten_answer_get_a_polite_reply(tmp_path):
    async def scenario():
        async with starting(make_settings(tmp_path), FakeEngine()) as (fake, bot):
            i = await fake.slash("ask", question="What did Peskov say?")
            (answer,) = await fake.replies_to(i)
            bot.answers = type(bot.answers)()  # as after a restart
            for press in (fake.click(answer, "newsqa:more:"),
                          fake.choose(answer, "newsqa:show:", "2")):
                (reply,) = await fake.replies_to(await press)
                assert is_ephemeral(reply) and "no longer remember" in reply["content"]

    run_async(scenario())


# -- mentions --------------------------------------------------------------------------------------

def test_mention_is_answered_in_a_reply_and_follow_ups_carry_the_conversation(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            q1 = await fake.user_message("what did Peskov say?")
            a1 = await fake.bot_reply_to(q1)
            assert a1["embeds"][0]["title"] == "what did Peskov say?"
            assert a1["components"]  # the same sources menu and button
            assert fake.calls("POST", rf"/channels/{CHANNEL_ID}/typing")
            q2 = await fake.user_message("and Lavrov?", reply_to=a1)  # a reply pings the bot
            a2 = await fake.bot_reply_to(q2)
            q3 = await fake.user_message("<@1100000000000000002> when?", reply_to=a2)
            await fake.bot_reply_to(q3)
            # press the button under a mention's answer too
            more = await fake.click(a1, "newsqa:more:")
            assert (await fake.replies_to(more))[0]["embeds"]

    run_async(scenario())
    histories = [c["history"] for name, c in engine.calls if name == "ask"]
    questions = [c["question"] for name, c in engine.calls if name == "ask"]
    assert questions == ["what did Peskov say?", "and Lavrov?", "when?"]
    assert histories == [(), ("what did Peskov say?",), ("what did Peskov say?", "and Lavrov?")]


def test_follow_up_reply_chain_is_fetched_when_not_cached_and_bounded(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, bot):
            q1 = await fake.user_message("first?")
            a1 = await fake.bot_reply_to(q1)
            q2 = await fake.user_message("second?", reply_to=a1)
            a2 = await fake.bot_reply_to(q2)
            bot._connection._messages.clear()  # forget cached messages: fetch them instead
            q3 = await fake.user_message("third?", reply_to=a2)
            await fake.bot_reply_to(q3)
            assert fake.calls("GET", rf"/channels/{CHANNEL_ID}/messages/\d+")

    run_async(scenario())
    assert engine.calls[-1][1]["history"] == ("first?", "second?")


def test_mention_in_a_thread_uses_the_thread_s_earlier_questions(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            q1 = await fake.user_message("what did Peskov say?", channel_id=THREAD_ID)
            await fake.bot_reply_to(q1)
            await fake.user_message("chatter", ADMIN, channel_id=THREAD_ID, mention_bot=False,
                                    content_visible=False)
            q2 = await fake.user_message("and Lavrov?", channel_id=THREAD_ID)
            a2 = await fake.bot_reply_to(q2)
            assert a2["channel_id"] == str(THREAD_ID)

    run_async(scenario())
    assert engine.calls[-1][1]["history"] == ("what did Peskov say?",)


def test_bot_ignores_its_own_messages_other_bots_and_messages_not_for_it(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            from fake_discord import BOT_ID, FakeUser

            itself = FakeUser(BOT_ID, "newsqa", bot=True)
            await fake.user_message("what did Peskov say?", itself)
            await fake.user_message("what did Peskov say?", OTHER_BOT)
            await fake.user_message("hello all", mention_bot=False, content_visible=False)
            # and its own answers, which Discord echoes back to it, start nothing either
            q = await fake.user_message("one question")
            await fake.bot_reply_to(q)
            await asyncio.sleep(0.4)
            assert len(fake.calls("POST", r"/channels/\d+/messages$")) == 1

    run_async(scenario())
    assert [c["question"] for _, c in engine.calls] == ["one question"]


def test_an_empty_mention_gets_a_hint(tmp_path):
    async def scenario():
        async with starting(make_settings(tmp_path), FakeEngine()) as (fake, _):
            m = await fake.user_message("")
            assert "Ask me a question" in (await fake.bot_reply_to(m))["content"]

    run_async(scenario())


# -- admin commands --------------------------------------------------------------------------------

ARTICLE = b"date 2024-03-01\nTalks resume in Istanbul\n\n(MENAFN) Kremlin spokesman Dmitry " \
          b"Peskov said on Friday that the talks would resume in Istanbul next week.\n"


@pytest.mark.parametrize("who", [ADMIN, MANAGER, OWNER])
def test_admins_can_add_articles(tmp_path, who):
    engine = FakeEngine()
    settings = make_settings(tmp_path)

    async def scenario():
        async with starting(settings, engine) as (fake, _):
            i = await fake.slash("add", who, file=Attachment("talks.txt", ARTICLE),
                                 file2=Attachment("more.md", b"# Title\n\nBody of the article."))
            (reply,) = await fake.replies_to(i)
            assert i.ack_type == 5 and is_ephemeral(reply)
            embed = reply["embeds"][0]
            assert embed["title"] == "Articles added"
            assert embed["fields"][0]["name"] == "Added (2)"

    run_async(scenario())
    uploads = settings.uploads_dir
    assert sorted(p.name for p in uploads.iterdir()) == ["more.md", "talks.txt"]
    assert (uploads / "talks.txt").read_bytes() == ARTICLE
    assert engine.calls == [("index", [str(uploads / "talks.txt"), str(uploads / "more.md")])]


def test_admin_users_by_id_are_admins(tmp_path):
    engine = FakeEngine()

    async def scenario():
        async with starting(make_settings(tmp_path, admin_roles=(), admin_users=(USER.id,)),
                            engine) as (fake, _):
            i = await fake.slash("reindex", USER)
            assert "Index rebuilt" in text_of((await fake.replies_to(i))[0])

    run_async(scenario())
    assert [name for name, _ in engine.calls] == ["reindex"]


@pytest.mark.parametrize(
    ("command", "options"),
    [("add", {"file": Attachment("talks.txt", ARTICLE)}), ("remove", {"ids": "talks"}),
     ("reindex", {})],
)
def test_non_admins_are_refused_and_nothing_changes(tmp_path, command, options):
    engine = FakeEngine()
    settings = make_settings(tmp_path)

    async def scenario():
        async with starting(settings, engine) as (fake, _):
            i = await fake.slash(command, USER, **options)
            (reply,) = await fake.replies_to(i)
            assert i.ack_type == 4 and is_ephemeral(reply)
            assert reply["content"].startswith("Sorry, only newsqa admins")
            assert fake.downloads == []

    run_async(scenario())
    assert engine.calls == []
    assert not settings.uploads_dir.exists()


@pytest.mark.parametrize(
    ("attachment", "reason", "downloaded"),
    [
        (Attachment("huge.txt", b"small really", size=6_000_000), "too large", False),
        (Attachment("photo.png", b"\x89PNG", content_type="image/png"), "not an article file",
         False),
        (Attachment("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"), "binary", True),
        (Attachment("latin.txt", "Caf\u00e9 society".encode("latin-1")), "not UTF-8", True),
        (Attachment("bad.jsonl", b'{"title": "no text"}\n'), "missing text", True),  # the core's
        (Attachment("bomb.jsonl.gz", gzip.compress(b" " * 200_000_000)), "expands", True),
    ],
)
def test_bad_attachments_are_rejected_with_the_reason_and_nothing_written(
        tmp_path, attachment, reason, downloaded):
    engine = FakeEngine()
    settings = make_settings(tmp_path, max_attachment_bytes=5_000_000)

    async def scenario():
        async with starting(settings, engine) as (fake, _):
            i = await fake.slash("add", ADMIN, file=attachment)
            (reply,) = await fake.replies_to(i)
            (field,) = reply["embeds"][0]["fields"]
            assert field["name"] == "Rejected (1)"
            assert field["value"].startswith(f"`{attachment.filename}") and reason in field["value"]
            assert bool(fake.downloads) is downloaded

    run_async(scenario())
    assert engine.calls == []
    assert not settings.uploads_dir.exists() or not any(settings.uploads_dir.iterdir())


def test_add_keeps_good_files_and_reports_bad_ones(tmp_path):
    engine = FakeEngine()
    settings = make_settings(tmp_path)

    async def scenario():
        async with starting(settings, engine) as (fake, _):
            i = await fake.slash("add", ADMIN, file=Attachment("ok.txt", ARTICLE),
                                 file2=Attachment("x.pdf", b"%PDF"))
            (reply,) = await fake.replies_to(i)
            fields = {f["name"]: f["value"] for f in reply["embeds"][0]["fields"]}
            assert fields == {"Added (1)": "`ok.txt`", "Rejected (1)":
                              "`x.pdf`: not an article file: send .txt, .md, .jsonl or .jsonl.gz"}

    run_async(scenario())
    assert [p.name for p in settings.uploads_dir.iterdir()] == ["ok.txt"]


def test_remove_deletes_the_uploaded_file_so_reindex_does_not_bring_it_back(tmp_path):
    engine = FakeEngine()
    settings = make_settings(tmp_path)
    settings.uploads_dir.mkdir(parents=True)
    (settings.uploads_dir / "talks.txt").write_bytes(ARTICLE)
    (settings.uploads_dir / "keep.txt").write_bytes(ARTICLE)

    async def scenario():
        async with starting(settings, engine) as (fake, _):
            i = await fake.slash("remove", ADMIN, ids="talks, nothing-here")
            reply = (await fake.replies_to(i))[0]
            assert "Deleted the uploaded file `talks.txt`." in reply["embeds"][0]["description"]

    run_async(scenario())
    assert engine.calls == [("remove", ["talks", "nothing-here"])]
    assert [p.name for p in settings.uploads_dir.iterdir()] == ["keep.txt"]


def test_writes_run_one_at_a_time(tmp_path):
    engine = FakeEngine(delay=0.3)

    async def scenario():
        async with starting(make_settings(tmp_path), engine) as (fake, _):
            started = [await fake.slash("reindex", ADMIN),
                       await fake.slash("remove", MANAGER, ids="a"),
                       await fake.slash("add", OWNER, file=Attachment("t.txt", ARTICLE))]
            for i in started:
                await fake.replies_to(i)

    run_async(scenario())
    assert engine.max_running == 1 and len(engine.calls) == 3
