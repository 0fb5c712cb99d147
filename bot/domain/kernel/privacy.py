"""Deleting data for real: a whole workspace on uninstall, or one person on request."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import delete, or_, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.base import Base
from bot.db.models.admins import WorkspaceAdmin
from bot.db.models.notifications import NotificationPrefs
from bot.db.models.outbox import OutboxMessage
from bot.db.models.people import Person
from bot.domain.kernel.storage import guarded

# A feature's part of forgetting one person: given (session, team_id, user_id), it deletes
# what the feature keeps about them and returns the outbox subjects of messages about it.
Forgetter = Callable[[Session, str, str], list[str]]


class PrivacyService:
    """Forgets workspaces and people."""

    def __init__(self, sessions: sessionmaker[Session], forgetters: Sequence[Forgetter]) -> None:
        self._sessions = sessions
        self._forgetters = tuple(forgetters)

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
        """Delete what coachbot keeps about one person in one workspace, in one transaction.

        Each feature forgets its own part (see the `privacy` module of each feature); then go
        the messages to the person or about what the features forgot, the person's admin
        record, and their profile, and nobody names them as coach any more.
        """
        with self._sessions.begin() as session:
            subjects: list[str] = []
            for forget in self._forgetters:
                subjects += forget(session, team_id, user_id)
            session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.team_id == team_id,
                    or_(OutboxMessage.recipient == user_id, OutboxMessage.subject.in_(subjects)),
                )
            )
            session.execute(
                delete(WorkspaceAdmin).where(
                    WorkspaceAdmin.team_id == team_id, WorkspaceAdmin.user_id == user_id
                )
            )
            session.execute(
                delete(NotificationPrefs).where(
                    NotificationPrefs.team_id == team_id, NotificationPrefs.user_id == user_id
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
