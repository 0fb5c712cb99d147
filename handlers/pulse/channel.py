"""Whether the bot can post a pulse where a /pulse command was typed."""

from __future__ import annotations

from typing import Any

from bot.container import Container
from bot.slack.kit import channel_of, user_of
from bot.slack.pulse import blocks as views


def can_post_here(c: Container, body: dict[str, Any]) -> bool:
    """Tell the person privately when the bot can't post in this channel, and how to fix it."""
    channel, user = channel_of(body), user_of(body)
    if not channel.startswith(("C", "G")):
        c.gateway.ephemeral(channel, user, views.not_a_channel())
        return False
    if not c.gateway.is_member(channel):
        c.gateway.ephemeral(channel, user, views.not_in_channel())
        return False
    return True
