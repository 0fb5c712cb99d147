"""Deleting data for real: a whole workspace on uninstall, or one person on request."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import Base
from bot.db.models import (
    BidOutcome,
    BidPromptRow,
    BidView,
    CoachingPair,
    CoachingPause,
    CoachingSession,
    FeedbackAsk,
    FeedbackRequest,
    OutboxMessage,
    Person,
    Pulse,
    PulseAnswer,
    PulseSchedule,
    WorkspaceAdmin,
)
from bot.domain.kernel.storage import guarded


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
        """Delete what coachbot keeps about one person in one workspace.

        Their requests (with the feedback on them), feedback they gave, coaching schedules
        they are part of, named pulse answers, bid history, own prompts, messages to or about
        them, and their profile. Anonymous pulse answers carry nothing that leads back to
        them, so they stay in the team's totals.
        """
        with self._sessions.begin() as session:
            subjects = self._forget_feedback(session, team_id, user_id)
            subjects += self._forget_coaching(session, team_id, user_id)
            session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.team_id == team_id,
                    or_(OutboxMessage.recipient == user_id, OutboxMessage.subject.in_(subjects)),
                )
            )
            self._forget_pulses(session, team_id, user_id)
            for model in (BidView, BidOutcome, WorkspaceAdmin):
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

    @staticmethod
    def _forget_feedback(session: Session, team_id: str, user_id: str) -> list[str]:
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
        session.execute(delete(FeedbackAsk).where(FeedbackAsk.id.in_(asks)))
        session.execute(delete(FeedbackRequest).where(FeedbackRequest.id.in_(own)))
        subjects = [f"request:{r}" for r in own] + [f"request:{r}:followup" for r in own]
        for suffix in ("", ":thanks", ":bid"):
            subjects += [f"ask:{a}{suffix}" for a in asks]
        return subjects

    @staticmethod
    def _forget_coaching(session: Session, team_id: str, user_id: str) -> list[str]:
        pairs = list(
            session.scalars(
                select(CoachingPair.id).where(
                    CoachingPair.team_id == team_id,
                    or_(CoachingPair.manager_id == user_id, CoachingPair.rep_id == user_id),
                )
            )
        )
        sessions = list(
            session.scalars(select(CoachingSession.id).where(CoachingSession.pair_id.in_(pairs)))
        )
        session.execute(delete(CoachingSession).where(CoachingSession.id.in_(sessions)))
        session.execute(delete(CoachingPair).where(CoachingPair.id.in_(pairs)))
        session.execute(
            delete(CoachingPause).where(
                CoachingPause.team_id == team_id, CoachingPause.user_id == user_id
            )
        )
        return [f"coaching:pair:{p}" for p in pairs] + [f"coaching:session:{s}" for s in sessions]

    @staticmethod
    def _forget_pulses(session: Session, team_id: str, user_id: str) -> None:
        session.execute(
            delete(PulseAnswer).where(
                PulseAnswer.team_id == team_id, PulseAnswer.user_id == user_id
            )
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
