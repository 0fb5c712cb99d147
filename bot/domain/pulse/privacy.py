"""What pulse forgets about a person: their named answers, and that they started anything."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.db.models import Pulse, PulseAnswer, PulseSchedule


def forget_user(session: Session, team_id: str, user_id: str) -> list[str]:
    """Delete the person's pulse answers and unname them as starter of pulses and schedules.

    Anonymous answers carry nothing that leads back to them, so they stay in the team's
    totals. No outbox message is about a person here, so no subjects are returned.
    """
    session.execute(
        delete(PulseAnswer).where(PulseAnswer.team_id == team_id, PulseAnswer.user_id == user_id)
    )
    # The channel's pulses and schedules stay; they just stop naming who started them.
    session.execute(
        update(Pulse)
        .where(Pulse.team_id == team_id, Pulse.started_by == user_id)
        .values(started_by="")
    )
    session.execute(
        update(PulseSchedule)
        .where(PulseSchedule.team_id == team_id, PulseSchedule.created_by == user_id)
        .values(created_by="")
    )
    return []
