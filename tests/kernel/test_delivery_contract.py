"""Exactly once in effect: what happens when a send's outcome is unclear or its sender dies.

Every post carries its outbox key in Slack message metadata; an outcome that may have reached
Slack (a 5xx, a timeout, a crash mid-send) is resolved by looking before posting again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.container import SENDERS, Container
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, enqueue
from bot.slack.delivery import Delivery
from bot.slack.gateway import Gateway, make_client
from tests.conftest import BOT_TOKEN, REP
from tests.fakes.slack_api import FakeSlack, Reply


def _queue(c: Container, clock: ManualClock, count: int, prefix: str = "m") -> list[str]:
    keys = [f"{prefix}:{i}" for i in range(count)]
    with c.sessions.begin() as session:
        for key in keys:
            notice = Notice(
                key=key,
                team_id="T0001",
                recipient=REP,
                kind="feedback_thanks",
                subject=key,
                payload={"rep_user_id": "U_X", "deal_name": key},
                due_at=clock.now(),
            )
            enqueue(session, notice, clock.now())
    return keys


def _post_counts(slack: FakeSlack, keys: list[str]) -> dict[str, int]:
    return {key: len(slack.posts_with_key(key)) for key in keys}


def _drain(c: Container, clock: ManualClock, rounds: int = 6) -> None:
    for _ in range(rounds):
        clock.advance(timedelta(hours=2))  # past any back-off
        c.delivery.run()


def test_every_post_carries_its_outbox_key(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    keys = _queue(any_db_container, clock, 3)
    any_db_container.delivery.run()
    assert _post_counts(slack, keys) == dict.fromkeys(keys, 1)
    posted = slack.calls_to("chat.postMessage")[0]
    assert posted["metadata"]["event_type"] == "coachbot_outbox"


def test_a_post_slack_performed_but_answered_500_is_not_sent_again(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    keys = _queue(c, clock, 8)
    # One post in four is performed by Slack, then answered with a 500.
    for i in range(8):
        slack.script("chat.postMessage", Reply.performed_then() if i % 4 == 0 else Reply.normal())
    c.delivery.run()
    _drain(c, clock)
    assert _post_counts(slack, keys) == dict.fromkeys(keys, 1)
    assert {c.outbox.status_of(k) for k in keys} == {"sent"}


def test_many_ambiguous_500s_still_deliver_each_message_once(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    keys = _queue(c, clock, 40)
    for i in range(40):
        slack.script(
            "chat.postMessage",
            Reply.performed_then()
            if i % 4 == 0
            else Reply.server_error()
            if i % 7 == 0
            else Reply.normal(),
        )
    _drain(c, clock, rounds=10)
    assert _post_counts(slack, keys) == dict.fromkeys(keys, 1)


def test_a_client_timeout_after_slack_posted_is_not_sent_again(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    gateway = Gateway(make_client(BOT_TOKEN, slack.base_url, timeout=1))
    delivery = Delivery(c.outbox, gateway, c.people, SENDERS)
    keys = _queue(c, clock, 3)
    for _ in keys:
        slack.script("chat.postMessage", Reply.performed_then(Reply(body={}), delay=1.5))
    delivery.run()
    assert {c.outbox.status_of(k) for k in keys} == {"pending"}
    for _ in range(3):
        clock.advance(timedelta(hours=2))
        delivery.run()
    assert _post_counts(slack, keys) == dict.fromkeys(keys, 1)
    assert {c.outbox.status_of(k) for k in keys} == {"sent"}


@pytest.mark.parametrize("reached_slack", [True, False])
def test_a_sender_killed_mid_send_leaves_one_message_in_doubt_and_it_is_resolved(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock, reached_slack: bool
) -> None:
    c = any_db_container
    keys = _queue(c, clock, 5)
    batch = c.outbox.claim_due("dead-worker")
    assert [i.key for i in batch] == keys
    # The dead worker sent the first two, and was posting the third when it was killed.
    for item in batch[:2]:
        assert c.outbox.start_send(item, "dead-worker")
        sent = c.gateway.post(item.recipient, _message(), key=item.key)
        c.outbox.mark_sent(item, sent.channel, sent.ts)
    assert c.outbox.start_send(batch[2], "dead-worker")
    if reached_slack:
        c.gateway.post(batch[2].recipient, _message(), key=batch[2].key)
    clock.advance(timedelta(minutes=2))  # a restart, a lease later
    c.delivery.run()
    assert _post_counts(slack, keys) == dict.fromkeys(keys, 1)
    assert {c.outbox.status_of(k) for k in keys} == {"sent"}
    looked = slack.calls_to("conversations.history")
    assert len(looked) == 1  # only the one in flight was looked for


def test_without_history_scopes_a_doubtful_message_is_posted_again(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    (key,) = _queue(c, clock, 1)
    slack.history_scope = False
    slack.script("chat.postMessage", Reply.performed_then())
    c.delivery.run()
    _drain(c, clock)
    # At least once rather than maybe never: the README says so.
    assert _post_counts(slack, [key]) == {key: 2}
    assert c.outbox.status_of(key) == "sent"


def test_no_web_api_retry_handler_is_installed(any_db_container: Container) -> None:
    assert any_db_container.gateway.client.retry_handlers == []


def _message() -> object:
    from bot.slack.blockkit import Message

    return Message(text="hello", blocks=[])
