"""A bad field's error shows inline on the input it was typed in.

The domain names its own fields; the Slack layer's FIELD_BLOCKS puts each on its block.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.domain.coaching.dto import CadenceForm, PairView
from bot.domain.coaching.pairs import clean_cadence
from bot.domain.kernel.errors import InvalidInput
from bot.scheduler import tick
from bot.slack.coaching.forms import FIELD_BLOCKS
from bot.slack.coaching.ids import CoachingBlock
from bot.slack.coaching.modals import cadence_modal
from tests import payloads
from tests.coaching.coaching_helpers import button_value, posts_to, weekly
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack


def _errors(server: AppServer, callback: str, values: dict[str, Any], **meta: Any) -> Any:
    reply = server.post(
        payloads.view_submission(
            callback, values, user_id=meta.pop("user", COACH), private_metadata=json.dumps(meta)
        )
    )
    answer = json.loads(reply.body)
    assert answer["response_action"] == "errors"
    return answer["errors"]


def test_an_empty_cadence_form_names_every_input_of_the_modal() -> None:
    with pytest.raises(InvalidInput) as raised:
        clean_cadence(CadenceForm(None, None, None, None, None))
    fields = raised.value.fields
    assert set(fields) == {"every_weeks", "weekday", "start_time", "length_minutes", "lead"}
    pair = PairView(1, "T", COACH, REP, 1, 1, "10:00", 30, "2h", "UTC", None, None, None)
    inputs = {b["block_id"] for b in cadence_modal(pair)["blocks"] if "block_id" in b}
    assert {FIELD_BLOCKS[name] for name in fields} == inputs


def test_cadence_errors_land_on_their_own_blocks(server: AppServer) -> None:
    server.container.coaching.add_rep(payloads.TEAM_ID, COACH, REP)
    values = {
        CoachingBlock.EVERY: {CoachingBlock.EVERY: payloads.static("3")},
        CoachingBlock.WEEKDAY: {CoachingBlock.WEEKDAY: payloads.static("1")},
        CoachingBlock.START: {
            CoachingBlock.START: {"type": "timepicker", "selected_time": "10:00"}
        },
        CoachingBlock.LENGTH: {CoachingBlock.LENGTH: payloads.static("30")},
        CoachingBlock.LEAD: {CoachingBlock.LEAD: payloads.static(None)},
    }
    errors = _errors(server, "coaching_cadence", values, rep_id=REP)
    assert set(errors) == {"coaching_every", "coaching_lead"}
    assert errors["coaching_every"] == "Pick how often you'll meet."


def test_session_errors_land_on_day_and_priorities(server: AppServer, slack: FakeSlack) -> None:
    weekly(server.container)  # Tuesdays 10:00 New York; it is Monday 10:00 there
    tick(server.container)
    sid = int(button_value(posts_to(slack, REP)[0], "coaching_add_priorities"))

    day = {CoachingBlock.DAY: {CoachingBlock.DAY: payloads.date("2026-03-01")}}
    start = {
        CoachingBlock.START: {CoachingBlock.START: {"type": "timepicker", "selected_time": "10:00"}}
    }
    moved = _errors(server, "coaching_reschedule", {**day, **start}, session_id=sid)
    assert moved == {"coaching_day": "Pick a time that hasn't passed yet."}

    empty = {CoachingBlock.PRIORITIES: {CoachingBlock.PRIORITIES: payloads.plain("  \n - ")}}
    prep = _errors(server, "coaching_prep", empty, session_id=sid, user=REP)
    assert prep == {"coaching_priorities": "Add at least one opportunity."}
