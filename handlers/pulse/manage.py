"""/pulse schedule, list, stop and settings: managing recurring pulses and the workspace rules."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context.respond import Respond

from bot.container import Container
from bot.domain.kernel.errors import NotAllowed
from bot.slack.blockkit import context, modal
from bot.slack.errors import whisper
from bot.slack.kit import (
    button_id,
    channel_of,
    submit,
    team_of,
    trigger_of,
    user_of,
    values_of,
)
from bot.slack.pulse import modals, notes
from bot.slack.pulse.forms import FIELD_BLOCKS, schedule_form, settings_values
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback
from handlers.pulse.channel import can_post_here, submit_for_channel


def run_subcommand(
    c: Container, body: dict[str, Any], respond: Respond, sub: str, args: list[str]
) -> None:
    """Run `/pulse <sub> ...` (already acknowledged)."""
    team, user, channel = team_of(body), user_of(body), channel_of(body)
    if sub == "schedule":
        if can_post_here(c, body, respond):
            tz = c.pulse_schedules.default_zone(team, user)
            c.gateway.open_view(trigger_of(body), modals.schedule_modal(channel, tz))
    elif sub == "list":
        whisper(
            respond,
            notes.schedule_list(
                c.pulse_schedules.in_channel(team, channel), c.pulses.open_in_channel(team, channel)
            ),
        )
    elif sub == "stop":
        wanted = args[0].lstrip("#") if args else ""
        schedules = c.pulse_schedules.in_channel(team, channel)
        if wanted.isdigit():
            whisper(
                respond, notes.schedule_stopped(c.pulse_schedules.stop(team, user, int(wanted)))
            )
        elif len(schedules) == 1:
            stopped = c.pulse_schedules.stop(team, user, schedules[0].id)
            whisper(respond, notes.schedule_stopped(stopped))
        else:
            whisper(respond, notes.schedule_list(schedules, []))
    elif sub == "settings":
        if not c.pulses.is_admin(team, user):
            raise NotAllowed(
                "Pulse settings are for workspace admins. Ask a Slack admin or owner if "
                "something should change."
            )
        c.gateway.open_view(trigger_of(body), modals.settings_modal(c.pulses.settings(team)))


def register(app: App, c: Container) -> None:
    """Attach the listeners of the schedule and settings modals."""
    on = c.listeners(app)

    @on.view(PulseCallback.SCHEDULE)
    def submit_schedule(ack: Ack, body: dict[str, Any]) -> None:
        form = schedule_form(values_of(body))
        saved = submit_for_channel(
            c,
            ack,
            body,
            lambda channel: c.pulse_schedules.create(team_of(body), user_of(body), channel, form),
        )
        if saved is None:
            return
        ack()
        c.gateway.ephemeral(saved.channel_id, user_of(body), notes.schedule_saved(saved))

    @on.view(PulseCallback.SETTINGS)
    def submit_settings(ack: Ack, body: dict[str, Any]) -> None:
        threshold, pool = settings_values(values_of(body))
        settings = submit(
            ack,
            PulseBlock.THRESHOLD,
            lambda: c.pulses.update_settings(team_of(body), user_of(body), threshold, pool),
            blocks=FIELD_BLOCKS,
        )
        if settings is None:
            return
        done = notes.settings_saved(settings)
        ack(
            response_action="update",
            view=modal(
                "Pulse settings", [context(done.text)], callback_id="pulse_done", close="Done"
            ),
        )

    @on.action(PulseAction.STOP_SCHEDULE)
    def stop_schedule(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        schedule_id = button_id(body)
        stopped = c.pulse_schedules.stop(team_of(body), user_of(body), schedule_id)
        whisper(respond, notes.schedule_stopped(stopped))
