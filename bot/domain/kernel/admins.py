"""Who may change workspace-wide things: Slack admins and owners, plus any recorded admin."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import WorkspaceAdmin
from bot.domain.kernel.errors import NotAllowed
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.storage import guarded


class AdminService:
    """Answers "is this person an admin here?"."""

    def __init__(self, sessions: sessionmaker[Session], people: PeopleService) -> None:
        self._sessions = sessions
        self._people = people

    @guarded
    def is_admin(self, team_id: str, user_id: str) -> bool:
        """True for the workspace's Slack admins and owners and for recorded admins."""
        person = self._people.get(team_id, user_id)
        if person is not None and person.is_workspace_admin and not person.is_deleted:
            return True
        with self._sessions() as session:
            return session.get(WorkspaceAdmin, (team_id, user_id)) is not None

    def require_admin(self, team_id: str, user_id: str) -> None:
        """Raise NotAllowed unless `user_id` is an admin."""
        if not self.is_admin(team_id, user_id):
            raise NotAllowed(
                "Only workspace admins can do that. Ask a Slack admin or owner if something "
                "should change."
            )
