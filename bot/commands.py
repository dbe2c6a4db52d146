"""The slash commands. Each validates its input, defers, lets the bot run the core off the event
loop, and sends what `formatting` made of the result. Admin commands are checked inside the bot
(`admin_only`), not only by the server's command permissions."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from retrieval.errors import NewsqaError
from retrieval.models import IndexReport, Rejected

from . import uploads
from .access import NOT_ADMIN, is_admin
from .cooldown import cooldown_message
from .formatting import NO_MENTIONS, escape, report_pages, stats_pages
from .inputs import UsageError, check_question, make_filters

if TYPE_CHECKING:
    from .app import NewsBot  # noqa: F401  (named in the Interaction alias below)

log = logging.getLogger(__name__)

Interaction = discord.Interaction["NewsBot"]
T = TypeVar("T")


class NotAdmin(app_commands.CheckFailure):
    """Raised by the admin check; the tree's error handler turns it into a polite refusal."""


def interaction_is_admin(interaction: Interaction) -> bool:
    user = interaction.user
    roles = [(r.id, r.name) for r in getattr(user, "roles", [])]
    manage = interaction.guild is not None and interaction.permissions.manage_guild
    return is_admin(interaction.client.settings.bot, user.id, roles, manage)


def admin_only() -> Callable[[T], T]:
    async def predicate(interaction: Interaction) -> bool:
        if interaction_is_admin(interaction):
            return True
        log.info("refused admin command /%s for user %s", interaction.command and
                 interaction.command.name, interaction.user.id)
        raise NotAdmin(NOT_ADMIN)

    return app_commands.check(predicate)


@app_commands.command(name="ask")
@app_commands.describe(
    question="What you want to know, e.g. What did Peskov say about the talks?",
    since="Only articles from this day on (YYYY-MM-DD)",
    until="Only articles up to this day (YYYY-MM-DD)",
    source="Only articles from this outlet (part of its name, e.g. reuters)",
)
async def ask(
    interaction: Interaction,
    question: app_commands.Range[str, 1, 500],
    since: str | None = None,
    until: str | None = None,
    source: app_commands.Range[str, 1, 100] | None = None,
) -> None:
    """Ask a question about the indexed news articles; the answer cites its sources."""
    bot = interaction.client
    try:
        question = check_question(question)
        filters = make_filters(since, until, source)
    except UsageError as exc:
        await interaction.response.send_message(str(exc), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return
    wait = bot.cooldown.hit(interaction.user.id)
    if wait:
        await interaction.response.send_message(cooldown_message(wait), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return
    await interaction.response.defer(thinking=True)
    if filters.source and not await asyncio.to_thread(bot.engine.source_matches, filters.source):
        outlets = await asyncio.to_thread(bot.engine.outlets)
        await interaction.followup.send(no_outlet_message(filters.source, outlets),
                                        allowed_mentions=NO_MENTIONS)
        return
    answer = await bot.answer(question, filters=filters)

    async def send(**kwargs: Any) -> Any:
        return await interaction.followup.send(wait=True, **kwargs)

    await bot.send_answer(answer, send, send)


MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices


def no_outlet_message(source: str, outlets: list[str]) -> str:
    shown = ", ".join(escape(o) for o in outlets[:MAX_CHOICES])
    more = f" and {len(outlets) - MAX_CHOICES} more" if len(outlets) > MAX_CHOICES else ""
    return (f"No indexed outlet matches “{escape(source[:100])}”. "
            + (f"Outlets: {shown}{more}." if outlets else "No article names its outlet."))


def outlet_choices(outlets: list[str], typed: str) -> list[app_commands.Choice[str]]:
    """Outlets holding what the user has typed (all, most articles first, when nothing yet)."""
    want = typed.strip().casefold()
    matching = [o for o in outlets if want in o.casefold()][:MAX_CHOICES]
    return [app_commands.Choice(name=o[:100], value=o[:100]) for o in matching]


@ask.autocomplete("source")
async def source_autocomplete(interaction: Interaction, current: str
                              ) -> list[app_commands.Choice[str]]:
    try:
        outlets = await asyncio.to_thread(interaction.client.engine.outlets)
    except NewsqaError:  # no index yet
        return []
    return outlet_choices(outlets, current)


@app_commands.command(name="stats")
async def stats(interaction: Interaction) -> None:
    """How many articles and passages are indexed, and the newest article's date."""
    await interaction.response.defer(thinking=True)
    result = await asyncio.to_thread(interaction.client.engine.stats)
    await interaction.client.send_pages(stats_pages(result), interaction.followup.send)


@app_commands.command(name="add")
@app_commands.describe(
    file="An article: .txt or .md, or many in .jsonl / .jsonl.gz",
    file2="Another article file",
    file3="Another article file",
    file4="Another article file",
    file5="Another article file",
)
@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
@admin_only()
async def add(
    interaction: Interaction,
    file: discord.Attachment,
    file2: discord.Attachment | None = None,
    file3: discord.Attachment | None = None,
    file4: discord.Attachment | None = None,
    file5: discord.Attachment | None = None,
) -> None:
    """Admins: add or update articles from attached files."""
    await interaction.response.defer(thinking=True, ephemeral=True)
    bot = interaction.client
    limit = min(interaction.filesize_limit, bot.settings.bot.max_attachment_bytes)
    refused: list[Rejected] = []
    accepted: list[tuple[str, bytes]] = []
    for attachment in (a for a in (file, file2, file3, file4, file5) if a is not None):
        name = attachment.filename
        reason = uploads.check_attachment(name, attachment.size, limit)
        if reason is None:
            data = await attachment.read()
            reason = uploads.check_content(name, data, limit)
        if reason is not None:
            refused.append(Rejected(name, reason))
            continue
        articles, rejected = await asyncio.to_thread(uploads.parse, name, data)
        refused += rejected
        if articles:
            accepted.append((name, data))
    async with bot.write_lock:
        saved: list[tuple[str, Path]] = []
        for name, data in accepted:
            try:
                saved.append((name, await asyncio.to_thread(
                    uploads.save, bot.settings.uploads_dir, name, data, None, bot.indexed_path
                )))
            except uploads.UploadRefused as exc:
                refused.append(Rejected(name, str(exc)))
        paths = [path for _, path in saved]
        report = await asyncio.to_thread(bot.engine.index, paths) if paths else IndexReport()
    notes = [
        f"`{name}` was saved as `{path.name}`: that name already holds another article."
        for name, path in saved
        if path.name not in (name, uploads.safe_name(name))
    ]
    seen = {r.reason for r in refused}
    report = _without(report, seen)
    log.info("/add by %s: %s", interaction.user.id, _summary(report, refused))
    pages = report_pages(report, title="Articles added", rejected_first=refused, notes=notes)
    await bot.send_pages(pages, interaction.followup.send, ephemeral=True)


@app_commands.command(name="remove")
@app_commands.describe(
    ids="Article ids, separated by spaces or commas (shown under a source's passage)"
)
@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
@admin_only()
async def remove(interaction: Interaction, ids: app_commands.Range[str, 1, 1000]) -> None:
    """Admins: remove articles from the index by id."""
    await interaction.response.defer(thinking=True, ephemeral=True)
    bot = interaction.client
    wanted = list(dict.fromkeys(i for i in ids.replace(",", " ").split() if i))
    notes = []
    async with bot.write_lock:
        report = await asyncio.to_thread(bot.engine.remove, wanted)
        gone = await asyncio.to_thread(
            uploads.files_only_holding, bot.settings.uploads_dir, report.removed
        )
        for path in gone:
            path.unlink(missing_ok=True)
            notes.append(f"Deleted the uploaded file `{path.name}`.")
    log.info("/remove by %s: %s", interaction.user.id, _summary(report, ()))
    pages = report_pages(report, title="Articles removed", notes=notes)
    await bot.send_pages(pages, interaction.followup.send, ephemeral=True)


@app_commands.command(name="reindex")
@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
@admin_only()
async def reindex(interaction: Interaction) -> None:
    """Admins: rebuild the index from the configured article folders (may take a while)."""
    await interaction.response.defer(thinking=True, ephemeral=True)
    bot = interaction.client
    async with bot.write_lock:
        report = await asyncio.to_thread(bot.engine.reindex)
    log.info("/reindex by %s: %s", interaction.user.id, _summary(report, ()))
    pages = report_pages(report, title="Index rebuilt")
    await bot.send_pages(pages, interaction.followup.send, ephemeral=True)


def _without(report: IndexReport, reasons: set[str]) -> IndexReport:
    """The report less rejections already reported (the core re-reads the files it indexes)."""
    from dataclasses import replace

    return replace(report, rejected=tuple(r for r in report.rejected if r.reason not in reasons))


def _summary(report: IndexReport, refused: object) -> str:
    return (
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed, "
        f"{len(report.rejected) + len(refused)} rejected"  # type: ignore[arg-type]
    )


def all_commands() -> list[app_commands.Command[Any, ..., Any]]:
    return [ask, stats, add, remove, reindex]
