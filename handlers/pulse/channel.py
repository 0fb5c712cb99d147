"""The channel a pulse goes in: whether the bot can post there, and modals sent for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack

from bot.container import Container
from bot.slack.forms import metadata_of
from bot.slack.kit import channel_of, submit, user_of
from bot.slack.pulse import notes
from bot.slack.pulse.forms import FIELD_BLOCKS, channel_of_metadata
from bot.slack.pulse.ids import PulseBlock

T = TypeVar("T")


def can_post_here(c: Container, body: dict[str, Any]) -> bool:
    """Tell the person privately when the bot can't post in this channel, and how to fix it."""
    channel, user = channel_of(body), user_of(body)
    if not channel.startswith(("C", "G")):
        c.gateway.ephemeral(channel, user, notes.not_a_channel())
        return False
    if not c.gateway.is_member(channel):
        c.gateway.ephemeral(channel, user, notes.not_in_channel())
        return False
    return True


def submit_for_channel(ack: Ack, body: dict[str, Any], call: Callable[[str], T]) -> T | None:
    """Run a pulse modal's service call for the channel the modal was opened in.

    Field errors go on their inputs; any other refusal goes where the question is picked.
    """
    channel = channel_of_metadata(metadata_of(body["view"]))
    return submit(ack, PulseBlock.BANK, lambda: call(channel), blocks=FIELD_BLOCKS)
