"""The earlier questions of a conversation with the bot, for follow-ups ("and what about Lavrov?").

A conversation is a reply chain (each answer replies to its question, each follow-up replies to an
answer) or, without a reply, the recent questions to the bot in the same thread. Both are bounded.
"""

from __future__ import annotations

import logging

import discord

from .inputs import mention_question

log = logging.getLogger(__name__)

MAX_DEPTH = 10  # messages followed up a reply chain
MAX_QUESTIONS = 5  # earlier questions passed to the core
THREAD_LOOKBACK = 30  # messages read back in a thread


async def _parent(client: discord.Client, message: discord.Message) -> discord.Message | None:
    ref = message.reference
    if ref is None or ref.message_id is None:
        return None
    if isinstance(ref.resolved, discord.Message):
        return ref.resolved
    if isinstance(ref.resolved, discord.DeletedReferencedMessage):
        return None
    if ref.cached_message is not None:
        return ref.cached_message
    channel = message.channel
    if ref.channel_id != channel.id:
        channel = client.get_channel(ref.channel_id)  # type: ignore[assignment]
    if channel is None or not hasattr(channel, "fetch_message"):
        return None
    try:
        return await channel.fetch_message(ref.message_id)
    except (discord.NotFound, discord.Forbidden):
        return None


def _question_of(message: discord.Message, me: discord.abc.Snowflake) -> str | None:
    if message.author.bot or message.author.id == me.id:
        return None
    return mention_question(message.content, me.id) or None


async def earlier_questions(
    client: discord.Client,
    message: discord.Message,
    *,
    max_depth: int = MAX_DEPTH,
    max_questions: int = MAX_QUESTIONS,
) -> list[str]:
    """Questions asked before `message` in its conversation, oldest first."""
    me = client.user
    if me is None:
        return []
    found: list[str] = []  # newest first
    current, depth = message, 0
    while depth < max_depth and len(found) < max_questions:
        parent = await _parent(client, current)
        if parent is None:
            break
        depth += 1
        question = _question_of(parent, me)
        if question:
            found.append(question)
        current = parent
    if depth == 0 and isinstance(message.channel, discord.Thread):
        try:
            async for earlier in message.channel.history(limit=THREAD_LOOKBACK, before=message):
                if me.id in earlier.raw_mentions:
                    question = _question_of(earlier, me)
                    if question:
                        found.append(question)
                if len(found) >= max_questions:
                    break
        except discord.Forbidden:
            log.info("cannot read the history of thread %s (Read Message History)",
                     message.channel.id)
    return found[::-1]
