"""What coaching forgets about a person: the pairs they are in, with their sessions, and pauses."""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.db.models import (
    AgendaItem,
    CalendarFeed,
    CoachingPair,
    CoachingPause,
    CoachingSession,
)
from bot.domain.coaching import moves


def forget_user(session: Session, team_id: str, user_id: str) -> list[str]:
    """Delete every coaching pair the person is in, its sessions, the sessions they held
    with reps who have since moved on, and the person's pauses.

    Returns the outbox subjects of the messages about those pairs and sessions, and of the
    notes about moves that name the person.
    """
    pairs = list(
        session.scalars(
            select(CoachingPair.id).where(
                CoachingPair.team_id == team_id,
                or_(CoachingPair.manager_id == user_id, CoachingPair.rep_id == user_id),
            )
        )
    )
    sessions = list(
        session.scalars(
            select(CoachingSession.id).where(
                CoachingSession.team_id == team_id,
                or_(CoachingSession.pair_id.in_(pairs), CoachingSession.manager_id == user_id),
            )
        )
    )
    moved = moves.move_subjects_naming(session, team_id, user_id)
    session.execute(delete(AgendaItem).where(AgendaItem.pair_id.in_(pairs)))
    session.execute(delete(CoachingSession).where(CoachingSession.id.in_(sessions)))
    session.execute(delete(CoachingPair).where(CoachingPair.id.in_(pairs)))
    session.execute(
        delete(CalendarFeed).where(CalendarFeed.team_id == team_id, CalendarFeed.user_id == user_id)
    )
    session.execute(
        delete(CoachingPause).where(
            CoachingPause.team_id == team_id, CoachingPause.user_id == user_id
        )
    )
    return (
        [f"coaching:pair:{p}" for p in pairs] + [f"coaching:session:{s}" for s in sessions] + moved
    )
