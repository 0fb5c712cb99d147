"""The end of a pulse: the one reminder before close, then closing and what it may publish."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import OutboxMessage, Pulse, PulseAnswer
from bot.domain.kernel.outbox import cancel_pending
from bot.domain.pulse import results
from bot.domain.pulse.kinds import PulseKind
from bot.domain.pulse.notices import key_of, notify, subject_of, view_of
from bot.domain.pulse.settings import read_settings


def queue_reminders(session: Session, now: datetime) -> int:
    """Queue the one reminder to the channel of each pulse whose time has come. Returns how many."""
    due = session.scalars(
        select(Pulse).where(
            Pulse.status == "open",
            Pulse.remind_at.is_not(None),
            Pulse.remind_at <= now,
            Pulse.closes_at > now,
        )
    ).all()
    count = 0
    for pulse in due:
        pulse.remind_at = None
        count += notify(
            session,
            pulse,
            key_of(pulse.id, "reminder"),
            PulseKind.REMINDER,
            {"pulse": view_of(pulse).to_payload()},
            now,
            useful_until=pulse.closes_at,
        )
    return count


def due_ids(session: Session, now: datetime) -> list[int]:
    """Open pulses whose time is up."""
    return list(
        session.scalars(select(Pulse.id).where(Pulse.status == "open", Pulse.closes_at <= now))
    )


MIN_TREND_POINTS = 2  # one result is a number, not a trend: no chart for it


def close(session: Session, pulse: Pulse, now: datetime) -> None:
    """Close `pulse`, forget who answered an anonymous one, and queue what it may show."""
    pulse.status = "closed"
    pulse.closed_at = now
    pulse.remind_at = None
    cancel_pending(session, subject_of(pulse.id), kinds=[PulseKind.QUESTION, PulseKind.REMINDER])
    if pulse.anonymous:
        _forget_voters(session, pulse)
    ids = results.decide(session, pulse, read_settings(session, pulse.team_id).pool_runs)
    thread = _thread_of(session, pulse)
    view = view_of(pulse).to_payload()
    payload: dict[str, Any] = {"pulse": view, "thread": thread, "shown": False}
    if ids is not None:
        payload.update(_published(session, pulse, ids))
    notify(session, pulse, key_of(pulse.id, "result"), PulseKind.RESULT, payload, now)
    trend = results.trend(session, pulse) if ids is not None else []
    if len(trend) >= MIN_TREND_POINTS:
        # Queued after the result, so the chart lands under it in the thread.
        chart = {"pulse": view, "thread": thread, "trend": trend}
        notify(session, pulse, key_of(pulse.id, "chart"), PulseKind.CHART, chart, now)
    if thread is not None:
        closed = {"pulse": view, "thread": thread}
        notify(session, pulse, key_of(pulse.id, "closed"), PulseKind.CLOSED, closed, now)


def _published(session: Session, pulse: Pulse, ids: list[int]) -> dict[str, Any]:
    # The trend before this result, read before the runs below are marked as published in it.
    previous = results.trend(session, pulse)[-1:]
    for run_id in ids:
        session.get_one(Pulse, run_id).result_id = pulse.id
    session.flush()
    tally = results.tally(session, ids, len(pulse.labels))
    return {
        "shown": True,
        "result": tally.to_payload(pulse.answer_type),
        "pooled_runs": len(ids),
        "previous": previous[0] if previous else None,
        "named": None if pulse.anonymous else results.named_answers(session, pulse),
    }


def _forget_voters(session: Session, pulse: Pulse) -> None:
    # Keep only the choices, rewritten in a random order so row ids no longer
    # reflect who answered first.
    choices = list(
        session.scalars(select(PulseAnswer.choice).where(PulseAnswer.pulse_id == pulse.id))
    )
    session.execute(delete(PulseAnswer).where(PulseAnswer.pulse_id == pulse.id))
    random.SystemRandom().shuffle(choices)
    for choice in choices:
        session.add(PulseAnswer(team_id=pulse.team_id, pulse_id=pulse.id, choice=choice))
    pulse.salt = None
    session.flush()


def _thread_of(session: Session, pulse: Pulse) -> dict[str, str] | None:
    row = session.execute(
        select(OutboxMessage.channel, OutboxMessage.ts).where(
            OutboxMessage.key == pulse.post_key, OutboxMessage.status == "sent"
        )
    ).first()
    if row is None or not row[0] or not row[1]:
        return None
    return {"channel": str(row[0]), "ts": str(row[1])}
