"""What pulse forgets about a person: their named answers, and that they started anything."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.db.models import Pulse, PulseAnswer, PulseComment, PulseCommentLink, PulseSchedule


def forget_user(session: Session, team_id: str, user_id: str) -> list[str]:
    """Delete the person's pulse answers and unname them as starter of pulses and schedules.

    Anonymous answers carry nothing that leads back to them, so they stay in the team's
    totals. Comments still linked to them are deleted; the subjects returned are those of
    replies to those comments.
    """
    session.execute(
        delete(PulseAnswer).where(PulseAnswer.team_id == team_id, PulseAnswer.user_id == user_id)
    )
    # Comments still linked to them (open pulses, or the reply window) go with the link.
    mine = list(
        session.scalars(
            select(PulseCommentLink.comment_id).where(
                PulseCommentLink.team_id == team_id, PulseCommentLink.user_id == user_id
            )
        )
    )
    session.execute(delete(PulseComment).where(PulseComment.id.in_(mine)))
    session.execute(delete(PulseCommentLink).where(PulseCommentLink.comment_id.in_(mine)))
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
    return [f"pulse-comment:{c}" for c in mine]
