"""The weekly manager digest: one DM on the manager's first working morning of the week.

It says how last week's coaching went (held vs planned), how many requests wait on them, and
where their team's pulse is heading. It reads the other features only through the small ports
below, which the container fills with their services. One digest per manager per week: its
outbox key names the week, so running the job twice, or in two schedulers, sends one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select

from bot.db.models import OutboxMessage
from bot.domain.digest.kinds import DigestKind
from bot.domain.kernel import wallclock
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.notifications import Topic
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.preferences import NotificationService

USEFUL_FOR = timedelta(hours=12)
MAX_TRENDS = 3


class TrendPointLike(Protocol):
    @property
    def total(self) -> int: ...
    @property
    def average(self) -> float | None: ...
    @property
    def top_label(self) -> str: ...


class TrendLike(Protocol):
    @property
    def question(self) -> str: ...
    @property
    def points(self) -> Sequence[TrendPointLike]: ...


class Coaching(Protocol):
    """Who coaches, and how their sessions went (coaching implements it)."""

    def managers(self) -> list[tuple[str, str]]: ...

    def held_planned(
        self, team_id: str, manager_id: str, start: datetime, end: datetime
    ) -> tuple[int, int]: ...


class Requests(Protocol):
    """How many requests wait on a person (/coachme implements it)."""

    def waiting_on(self, team_id: str, user_id: str) -> int: ...


class Pulses(Protocol):
    """A manager's team pulse trends, published results only (pulse implements it)."""

    def team_trends(self, team_id: str, manager_id: str) -> Sequence[TrendLike]: ...


@dataclass(frozen=True)
class PulseLine:
    question: str
    latest: str  # "3.8 of 5" or the answer chosen most
    change: float | None  # since the run before, for a scale


@dataclass(frozen=True)
class Digest:
    """What one weekly digest says; JSON-safe for the outbox."""

    week_of: str  # ISO date of the first working day
    held: int
    planned: int
    held_8w: int
    planned_8w: int
    waiting: int
    pulses: tuple[PulseLine, ...]

    @property
    def empty(self) -> bool:
        """True when there is nothing to report: no sessions, requests or pulse results."""
        return self.planned_8w == 0 and self.waiting == 0 and not self.pulses

    def to_payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Digest:
        return cls(**{**data, "pulses": tuple(PulseLine(**p) for p in data.get("pulses", []))})


def first_working_morning(now: datetime, tz: str, days: tuple[int, ...]) -> tuple[date, datetime]:
    """The first working day of `now`'s local week (Monday first) and its morning, as UTC."""
    today = wallclock.local_date(now, tz)
    monday = today - timedelta(days=today.weekday())
    day = monday + timedelta(days=min(days) if days else 0)
    return day, wallclock.at_local(day, wallclock.MORNING, tz)


def pulse_lines(trends: Sequence[TrendLike]) -> tuple[PulseLine, ...]:
    """The latest point of each trend and its change since the one before."""
    lines: list[PulseLine] = []
    for trend in list(trends)[:MAX_TRENDS]:
        if not trend.points:
            continue
        last = trend.points[-1]
        prev = trend.points[-2] if len(trend.points) > 1 else None
        change = None
        if last.average is not None and prev is not None and prev.average is not None:
            change = round(last.average - prev.average, 1)
        latest = f"{last.average:.1f} of 5" if last.average is not None else last.top_label
        lines.append(PulseLine(trend.question, latest, change))
    return tuple(lines)


class DigestService(Part):
    """Queues each manager's weekly digest once, on their first working morning."""

    def __init__(
        self,
        deps: Deps,
        notifications: NotificationService,
        coaching: Coaching,
        requests: Requests,
        pulses: Pulses,
    ) -> None:
        super().__init__(deps)
        self._notifications = notifications
        self._coaching = coaching
        self._requests = requests
        self._pulses = pulses

    def send_due(self) -> int:
        """Queue the digest of every manager whose first working morning has come this week
        and who has not had it yet. Returns how many were queued."""
        now = self._clock.now()
        queued = 0
        for team_id, manager_id in self._coaching.managers():
            prefs = self._notifications.prefs(team_id, manager_id)
            if not prefs.wants(Topic.DIGEST):
                continue
            person = self._people.get(team_id, manager_id)
            if person is None or not person.reachable:
                continue
            day, morning = first_working_morning(now, person.tz, prefs.working_days)
            if not morning <= now < morning + USEFUL_FOR:
                continue
            key = f"digest:{team_id}:{manager_id}:{day.isoformat()}"
            with self._sessions.begin() as session:
                if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)):
                    continue
                digest = self._gather(team_id, manager_id, day, morning)
                if digest.empty:
                    continue  # a new team with nothing to report yet: no DM to say nothing
                notice = Notice(
                    key,
                    team_id,
                    manager_id,
                    DigestKind.WEEKLY,
                    f"digest:{manager_id}",
                    digest.to_payload(),
                    morning,
                    useful_until=morning + USEFUL_FOR,
                )
                queued += enqueue(session, notice, now)
        return queued

    def _gather(self, team_id: str, manager_id: str, day: date, morning: datetime) -> Digest:
        held, planned = self._coaching.held_planned(
            team_id, manager_id, morning - timedelta(days=7), morning
        )
        held_8w, planned_8w = self._coaching.held_planned(
            team_id, manager_id, morning - timedelta(weeks=8), morning
        )
        return Digest(
            week_of=day.isoformat(),
            held=held,
            planned=planned,
            held_8w=held_8w,
            planned_8w=planned_8w,
            waiting=self._requests.waiting_on(team_id, manager_id),
            pulses=pulse_lines(self._pulses.team_trends(team_id, manager_id)),
        )
