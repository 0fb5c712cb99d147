"""A shared agenda: a talking point added before a session is in both sides' prep, action
items are noted with "Held", and open lines are carried into each prep until done."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import AgendaItem
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from handlers.home.listeners import publish_home
from tests import payloads
from tests.coaching.coaching_helpers import blocks_text, button_value, posts_to, weekly
from tests.conftest import COACH, OUTSIDER, REP, AppServer
from tests.fakes.slack_api import FakeSlack

TEAM = payloads.TEAM_ID
TUESDAY_8 = datetime(2026, 3, 3, 13, 0, tzinfo=UTC)  # 08:00 New York: the reminder
NEXT_MONDAY_10 = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # 10:00 EDT: the next prep
NEXT_TUESDAY_8 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _click(server: AppServer, action: str, value: str, user: str) -> dict[str, Any]:
    server.post(payloads.block_action(action, value, user_id=user, channel_id=f"D{user}"))
    server.settle()
    return dict(json.loads("{}"))


def _on_message(message: dict[str, Any], action: str, value: str, user: str) -> str:
    """A click on a button of `message`, with the message as Slack sends it along."""
    body = payloads.block_action(action, value, user_id=user, channel_id=f"D{user}")
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["message"]["blocks"] = message["blocks"]
    payload["message"]["text"] = message["text"]
    return urlencode({"payload": json.dumps(payload)})


def _add(server: AppServer, slack: FakeSlack, user: str, text: str) -> dict[str, Any]:
    view = slack.calls_to("views.open")[-1]["view"]
    assert view["callback_id"] == "coaching_agenda"
    reply = server.post(
        payloads.view_submission(
            "coaching_agenda",
            {"coaching_agenda_text": {"coaching_agenda_text": payloads.plain(text)}},
            user_id=user,
            private_metadata=view["private_metadata"],
        )
    )
    server.settle()
    return dict(json.loads(reply.body)) if reply.body else {}


def _latest(slack: FakeSlack, user: str, marker: str) -> dict[str, Any]:
    return [p for p in posts_to(slack, user) if marker in blocks_text(p)][-1]


def test_a_talking_point_is_in_the_prep_and_carried_forward_until_done(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    weekly(container)
    tick(container)  # Monday 10:00: the rep's prep DM
    prep = _latest(slack, REP, "coaching_add_priorities")
    _click(server, "coaching_agenda_add", button_value(prep, "coaching_agenda_add"), REP)
    assert _add(server, slack, REP, "Pricing approval path")["response_action"] == "update"

    clock.set(TUESDAY_8)
    tick(container)
    reminder = _latest(slack, COACH, "coaching_held")
    assert "Pricing approval path" in blocks_text(reminder)

    # Held, then action items from the same message.
    server.post(
        payloads.block_action(
            "coaching_held",
            button_value(reminder, "coaching_held"),
            user_id=COACH,
            channel_id="DU_COACH",
        )
    )
    server.settle()
    held = slack.wait_for("chat.update")[-1]
    _click(server, "coaching_action_items", button_value(held, "coaching_action_items"), COACH)
    _add(server, slack, COACH, "Send the CFO map by Friday")

    # Next week both lines are carried into both sides' prep.
    clock.set(NEXT_MONDAY_10)
    tick(container)
    prep = _latest(slack, REP, "coaching_add_priorities")
    assert "Pricing approval path" in blocks_text(prep)
    assert "Send the CFO map by Friday" in blocks_text(prep)
    clock.set(NEXT_TUESDAY_8)
    tick(container)
    reminder = _latest(slack, COACH, "coaching_held")
    text = blocks_text(reminder)
    assert "Pricing approval path" in text and "Send the CFO map by Friday" in text

    # Done from the reminder: the line leaves that message and the following preps.
    with container.sessions() as s:
        topic = s.scalar(select(AgendaItem.id).where(AgendaItem.kind == "topic"))
    server.post(_on_message(reminder, "coaching_agenda_done", str(topic), COACH))
    server.settle()
    updated = slack.wait_for("chat.update")[-1]
    assert "Pricing approval path" not in blocks_text(updated)
    assert "Send the CFO map by Friday" in blocks_text(updated)
    clock.set(datetime(2026, 3, 16, 14, 0, tzinfo=UTC))
    tick(container)
    prep = _latest(slack, REP, "coaching_add_priorities")
    assert "Pricing approval path" not in blocks_text(prep)
    assert "Send the CFO map by Friday" in blocks_text(prep)


def test_a_line_added_after_the_reminder_went_out_updates_it_in_place(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    pair = weekly(container)
    clock.set(TUESDAY_8)
    tick(container)
    publish_home(container, TEAM, REP)
    home = slack.calls_to("views.publish")[-1]["view"]
    assert f"With <@{COACH}>" in json.dumps(home)
    _click(server, "coaching_agenda_add_pair", str(pair.id), REP)
    _add(server, slack, REP, "Hiring plan for Q3")
    update = slack.wait_for("chat.update")[-1]
    assert "Hiring plan for Q3" in blocks_text(update)
    publish_home(container, TEAM, COACH)
    assert "Hiring plan for Q3" in json.dumps(slack.calls_to("views.publish")[-1]["view"])


def test_only_the_two_people_see_or_change_their_agenda(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    pair = weekly(container)
    container.coaching.agenda.add(TEAM, REP, pair.id, "Pricing approval path")
    _click(server, "coaching_agenda_add_pair", str(pair.id), OUTSIDER)
    reply = _add(server, slack, OUTSIDER, "Something sneaky")
    assert reply["response_action"] == "errors"
    with container.sessions() as s:
        item = s.scalars(select(AgendaItem)).one()
    _click(server, "coaching_agenda_done", str(item.id), OUTSIDER)
    with container.sessions() as s:
        assert s.get_one(AgendaItem, item.id).done_at is None
    publish_home(container, TEAM, OUTSIDER)
    assert "Pricing approval path" not in json.dumps(slack.calls_to("views.publish")[-1]["view"])


def test_forget_me_deletes_the_pairs_agenda(any_db_container: Container) -> None:
    c = any_db_container
    pair = weekly(c)
    c.coaching.agenda.add(TEAM, COACH, pair.id, "One\nTwo", kind="action")
    c.privacy.forget_user(TEAM, REP)
    with c.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AgendaItem)) == 0
