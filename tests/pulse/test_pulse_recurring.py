"""Recurring pulses on both databases: local weekday and time across DST and midnight, fortnightly
runs, stopping, and one post per run however many schedulers tick."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import OutboxMessage, Pulse
from bot.domain.kernel.clock import ManualClock
from bot.domain.pulse.rules import PulseForm, ScheduleForm
from bot.domain.pulse.schedule import PulseScheduleService
from tests.conftest import COACH
from tests.fakes.slack_api import FakeSlack
from tests.pulse.pulse_helpers import CHANNEL, TEAM


def _schedule(c: Container, every_weeks: int = 1, local_time: str = "09:00") -> int:
    form = ScheduleForm(
        pulse=PulseForm(bank_key="self-energy", duration_hours=8),
        every_weeks=every_weeks,
        weekday=0,
        local_time=local_time,
        tz="Europe/Berlin",
    )
    return c.pulse_schedules.create(TEAM, COACH, CHANNEL, form).id


def _claimed(c: Container) -> set[str]:
    with c.sessions() as s:
        return set(s.scalars(select(OutboxMessage.key).where(OutboxMessage.key.like("pulse-s%"))))


def test_recurring_pulse_posts_on_its_weekday_at_local_time_across_dst(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    sid = _schedule(c)
    # A second scheduler process on the same database.
    other = PulseScheduleService(replace(c.deps, clock=clock))
    # Monday 9 March 2026, 09:00 in Berlin is 08:00 UTC (CET).
    clock.set(datetime(2026, 3, 9, 7, 59, tzinfo=UTC))
    assert c.pulse_schedules.open_due() == 0
    clock.set(datetime(2026, 3, 9, 8, 0, tzinfo=UTC))
    assert c.pulse_schedules.open_due() + other.open_due() == 1
    assert c.pulse_schedules.open_due() == 0
    c.delivery.run()
    assert len(slack.calls_to("chat.postMessage")) == 1
    # Tuesday: nothing.
    clock.set(datetime(2026, 3, 10, 8, 0, tzinfo=UTC))
    assert c.pulse_schedules.open_due() == 0
    # After clocks go forward (29 March), 09:00 in Berlin is 07:00 UTC (CEST).
    clock.set(datetime(2026, 3, 30, 6, 59, tzinfo=UTC))
    assert c.pulse_schedules.open_due() == 0
    clock.set(datetime(2026, 3, 30, 7, 0, tzinfo=UTC))
    assert c.pulse_schedules.open_due() == 1
    assert _claimed(c) == {f"pulse-schedule:{sid}:2026-03-09", f"pulse-schedule:{sid}:2026-03-30"}


def test_fortnightly_and_stop(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    sid = _schedule(c, every_weeks=2)
    opened = []
    for day in (9, 16, 23):
        clock.set(datetime(2026, 3, day, 8, 30, tzinfo=UTC))
        opened.append(c.pulse_schedules.open_due())
    assert opened == [1, 0, 1]
    c.pulse_schedules.stop(TEAM, COACH, sid)
    clock.set(datetime(2026, 4, 6, 7, 30, tzinfo=UTC))
    assert c.pulse_schedules.open_due() == 0
    assert c.pulse_schedules.in_channel(TEAM, CHANNEL) == []


def test_a_run_due_just_before_local_midnight_still_opens_after_it_and_only_once(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    sid = _schedule(c, local_time="23:50")
    other = PulseScheduleService(replace(c.deps, clock=clock))
    # Monday 9 March 2026, 23:50 in Berlin is 22:50 UTC.
    clock.set(datetime(2026, 3, 9, 22, 49, tzinfo=UTC))
    assert c.pulse_schedules.open_due() == 0
    # The next tick comes at 00:05 on Tuesday in Berlin: Monday's run is still due.
    clock.set(datetime(2026, 3, 9, 23, 5, tzinfo=UTC))
    assert c.pulse_schedules.open_due() + other.open_due() == 1
    for minute in (10, 30):
        clock.set(datetime(2026, 3, 9, 23, minute, tzinfo=UTC))
        assert c.pulse_schedules.open_due() + other.open_due() == 0
    c.delivery.run()
    assert len(slack.calls_to("chat.postMessage")) == 1
    with c.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Pulse)) == 1
    assert _claimed(c) == {f"pulse-schedule:{sid}:2026-03-09"}  # the Monday it was due
