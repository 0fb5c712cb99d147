"""Workspace-wide settings an admin changes from the App Home: the default coaching reminder
lead time, the working days, and who else is a coachbot admin."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import WorkspaceAdmin, WorkspaceSettings
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.errors import InvalidInput
from bot.domain.kernel.notifications import clean_days, days_of, days_text
from bot.domain.kernel.storage import guarded

DEFAULT_LEAD = "2h"


@dataclass(frozen=True)
class WorkspaceView:
    reminder_lead: str
    working_days: tuple[int, ...]
    admins: tuple[str, ...]  # recorded admins; Slack admins and owners are admins anyway


def read(session: Session, team_id: str) -> WorkspaceSettings:
    """The workspace's settings row, unsaved defaults when it has none."""
    row = session.get(WorkspaceSettings, team_id)
    return row or WorkspaceSettings(team_id=team_id, reminder_lead=DEFAULT_LEAD, working_days="")


def working_days(session: Session, team_id: str) -> tuple[int, ...]:
    """The workspace's working days (Monday to Friday until an admin changes them)."""
    return days_of(read(session, team_id).working_days)


class WorkspaceService(Part):
    """Reads and changes workspace settings; only admins change them."""

    def __init__(self, deps: Deps, leads: Collection[str]) -> None:
        super().__init__(deps)
        self._leads = leads

    @guarded
    def view(self, team_id: str) -> WorkspaceView:
        """The settings and the recorded admins."""
        with self._sessions() as session:
            row = read(session, team_id)
            admins = session.scalars(
                select(WorkspaceAdmin.user_id)
                .where(WorkspaceAdmin.team_id == team_id)
                .order_by(WorkspaceAdmin.added_at, WorkspaceAdmin.user_id)
            )
            return WorkspaceView(
                row.reminder_lead or DEFAULT_LEAD, days_of(row.working_days), tuple(admins)
            )

    def clean(self, lead: str | None, days: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
        """The lead time and working days asked for, or InvalidInput naming the field."""
        errors: dict[str, str] = {}
        if lead not in self._leads:
            errors["reminder_lead"] = "Pick when reminders go out."
        try:
            picked = clean_days(days)
        except InvalidInput as exc:
            errors.update(exc.fields)
            picked = ()
        if errors or lead is None:
            raise InvalidInput(errors)
        return lead, picked

    @guarded
    def update(
        self,
        team_id: str,
        user_id: str,
        lead: str | None,
        days: tuple[str, ...],
        admins: Iterable[str],
    ) -> WorkspaceView:
        """An admin sets the defaults and the recorded admins, in one transaction.

        Nobody removes themselves here, so a workspace never locks its last admin out.
        """
        self._admins.require_admin(team_id, user_id)
        picked_lead, picked_days = self.clean(lead, days)
        wanted = {a for a in admins if a} | {user_id}
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.get(WorkspaceSettings, team_id)
            if row is None:
                row = WorkspaceSettings(team_id=team_id)
                session.add(row)
            row.reminder_lead, row.working_days = picked_lead, days_text(picked_days)
            row.updated_by, row.updated_at = user_id, now
            self._set_admins(session, team_id, user_id, wanted, now)
        return self.view(team_id)

    @staticmethod
    def _set_admins(
        session: Session, team_id: str, by: str, wanted: set[str], now: datetime
    ) -> None:
        current = set(
            session.scalars(select(WorkspaceAdmin.user_id).where(WorkspaceAdmin.team_id == team_id))
        )
        gone = current - wanted
        if gone:
            session.execute(
                delete(WorkspaceAdmin).where(
                    WorkspaceAdmin.team_id == team_id, WorkspaceAdmin.user_id.in_(gone)
                )
            )
        for user in sorted(wanted - current):
            session.add(WorkspaceAdmin(team_id=team_id, user_id=user, added_by=by, added_at=now))
