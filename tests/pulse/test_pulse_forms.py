"""Pulse modals show each mistake on the input it is about: the domain names a field, the Slack
layer maps it to its input."""

from __future__ import annotations

from typing import Any

from bot.container import Container
from bot.domain.pulse.dto import SettingsView
from bot.domain.pulse.rules import PulseField
from bot.slack.pulse.forms import FIELD_BLOCKS
from bot.slack.pulse.ids import PulseBlock, PulseCallback
from bot.slack.pulse.modals import schedule_modal, settings_modal, start_modal
from tests.conftest import COACH, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import plain, static
from tests.pulse.pulse_helpers import CHANNEL, TEAM, start_values, submit_modal, submit_schedule


def test_every_field_the_domain_names_has_an_input_in_a_pulse_modal() -> None:
    assert set(FIELD_BLOCKS) == set(PulseField)
    views = [start_modal(CHANNEL, 5), schedule_modal(CHANNEL, "UTC")]
    views.append(settings_modal(SettingsView(5, 0)))
    inputs = {b["block_id"] for view in views for b in view["blocks"] if b["type"] == "input"}
    assert set(FIELD_BLOCKS.values()) <= inputs


def test_start_form_shows_each_mistake_on_its_own_input(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    def errors(values: dict[str, Any]) -> set[str]:
        reply = submit_modal(server, PulseCallback.START, values, COACH)
        assert reply["response_action"] == "errors"
        return set(reply["errors"])

    custom = {PulseBlock.CUSTOM: {PulseBlock.CUSTOM: plain("How ready are we for Thursday?")}}
    options = {
        **custom,
        PulseBlock.TYPE: {PulseBlock.TYPE: static("options")},
        PulseBlock.OPTIONS: {PulseBlock.OPTIONS: plain("Only one")},
    }
    assert errors({}) == {PulseBlock.BANK}  # no question at all
    assert errors({**start_values(), **custom}) == {PulseBlock.CUSTOM}  # both kinds at once
    assert errors(custom) == {PulseBlock.TYPE}  # own question, but no way to answer it
    assert errors(options) == {PulseBlock.OPTIONS}
    assert errors(start_values(hours="5")) == {PulseBlock.DURATION}

    server.settle()
    assert container.pulses.open_in_channel(TEAM, CHANNEL) == []
    assert slack.calls_to("chat.postMessage") == []


def test_schedule_form_shows_bad_time_and_bad_zone_inline(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    no_time = submit_schedule(server, COACH, time=None)
    assert no_time["response_action"] == "errors"
    assert set(no_time["errors"]) == {PulseBlock.TIME}

    bad_zone = submit_schedule(server, COACH, tz="Mars/Olympus_Mons")
    assert bad_zone["response_action"] == "errors"
    assert set(bad_zone["errors"]) == {PulseBlock.TZ}
    assert "Europe/Berlin" in bad_zone["errors"][PulseBlock.TZ]

    both = submit_schedule(server, COACH, time="25:99", tz="Berlin")
    assert set(both["errors"]) == {PulseBlock.TIME, PulseBlock.TZ}

    no_day = submit_schedule(server, COACH, weekday="7")
    assert set(no_day["errors"]) == {PulseBlock.WEEKDAY}

    server.settle()
    assert container.pulse_schedules.in_channel(TEAM, CHANNEL) == []
    assert slack.calls_to("chat.postEphemeral") == []
