"""What bids forgets about a person: what they were shown, how it went, and their own prompts."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.db.models import BidOutcome, BidPromptRow, BidView


def forget_user(session: Session, team_id: str, user_id: str) -> list[str]:
    """Delete the person's bid history and the prompts they added for themselves.

    No outbox message is about a person here, so no subjects are returned.
    """
    for model in (BidView, BidOutcome):
        session.execute(delete(model).where(model.team_id == team_id, model.user_id == user_id))
    session.execute(
        delete(BidPromptRow).where(
            BidPromptRow.team_id == team_id, BidPromptRow.owner_user_id == user_id
        )
    )
    return []
