"""Answering a pulse: one answer per person, changeable while open, anonymous when asked."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Pulse, PulseAnswer
from bot.domain.kernel.errors import AlreadyDone, NotFound
from bot.domain.pulse.dto import AnswerReceipt


def voter_hash(salt: str, team_id: str, user_id: str) -> str:
    """Who answered an anonymous pulse, recognisable only while its salt exists."""
    return hmac.new(salt.encode(), f"{team_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def record_answer(
    session: Session,
    team_id: str,
    pulse_id: int,
    user_id: str,
    choice: int,
    now: datetime,
    tz: str,
) -> AnswerReceipt:
    """Store `user_id`'s answer, or change it. Raises IntegrityError when a twin click won."""
    pulse = session.get(Pulse, pulse_id)
    if pulse is None or pulse.team_id != team_id:
        raise NotFound("That pulse is no longer here.")
    if pulse.status != "open" or pulse.closes_at <= now:
        raise AlreadyDone("This pulse has closed, so answers can't change now.")
    if not 0 <= choice < len(pulse.labels):
        raise NotFound("That isn't one of this pulse's answers any more.")
    hashed: str | None = None
    if pulse.anonymous:
        assert pulse.salt is not None
        hashed = voter_hash(pulse.salt, team_id, user_id)
        who = PulseAnswer.voter_hash == hashed
    else:
        who = PulseAnswer.user_id == user_id
    row = session.scalar(select(PulseAnswer).where(PulseAnswer.pulse_id == pulse.id, who))
    changed = row is not None and row.choice != choice
    if row is None:
        session.add(
            PulseAnswer(
                team_id=team_id,
                pulse_id=pulse.id,
                choice=choice,
                user_id=None if pulse.anonymous else user_id,
                voter_hash=hashed,
            )
        )
    else:
        row.choice = choice
    session.flush()
    return AnswerReceipt(
        pulse_id=pulse.id,
        label=str(pulse.labels[choice]),
        changed=changed,
        closes_at=pulse.closes_at,
        tz=tz,
    )
