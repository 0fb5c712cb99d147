"""Reports across features, as CSV: for the operator's command line and an admin's DM.

The kernel knows no feature: each feature publishes a table builder (its `report` module) and
the composition root hands them in by report name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Person
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.errors import NotFound
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.storage import guarded
from bot.domain.kernel.tables import ReportQuery, Table

TableBuilder = Callable[[sessionmaker[Session], ReportQuery], Table]

# The outbound kind of a report sent as a file to the person who asked for it.
REPORT_FILE = "report_file"


@dataclass(frozen=True)
class ReportFile:
    """A report queued for someone's DM: which, its file name and its outbox key."""

    report: str
    filename: str
    key: str


class ReportService(Part):
    """Builds the named reports and sends them, as CSV files, to admins who ask."""

    def __init__(self, deps: Deps, builders: Mapping[str, TableBuilder]) -> None:
        super().__init__(deps)
        self._builders = dict(builders)

    @property
    def names(self) -> tuple[str, ...]:
        """Every report, in the order they were handed in."""
        return tuple(self._builders)

    def known_teams(self) -> list[str]:
        """Every workspace coachbot has worked with."""
        with self._sessions() as session:
            return sorted(set(session.scalars(select(Person.team_id).distinct())))

    def build(self, name: str, team_id: str | None = None, since: date | None = None) -> Table:
        """The report `name`, for one workspace (or all of them), from `since` on."""
        builder = self._builders.get(name)
        if builder is None:
            raise NotFound(f"There is no report called {name!r}.")
        return builder(self._sessions, ReportQuery(self._clock.now(), team_id, since))

    @guarded
    def send_to_admin(self, team_id: str, user_id: str, name: str, click: str) -> ReportFile:
        """Queue the workspace's report `name` as a CSV file to `user_id`'s DM.

        Only admins may; `click` names the click that asked, so a click Slack delivers twice
        sends one file. The message holds only which report: the rows are read when it is
        sent, so no copy of them waits in the outbox (or outlives a person's "Forget me").
        """
        self._admins.require_admin(team_id, user_id)
        if name not in self._builders:
            raise NotFound(f"There is no report called {name!r}.")
        now = self._clock.now()
        filename = f"coachbot-{name}-{now.date().isoformat()}.csv"
        key = f"report:{team_id}:{user_id}:{name}:{click}"
        notice = Notice(
            key=key,
            team_id=team_id,
            recipient=user_id,
            kind=REPORT_FILE,
            subject=f"report:{team_id}:{user_id}",
            payload={"report": name, "filename": filename},
            due_at=now,
        )
        with self._sessions.begin() as session:
            enqueue(session, notice, now)
        return ReportFile(report=name, filename=filename, key=key)
