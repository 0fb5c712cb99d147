"""Deleting data for real: a whole workspace on uninstall, or one person on request."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import Base
from bot.db.models import (
    BidOutcome,
    BidPromptRow,
    BidView,
    FeedbackAsk,
    FeedbackRequest,
    OutboxMessage,
    Person,
)
from bot.domain.storage import guarded


class PrivacyService:
    """Forgets workspaces and people."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @guarded
    def forget_team(self, team_id: str) -> int:
        """Delete every row that belongs to `team_id`. Returns how many tables held some."""
        touched = 0
        with self._sessions.begin() as session:
            # Children first, so foreign keys never block; tables without team_id go by cascade.
            for table in reversed(Base.metadata.sorted_tables):
                if "team_id" in table.c:
                    result = session.execute(delete(table).where(table.c.team_id == team_id))
                    touched += bool(getattr(result, "rowcount", 0))
        return touched

    @guarded
    def forget_user(self, team_id: str, user_id: str) -> None:
        """Delete a person: their profile, their requests, their answers, messages to them."""
        with self._sessions.begin() as session:
            own = select(FeedbackRequest.id).where(
                FeedbackRequest.team_id == team_id, FeedbackRequest.rep_user_id == user_id
            )
            session.execute(delete(FeedbackAsk).where(FeedbackAsk.request_id.in_(own)))
            session.execute(delete(FeedbackRequest).where(FeedbackRequest.id.in_(own)))
            asked = select(FeedbackRequest.id).where(FeedbackRequest.team_id == team_id)
            session.execute(
                delete(FeedbackAsk).where(
                    FeedbackAsk.user_id == user_id, FeedbackAsk.request_id.in_(asked)
                )
            )
            session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.team_id == team_id, OutboxMessage.recipient == user_id
                )
            )
            for model in (BidView, BidOutcome):
                session.execute(
                    delete(model).where(model.team_id == team_id, model.user_id == user_id)
                )
            session.execute(
                delete(BidPromptRow).where(
                    BidPromptRow.team_id == team_id, BidPromptRow.owner_user_id == user_id
                )
            )
            session.execute(
                delete(Person).where(Person.team_id == team_id, Person.user_id == user_id)
            )
            session.execute(
                update(Person)
                .where(Person.team_id == team_id, Person.coach_user_id == user_id)
                .values(coach_user_id=None)
            )
