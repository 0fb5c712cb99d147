"""The outbox on each database: idempotent, single-claim, crash-safe, honest about misses."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from bot.container import Container
from bot.db.models import OutboxMessage
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, OutboxItem, enqueue
from bot.domain.kernel.sending import OutboxService


def _notice(key: str, clock: ManualClock, **extra: object) -> Notice:
    fields: dict[str, object] = {
        "key": key,
        "team_id": "T0001",
        "recipient": "U_REP",
        "kind": "feedback_thanks",
        "subject": "s:1",
        "payload": {"rep_user_id": "U_X", "deal_name": "Deal"},
        "due_at": clock.now(),
    }
    fields.update(extra)
    return Notice(**fields)  # type: ignore[arg-type]


def _status(c: Container, key: str) -> str | None:
    return c.outbox.status_of(key)


def test_enqueue_ignores_a_known_key(any_db_container: Container, clock: ManualClock) -> None:
    c = any_db_container
    with c.sessions.begin() as session:
        assert enqueue(session, _notice("k1", clock), clock.now())
        assert not enqueue(session, _notice("k1", clock), clock.now())
    with c.sessions.begin() as session:
        assert not enqueue(session, _notice("k1", clock), clock.now())
        assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_two_workers_never_claim_the_same_message(
    any_db_container: Container, clock: ManualClock
) -> None:
    c = any_db_container
    with c.sessions.begin() as session:
        for i in range(40):
            enqueue(session, _notice(f"k{i}", clock), clock.now())
    other = OutboxService(c.sessions, clock)
    claimed: dict[str, list[OutboxItem]] = {}
    barrier = threading.Barrier(2)

    def claim(name: str, service: OutboxService) -> None:
        barrier.wait()
        claimed[name] = service.claim_due(name, limit=40)

    threads = [
        threading.Thread(target=claim, args=("a", c.outbox)),
        threading.Thread(target=claim, args=("b", other)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids_a = {i.id for i in claimed["a"]}
    ids_b = {i.id for i in claimed["b"]}
    assert not ids_a & ids_b
    assert len(ids_a | ids_b) == 40


def test_a_claim_left_by_a_crashed_sender_is_taken_back_after_its_lease(
    any_db_container: Container, clock: ManualClock
) -> None:
    c = any_db_container
    with c.sessions.begin() as session:
        enqueue(session, _notice("waiting", clock), clock.now())
        enqueue(session, _notice("in-flight", clock), clock.now())
    claimed = c.outbox.claim_due("dead-worker")
    assert len(claimed) == 2
    assert c.outbox.start_send(claimed[1], "dead-worker")  # then the process dies mid-send
    assert c.outbox.claim_due("new-worker") == []  # the lease still holds
    clock.advance(timedelta(seconds=61))
    again = {i.key: i for i in c.outbox.claim_due("new-worker")}
    # Never started: simply sent. In flight: looked for before it is posted again.
    assert again["waiting"].look_first is False
    assert again["in-flight"].look_first is True
    assert not c.outbox.start_send(claimed[0], "dead-worker")  # the dead claim is void


def test_a_message_past_its_useful_time_is_recorded_as_missed(
    any_db_container: Container, clock: ManualClock
) -> None:
    c = any_db_container
    with c.sessions.begin() as session:
        enqueue(
            session,
            _notice("late", clock, useful_until=clock.now() + timedelta(hours=1)),
            clock.now(),
        )
        enqueue(session, _notice("fine", clock), clock.now())
    clock.advance(timedelta(hours=2))  # the bot was down
    claimed = c.outbox.claim_due("w")
    assert [i.key for i in claimed] == ["fine"]
    assert _status(c, "late") == "missed"


def test_retries_back_off_and_give_up(any_db_container: Container, clock: ManualClock) -> None:
    c = any_db_container
    with c.sessions.begin() as session:
        enqueue(session, _notice("flaky", clock), clock.now())
    (item,) = c.outbox.claim_due("w")
    assert c.outbox.mark_retry(item, "ratelimited")
    assert c.outbox.claim_due("w") == []  # not due again yet
    for _ in range(20):
        clock.advance(timedelta(hours=2))
        batch = c.outbox.claim_due("w")
        if not batch:
            break
        c.outbox.mark_retry(batch[0], "internal_error")
    assert _status(c, "flaky") == "failed"
