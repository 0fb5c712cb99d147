"""People: who someone is, their time zone, whether they can be messaged, who coaches them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.dialects import postgresql, sqlite
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
    updated: int | None = None  # Slack's own edit stamp of the profile (epoch seconds)


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


def _insert_for(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL alike)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert
    return sqlite.insert


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
        return self.remember(profile) or (_view(row) if row is not None else None)

    def remember(self, profile: Profile, *, only_known: bool = False) -> PersonView | None:
        """Store what the directory said (from a lookup or a `user_change` event).

        One upsert, so two first requests from a new person at once both succeed. A profile
        older than the one stored (a retried event arriving late) changes nothing. With
        `only_known`, someone coachbot has never worked with is not stored at all.
        """
        values = {
            "display_name": profile.display_name,
            "tz": profile.tz or "UTC",
            "is_deleted": profile.is_deleted,
            "is_bot": profile.is_bot,
            "is_workspace_admin": profile.is_workspace_admin,
            "profile_updated": profile.updated,
            "refreshed_at": self._clock.now(),
        }
        key = (profile.team_id, profile.user_id)
        with self._sessions.begin() as session:
            if only_known and session.get(Person, key) is None:
                return None
            insert = _insert_for(session)
            stmt = insert(Person).values(team_id=key[0], user_id=key[1], **values)
            older = (
                Person.profile_updated.is_(None)
                | stmt.excluded.profile_updated.is_(None)
                | (stmt.excluded.profile_updated >= Person.profile_updated)
            )
            session.execute(
                stmt.on_conflict_do_update(
                    index_elements=[Person.team_id, Person.user_id],
                    set_={name: stmt.excluded[name] for name in values},
                    where=older,
                )
            )
            row = session.get_one(Person, key, populate_existing=True)
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
            insert = _insert_for(session)
            stmt = insert(Person).values(
                team_id=team_id,
                user_id=rep_user_id,
                refreshed_at=self._clock.now(),
                coach_user_id=coach_user_id,
            )
            session.execute(
                stmt.on_conflict_do_update(
                    index_elements=[Person.team_id, Person.user_id],
                    set_={"coach_user_id": coach_user_id},
                )
            )
