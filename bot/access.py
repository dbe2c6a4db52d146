"""Who may change the index, and where the bot answers. Checked inside the bot, whatever the
server's command permissions say."""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.config import BotSettings

NOT_ADMIN = (
    "Sorry, only newsqa admins can change the index. Ask someone with Manage Server "
    "or one of the bot's admin roles."
)
NOT_HERE = "Sorry, I only answer in the channels I've been set up for. Please ask me there."


def is_admin(
    settings: BotSettings,
    user_id: int,
    roles: Iterable[tuple[int, str]] = (),
    manage_guild: bool = False,
) -> bool:
    """A configured admin user, a member with a configured role (by id or exact name), or a
    member with the Manage Server permission (Administrator includes it)."""
    if user_id in settings.admin_users or manage_guild:
        return True
    wanted = {str(r).strip() for r in settings.admin_roles}
    return any(str(role_id) in wanted or name in wanted for role_id, name in roles)


def channel_allowed(settings: BotSettings, channel_id: int | None, parent_id: int | None) -> bool:
    """Every channel when `allowed_channels` is empty; else a listed channel or a thread in one."""
    allowed = settings.allowed_channels
    if not allowed:
        return True
    return channel_id in allowed or (parent_id is not None and parent_id in allowed)
