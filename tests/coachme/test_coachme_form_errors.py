"""A bad /coachme form comes back inline, each error on the block that asks for the field."""

from __future__ import annotations

import json
from typing import Any

from bot.slack.coachme import modals
from tests.coachme.coachme_steps import (
    dms_to,
    open_feedback_form,
    request_values,
    submit_answer,
    submit_request,
)
from tests.conftest import REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import plain, radio, user, users


def input_blocks(view: dict[str, Any]) -> set[str]:
    return {b["block_id"] for b in view["blocks"] if b["type"] == "input"}


def test_blank_whitespace_and_too_long_answers_come_back_inline(
    server: AppServer, slack: FakeSlack
) -> None:
    reply = submit_request(
        server, what_happened=plain("   "), deal_name=plain(""), help_with=plain("x" * 2001)
    )
    errors = json.loads(reply.body)["errors"]
    assert set(errors) == {"what_happened", "deal_name", "help_with"}
    assert "2000" in errors["help_with"]
    assert slack.calls_to("chat.postMessage") == []


def test_asking_nobody_or_yourself_or_a_bot_is_refused(server: AppServer) -> None:
    nobody = json.loads(submit_request(server, coach=user(None), peers=users([])).body)
    assert "coach" in nobody["errors"]
    me = json.loads(submit_request(server, coach=user(REP)).body)
    assert "yourself" in me["errors"]["coach"]
    bot = json.loads(submit_request(server, peers=users(["U_BOT2"])).body)
    assert "bot" in bot["errors"]["peers"]
    gone = json.loads(submit_request(server, peers=users(["U_GONE"])).body)
    assert "deactivated" in gone["errors"]["peers"]


def test_request_errors_land_on_the_blocks_of_the_request_modal(server: AppServer) -> None:
    # The domain names these fields coach_user_id and followup_months; the modal's blocks
    # are "coach" and "followup".
    reply = submit_request(server, coach=user(REP), followup=radio("5"))
    errors = json.loads(reply.body)["errors"]
    assert set(errors) == {"coach", "followup"}
    assert "3, 6 or 12" in errors["followup"]
    assert set(errors) <= input_blocks(modals.request_modal())
    assert set(request_values()) == input_blocks(modals.request_modal())


def test_feedback_errors_land_on_the_blocks_of_the_feedback_modal(
    server: AppServer, slack: FakeSlack
) -> None:
    submit_request(server)
    ask_id, modal = open_feedback_form(server, slack)
    reply = submit_answer(
        server, ask_id, selling_skills=plain(""), our_org=plain(" "), try_next=plain("")
    )
    errors = json.loads(reply.body)["errors"]
    assert set(errors) == {"selling_skills", "try_next"}
    assert set(errors) <= input_blocks(modal)
    assert not [m for m in dms_to(slack, REP) if "sent feedback" in m["text"]]
