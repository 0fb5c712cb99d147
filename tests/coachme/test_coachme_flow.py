"""The /coachme loop end to end: signed requests in, HTTP calls to a fake Slack out."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from tests.coachme.coachme_steps import (
    all_text,
    button_value,
    click,
    command,
    dms_to,
    open_feedback_form,
    submit_answer,
    submit_request,
)
from tests.conftest import COACH, OUTSIDER, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack


def test_command_opens_prefilled_modal_with_coach_preselected(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    container.people.set_coach("T0001", REP, COACH)
    clock.advance(timedelta(days=2))  # the stored profile is now stale
    slack.reset_calls()
    reply = command(server, "Acme renewal")
    # No Slack lookup runs between the command and views.open (its trigger lasts 3 s);
    # Bolt's own one-time auth.test is the only call allowed before it.
    assert next(m for m in slack.methods_called() if m != "auth.test") == "views.open"
    assert reply.status == 200
    view = slack.calls_to("views.open")[0]["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["deal_name"]["element"]["initial_value"] == "Acme renewal"
    assert blocks["coach"]["element"]["initial_user"] == COACH
    assert blocks["peers"]["element"]["max_selected_items"] == 3
    assert view["callback_id"] == "coachme_request"


def test_help_and_unknown_text_after_help_get_help(server: AppServer, slack: FakeSlack) -> None:
    for text in ("help", "help me please", "HELP"):
        reply = command(server, text)
        body = json.loads(reply.body)
        assert body["response_type"] == "ephemeral"
        assert "/coachme [deal name]" in body["text"]
    assert slack.calls_to("views.open") == []


def test_request_reaches_each_person_and_rep_gets_confirmation(
    server: AppServer, slack: FakeSlack
) -> None:
    reply = submit_request(server)
    assert reply.status == 200 and reply.body == ""
    to_coach, to_peer, to_rep = dms_to(slack, COACH), dms_to(slack, PEER), dms_to(slack, REP)
    assert len(to_coach) == 1 and len(to_peer) == 1 and len(to_rep) == 1
    text = all_text(to_coach[0])
    for expected in ("<@U_REP>", "Acme renewal", "cheaper tool", "finance earlier"):
        assert expected in text
    assert button_value(to_coach[0], "give_feedback").isdigit()
    assert button_value(to_coach[0], "cant_now").isdigit()
    confirmation = all_text(to_rep[0])
    assert "<@U_COACH>" in confirmation and "<@U_PEER>" in confirmation


def test_feedback_goes_back_to_rep_once_and_thanks_reaches_coach(
    server: AppServer, slack: FakeSlack
) -> None:
    submit_request(server)
    ask_id, modal = open_feedback_form(server, slack)
    labels = [b["label"]["text"] for b in modal["blocks"] if b["type"] == "input"]
    assert labels[:4] == [
        "Customer and selling skills",
        "Knowing the customer",
        "Working our own organisation",
        "One thing to try next time",
    ]

    first = submit_answer(server, ask_id)
    assert json.loads(first.body)["response_action"] == "update"
    second = submit_answer(server, ask_id)  # a double click
    assert second.status == 200
    delivered = [m for m in dms_to(slack, REP) if "sent feedback" in m["text"]]
    assert len(delivered) == 1
    text = all_text(delivered[0])
    assert "Ask who signs before you send pricing." in text
    assert "go deeper" in text

    slack.reset_calls()
    click(server, "say_thanks", button_value(delivered[0], "say_thanks"), REP)
    thanks = dms_to(slack, COACH)
    assert len(thanks) == 1 and "says thanks" in thanks[0]["text"]
    updated = slack.calls_to("chat.update")
    assert updated and "say_thanks" not in json.dumps(updated[0]["blocks"])
    click(server, "say_thanks", button_value(delivered[0], "say_thanks"), REP)
    assert len(dms_to(slack, COACH)) == 1


def test_an_outsider_can_neither_open_nor_submit_feedback(
    server: AppServer, slack: FakeSlack
) -> None:
    submit_request(server)
    ask_id = button_value(dms_to(slack, COACH)[0], "give_feedback")
    opened_before = len(slack.calls_to("views.open"))

    click(server, "give_feedback", ask_id, OUTSIDER)
    assert len(slack.calls_to("views.open")) == opened_before
    warning = slack.wait_for_replies()[-1]
    assert warning["hook"] == f"actions/{OUTSIDER}" and "Only the people" in warning["text"]

    reply = submit_answer(server, int(ask_id), by=OUTSIDER)
    assert "Only the people" in json.loads(reply.body)["errors"]["try_next"]
    assert not [m for m in dms_to(slack, REP) if "sent feedback" in m["text"]]

    reply = click(server, "say_thanks", ask_id, OUTSIDER)
    assert reply.status == 200


def test_cant_right_now_tells_the_rep_kindly(server: AppServer, slack: FakeSlack) -> None:
    submit_request(server)
    ask_id = button_value(dms_to(slack, PEER)[0], "cant_now")
    click(server, "cant_now", ask_id, PEER)
    note = [m for m in dms_to(slack, REP) if "can't give feedback" in m["text"]]
    assert len(note) == 1 and "<@U_PEER>" in note[0]["text"]
    assert slack.calls_to("chat.update")[-1]["channel"] == f"D{PEER}"


def test_garbage_button_values_get_a_clear_answer(server: AppServer, slack: FakeSlack) -> None:
    for value in ("not-a-number", None, "99999"):
        reply = click(server, "give_feedback", value, COACH)
        assert reply.status == 200
    notes = [c["text"] for c in slack.wait_for_replies(3)]
    assert len(notes) == 3
    assert all("Traceback" not in n for n in notes)
