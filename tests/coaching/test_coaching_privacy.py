"""A manager's reminder shows only what the manager was part of."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests.coaching.coaching_helpers import weekly
from tests.coachme.coachme_steps import button_value, dms_to, submit_answer, submit_request
from tests.conftest import COACH, PEER, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import plain, user, users


def test_reminder_lists_only_requests_and_offers_the_manager_was_part_of(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    submit_request(server, deal_name=plain("Acme"))  # coach and peer asked
    submit_request(server, deal_name=plain("Secret deal"), coach=user(None))  # peer only
    submit_request(server, deal_name=plain("Gamma"), peers=users([]))  # coach only
    asks = {m["text"]: button_value(m, "give_feedback") for m in dms_to(slack, PEER)}
    for text, ask_id in asks.items():
        if "Acme" in text:
            submit_answer(server, int(ask_id), by=PEER)  # the peer offers to go deeper
    gamma = next(m for m in dms_to(slack, COACH) if "Gamma" in m["text"])
    submit_answer(server, int(button_value(gamma, "give_feedback")), by=COACH)

    weekly(container)  # Tuesdays 10:00 New York, reminder two hours before
    clock.set(datetime(2026, 3, 3, 13, 0, tzinfo=UTC))
    tick(container)
    reminder = next(m for m in dms_to(slack, COACH) if m["text"].startswith("Coaching with"))
    text = json.dumps(reminder["blocks"])
    assert "Acme" in text
    assert "Secret deal" not in text
    assert "<@U_COACH> offered to go deeper on *Gamma*" in text
    assert "<@U_PEER> offered" not in text
