"""The workspaces coachbot serves, and the Slack events it has already handled.

Slack retries an event it did not see acknowledged in time; with several web processes the
retry may reach another process than the first try. The first process to record an event's
id handles it; every later delivery of that id, in any process, is dropped.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import SeenEvent, Workspace
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.storage import guarded

# Slack retries three times within about five minutes; a day is far beyond that.
SEEN_EVENTS_KEPT = timedelta(days=1)
REMEMBERED_SECONDS = 300.0


class ServedWorkspaces:
    """Which workspaces are served, in which Enterprise Grid org, and which events were seen."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        # What this process recorded lately, so most requests skip the write; entries go
        # stale so that another process's uninstall is noticed here too.
        self._known: dict[str, tuple[str | None, float]] = {}

    @guarded
    def remember(self, team_id: str, enterprise_id: str | None, *, fresh: bool = False) -> None:
        """Record that `team_id` (in org `enterprise_id`, if any) is served. `fresh`: write
        it even if this process recorded it lately (a new install)."""
        if not team_id:
            return
        known = self._known.get(team_id)
        recent = known is not None and time.monotonic() - known[1] < REMEMBERED_SECONDS
        if not fresh and recent and known is not None and known[0] == enterprise_id:
            return
        with self._sessions.begin() as session:
            row = session.get(Workspace, team_id)
            if row is None:
                try:
                    with session.begin_nested():
                        session.add(
                            Workspace(
                                team_id=team_id,
                                enterprise_id=enterprise_id,
                                seen_at=self._clock.now(),
                            )
                        )
                except IntegrityError:
                    pass  # another process recorded it a moment ago
            else:
                row.enterprise_id = enterprise_id
                row.seen_at = self._clock.now()
        self._known[team_id] = (enterprise_id, time.monotonic())

    def enterprise_of(self, team_id: str) -> str | None:
        """The org `team_id` belongs to, or None (not on Grid, or never seen)."""
        with self._sessions() as session:
            return session.scalar(
                select(Workspace.enterprise_id).where(Workspace.team_id == team_id)
            )

    def teams_of(self, enterprise_id: str) -> list[str]:
        """Every workspace of org `enterprise_id` coachbot has served."""
        with self._sessions() as session:
            return list(
                session.scalars(
                    select(Workspace.team_id).where(Workspace.enterprise_id == enterprise_id)
                )
            )

    def forget(self, team_id: str) -> None:
        """Drop what this process remembers about `team_id` (its rows go with the workspace)."""
        self._known.pop(team_id, None)

    @guarded
    def first_sighting(self, event_id: str, team_id: str) -> bool:
        """True the first time any process records `event_id`; False for every retry."""
        try:
            with self._sessions.begin() as session:
                session.add(
                    SeenEvent(event_id=event_id, team_id=team_id, seen_at=self._clock.now())
                )
        except IntegrityError:
            return False
        return True

    def purge_seen_events(self) -> int:
        """Forget event ids older than a day. Returns how many were forgotten."""
        cutoff: datetime = self._clock.now() - SEEN_EVENTS_KEPT
        with self._sessions.begin() as session:
            result = session.execute(delete(SeenEvent).where(SeenEvent.seen_at < cutoff))
        return int(getattr(result, "rowcount", 0) or 0)
