"""Steps of the /coachme loop, driven through signed requests into the real app."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conftest import COACH, PEER, REP, AppServer, HttpReply
from tests.fakes.slack_api import FakeSlack
from tests.payloads import (
    block_action,
    checkboxes,
    plain,
    radio,
    slash_command,
    static,
    user,
    users,
    view_submission,
)


def state_values(
    fields: dict[str, dict[str, Any]], overrides: dict[str, Any]
) -> dict[str, dict[str, dict[str, Any]]]:
    """A modal's state values, each input's block id equal to its action id (as /coachme's)."""
    return {block: {block: state} for block, state in {**fields, **overrides}.items()}


def request_values(**overrides: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """A complete, valid /coachme form; override single fields by block id."""
    fields: dict[str, dict[str, Any]] = {
        "deal_name": plain("Acme renewal"),
        "amount": plain("48,000"),
        "stage": static("negotiation"),
        "loss_reason": static("competitor"),
        "what_happened": plain("They chose a cheaper tool after the demo."),
        "do_differently": plain("Bring their CFO in before the proposal."),
        "help_with": plain("How do I reach finance earlier?"),
        "coach": user(COACH),
        "peers": users([PEER]),
        "followup": radio(None),
    }
    return state_values(fields, overrides)


def submit_request(
    server: AppServer, rep: str = REP, view_id: str | None = None, **overrides: Any
) -> HttpReply:
    """Submit a /coachme form: a new view each time unless `view_id` names one (a replay)."""
    reply = server.post(
        view_submission(
            "coachme_request",
            request_values(**overrides),
            user_id=rep,
            view_id=view_id or f"V{uuid.uuid4().hex[:10].upper()}",
        )
    )
    server.settle()
    return reply


def answer_values(**overrides: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """A complete, valid feedback form; override single fields by block id."""
    fields: dict[str, dict[str, Any]] = {
        "selling_skills": plain("Your discovery was strong; the demo ran long."),
        "customer_knowledge": plain(""),
        "our_org": plain("Loop in our finance partner for CFO calls."),
        "try_next": plain("Ask who signs before you send pricing."),
        "go_deeper": checkboxes(["yes"]),
    }
    return state_values(fields, overrides)


def submit_answer(server: AppServer, ask_id: int, by: str = COACH, **overrides: Any) -> HttpReply:
    reply = server.post(
        view_submission(
            "feedback_answer",
            answer_values(**overrides),
            user_id=by,
            private_metadata=json.dumps({"ask_id": ask_id}),
        )
    )
    server.settle()
    return reply


def click(
    server: AppServer, action_id: str, value: str | None, by: str, channel: str | None = None
) -> HttpReply:
    reply = server.post(block_action(action_id, value, user_id=by, channel_id=channel or f"D{by}"))
    server.settle()
    return reply


def command(server: AppServer, text: str = "", by: str = REP) -> HttpReply:
    reply = server.post(slash_command("/coachme", text, user_id=by))
    server.settle()
    return reply


def open_feedback_form(
    server: AppServer, slack: FakeSlack, by: str = COACH
) -> tuple[int, dict[str, Any]]:
    """The ask id from `by`'s DM, and the feedback modal its button opens."""
    ask_id = int(button_value(dms_to(slack, by)[0], "give_feedback"))
    click(server, "give_feedback", str(ask_id), by)
    return ask_id, slack.calls_to("views.open")[-1]["view"]


def dms_to(slack: FakeSlack, user_id: str) -> list[dict[str, Any]]:
    """Messages the bot posted in its DM with `user_id`."""
    return [
        c for c in slack.calls_to("chat.postMessage") if c["channel"] in {user_id, f"D{user_id}"}
    ]


def button_value(message: dict[str, Any], action_id: str) -> str:
    for block in message["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button in {message['blocks']}")


def all_text(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"]) + message.get("text", "")
