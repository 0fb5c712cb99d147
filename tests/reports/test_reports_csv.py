"""Each CSV report parses with one header row, and its figures are what was done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.container import Container
from bot.db.models import CoachingSession
from bot.domain.kernel.clock import ManualClock
from tests.coaching.coaching_helpers import weekly
from tests.conftest import COACH
from tests.fakes.slack_api import FakeSlack
from tests.payloads import TEAM_ID
from tests.pulse.pulse_helpers import VOTERS, add_voters, start_direct
from tests.reports.report_helpers import (
    DEAL,
    FEEDBACK,
    REFLECTION,
    export,
    requests_done,
)


def test_requests_csv_counts_dates_and_status_without_any_words(
    any_db_container: Container, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    c = any_db_container
    ids = requests_done(c, clock)
    rows = {int(r["request_id"]): r for r in export(c, capsys, "requests", "--format", "csv")}
    assert set(rows) == set(ids.values())
    answered, declined, still_open = (rows[ids[k]] for k in ("answered", "declined", "open"))
    assert answered["created_on"] == "2026-03-02"
    assert answered["first_answer_on"] == "2026-03-03"
    assert answered["answered_within_2_working_days"] == "true"
    assert (answered["people_asked"], answered["answered"], answered["declined"]) == (
        "2",
        "1",
        "0",
    )
    assert (declined["people_asked"], declined["answered"], declined["declined"]) == ("1", "0", "1")
    assert declined["first_answer_on"] == ""  # unknown is empty, never "None"
    assert declined["answered_within_2_working_days"] == "false"
    assert still_open["created_on"] == "2026-04-07"
    assert still_open["status"] == "open"
    assert answered["stage"] == "negotiation" and declined["loss_reason"] == "price"
    assert answered["followup_months"] == ""
    # What the rep and their coach wrote never leaves in an export, nor who they are.
    text = repr(list(rows.values()))
    for private in (DEAL, REFLECTION, FEEDBACK, "U_REP", "U_COACH", "U_PEER"):
        assert private not in text


def test_loss_reasons_by_quarter_and_stage_and_since(
    any_db_container: Container, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    c = any_db_container
    requests_done(c, clock)
    rows = [
        (r["workspace"], r["quarter"], r["stage"], r["loss_reason"], int(r["requests"]))
        for r in export(c, capsys, "loss-reasons")
    ]
    assert rows == [
        (TEAM_ID, "2026-Q1", "negotiation", "competitor", 1),
        (TEAM_ID, "2026-Q1", "proposal", "price", 1),
        (TEAM_ID, "2026-Q2", "negotiation", "competitor", 1),
    ]
    since = export(c, capsys, "loss-reasons", "--since", "2026-04-01", "--team", TEAM_ID)
    assert [(r["quarter"], r["requests"]) for r in since] == [("2026-Q2", "1")]


def _session_ids(c: Container) -> list[int]:
    with c.sessions() as s:
        return list(s.scalars(select(CoachingSession.id).order_by(CoachingSession.starts_at)))


def test_sessions_csv_counts_held_and_skipped_per_team_and_week(
    any_db_container: Container, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    c = any_db_container
    weekly(c)  # COACH meets REP on Tuesdays at 10:00 New York time
    c.coaching.plan_due()
    clock.set(datetime(2026, 3, 4, 15, 0, tzinfo=UTC))
    c.coaching.mark(TEAM_ID, COACH, _session_ids(c)[0], "held")
    clock.set(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))  # next Tuesday's reminder is due
    c.coaching.plan_due()
    clock.set(datetime(2026, 3, 11, 15, 0, tzinfo=UTC))
    c.coaching.mark(TEAM_ID, COACH, _session_ids(c)[1], "skipped")
    c.coaching.plan_due()
    clock.set(datetime(2026, 3, 12, 15, 0, tzinfo=UTC))
    rows = export(c, capsys, "sessions")
    columns = ("manager_id", "manager_name", "week_start", "sessions_due", "held")
    columns += ("skipped", "not_marked", "held_rate")
    got = [tuple(r[k] for k in columns) for r in rows]
    # Only sessions whose time has come count: next Tuesday's is not in yet.
    assert got == [
        (COACH, "Casey Coach", "2026-03-02", "1", "1", "0", "0", "1.0"),
        (COACH, "Casey Coach", "2026-03-09", "1", "0", "1", "0", "0.0"),
    ]


def _run(c: Container, clock: ManualClock, voters: list[str], *, anonymous: bool = True) -> int:
    pulse = start_direct(c, COACH, anonymous=anonymous)
    for i, user in enumerate(voters):
        c.pulses.answer(TEAM_ID, pulse.id, user, i % 5)
    clock.advance(timedelta(hours=25))
    c.pulses.close_due()
    return pulse.id


def test_pulses_csv_is_aggregate_and_only_above_the_threshold(
    any_db_container: Container,
    slack: FakeSlack,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = any_db_container
    add_voters(slack)
    shown = _run(c, clock, VOTERS)  # six answers: above the minimum of five
    _run(c, clock, VOTERS[:3])  # three: the channel saw no result, and neither does a report
    named = _run(c, clock, VOTERS[:5], anonymous=False)
    rows = export(c, capsys, "pulses")
    by_run: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_run.setdefault(r["opened_on"] + r["closed_on"] + r["answers"], []).append(r)
    assert len(by_run) == 2  # the run below the threshold is left out
    first = [r for r in rows if r["answers"] == "6"]
    assert [int(r["count"]) for r in first] == [2, 1, 1, 1, 1]  # choices 0,1,2,3,4,0
    assert first[0]["average"] == str(round((1 + 2 + 3 + 4 + 5 + 1) / 6, 3))
    assert first[0]["share"] == str(round(2 / 6, 3))
    assert first[0]["runs_pooled"] == "1"
    assert {r["choice"] for r in first} == {"1", "2", "3", "4", "5"}
    assert [int(r["count"]) for r in rows if r["answers"] == "5"] == [1, 1, 1, 1, 1]
    text = repr(rows)
    assert not any(v in text for v in VOTERS)  # no one, named pulse or not
    assert shown != named
