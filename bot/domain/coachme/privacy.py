"""What /coachme forgets about a person: their requests, the feedback on them, and theirs."""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.db.models import Commitment, FeedbackAsk, FeedbackRequest


def forget_user(session: Session, team_id: str, user_id: str) -> list[str]:
    """Delete the person's requests (with every ask on them) and the asks they were sent.

    Returns the outbox subjects of the messages about those requests and asks.
    """
    own = list(
        session.scalars(
            select(FeedbackRequest.id).where(
                FeedbackRequest.team_id == team_id, FeedbackRequest.rep_user_id == user_id
            )
        )
    )
    asks = list(
        session.scalars(
            select(FeedbackAsk.id)
            .join(FeedbackRequest)
            .where(
                FeedbackRequest.team_id == team_id,
                or_(FeedbackAsk.user_id == user_id, FeedbackRequest.id.in_(own)),
            )
        )
    )
    # Plans made from those asks, and any plan of theirs: check-ins and thanks go with them.
    plans = list(
        session.scalars(
            select(Commitment.id).where(
                Commitment.team_id == team_id,
                or_(Commitment.rep_id == user_id, Commitment.ask_id.in_(asks)),
            )
        )
    )
    session.execute(delete(Commitment).where(Commitment.id.in_(plans)))
    session.execute(delete(FeedbackAsk).where(FeedbackAsk.id.in_(asks)))
    session.execute(delete(FeedbackRequest).where(FeedbackRequest.id.in_(own)))
    subjects = [f"request:{r}" for r in own] + [f"request:{r}:followup" for r in own]
    for suffix in ("", ":thanks", ":bid"):
        subjects += [f"ask:{a}{suffix}" for a in asks]
    subjects += [f"commitment:{p}" for p in plans] + [f"commitment:{p}:thanks" for p in plans]
    return subjects
