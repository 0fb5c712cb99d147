"""The weekly digest's one button: stop it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.container import Container
from bot.domain.kernel.notifications import Topic
from bot.slack.blockkit import Message, section
from bot.slack.digest.ids import DigestAction
from bot.slack.errors import whisper
from bot.slack.kit import team_of, user_of

STOPPED = (
    "Done: no more weekly digests. You can turn it back on under *Your notifications* "
    "on the Home tab."
)


def register(app: App, c: Container) -> None:
    """Attach the digest listeners."""
    on = c.listeners(app)

    @on.action(DigestAction.OPT_OUT)
    def opt_out(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        c.notifications.set_topic(team_of(body), user_of(body), Topic.DIGEST, on=False)
        whisper(respond, Message(text=STOPPED, blocks=[section(STOPPED)]), replace=True)
