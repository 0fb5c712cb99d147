""" "Forget me" deletes a person's data across every feature, and nothing of anyone else's."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.container import Container
from bot.db.base import Base
from bot.domain.bids.rules import PromptForm
from bot.domain.pulse.rules import PulseForm
from tests.coaching.coaching_helpers import weekly
from tests.coachme.coachme_steps import button_value, dms_to, submit_answer, submit_request
from tests.conftest import COACH, OUTSIDER, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import block_action, view_submission


def rows_mentioning(c: Container, user_id: str) -> list[str]:
    """Every table row holding `user_id` in any text or JSON column."""
    found = []
    with c.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(table.select()):
                if any(user_id in str(v) for v in row):
                    found.append(table.name)
    return found


def count(c: Container, table: str) -> int:
    tbl = Base.metadata.tables[table]
    with c.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(tbl)) or 0)


def test_forget_me_from_the_home_tab_deletes_everything_about_the_person(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    c = container
    # The rep asks for feedback and gets it; they also coach, vote and curate bids.
    submit_request(server)
    ask_id = int(button_value(dms_to(slack, COACH)[0], "give_feedback"))
    submit_answer(server, ask_id)
    weekly(c, manager=COACH, rep=REP)
    weekly(c, manager=REP, rep=OUTSIDER)
    pulse = c.pulses.start(
        "T0001",
        PEER,
        "C_TEAM",
        PulseForm(bank_key="customer-conversation-quality", anonymous=False, duration_hours=24),
    )
    c.pulses.answer("T0001", pulse.id, REP, 1)
    c.pulses.answer("T0001", pulse.id, PEER, 2)
    c.bids.add(
        "T0001", REP, PromptForm(text="Ask about their trip", size="small", moments=("anytime",))
    )
    c.bids.suggest("T0001", REP)
    assert rows_mentioning(c, REP)

    server.post(block_action("forget_me", None, user_id=REP, channel_id=None, message_ts=None))
    server.settle()
    assert slack.calls_to("views.open")[-1]["view"]["callback_id"] == "forget_me"
    assert rows_mentioning(c, REP)  # opening the confirmation deletes nothing

    reply = server.post(view_submission("forget_me", {}, user_id=REP))
    body = json.loads(reply.body)
    assert body["response_action"] == "update"
    assert "gone" in json.dumps(body["view"])
    assert rows_mentioning(c, REP) == []
    server.settle()
    home = slack.calls_to("views.publish")[-1]
    assert home["user_id"] == REP
    assert "Acme renewal" not in json.dumps(home["view"])
    assert rows_mentioning(c, REP) == []  # showing the Home did not write anything back
    assert count(c, "feedback_requests") == 0
    assert count(c, "coaching_pairs") == 0
    # Other people's data stays: the peer's pulse and named answer, the library.
    assert count(c, "pulses") == 1
    assert count(c, "pulse_answers") == 1
    assert count(c, "bid_prompts") > 40
    assert "pulse_answers" in rows_mentioning(c, PEER)
