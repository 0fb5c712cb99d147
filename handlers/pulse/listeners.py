"""/pulse: post a check-in to a channel, take one-click answers, close it early."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context.respond import Respond

from bot.container import Container
from bot.slack.errors import whisper
from bot.slack.kit import (
    StaleButton,
    action_value,
    button_id,
    channel_of,
    team_of,
    trigger_of,
    user_of,
    values_of,
)
from bot.slack.pulse import modals, notes
from bot.slack.pulse.forms import answer_value, pulse_form
from bot.slack.pulse.ids import PulseAction, PulseCallback, PulseCommand
from handlers.pulse import manage as pulse_manage
from handlers.pulse.channel import can_post_here, submit_for_channel

SUBCOMMANDS = ("schedule", "list", "stop", "settings")


def register(app: App, c: Container) -> None:
    """Attach the /pulse listeners."""
    on = c.listeners(app)

    @on.command(PulseCommand.PULSE)
    def pulse(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        words = str(body.get("text") or "").split()
        sub = words[0].lower() if words else ""
        if sub and sub not in SUBCOMMANDS:
            msg = notes.help_message()
            ack(text=msg.text, blocks=msg.blocks, response_type="ephemeral")
            return
        ack()
        if sub:
            pulse_manage.run_subcommand(c, body, respond, sub, words[1:])
            return
        if not can_post_here(c, body, respond):
            return
        form = modals.start_modal(channel_of(body), c.pulses.settings(team_of(body)).threshold)
        c.gateway.open_view(trigger_of(body), form)

    @on.view(PulseCallback.START)
    def submit_start(ack: Ack, body: dict[str, Any]) -> None:
        form = pulse_form(values_of(body))
        pulse = submit_for_channel(
            c,
            ack,
            body,
            lambda channel: c.pulses.start(team_of(body), user_of(body), channel, form),
        )
        if pulse is not None:
            ack()

    @on.action(re.compile(rf"^{PulseAction.ANSWER}:\d+$"))
    def answer(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        parsed = answer_value(action_value(body))
        if parsed is None:
            raise StaleButton()
        receipt = c.pulses.answer(team_of(body), parsed[0], user_of(body), parsed[1])
        whisper(respond, notes.answer_receipt(receipt))

    @on.action(PulseAction.CLOSE)
    def close_now(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        pulse_id = button_id(body)
        c.pulses.close_early(team_of(body), pulse_id, user_of(body))
