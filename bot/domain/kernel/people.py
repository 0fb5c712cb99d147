"""People: who someone is, their time zone, whether they can be messaged, who coaches them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Person
from bot.domain.kernel.clock import Clock

STALE_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class Profile:
    """What the workspace directory says about a person."""

    team_id: str
    user_id: str
    display_name: str
    tz: str
    is_deleted: bool = False
    is_bot: bool = False
    is_workspace_admin: bool = False


@dataclass(frozen=True)
class PersonView:
    team_id: str
    user_id: str
    display_name: str
    tz: str
    is_deleted: bool
    is_bot: bool
    is_workspace_admin: bool
    coach_user_id: str | None

    @property
    def reachable(self) -> bool:
        """True when the bot may message this person."""
        return not (self.is_deleted or self.is_bot)


class Directory(Protocol):
    """Looks a person up in the workspace (the Slack adapter implements it)."""

    def lookup(self, team_id: str, user_id: str) -> Profile | None:
        """The person's profile, or None when the workspace does not know them."""
        ...


def _view(row: Person) -> PersonView:
    return PersonView(
        team_id=row.team_id,
        user_id=row.user_id,
        display_name=row.display_name,
        tz=row.tz,
        is_deleted=row.is_deleted,
        is_bot=row.is_bot,
        is_workspace_admin=row.is_workspace_admin,
        coach_user_id=row.coach_user_id,
    )


class PeopleService:
    """Keeps names and time zones fresh, asking the directory only when stale."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock, directory: Directory) -> None:
        self._sessions = sessions
        self._clock = clock
        self._directory = directory

    def get(self, team_id: str, user_id: str, *, refresh: bool = False) -> PersonView | None:
        """The person, looked up again when unknown, stale or `refresh` is asked for.

        If the directory cannot answer, the last known record is used.
        """
        with self._sessions() as session:
            row = session.get(Person, (team_id, user_id))
            fresh = row is not None and self._clock.now() - row.refreshed_at < STALE_AFTER
            if row is not None and fresh and not refresh:
                return _view(row)
        profile = self._directory.lookup(team_id, user_id)
        if profile is None:
            return _view(row) if row is not None else None
        return self.remember(profile)

    def remember(self, profile: Profile) -> PersonView:
        """Store what the directory said (from a lookup or a `user_change` event)."""
        with self._sessions.begin() as session:
            row = session.get(Person, (profile.team_id, profile.user_id))
            if row is None:
                row = Person(team_id=profile.team_id, user_id=profile.user_id)
                session.add(row)
            row.display_name = profile.display_name
            row.tz = profile.tz or "UTC"
            row.is_deleted = profile.is_deleted
            row.is_bot = profile.is_bot
            row.is_workspace_admin = profile.is_workspace_admin
            row.refreshed_at = self._clock.now()
            session.flush()
            return _view(row)

    def coach_of(self, team_id: str, user_id: str) -> str | None:
        """Who coaches `user_id`, from stored records only (no directory lookup)."""
        with self._sessions() as session:
            row = session.get(Person, (team_id, user_id))
            return row.coach_user_id if row else None

    def set_coach(self, team_id: str, rep_user_id: str, coach_user_id: str | None) -> None:
        """Record (or clear) who coaches `rep_user_id`."""
        self.get(team_id, rep_user_id)
        with self._sessions.begin() as session:
            row = session.get(Person, (team_id, rep_user_id))
            if row is None:
                row = Person(team_id=team_id, user_id=rep_user_id, refreshed_at=self._clock.now())
                session.add(row)
            row.coach_user_id = coach_user_id

    def team_of_coach(self, team_id: str, coach_user_id: str) -> list[PersonView]:
        """Everyone whose coach is `coach_user_id`."""
        with self._sessions() as session:
            rows = session.scalars(
                select(Person)
                .where(Person.team_id == team_id, Person.coach_user_id == coach_user_id)
                .order_by(Person.display_name)
            )
            return [_view(r) for r in rows]
