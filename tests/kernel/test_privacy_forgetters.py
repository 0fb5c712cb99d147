"""The kernel forgets a person with whatever forgetters the features hand it, all or nothing."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.container import FORGETTERS, Container
from bot.db.models.outbox import OutboxMessage
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.privacy import PrivacyService
from tests.conftest import COACH, PEER, REP

T = "T0001"


def _queue(c: Container, clock: ManualClock, key: str, recipient: str, subject: str) -> None:
    with c.sessions.begin() as session:
        enqueue(session, Notice(key, T, recipient, "test", subject, {}, clock.now()), clock.now())


def _keys(c: Container) -> set[str]:
    with c.sessions() as session:
        return set(session.scalars(select(OutboxMessage.key)))


def test_every_features_forgetter_is_wired() -> None:
    domain = Path(__file__).resolve().parents[2] / "bot" / "domain"
    features = sorted(
        p.parent.name for p in domain.glob("*/privacy.py") if p.parent.name != "kernel"
    )
    assert features == ["bids", "coaching", "coachme", "pulse"]
    for feature in features:
        module = importlib.import_module(f"bot.domain.{feature}.privacy")
        assert module.forget_user in FORGETTERS


def test_messages_about_what_a_feature_forgot_go_too(
    any_db_container: Container, clock: ManualClock
) -> None:
    c = any_db_container
    c.people.set_coach(T, PEER, REP)
    _queue(c, clock, "to-rep", REP, "anything")
    _queue(c, clock, "about-rep", COACH, "thing:1")
    _queue(c, clock, "unrelated", COACH, "thing:2")
    calls: list[tuple[str, str]] = []

    def forget_things(session: Session, team_id: str, user_id: str) -> list[str]:
        calls.append((team_id, user_id))
        return ["thing:1"]

    PrivacyService(c.sessions, [forget_things]).forget_user(T, REP)

    assert calls == [(T, REP)]
    assert _keys(c) == {"unrelated"}
    assert c.people.coach_of(T, PEER) is None


def test_a_failing_forgetter_leaves_everything_in_place(
    any_db_container: Container, clock: ManualClock
) -> None:
    c = any_db_container
    _queue(c, clock, "to-rep", REP, "anything")

    def broken(session: Session, team_id: str, user_id: str) -> list[str]:
        raise RuntimeError("a feature's bug")

    service = PrivacyService(c.sessions, [*FORGETTERS, broken])
    with pytest.raises(RuntimeError):
        service.forget_user(T, REP)
    assert _keys(c) == {"to-rep"}
