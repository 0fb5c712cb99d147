"""Shared steps for the coaching tests: set a cadence through the service, read posts."""

from __future__ import annotations

import json
from typing import Any

from bot.container import Container
from bot.domain.coaching.dto import CadenceForm, PairView
from tests import payloads
from tests.conftest import COACH, REP
from tests.fakes.slack_api import FakeSlack


def weekly(
    c: Container,
    *,
    manager: str = COACH,
    rep: str = REP,
    weekday: int = 1,
    start: str = "10:00",
    lead: str = "2h",
    every: int = 1,
    length: int = 30,
) -> PairView:
    """Make `manager` coach `rep` on a regular slot."""
    c.coaching.add_rep(payloads.TEAM_ID, manager, rep)
    form = CadenceForm(str(every), str(weekday), start, str(length), lead)
    return c.coaching.set_cadence(payloads.TEAM_ID, manager, rep, form)


def posts_to(slack: FakeSlack, user_id: str) -> list[dict[str, Any]]:
    """Every chat.postMessage that landed in `user_id`'s DM."""
    return [p for p in slack.calls_to("chat.postMessage") if p.get("channel") == "D" + user_id]


def blocks_text(message: dict[str, Any]) -> str:
    """All text in a message's blocks, for asserting on words."""
    return json.dumps(message.get("blocks", []))


def button_value(message: dict[str, Any], action_id: str) -> str:
    """The value of the button `action_id` in `message`."""
    for block in message.get("blocks", []):
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        if block.get("accessory"):
            elements = [*elements, block["accessory"]]
        for element in elements:
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button in {message.get('blocks')}")
