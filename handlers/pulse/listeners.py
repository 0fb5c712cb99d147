"""/pulse: post a check-in to a channel, take one-click answers, close it early."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.domain.kernel.errors import InvalidInput
from bot.slack.forms import metadata_of
from bot.slack.kit import action_value, channel_of, submit, team_of, user_of
from bot.slack.pulse import blocks as views
from bot.slack.pulse.forms import answer_value, channel_of_metadata, pulse_form
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback, PulseCommand
from handlers.pulse import manage as pulse_manage
from handlers.pulse.channel import can_post_here

SUBCOMMANDS = ("schedule", "list", "stop", "settings")


def register(app: App, c: Container) -> None:
    """Attach the /pulse listeners."""
    on = c.listeners(app)

    @on.command(PulseCommand.PULSE)
    def pulse(ack: Ack, body: dict[str, Any]) -> None:
        words = str(body.get("text") or "").split()
        sub = words[0].lower() if words else ""
        if sub and sub not in SUBCOMMANDS:
            msg = views.help_message()
            ack(text=msg.text, blocks=msg.blocks, response_type="ephemeral")
            return
        ack()
        if sub:
            pulse_manage.run_subcommand(c, body, sub, words[1:])
            return
        if not can_post_here(c, body):
            return
        threshold = c.pulses.settings(team_of(body)).threshold
        c.gateway.open_view(str(body["trigger_id"]), views.start_modal(channel_of(body), threshold))

    @on.view(PulseCallback.START)
    def submit_start(ack: Ack, body: dict[str, Any]) -> None:
        channel = channel_of_metadata(metadata_of(body["view"]))
        form = pulse_form(body["view"]["state"]["values"])
        pulse = submit(
            ack,
            PulseBlock.BANK,
            lambda: c.pulses.start(team_of(body), user_of(body), channel, form),
        )
        if pulse is None:
            return
        ack()

    @on.action(re.compile(rf"^{PulseAction.ANSWER}:\d+$"))
    def answer(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        parsed = answer_value(action_value(body))
        if parsed is None:
            raise InvalidInput({"choice": "That button is out of date."})
        receipt = c.pulses.answer(team_of(body), parsed[0], user_of(body), parsed[1])
        c.gateway.ephemeral(channel_of(body), user_of(body), views.answer_receipt(receipt))

    @on.action(PulseAction.CLOSE)
    def close_now(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        raw = action_value(body) or ""
        if not raw.isdigit():
            raise InvalidInput({"pulse": "That button is out of date."})
        c.pulses.close_early(team_of(body), int(raw), user_of(body))
