"""Claims take workspaces in turn: a big backlog in one workspace never starves the others."""

from __future__ import annotations

from datetime import timedelta

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, enqueue
from tests.conftest import REP


def _queue(c: Container, clock: ManualClock, team: str, n: int, minutes_ago: int) -> None:
    due = clock.now() - timedelta(minutes=minutes_ago)
    with c.sessions.begin() as session:
        for i in range(n):
            key = f"fair:{team}:{i}"
            payload = {"deal_name": key, "rep_user_id": "U_X"}
            notice = Notice(key, team, REP, "feedback_thanks", key, payload, due)
            enqueue(session, notice, clock.now())


def test_claims_round_robin_across_workspaces(
    any_db_container: Container, clock: ManualClock
) -> None:
    c = any_db_container
    _queue(c, clock, "T_BIG", 50, minutes_ago=30)  # older, and many
    _queue(c, clock, "T_ONE", 2, minutes_ago=5)
    _queue(c, clock, "T_TWO", 2, minutes_ago=1)
    first = c.outbox.claim_due("w1", limit=6)
    assert [item.team_id for item in first] == ["T_BIG", "T_ONE", "T_TWO"] * 2
    rest = c.outbox.claim_due("w2", limit=100)
    assert {item.team_id for item in rest} == {"T_BIG"}
    assert len(rest) == 48
    assert not {i.id for i in first} & {i.id for i in rest}
