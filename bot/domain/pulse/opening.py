"""Opening a pulse: the stored run and its channel message, and what happens if Slack refuses it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.db.models import Pulse
from bot.domain.kernel.outbox import cancel_pending
from bot.domain.pulse.kinds import PulseKind
from bot.domain.pulse.notices import key_of, notify, subject_of, view_of
from bot.domain.pulse.rules import Question
from bot.domain.pulse.settings import read_settings

REMIND_LEAD_MAX = timedelta(hours=4)


def open_pulse(
    session: Session,
    *,
    team_id: str,
    channel_id: str,
    started_by: str,
    question: Question,
    anonymous: bool,
    hours: int,
    now: datetime,
    post_key: Callable[[int], str],
    schedule_id: int | None = None,
) -> Pulse | None:
    """Store a new open pulse and queue its channel message under `post_key(id)`.

    Returns None (and adds nothing) when a message with that key exists already: that is how
    two schedulers agree that only one of them posts a recurring pulse.
    """
    settings = read_settings(session, team_id)
    closes_at = now + timedelta(hours=hours)
    lead = min(timedelta(hours=hours) / 4, REMIND_LEAD_MAX)
    with session.begin_nested() as nested:
        pulse = Pulse(
            team_id=team_id,
            channel_id=channel_id,
            started_by=started_by,
            schedule_id=schedule_id,
            **question.columns(),
            anonymous=anonymous,
            threshold=settings.threshold,
            status="open",
            opened_at=now,
            closes_at=closes_at,
            remind_at=closes_at - lead,
            post_key="",
            salt=secrets.token_hex(32) if anonymous else None,
        )
        session.add(pulse)
        session.flush()
        pulse.post_key = post_key(pulse.id)
        payload = {"pulse": view_of(pulse).to_payload()}
        if not notify(
            session,
            pulse,
            pulse.post_key,
            PulseKind.QUESTION,
            payload,
            now,
            useful_until=closes_at,
        ):
            nested.rollback()
            return None
    return pulse


def started_key(pulse_id: int) -> str:
    """The outbox key of the channel message of a pulse someone started by hand."""
    return key_of(pulse_id, "question")


def mark_undeliverable(session: Session, pulse_id: int, error: str, now: datetime) -> None:
    """The channel message failed for good: the pulse is void, and its starter hears why."""
    pulse = session.get(Pulse, pulse_id)
    if pulse is None:
        return
    pulse.status = "failed"
    pulse.salt = None
    cancel_pending(session, subject_of(pulse.id))
    notify(
        session,
        pulse,
        key_of(pulse.id, "undeliverable"),
        PulseKind.UNDELIVERABLE,
        {"pulse": view_of(pulse).to_payload(), "error": error},
        now,
        to=pulse.started_by,
    )
