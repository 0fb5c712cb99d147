"""The coaching clock: reminders at local times, zone changes, pauses, restarts, slips."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.container import Container, build_container
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.people import Profile
from bot.scheduler import tick
from tests import payloads
from tests.blockkit import slack_date_token
from tests.coaching.coaching_helpers import blocks_text, button_value, posts_to, weekly
from tests.conftest import COACH, REP, AppServer, make_settings
from tests.fakes.slack_api import FakeSlack

TEAM = payloads.TEAM_ID


def _kinds_to(slack: FakeSlack, user: str) -> list[str]:
    found = []
    for post in posts_to(slack, user):
        text = blocks_text(post)
        if "coaching_held" in text and "How did it go" not in text:
            found.append("reminder")
        elif "coaching_add_priorities" in text:
            found.append("prep")
        elif "How did it go" in text:
            found.append("check")
        elif "coaching_book_offer" in text:
            found.append("streak")
        else:
            found.append("other")
    return found


def test_berlin_reminder_keeps_local_time_over_the_change(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    slack.add_user(COACH, "Casey Coach", tz="Europe/Berlin")
    clock.set(datetime(2026, 3, 20, 12, 0, tzinfo=UTC))
    weekly(c, weekday=0, start="09:00")  # Mondays 09:00 Berlin; clocks change 29 March
    sent_at = []
    while clock.now() < datetime(2026, 4, 1, tzinfo=UTC):
        clock.advance(timedelta(minutes=15))
        before = len(posts_to(slack, COACH))
        tick(c)
        if len(posts_to(slack, COACH)) > before:
            sent_at.append(clock.now())
    reminders = [
        t for t, k in zip(sent_at, _kinds_to(slack, COACH), strict=True) if k == "reminder"
    ]
    assert reminders == [
        datetime(2026, 3, 23, 6, 0, tzinfo=UTC),  # 07:00 CET
        datetime(2026, 3, 30, 5, 0, tzinfo=UTC),  # 07:00 CEST
    ]


def test_a_managers_zone_change_is_picked_up(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)  # Tuesday 10:00 New York
    # The manager moves to Berlin before the first session (a user_change event says so).
    c.people.remember(Profile(TEAM, COACH, "Casey Coach", "Europe/Berlin"))
    clock.set(datetime(2026, 3, 3, 7, 0, tzinfo=UTC))  # 08:00 Berlin = 2h before 10:00 Berlin
    tick(c)
    assert _kinds_to(slack, COACH) == ["reminder"]
    assert "Tue 3 Mar, 10:00" in blocks_text(posts_to(slack, COACH)[0])
    preview = c.coaching.preview(datetime(2026, 3, 4, tzinfo=UTC), 7)
    reminder = next(n for n in preview if n.recipient == COACH and n.kind == "coaching_reminder")
    assert reminder.tz == "Europe/Berlin"
    assert reminder.due_at == datetime(2026, 3, 10, 7, 0, tzinfo=UTC)


def test_restart_mid_send_sends_once(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)
    clock.set(datetime(2026, 3, 3, 13, 0, tzinfo=UTC))
    c.coaching.plan_due()
    # A process claims the reminder, starts sending it and dies before Slack confirms.
    claimed = c.outbox.claim_due("dead-worker")
    item = next(i for i in claimed if i.kind == "coaching_reminder")
    assert c.outbox.start_send(item, "dead-worker")
    key = item.key
    # A fresh process starts and keeps ticking.
    fresh = build_container(
        make_settings(slack, c.engine.url.render_as_string(hide_password=False)),
        clock=clock,
        engine=c.engine,
    )
    for _ in range(3):
        clock.advance(timedelta(minutes=4))
        tick(fresh)
    assert _kinds_to(slack, COACH).count("reminder") == 1
    assert fresh.outbox.status_of(key) == "sent"


def test_nudges_missed_in_downtime_are_recorded_not_sent_late(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)
    clock.set(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    tick(c)  # nothing due yet
    clock.set(datetime(2026, 3, 3, 15, 50, tzinfo=UTC))  # down until after the session's end
    tick(c)
    assert _kinds_to(slack, REP) == []
    assert _kinds_to(slack, COACH) == ["check"]  # still useful: did it happen?
    sid = button_value(posts_to(slack, COACH)[0], "coaching_held")
    assert c.outbox.status_of(f"coaching:session:{sid}:reminder") == "missed"
    assert c.outbox.status_of(f"coaching:session:{sid}:prep") == "missed"


def test_reminder_sent_late_while_still_useful(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)
    clock.set(datetime(2026, 3, 3, 14, 30, tzinfo=UTC))  # 09:30, half an hour before
    tick(c)
    assert _kinds_to(slack, COACH) == ["reminder"]


def test_pause_until_a_date_resumes_by_itself(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)
    c.coaching.pause_person(TEAM, REP, date(2026, 3, 17))  # the rep is away two weeks
    assert c.coaching.overview(TEAM, REP).paused_until == date(2026, 3, 17)
    while clock.now() < datetime(2026, 3, 17, 16, 0, tzinfo=UTC):
        clock.advance(timedelta(minutes=30))
        tick(c)
    assert _kinds_to(slack, COACH) == ["reminder", "check"]  # only 17 March
    assert "Tue 17 Mar, 10:00" in blocks_text(posts_to(slack, COACH)[0])


def test_resume_ends_a_pause_early(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)
    c.coaching.pause_person(TEAM, COACH, date(2026, 4, 1))
    clock.set(datetime(2026, 3, 3, 13, 0, tzinfo=UTC))
    tick(c)
    assert _kinds_to(slack, COACH) == []
    c.coaching.resume_person(TEAM, COACH)
    clock.set(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    tick(c)
    assert _kinds_to(slack, COACH) == ["reminder"]


def test_two_slips_in_a_row_offer_a_concrete_time(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    weekly(c)
    clock.set(datetime(2026, 3, 3, 16, 0, tzinfo=UTC))  # after the first session
    tick(c)
    check = posts_to(slack, COACH)[-1]
    server.post(
        payloads.block_action("coaching_skip", button_value(check, "coaching_skip"), user_id=COACH)
    )
    slack.wait_for("chat.update")
    assert "streak" not in _kinds_to(slack, COACH)

    clock.set(datetime(2026, 3, 10, 15, 0, tzinfo=UTC))  # after the second
    tick(c)
    check = posts_to(slack, COACH)[-1]
    before = len(slack.calls_to("chat.postMessage"))
    server.post(
        payloads.block_action("coaching_skip", button_value(check, "coaching_skip"), user_id=COACH)
    )
    slack.wait_for("chat.update", count=2)
    slack.wait_for("chat.postMessage", count=before + 1)  # the handler sends the offer
    tick(c)
    kinds = _kinds_to(slack, COACH)
    assert kinds.count("streak") == 1
    offer = posts_to(slack, COACH)[kinds.index("streak")]
    assert "Wed 11 Mar, 10:00" in blocks_text(offer)

    # One click books it, and the new session gets its own reminder.
    server.post(
        payloads.block_action(
            "coaching_book_offer", button_value(offer, "coaching_book_offer"), user_id=COACH
        )
    )
    booked = slack.wait_for("chat.update", count=3)[2]
    # Each reader sees the booked time in their own zone; the fallback is the manager's.
    token = slack_date_token("2026-03-11T14:00", "Wed 11 Mar, 10:00 EDT")
    assert f"Booked: {token}" in blocks_text(booked)
    clock.set(datetime(2026, 3, 11, 12, 0, tzinfo=UTC))  # 08:00 EDT
    tick(c)
    assert _kinds_to(slack, COACH)[-1] == "reminder"
    assert "Wed 11 Mar, 10:00" in blocks_text(posts_to(slack, COACH)[-1])


def test_three_quiet_weeks_bring_one_gentle_note(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    weekly(c)
    for _ in range(24 * 23):
        clock.advance(timedelta(hours=1))
        tick(c)
    quiet = [p for p in posts_to(slack, COACH) if "keeps the thread going" in p.get("text", "")]
    assert len(quiet) == 1
    assert "haven't marked a coaching session as held yet" in quiet[0]["text"]
