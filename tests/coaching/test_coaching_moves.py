"""Moving a rep to another coach: only their coach or an admin may, and history stays."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.container import Container
from bot.db.models import CoachingPair, CoachingSession
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests import payloads
from tests.coaching.coaching_helpers import blocks_text, button_value, posts_to, weekly
from tests.conftest import COACH, OUTSIDER, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack

ADMIN = "U_ADMIN"
T = payloads.TEAM_ID


@pytest.fixture
def db_server(any_db_container: Container) -> Iterator[AppServer]:
    srv = AppServer(any_db_container)
    yield srv
    srv.close()


def _held_history(c: Container, clock: ManualClock) -> int:
    """COACH coaches REP weekly; Tuesday's session is held. Returns the pair's id."""
    pair = weekly(c)
    c.coaching.plan_due()
    with c.sessions() as s:
        first = s.scalars(
            select(CoachingSession.id)
            .where(CoachingSession.pair_id == pair.id)
            .order_by(CoachingSession.starts_at)
        ).first()
    assert first is not None
    clock.set(datetime(2026, 3, 4, 15, 0, tzinfo=UTC))
    c.coaching.mark(T, COACH, first, "held")
    c.coaching.plan_due()
    return pair.id


def _sessions(c: Container, pair_id: int) -> list[tuple[int, str, str | None]]:
    with c.sessions() as s:
        return [
            (r.id, r.status, r.manager_id)
            for r in s.scalars(
                select(CoachingSession)
                .where(CoachingSession.pair_id == pair_id)
                .order_by(CoachingSession.id)
            )
        ]


def _pair(c: Container) -> CoachingPair:
    with c.sessions() as s:
        pair = s.scalar(select(CoachingPair).where(CoachingPair.rep_id == REP))
        assert pair is not None
        return pair


def _add(server: AppServer, user: str) -> None:
    reply = server.post(payloads.slash_command("/coaching", f"add <@{REP}|riley>", user_id=user))
    assert reply.status == 200
    server.settle()


def test_someone_else_cannot_take_a_coached_rep(
    db_server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = db_server.container
    pair_id = _held_history(c, clock)
    before = _sessions(c, pair_id)
    assert any(status == "held" for _, status, _ in before)
    slack.reset_calls()

    _add(db_server, OUTSIDER)

    note = json.dumps(slack.wait_for_replies()[0]["blocks"])
    assert f"<@{COACH}> coaches <@{REP}> now" in note
    assert "Only they or a workspace admin can move them" in note
    assert slack.calls_to("views.open") == []
    pair = _pair(c)
    assert (pair.id, pair.manager_id, pair.every_weeks) == (pair_id, COACH, 1)
    assert _sessions(c, pair_id) == before
    assert c.people.coach_of(T, REP) == COACH
    assert posts_to(slack, REP) == [] and posts_to(slack, COACH) == []


def test_an_admin_moves_the_rep_and_history_stays(
    db_server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = db_server.container
    slack.add_user(ADMIN, "Ada Admin", tz="Europe/Berlin", is_admin=True)
    pair_id = _held_history(c, clock)
    held = [(sid, COACH) for sid, status, _ in _sessions(c, pair_id) if status == "held"]
    assert len(held) == 1
    slack.reset_calls()

    _add(db_server, ADMIN)

    assert slack.wait_for("views.open")[0]["view"]["callback_id"] == "coaching_cadence"
    pair = _pair(c)
    assert (pair.id, pair.manager_id, pair.every_weeks, pair.tz) == (
        pair_id,
        ADMIN,
        0,
        "Europe/Berlin",
    )
    after = _sessions(c, pair_id)
    assert [(sid, mgr) for sid, status, mgr in after if status == "held"] == held
    assert all(status != "planned" for _, status, _ in after)
    assert c.people.coach_of(T, REP) == ADMIN
    assert c.coaching.overview(T, COACH).reps == ()
    assert [p.rep_id for p in c.coaching.overview(T, ADMIN).reps] == [REP]

    # Later ticks send nothing more: each of the three heard once.
    tick(c)
    tick(c)
    to_rep, to_old, to_new = posts_to(slack, REP), posts_to(slack, COACH), posts_to(slack, ADMIN)
    # Besides the move note, the rep is asked (once) whether the held session happened.
    to_rep = [p for p in to_rep if "Did it happen?" not in p["text"]]
    assert len(to_rep) == 1 and len(to_old) == 1 and len(to_new) == 1
    assert f"<@{ADMIN}> is your coach in coachbot now" in to_rep[0]["text"]
    assert "past sessions are kept" in to_rep[0]["text"]
    assert f"<@{REP}> now has coaching sessions with <@{ADMIN}>" in to_old[0]["text"]
    assert "Your past sessions with them are kept" in blocks_text(to_old[0])
    assert f"<@{REP}> is on your coaching list now" in to_new[0]["text"]
    assert button_value(to_new[0], "coaching_set_cadence") == REP


def test_the_new_coach_is_preselected_in_the_reps_next_coachme(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    _held_history(c, clock)
    _add(server, ADMIN)
    slack.reset_calls()

    reply = server.post(payloads.slash_command("/coachme", "Acme renewal", user_id=REP))

    assert reply.status == 200
    view = slack.wait_for("views.open")[0]["view"]
    coach = next(b for b in view["blocks"] if b.get("block_id") == "coach")
    assert coach["element"]["initial_user"] == ADMIN


def test_adding_your_own_rep_again_or_a_new_rep_needs_no_admin(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    pair_id = _held_history(c, clock)
    _add(server, COACH)
    assert (_pair(c).id, _pair(c).manager_id, _pair(c).every_weeks) == (pair_id, COACH, 1)
    c.coaching.add_rep(T, OUTSIDER, PEER)
    assert c.people.coach_of(T, PEER) == OUTSIDER
    assert posts_to(slack, REP) == []


def test_forgetting_the_old_coach_takes_their_sessions_and_notes(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    pair_id = _held_history(c, clock)
    _add(server, ADMIN)
    c.privacy.forget_user(T, COACH)
    assert _sessions(c, pair_id) == []
    assert _pair(c).manager_id == ADMIN
    assert c.outbox.status_of(f"coaching:pair:{pair_id}:moved:0:rep") is None
