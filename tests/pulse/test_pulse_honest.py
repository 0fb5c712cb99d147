"""Honest anonymity: a result that would tell people each other's answers shows no breakdown,
and monthly recurring pulses run on the first chosen weekday of each month."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.container import Container
from bot.db.models import OutboxMessage
from bot.domain.kernel import wallclock
from bot.domain.kernel.clock import ManualClock
from bot.domain.pulse.disclosure import Shape, shape_of
from bot.domain.pulse.rules import PulseForm, ScheduleForm
from bot.scheduler import tick
from bot.slack.pulse.forms import MONTHLY
from bot.slack.pulse.ids import PulseBlock, PulseCallback
from tests.conftest import COACH, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import static
from tests.pulse.pulse_helpers import (
    CHANNEL,
    TEAM,
    VOTERS,
    add_voters,
    all_text,
    click,
    posted_ts,
    schedule_values,
    start_direct,
    submit_modal,
    thread_posts,
)


@pytest.mark.parametrize(
    ("counts", "shape"),
    [
        ((0, 0, 0, 5, 0), Shape.ALIKE),
        ((5, 0), Shape.ALIKE),
        ((4, 1), Shape.ONE_SIDED),  # the one "No" would know all four others said "Yes"
        ((0, 1, 0, 6, 0), Shape.ONE_SIDED),
        ((3, 2), Shape.BREAKDOWN),
        ((0, 1, 1, 3, 0), Shape.BREAKDOWN),
        ((3, 1, 1), Shape.BREAKDOWN),
    ],
)
def test_a_breakdown_shows_only_when_nobody_could_infer_the_others(
    counts: tuple[int, ...], shape: Shape
) -> None:
    assert shape_of(counts) == shape


def _close_with(
    server: AppServer, slack: FakeSlack, clock: ManualClock, c: Container, picks: list[int]
) -> tuple[str, dict[str, object]]:
    add_voters(slack)
    pulse = start_direct(c, COACH)
    ts = posted_ts(c, pulse.id)
    for n, (user, choice) in enumerate(zip(VOTERS, picks, strict=False), start=1):
        click(server, slack, pulse.id, choice, user, ts, n)
    clock.advance(timedelta(hours=24))
    tick(c)
    results = thread_posts(slack, ts)
    assert len(results) == 1
    return all_text(results[0]), _payload(c, pulse.id)


def _payload(c: Container, pulse_id: int) -> dict[str, object]:
    with c.sessions() as s:
        row = s.scalar(select(OutboxMessage).where(OutboxMessage.key == f"pulse:{pulse_id}:result"))
        assert row is not None
        return dict(row.payload)


def test_a_pulse_where_all_answered_alike_reveals_nobody(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    text, payload = _close_with(server, slack, clock, container, [3, 3, 3, 3, 3])
    assert "same answer" in text
    assert "5 answers" in text
    # Not which answer, not a count per answer, not an average, not a chart.
    assert re.findall(r"\d+", text) == ["5", "5"]  # "5 answers", in the blocks and the text
    assert "result" not in payload and "previous" not in payload
    assert slack.uploads == {}


def test_one_different_answer_among_alike_ones_shows_no_breakdown(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    text, payload = _close_with(server, slack, clock, container, [4, 4, 4, 4, 4, 0])
    assert "almost all one way" in text
    assert re.findall(r"\d+", text) == ["6", "6"]
    assert payload["shape"] == Shape.ONE_SIDED
    assert slack.uploads == {}


def test_an_alike_run_is_no_point_of_the_trend(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    _close_with(server, slack, clock, container, [3, 3, 3, 3, 3])
    pulse = start_direct(container, COACH)
    ts = posted_ts(container, pulse.id)
    for n, (user, choice) in enumerate(zip(VOTERS, [0, 1, 2, 3, 4], strict=False), start=1):
        click(server, slack, pulse.id, choice, user, ts, 5 + n)
    clock.advance(timedelta(hours=24))
    tick(container)
    payload = _payload(container, pulse.id)
    assert payload["shape"] == Shape.BREAKDOWN
    assert payload["previous"] is None  # the alike run before it gives no comparison
    # Counted, the alike run would make two points and so a chart; alone, this run is one.
    with container.sessions() as s:
        key = f"pulse:{pulse.id}:chart"
        assert s.scalar(select(OutboxMessage).where(OutboxMessage.key == key)) is None


def test_monthly_rule_is_the_first_weekday_of_each_month_in_local_time() -> None:
    rule = wallclock.Monthly(0, datetime(2026, 2, 10).date(), wallclock.time(9, 0), "Europe/Berlin")
    found = rule.starts_between(datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))
    # February's first Monday (the 2nd) is before the start; March 2 is CET, April 6 CEST.
    assert [(d.isoformat(), i.hour) for d, i in found] == [("2026-03-02", 8), ("2026-04-06", 7)]


def test_a_monthly_pulse_opens_on_the_first_monday_only(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    form = ScheduleForm(
        pulse=PulseForm(bank_key="self-energy", duration_hours=168),
        weekday=0,
        local_time="09:00",
        tz="Europe/Berlin",
        monthly=True,
    )
    view = c.pulse_schedules.create(TEAM, COACH, CHANNEL, form)
    assert view.when == "on the first Monday of every month at 09:00 (Europe/Berlin)"
    opened = []
    for month, day in ((3, 2), (3, 9), (3, 16), (4, 6), (4, 13)):
        clock.set(datetime(2026, month, day, 8, 30, tzinfo=UTC))
        opened.append(c.pulse_schedules.open_due())
    assert opened == [1, 0, 0, 1, 0]


def test_the_schedule_form_offers_monthly(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    values = {**schedule_values(weekday="0"), PulseBlock.EVERY: {PulseBlock.EVERY: static(MONTHLY)}}
    assert submit_modal(server, PulseCallback.SCHEDULE, values, COACH) == {}
    saved = slack.wait_for("chat.postEphemeral")[0]
    assert "first Monday of every month" in saved["text"]
    [view] = container.pulse_schedules.in_channel(TEAM, CHANNEL)
    assert view.every_months == 1
    # Set up on Monday 2 March 2026 at 15:00 UTC: the next first Monday is 6 April.
    assert view.next_at == datetime(2026, 4, 6, 7, 30, tzinfo=UTC)
