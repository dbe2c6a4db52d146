"""The Discord client: wiring, the shared answer path, error replies, and `run(settings)`.

The bot is a thin adapter over `retrieval.engine.Engine`, which is injected with the settings.
Everything slow (the model, the index) runs in worker threads, so the gateway heartbeat is never
blocked; questions are bounded by a semaphore and a per-user cooldown, and writes to the index
run one at a time.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord
from discord import app_commands

from retrieval.config import Settings
from retrieval.errors import IndexUnavailable, NewsqaError
from retrieval.models import Answer, Filters

from . import health
from .access import NOT_HERE, channel_allowed
from .commands import NotAdmin, all_commands
from .conversation import earlier_questions
from .cooldown import Cooldown, cooldown_message
from .formatting import (
    NO_MENTIONS,
    Page,
    answer_pages,
    find_passage,
    more_pages,
    passage_pages,
    text_pages,
)
from .inputs import UsageError, check_question, mention_question
from .views import AnswerCache, MoreSourcesButton, PassageSelect, answer_view

log = logging.getLogger("bot")

SOMETHING_WRONG = (
    "Something went wrong while handling that; it has been logged. Please try again later."
)
FORGOTTEN = (
    "I no longer remember that answer (I keep only recent ones, and forget them when I restart). "
    "Ask again to see its sources."
)

Send = Callable[..., Awaitable[Any]]


class NewsTree(app_commands.CommandTree["NewsBot"]):
    """Command tree that refuses commands outside the allowed channels and turns every error
    into a short reply."""

    async def interaction_check(self, interaction: discord.Interaction[NewsBot]) -> bool:
        channel = interaction.channel
        parent_id = getattr(channel, "parent_id", None)
        if channel_allowed(self.client.settings.bot, interaction.channel_id, parent_id):
            return True
        await interaction.response.send_message(NOT_HERE, ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return False

    async def on_error(
        self, interaction: discord.Interaction[NewsBot], error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)


def user_message(error: BaseException) -> str:
    """What the user is told about an error; unexpected ones are logged with their traceback."""
    original = getattr(error, "original", error)
    if isinstance(original, (NotAdmin, NewsqaError, UsageError)):
        return str(original)
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "Sorry, you can't use that here."
    log.error("unexpected error", exc_info=original)
    return SOMETHING_WRONG


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    name = interaction.command.name if interaction.command else "component"
    message = user_message(error)
    if message != SOMETHING_WRONG:
        log.info("/%s for %s: %s", name, interaction.user.id, message)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.exception("could not send the error reply for /%s", name)


class NewsBot(discord.Client):
    """The newsqa Discord bot. `engine`: a `retrieval.engine.Engine` (or one with its methods)."""

    def __init__(self, settings: Settings, engine: Any, **options: Any) -> None:
        # No voice here: without this, discord.py warns at start-up that PyNaCl is missing.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        options.setdefault("intents", discord.Intents.default())
        options["allowed_mentions"] = NO_MENTIONS
        super().__init__(**options)
        self.settings = settings
        self.engine = engine
        self.tree = NewsTree(self)
        for command in all_commands():
            self.tree.add_command(command)
        self.question_slots = asyncio.Semaphore(settings.bot.max_concurrent)
        self.write_lock = asyncio.Lock()
        self.cooldown = Cooldown(settings.bot.cooldown_rate, settings.bot.cooldown_seconds)
        self.answers = AnswerCache()
        self.health_file = settings.resolve(settings.bot.health_file)
        self.health_interval = health.INTERVAL
        self._health_task: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        # Before the gateway connection exists: load the question encoder and the index (in a
        # worker thread), so that the first answer is as fast as the rest.
        health.write(self.health_file, "loading")
        await asyncio.to_thread(self.load_engine)
        self._health_task = asyncio.create_task(self._keep_health())
        self.add_dynamic_items(MoreSourcesButton, PassageSelect)
        guild_id = self.settings.bot.guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to server %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d commands globally (may take up to an hour to show)", len(synced))

    def load_engine(self) -> None:
        started = time.perf_counter()
        try:
            self.engine.load()
        except IndexUnavailable as exc:  # admins can still /reindex or /add
            log.warning("the index did not load: %s", exc)
        log.info("question encoder and index loaded in %.1f s", time.perf_counter() - started)

    async def _keep_health(self) -> None:
        """Rewrite the health file while the bot runs (see bot/health.py)."""
        while not self.is_closed():
            ws = self.ws
            live = ws is not None and ws.open and math.isfinite(self.latency)
            health.write(self.health_file, "connected" if live else "connecting",
                         latency=self.latency, user=str(self.user) if self.user else None,
                         guilds=len(self.guilds))
            await asyncio.sleep(self.health_interval)

    async def close(self) -> None:
        if self._health_task is not None:
            self._health_task.cancel()
            health.write(self.health_file, "closed")
        await super().close()

    async def on_ready(self) -> None:
        log.info("connected as %s (id %s) to %d servers", self.user,
                 self.user and self.user.id, len(self.guilds))

    # -- the core, off the event loop ----------------------------------------------------------

    async def answer(
        self, question: str, *, filters: Filters = Filters(), history: Sequence[str] = ()
    ) -> Answer:
        async with self.question_slots:
            return await asyncio.to_thread(
                self.engine.ask, question, filters=filters, history=tuple(history)
            )

    def indexed_path(self, article_id: str) -> str | None:
        """The file an indexed article came from, or None (called from a worker thread)."""
        try:
            return self.engine.article(article_id).path
        except (NewsqaError, AttributeError):
            return None

    # -- sending ---------------------------------------------------------------------------------

    async def send_pages(
        self, pages: Sequence[Page], send: Send, send_next: Send | None = None,
        *, view: discord.ui.View | None = None, **kwargs: Any,
    ) -> None:
        """Send each page as one message; `view` goes under the last one."""
        for i, page in enumerate(pages):
            extra = dict(kwargs)
            if view is not None and i == len(pages) - 1:
                extra["view"] = view
            if page.content is not None:
                extra["content"] = page.content
            if page.embeds:
                extra["embeds"] = list(page.embeds)
            await (send if i == 0 or send_next is None else send_next)(
                allowed_mentions=NO_MENTIONS, **extra
            )

    async def send_answer(self, answer: Answer, send: Send, send_next: Send) -> None:
        shown = self.settings.bot.sources_shown
        key = self.answers.put(answer)
        await self.send_pages(
            answer_pages(answer, sources_shown=shown), send, send_next,
            view=answer_view(key, answer, shown),
        )

    async def show_more(self, interaction: discord.Interaction[NewsBot], key: str) -> None:
        """The "More sources" button: further passages, visible to the one who pressed it."""
        try:
            answer = self.answers.get(key)
            if answer is None:
                pages = text_pages(FORGOTTEN)
            else:
                pages = more_pages(answer, sources_shown=self.settings.bot.sources_shown)
            await self.send_pages(pages, interaction.response.send_message,
                                  interaction.followup.send, ephemeral=True)
        except Exception as exc:
            await report_error(interaction, exc)

    async def show_passage(
        self, interaction: discord.Interaction[NewsBot], key: str, label: str
    ) -> None:
        """The passage menu: the chosen source's passage as a block quote, to the one who chose."""
        try:
            answer = self.answers.get(key)
            citation = None if answer is None else find_passage(
                answer, label, self.settings.bot.sources_shown
            )
            pages = text_pages(FORGOTTEN) if citation is None else passage_pages(citation, label)
            await self.send_pages(pages, interaction.response.send_message,
                                  interaction.followup.send, ephemeral=True)
        except Exception as exc:
            await report_error(interaction, exc)

    # -- mentions --------------------------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot, in a reply; follow-ups in its reply chain or
        thread are answered with the earlier questions as context."""
        me = self.user
        if me is None or message.author.id == me.id or message.author.bot:
            return
        if not any(u.id == me.id for u in message.mentions):
            return
        channel = message.channel
        if not channel_allowed(self.settings.bot, channel.id, getattr(channel, "parent_id", None)):
            log.debug("ignoring a mention in channel %s (not in allowed_channels)", channel.id)
            return

        async def reply(**kwargs: Any) -> discord.Message:
            return await message.reply(mention_author=False, **kwargs)

        try:
            question = check_question(mention_question(message.content, me.id))
            wait = self.cooldown.hit(message.author.id)
            if wait:
                await self.send_pages(text_pages(cooldown_message(wait)), reply)
                return
            async with channel.typing():
                history = await earlier_questions(self, message)
                answer = await self.answer(question, history=history)
            await self.send_answer(answer, reply, channel.send)
        except Exception as exc:
            try:
                await self.send_pages(text_pages(user_message(exc)), reply)
            except discord.HTTPException:
                log.exception("could not send the error reply to message %s", message.id)


# -- entry points --------------------------------------------------------------------------------


PLAIN_LOG_FORMAT = "[{asctime}] [{levelname:<8}] {name}: {message}"


def wants_colour(stream: Any) -> bool:
    """ANSI colours only on a terminal, and never with NO_COLOR set (https://no-color.org).
    (discord.py's own test also colours inside any Docker container, tty or not.)"""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _configure_logging() -> None:
    if not logging.getLogger().handlers:
        handler = logging.StreamHandler()  # stderr
        if wants_colour(handler.stream):
            discord.utils.setup_logging(handler=handler, level=logging.INFO, root=True)
        else:
            plain = logging.Formatter(PLAIN_LOG_FORMAT, "%Y-%m-%d %H:%M:%S", style="{")
            discord.utils.setup_logging(handler=handler, formatter=plain, level=logging.INFO,
                                        root=True)


def token_from_env() -> str | None:
    token = os.environ.get("DISCORD_TOKEN", "").strip()
    return token or None


NO_TOKEN = (
    "error: DISCORD_TOKEN is not set; put the bot token from the Discord Developer Portal "
    "(Applications > your app > Bot > Reset Token) in that environment variable"
)
BAD_TOKEN = (
    "error: Discord rejected the token in DISCORD_TOKEN; copy a new one from the Developer "
    "Portal (Applications > your app > Bot > Reset Token)"
)


def run(settings: Settings, *, engine: Any = None, **options: Any) -> int:
    """Run the bot until it is stopped; the exit status. The token comes from DISCORD_TOKEN.

    A missing or rejected token, or a start-up error the user can fix, ends with one line on
    stderr and status 1 (no traceback).
    """
    token = token_from_env()
    if token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 1
    _configure_logging()
    try:
        if engine is None:
            from retrieval.engine import Engine

            engine = Engine(settings)
        bot = NewsBot(settings, engine, **options)

        async def serve() -> None:
            loop = asyncio.get_running_loop()
            if sys.platform != "win32":  # `docker stop` sends SIGTERM: close cleanly
                loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(bot.close()))
            async with bot:
                await bot.start(token)

        asyncio.run(serve())
    except discord.LoginFailure:
        print(BAD_TOKEN, file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("error: Discord refused the bot's intents", file=sys.stderr)
        return 1
    except NewsqaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (discord.GatewayNotFound, discord.HTTPException, OSError) as exc:
        print(f"error: cannot connect to Discord ({exc})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def check(settings: Settings, *, engine: Any = None, live: bool = False) -> int:
    """Health check without connecting: the config loads, the index opens (or does not exist
    yet: admins can still /add articles), and a token is set; with `live`, also that the running
    bot's health file is fresh and says it is connected to the gateway. Prints one line; 0 when
    healthy."""
    from retrieval.store import open_store

    if token_from_env() is None:
        print(NO_TOKEN, file=sys.stderr)
        return 1
    path = settings.resolve(settings.bot.health_file)
    state = health.read(path)
    problem = health.live_problem(path, state)
    if live and problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    bot = f"; bot {health.describe(state)}" if state is not None and problem is None else ""
    if engine is None and not open_store(settings).exists():
        print(f"ok: no index yet at {settings.index_dir} (build one with `newsqa index` or /add)"
              f"{bot}")
        return 0
    try:
        if engine is None:
            from retrieval.engine import Engine

            engine = Engine(settings)
        stats = engine.stats()
    except NewsqaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"ok: {stats.articles:,} articles, {stats.passages:,} passages, "
        f"newest {stats.newest_date or '-'}{bot}"
    )
    return 0
