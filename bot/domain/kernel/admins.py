"""Who may change workspace-wide things: Slack admins and owners, plus anyone they add."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import WorkspaceAdmin
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.errors import NotAllowed
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.storage import guarded


class AdminService:
    """Answers "is this person an admin here?" and manages the added ones."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, people: PeopleService
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._people = people

    @guarded
    def is_admin(self, team_id: str, user_id: str) -> bool:
        """True for the workspace's Slack admins and owners and for added admins."""
        person = self._people.get(team_id, user_id)
        if person is not None and person.is_workspace_admin and not person.is_deleted:
            return True
        with self._sessions() as session:
            return session.get(WorkspaceAdmin, (team_id, user_id)) is not None

    def require_admin(self, team_id: str, user_id: str) -> None:
        """Raise NotAllowed unless `user_id` is an admin."""
        if not self.is_admin(team_id, user_id):
            raise NotAllowed(
                "Only workspace admins can do that. Ask a Slack admin or owner to add you."
            )

    @guarded
    def add(self, team_id: str, by_user_id: str, user_id: str) -> None:
        """An admin makes `user_id` an admin too."""
        self.require_admin(team_id, by_user_id)
        with self._sessions.begin() as session:
            if session.get(WorkspaceAdmin, (team_id, user_id)) is None:
                session.add(
                    WorkspaceAdmin(
                        team_id=team_id,
                        user_id=user_id,
                        added_by=by_user_id,
                        added_at=self._clock.now(),
                    )
                )

    @guarded
    def remove(self, team_id: str, by_user_id: str, user_id: str) -> None:
        """An admin removes an added admin (Slack admins stay admins)."""
        self.require_admin(team_id, by_user_id)
        with self._sessions.begin() as session:
            session.execute(
                delete(WorkspaceAdmin).where(
                    WorkspaceAdmin.team_id == team_id, WorkspaceAdmin.user_id == user_id
                )
            )

    def added(self, team_id: str) -> list[str]:
        """Ids of the admins added through coachbot."""
        with self._sessions() as session:
            return list(
                session.scalars(
                    select(WorkspaceAdmin.user_id)
                    .where(WorkspaceAdmin.team_id == team_id)
                    .order_by(WorkspaceAdmin.user_id)
                )
            )
