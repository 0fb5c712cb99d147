"""Nothing is lost when Slack refuses, rate-limits or fails, or when the database hiccups."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from bot.container import Container
from bot.db.engine import make_engine, make_session_factory
from bot.db.models import FeedbackAsk, FeedbackRequest
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests.coachme.coachme_steps import dms_to, submit_request
from tests.conftest import COACH, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack, Reply


def asks(container: Container) -> dict[str, str]:
    with container.sessions() as session:
        return {a.user_id: a.status for a in session.scalars(select(FeedbackAsk))}


def test_person_deactivated_after_asking_is_reported_and_request_kept(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    slack.script("chat.postMessage", Reply.error("account_inactive"))  # the DM to the coach
    submit_request(server)
    unreachable = [m for m in dms_to(slack, REP) if "couldn't reach" in m["text"]]
    assert len(unreachable) == 1
    assert "<@U_COACH>" in unreachable[0]["text"]
    assert asks(container) == {COACH: "unreachable", PEER: "pending"}
    assert len(dms_to(slack, PEER)) == 1
    with container.sessions() as session:
        assert session.scalar(select(FeedbackRequest.status)) == "open"


def test_user_not_found_when_opening_the_dm_is_reported(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    slack.script("conversations.open", Reply.error("user_not_found"))
    submit_request(server)
    assert [m for m in dms_to(slack, REP) if "couldn't reach" in m["text"]]
    assert asks(container)[COACH] == "unreachable"


def test_rate_limit_and_outage_are_retried_later_and_delivered_once(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    slack.script("chat.postMessage", Reply.rate_limited(1), Reply.server_error())
    submit_request(server)
    assert len(dms_to(slack, COACH)) == 1  # the 429 reached Slack, nothing was accepted
    assert asks(container) == {COACH: "pending", PEER: "pending"}
    clock.advance(timedelta(minutes=5))
    tick(container)
    delivered = [
        c
        for c in slack.calls
        if c.method == "chat.postMessage"
        and c.http_status == 200
        and c.params["channel"] in {COACH, f"D{COACH}"}
    ]
    assert len(delivered) == 1
    tick(container)
    assert (
        len(
            [
                c
                for c in slack.calls
                if c.method == "chat.postMessage"
                and c.http_status == 200
                and c.params["channel"] in {COACH, f"D{COACH}"}
            ]
        )
        == 1
    )


def test_database_outage_keeps_the_modal_open_with_a_clear_message(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    # The feedback store's database stops answering (nothing listens on port 1).
    dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/gone", pool_pre_ping=False)
    healthy = container.feedback._sessions
    container.feedback._sessions = make_session_factory(dead)
    try:
        reply = submit_request(server)
    finally:
        container.feedback._sessions = healthy
    body = json.loads(reply.body)
    assert body["response_action"] == "errors"
    assert "Nothing is lost" in body["errors"]["help_with"]
    assert slack.calls_to("chat.postMessage") == []
