"""What a pulse puts in the outbox: its plain view, and messages keyed and grouped per pulse."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.db.models import Pulse
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.pulse.dto import PulseView
from bot.domain.pulse.kinds import PulseKind
from bot.domain.pulse.rules import Question


def view_of(p: Pulse) -> PulseView:
    """The plain view of a pulse row."""
    question = Question.from_columns(p)
    return PulseView(
        id=p.id,
        team_id=p.team_id,
        channel_id=p.channel_id,
        started_by=p.started_by,
        question_text=p.question_text,
        answer_type=p.answer_type,
        labels=question.labels,
        scale_labels=question.scale_labels,
        anonymous=p.anonymous,
        threshold=p.threshold,
        closes_at=p.closes_at.isoformat(),
        status=p.status,
    )


def subject_of(pulse_id: int) -> str:
    """The outbox subject of every message about one pulse."""
    return f"pulse:{pulse_id}"


def key_of(pulse_id: int, what: str) -> str:
    """The outbox key of one message about a pulse, e.g. `pulse:7:result`."""
    return f"pulse:{pulse_id}:{what}"


def notify(
    session: Session,
    pulse: Pulse,
    key: str,
    kind: PulseKind,
    payload: dict[str, Any],
    now: datetime,
    *,
    to: str | None = None,
    useful_until: datetime | None = None,
) -> bool:
    """Queue a message about `pulse` (to its channel unless `to` says otherwise).

    Returns False when a message with `key` exists already.
    """
    notice = Notice(
        key,
        pulse.team_id,
        to or pulse.channel_id,
        kind,
        subject_of(pulse.id),
        payload,
        now,
        useful_until=useful_until,
    )
    return enqueue(session, notice, now)
