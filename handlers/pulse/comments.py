"""Anonymous pulse comments: leaving one, and the owner's private reply."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.slack.forms import int_value, metadata_of, text_of
from bot.slack.kit import button_id, submit, team_of, trigger_of, user_of, values_of, view_of
from bot.slack.pulse import comments
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback


def register(app: App, c: Container) -> None:
    """Attach the comment listeners."""
    on = c.listeners(app)
    book = c.pulses.comments

    @on.action(PulseAction.COMMENT)
    def open_comment(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        threshold = c.pulses.settings(team_of(body)).threshold
        c.gateway.open_view(trigger_of(body), comments.comment_modal(button_id(body), threshold))

    @on.view(PulseCallback.COMMENT)
    def save_comment(ack: Ack, body: dict[str, Any]) -> None:
        pulse_id = int_value(metadata_of(view_of(body)).get("pulse_id"))
        if pulse_id is None:
            ack()  # the thank-you view shares this callback and has nothing to save
            return
        text = text_of(values_of(body), PulseBlock.COMMENT)
        new = submit(
            ack,
            PulseBlock.COMMENT,
            lambda: (book.comment(team_of(body), pulse_id, user_of(body), text),),
            blocks={"comment": PulseBlock.COMMENT},
        )
        if new is not None:
            ack(response_action="update", view=comments.comment_saved_modal(new[0]))

    @on.action(PulseAction.REPLY)
    def open_reply(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        comment_id = button_id(body)
        said = book.owner_of(team_of(body), comment_id, user_of(body))
        c.gateway.open_view(trigger_of(body), comments.reply_modal(comment_id, said))

    @on.view(PulseCallback.REPLY)
    def send_reply(ack: Ack, body: dict[str, Any]) -> None:
        comment_id = int_value(metadata_of(view_of(body)).get("comment_id"))
        if comment_id is None:
            ack()
            return
        text = text_of(values_of(body), PulseBlock.REPLY)
        sent = submit(
            ack,
            PulseBlock.REPLY,
            lambda: (book.reply(team_of(body), comment_id, user_of(body), text),),
            blocks={"reply": PulseBlock.REPLY},
        )
        if sent is not None:
            ack(response_action="update", view=comments.reply_sent_modal())
