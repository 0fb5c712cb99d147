"""What happens as days pass: nudges, expiry and the account follow-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests.blockkit import slack_day_token
from tests.coachme.coachme_steps import button_value, dms_to, submit_answer, submit_request
from tests.conftest import COACH, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import radio


def nudges(slack: FakeSlack, user_id: str) -> list[str]:
    return [m["text"] for m in dms_to(slack, user_id) if "still open" in m["text"]]


def test_unanswered_request_nudges_twice_in_local_working_hours_then_expires(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    submit_request(server)  # Monday 10:00 in New York
    tick(container)
    assert nudges(slack, COACH) == []

    clock.set(datetime(2026, 3, 4, 8, 59, tzinfo=UTC))  # Wed 09:59 Berlin
    tick(container)
    assert nudges(slack, PEER) == []
    clock.set(datetime(2026, 3, 4, 9, 0, tzinfo=UTC))  # Wed 10:00 Berlin, 04:00 New York
    tick(container)
    assert len(nudges(slack, PEER)) == 1
    assert nudges(slack, COACH) == []
    clock.set(datetime(2026, 3, 4, 15, 0, tzinfo=UTC))  # Wed 10:00 New York
    tick(container)
    assert len(nudges(slack, COACH)) == 1

    clock.set(datetime(2026, 3, 6, 15, 0, tzinfo=UTC))  # Friday: the second and last
    tick(container)
    assert len(nudges(slack, COACH)) == 2
    for _ in range(3):
        clock.advance(timedelta(hours=20))
        tick(container)
    assert len(nudges(slack, COACH)) == 2

    clock.set(datetime(2026, 3, 9, 15, 0, tzinfo=UTC))  # seven days after asking
    tick(container)
    closed = [m for m in dms_to(slack, REP) if "has closed" in m["text"]]
    assert len(closed) == 1
    assert "<@U_COACH>" in str(closed[0]["blocks"])
    tick(container)
    assert len([m for m in dms_to(slack, REP) if "has closed" in m["text"]]) == 1


def test_answering_stops_the_nudges(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    submit_request(server)
    ask_id = int(button_value(dms_to(slack, COACH)[0], "give_feedback"))
    submit_answer(server, ask_id)
    clock.advance(timedelta(days=6))
    for _ in range(48):  # the day after a six-day pause, tick by tick
        tick(container)
        clock.advance(timedelta(minutes=30))
    assert nudges(slack, COACH) == []
    assert len(nudges(slack, PEER)) == 1  # the two overdue nudges collapse into one


def test_weekend_is_skipped_when_counting_working_days(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 3, 5, 20, 0, tzinfo=UTC))  # Thursday afternoon in New York
    submit_request(server)
    clock.set(datetime(2026, 3, 7, 15, 0, tzinfo=UTC))  # Saturday
    tick(container)
    assert nudges(slack, COACH) == []
    clock.set(datetime(2026, 3, 9, 14, 0, tzinfo=UTC))  # Monday 10:00 EDT (after DST)
    tick(container)
    assert len(nudges(slack, COACH)) == 1


def test_account_follow_up_arrives_on_its_date_in_the_reps_morning(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    submit_request(server, followup=radio("3"))
    confirmation = dms_to(slack, REP)[0]
    assert slack_day_token("2026-06-02", "Tue 2 Jun 2026") in str(confirmation["blocks"])
    clock.set(datetime(2026, 6, 2, 12, 59, tzinfo=UTC))  # 08:59 EDT
    tick(container)
    assert not [m for m in dms_to(slack, REP) if "check-in today" in m["text"]]
    clock.set(datetime(2026, 6, 2, 13, 0, tzinfo=UTC))  # 09:00 EDT
    tick(container)
    follow = [m for m in dms_to(slack, REP) if "check-in today" in m["text"]]
    assert len(follow) == 1
    assert "Acme renewal" in follow[0]["text"]
