"""The buttons under an answer: "More sources" and a menu to read the passage behind a source.

Both are `DynamicItem`s whose custom id carries the key of the answer in the bot's answer cache,
so they keep working for as long as the answer is remembered (they are not tied to one message
or to a timeout) and get a polite reply once it is forgotten.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from secrets import token_hex
from typing import TYPE_CHECKING, Any

import discord

from retrieval.models import Answer

from .formatting import BUTTON_LABEL_LIMIT, PLACEHOLDER_LIMIT, Choice, has_more, passage_choices

if TYPE_CHECKING:
    from .app import NewsBot


class AnswerCache:
    """The most recent answers, by a short random key (least recently used dropped first)."""

    def __init__(self, size: int = 500) -> None:
        self.size = size
        self._answers: OrderedDict[str, Answer] = OrderedDict()

    def put(self, answer: Answer) -> str:
        key = token_hex(6)
        self._answers[key] = answer
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)
        return key

    def get(self, key: str) -> Answer | None:
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer


class MoreSourcesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"newsqa:more:(?P<key>[0-9a-f]{12})"
):
    def __init__(self, key: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="More sources"[:BUTTON_LABEL_LIMIT],
                style=discord.ButtonStyle.secondary,
                custom_id=f"newsqa:more:{key}",
            )
        )
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MoreSourcesButton:
        return cls(match["key"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot: NewsBot = interaction.client
        await bot.show_more(interaction, self.key)


class PassageSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]], template=r"newsqa:show:(?P<key>[0-9a-f]{12})"
):
    def __init__(self, key: str, choices: Sequence[Choice]) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"newsqa:show:{key}",
                placeholder="Read the passage behind a source…"[:PLACEHOLDER_LIMIT],
                min_values=1,
                max_values=1,
                options=[
                    discord.SelectOption(label=c.label, value=c.value, description=c.description)
                    for c in choices
                ],
            )
        )
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PassageSelect:
        options = getattr(item, "options", [])
        return cls(match["key"], [Choice(o.value, o.label, o.description) for o in options])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        values = self.item.values
        bot: NewsBot = interaction.client
        await bot.show_passage(interaction, self.key, values[0] if values else "")


def answer_view(key: str, answer: Answer, sources_shown: int) -> discord.ui.View | None:
    """The components under an answer, or None when it has no sources to show."""
    view = discord.ui.View(timeout=None)
    choices = passage_choices(answer, sources_shown)
    if choices:
        view.add_item(PassageSelect(key, choices))
    if has_more(answer, sources_shown):
        view.add_item(MoreSourcesButton(key))
    return view if view.children else None
