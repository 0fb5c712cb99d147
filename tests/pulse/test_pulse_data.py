"""Pulse storage on both databases: one answer each, anonymity after close, and pooling."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.container import Container, build_container
from bot.db.base import Base
from bot.db.models import OutboxMessage, Pulse, PulseAnswer
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.errors import AlreadyDone, InvalidInput
from tests.conftest import COACH
from tests.fakes.slack_api import FakeSlack
from tests.pulse.pulse_helpers import TEAM, VOTERS, add_voters, start_direct

HEX64 = re.compile(r"\b[0-9a-f]{64}\b")


def test_one_answer_each_changeable_until_close(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    add_voters(slack)
    pulse = start_direct(c, COACH)
    first = c.pulses.answer(TEAM, pulse.id, VOTERS[0], 1)
    again = c.pulses.answer(TEAM, pulse.id, VOTERS[0], 3)
    assert (first.changed, again.changed, again.label) == (False, True, "4")
    with c.sessions() as s:
        assert s.scalars(select(PulseAnswer.choice)).all() == [3]
    clock.advance(timedelta(hours=25))
    assert c.pulses.close_due() == 1
    try:
        c.pulses.answer(TEAM, pulse.id, VOTERS[0], 0)
    except AlreadyDone:
        pass
    else:
        raise AssertionError("answers must not change after close")


def test_anonymous_pulse_cannot_be_joined_back_to_people(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    add_voters(slack)
    pulse = start_direct(c, COACH)
    for i, user in enumerate(VOTERS):
        c.pulses.answer(TEAM, pulse.id, user, i % 5)
    with c.sessions() as s:
        assert all(h for h in s.scalars(select(PulseAnswer.voter_hash)))  # dedupe while open
    clock.advance(timedelta(hours=24))
    c.pulses.close_due()
    c.delivery.run()

    with c.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(table.select()).mappings():
                dump = " ".join(str(v) for v in row.values())
                if table.name != "people":  # the directory of names, not linked to answers
                    assert not any(v in dump for v in VOTERS), (table.name, dump)
                assert not HEX64.search(dump), (table.name, dump)
    with c.sessions() as s:
        answers = s.scalars(select(PulseAnswer)).all()
        assert sorted(a.choice for a in answers) == [0, 0, 1, 2, 3, 4]  # the answers stay
        assert all(a.user_id is None and a.voter_hash is None for a in answers)
        assert s.get_one(Pulse, pulse.id).salt is None


def test_pooling_publishes_small_runs_together_once(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    add_voters(slack)
    slack.add_user("U_ADMIN", "admin", is_admin=True)
    with pytest.raises(InvalidInput) as refused:
        c.pulses.update_settings(TEAM, "U_ADMIN", 2, 3)
    assert "threshold" in refused.value.fields
    c.pulses.update_settings(TEAM, "U_ADMIN", 5, 3)

    def run(voters: list[str]) -> dict[str, object]:
        pulse = start_direct(c, COACH, key="coach-real-conversation")
        for i, user in enumerate(voters):
            c.pulses.answer(TEAM, pulse.id, user, i % 2)
        clock.advance(timedelta(hours=25))
        c.pulses.close_due()
        with c.sessions() as s:
            row = s.scalar(
                select(OutboxMessage).where(OutboxMessage.key == f"pulse:{pulse.id}:result")
            )
            assert row is not None
            return dict(row.payload)

    assert run(VOTERS[:3])["shown"] is False
    pooled = run(VOTERS[:3])
    assert pooled["shown"] is True
    assert pooled["pooled_runs"] == 2
    assert pooled["result"] == {"counts": [4, 2], "total": 6, "average": None}
    # A published run is never pooled again, so no result differs from another by one run.
    assert run(VOTERS[:2])["shown"] is False


def test_container_builds_pulse_services(any_db_container: Container) -> None:
    rebuilt = build_container(any_db_container.settings, engine=any_db_container.engine)
    assert rebuilt.pulses.settings(TEAM).threshold == 5
