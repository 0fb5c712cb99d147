"""Replies reach the person wherever they typed; modal submissions re-check their channel."""

from __future__ import annotations

import json

import pytest

from bot.container import Container
from bot.slack.pulse.forms import channel_metadata
from bot.slack.pulse.ids import PulseBlock, PulseCallback, PulseCommand
from tests.conftest import COACH, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import slash_command, view_submission
from tests.pulse.pulse_helpers import TEAM, schedule_values, start_values

DM_WITH_SOMEONE_ELSE = "D_OTHER"


def test_a_reply_in_a_dm_with_someone_else_arrives_through_the_response_url(
    server: AppServer, slack: FakeSlack
) -> None:
    # Real Slack refuses chat.postEphemeral in a DM the bot is not part of.
    slack.fail_always("chat.postEphemeral", "channel_not_found")
    reply = server.post(
        slash_command(PulseCommand.PULSE, "", user_id=COACH, channel_id=DM_WITH_SOMEONE_ELSE)
    )
    assert reply.status == 200
    note = slack.wait_for_replies()[0]
    assert note["hook"] == f"commands/{COACH}"
    assert note["response_type"] == "ephemeral"
    assert note["replace_original"] is False
    assert "Pulses are for channels" in note["text"]
    server.settle()
    assert slack.calls_to("chat.postEphemeral") == []


def test_an_error_after_a_command_is_told_through_the_response_url(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.fail_always("chat.postEphemeral", "channel_not_found")
    server.post(
        slash_command(
            PulseCommand.PULSE, "settings", user_id=COACH, channel_id=DM_WITH_SOMEONE_ELSE
        )
    )
    note = slack.wait_for_replies()[0]
    assert "workspace admins" in note["text"]
    assert note["response_type"] == "ephemeral"


@pytest.mark.parametrize("callback", [PulseCallback.START, PulseCallback.SCHEDULE])
@pytest.mark.parametrize("channel", ["C_ELSEWHERE", "D_SOMEONE", "", "U_PERSON"])
def test_a_modal_naming_a_channel_the_bot_cannot_post_in_stays_open(
    server: AppServer, slack: FakeSlack, container: Container, callback: str, channel: str
) -> None:
    slack.set_not_in_channel("C_ELSEWHERE")
    values = start_values() if callback == PulseCallback.START else schedule_values()
    reply = server.post(
        view_submission(callback, values, user_id=COACH, private_metadata=channel_metadata(channel))
    )
    assert reply.status == 200
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors"
    assert "/invite @coachbot" in answer["errors"][PulseBlock.BANK]
    server.settle()
    assert slack.calls_to("chat.postMessage") == []
    assert container.pulses.open_in_channel(TEAM, channel) == []
    assert container.pulse_schedules.in_channel(TEAM, channel) == []
