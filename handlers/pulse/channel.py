"""The channel a pulse goes in: whether the bot can post there, and modals sent for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack
from slack_bolt.context.respond import Respond

from bot.container import Container
from bot.slack.errors import whisper
from bot.slack.forms import metadata_of
from bot.slack.kit import channel_of, submit
from bot.slack.pulse import notes
from bot.slack.pulse.forms import FIELD_BLOCKS, channel_of_metadata
from bot.slack.pulse.ids import PulseBlock

T = TypeVar("T")

NOT_POSTABLE = (
    f"I'm not in that channel, so I can't post there. Type `{notes.INVITE}` in the "
    "channel, then submit again."
)


def _is_channel(channel: str) -> bool:
    return channel.startswith(("C", "G"))


def can_post_here(c: Container, body: dict[str, Any], respond: Respond) -> bool:
    """Tell the person privately when the bot can't post in this channel, and how to fix it."""
    channel = channel_of(body)
    if not _is_channel(channel):
        whisper(respond, notes.not_a_channel())
        return False
    if not c.gateway.is_member(channel):
        whisper(respond, notes.not_in_channel())
        return False
    return True


def submit_for_channel(
    c: Container, ack: Ack, body: dict[str, Any], call: Callable[[str], T]
) -> T | None:
    """Run a pulse modal's service call for the channel the modal was opened in.

    The channel comes back from the modal's metadata, so it is checked again (it may have been
    tampered with, or the bot removed meanwhile): the modal stays open with a note on the
    question. Field errors go on their inputs; any other refusal goes on the question too.
    """
    view = body.get("view")
    channel = channel_of_metadata(metadata_of(view if isinstance(view, dict) else {}))
    if not _is_channel(channel) or not c.gateway.is_member(channel):
        ack(response_action="errors", errors={PulseBlock.BANK: NOT_POSTABLE})
        return None
    return submit(ack, PulseBlock.BANK, lambda: call(channel), blocks=FIELD_BLOCKS)
