"""/pulse schedule, list, stop and settings end to end: signed requests into the real app,
a fake Slack behind it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.container import Container
from bot.domain.pulse.dto import ScheduleView, SettingsView
from bot.domain.pulse.rules import PulseForm, ScheduleForm
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback, PulseCommand
from tests.conftest import COACH, OUTSIDER, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import block_action, slash_command, static
from tests.pulse.pulse_helpers import CHANNEL, QUESTION_KEY, TEAM, submit_modal, submit_schedule

ADMIN = "U_ADM"


def submit_settings(server: AppServer, user: str, threshold: str, pool: str) -> dict[str, Any]:
    values: dict[str, dict[str, dict[str, Any]]] = {
        PulseBlock.THRESHOLD: {PulseBlock.THRESHOLD: static(threshold)},
        PulseBlock.POOL: {PulseBlock.POOL: static(pool)},
    }
    return submit_modal(server, PulseCallback.SETTINGS, values, user)


def pulse_command(server: AppServer, text: str, user: str) -> None:
    reply = server.post(slash_command(PulseCommand.PULSE, text, user_id=user, channel_id=CHANNEL))
    assert reply.status == 200, reply.body


def make_schedule(c: Container, user: str = COACH, weekday: int = 0) -> ScheduleView:
    form = ScheduleForm(
        PulseForm(bank_key=QUESTION_KEY, duration_hours=24), 1, weekday, "10:00", "UTC"
    )
    return c.pulse_schedules.create(TEAM, user, CHANNEL, form)


def stop_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        b["accessory"]
        for b in message["blocks"]
        if b.get("accessory", {}).get("action_id") == PulseAction.STOP_SCHEDULE
    ]


def test_schedule_opens_the_form_and_saving_creates_a_recurring_pulse(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    pulse_command(server, "schedule", COACH)
    opened = slack.wait_for("views.open")[0]["view"]
    assert opened["callback_id"] == PulseCallback.SCHEDULE
    assert json.loads(opened["private_metadata"]) == {"channel": CHANNEL}
    tz_block = next(b for b in opened["blocks"] if b.get("block_id") == PulseBlock.TZ)
    assert tz_block["element"]["initial_value"] == "America/New_York"  # the caller's own zone

    assert submit_schedule(server, COACH) == {}
    note = slack.wait_for("chat.postEphemeral")[0]
    assert (note["channel"], note["user"]) == (CHANNEL, COACH)
    assert "every Friday at 09:30 (Europe/Berlin)" in note["text"]

    [saved] = container.pulse_schedules.in_channel(TEAM, CHANNEL)
    assert (saved.created_by, saved.weekday, saved.local_time, saved.tz) == (
        COACH,
        4,
        "09:30",
        "Europe/Berlin",
    )
    assert saved.anonymous
    assert saved.open_hours == 24
    # Friday 6 March 2026, 09:30 in Berlin (UTC+1): the first run after Monday's setup.
    assert saved.next_at == datetime(2026, 3, 6, 8, 30, tzinfo=UTC)
    assert str(int(saved.next_at.timestamp())) in note["text"]


def test_list_shows_the_empty_state_then_each_schedule_with_a_stop_button(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    pulse_command(server, "list", OUTSIDER)
    empty = slack.wait_for_replies()[0]
    assert empty["hook"].endswith(OUTSIDER)
    assert "No recurring pulses" in json.dumps(empty["blocks"])
    assert stop_buttons(empty) == []

    first, second = make_schedule(container, weekday=0), make_schedule(container, weekday=2)
    pulse_command(server, "list", OUTSIDER)
    listed = slack.wait_for_replies(2)[1]
    assert [b["value"] for b in stop_buttons(listed)] == [str(first.id), str(second.id)]
    body = json.dumps(listed["blocks"])
    assert "every Monday at 10:00 (UTC)" in body
    assert "every Wednesday at 10:00 (UTC)" in body


def test_stop_button_works_for_the_creator_and_an_admin_but_not_for_others(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    mine, other = make_schedule(container, weekday=0), make_schedule(container, weekday=1)

    def press(schedule_id: int, user: str, n: int) -> dict[str, Any]:
        server.post(
            block_action(
                PulseAction.STOP_SCHEDULE, str(schedule_id), user_id=user, channel_id=CHANNEL
            )
        )
        note = slack.wait_for_replies(n)[n - 1]
        assert note["hook"] == f"actions/{user}"
        return note

    refused = press(mine.id, OUTSIDER, 1)
    assert f"Only <@{COACH}>" in refused["text"]
    assert len(container.pulse_schedules.in_channel(TEAM, CHANNEL)) == 2

    stopped = press(mine.id, COACH, 2)
    assert stopped["text"].startswith("Stopped:")
    assert [s.id for s in container.pulse_schedules.in_channel(TEAM, CHANNEL)] == [other.id]

    press(other.id, ADMIN, 3)
    assert container.pulse_schedules.in_channel(TEAM, CHANNEL) == []

    gone = press(other.id, COACH, 4)  # the same button pressed again
    assert "couldn't find" in gone["text"]


def test_stop_command_by_id_by_the_only_one_and_refused_for_others(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    first, second = make_schedule(container, weekday=0), make_schedule(container, weekday=1)

    pulse_command(server, f"stop #{first.id}", OUTSIDER)
    refused = slack.wait_for_replies()[0]
    assert refused["hook"].endswith(OUTSIDER)
    assert f"Only <@{COACH}>" in refused["text"]
    assert len(container.pulse_schedules.in_channel(TEAM, CHANNEL)) == 2

    # Two running and no id: the list comes back to pick from, nothing stops.
    pulse_command(server, "stop", COACH)
    choose = slack.wait_for_replies(2)[1]
    assert len(stop_buttons(choose)) == 2
    assert len(container.pulse_schedules.in_channel(TEAM, CHANNEL)) == 2

    pulse_command(server, f"stop #{first.id}", COACH)
    stopped = slack.wait_for_replies(3)[2]
    assert stopped["text"].startswith("Stopped:")
    assert [s.id for s in container.pulse_schedules.in_channel(TEAM, CHANNEL)] == [second.id]

    # One left: `/pulse stop` on its own stops that one.
    pulse_command(server, "stop", COACH)
    last = slack.wait_for_replies(4)[3]
    assert last["text"].startswith("Stopped:")
    assert container.pulse_schedules.in_channel(TEAM, CHANNEL) == []


def test_admin_saves_settings_and_a_threshold_below_three_is_refused_inline(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    pulse_command(server, "settings", ADMIN)
    opened = slack.wait_for("views.open")[0]["view"]
    assert opened["callback_id"] == PulseCallback.SETTINGS

    too_low = submit_settings(server, ADMIN, "2", "3")
    assert too_low["response_action"] == "errors"
    assert set(too_low["errors"]) == {PulseBlock.THRESHOLD}
    assert container.pulses.settings(TEAM) == SettingsView(5, 0)

    saved = submit_settings(server, ADMIN, "7", "3")
    assert saved["response_action"] == "update"
    assert "at least 7 answers, pooling up to 3 runs" in json.dumps(saved["view"])
    assert container.pulses.settings(TEAM) == SettingsView(7, 3)

    assert submit_settings(server, ADMIN, "4", "0")["response_action"] == "update"
    assert container.pulses.settings(TEAM) == SettingsView(4, 0)


def test_settings_are_refused_to_someone_who_is_not_an_admin(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    pulse_command(server, "settings", OUTSIDER)
    refused = slack.wait_for_replies()[0]
    assert refused["hook"].endswith(OUTSIDER)
    assert "admins" in refused["text"]

    # Even a hand-made submission changes nothing.
    answer = submit_settings(server, OUTSIDER, "3", "6")
    assert answer["response_action"] == "errors"
    assert "admins" in answer["errors"][PulseBlock.THRESHOLD]
    server.settle()
    assert slack.calls_to("views.open") == []
    assert container.pulses.settings(TEAM) == SettingsView(5, 0)
