"""Pure occurrence math: when a cadence's sessions fall, and when each nudge about one is due.

Everything here is wall-clock plus an IANA zone, turned into UTC instants at the last moment,
so a 10:00 session stays at 10:00 local on both sides of a daylight-saving change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.kernel import wallclock

EVERY_WEEKS = (1, 2, 4)
LEADS = {
    "2h": "2 hours before",
    "morning": "The morning of",
    "day_before": "The day before",
}
LENGTHS = (15, 30, 45, 60, 90)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MORNING_AT = time(8, 0)
DAY_BEFORE_AT = time(15, 0)
PREP_AT = time(10, 0)
CHECK_AFTER_END = timedelta(minutes=15)
CHECK_USEFUL_FOR = timedelta(days=5)


@dataclass(frozen=True)
class Cadence:
    """A recurring session: every `every_weeks` weeks on `weekday` at `start` in `tz`."""

    every_weeks: int
    weekday: int
    start: time
    length_minutes: int
    lead: str
    tz: str
    anchor: date

    @property
    def scheduled(self) -> bool:
        """False until a cadence has been chosen."""
        return self.every_weeks > 0


@dataclass(frozen=True)
class Occurrence:
    """One session: its planned local date, and its start and end as UTC instants."""

    occurrence: date
    starts_at: datetime
    ends_at: datetime


def weeks_since(anchor: date, day: date) -> int:
    """How many weeks after the anchor `day` falls (to rotate questions and bids)."""
    return max(0, (day - anchor).days // 7)


def occurrence_at(cadence: Cadence, day: date) -> Occurrence:
    """The session planned for local date `day`."""
    starts = wallclock.at_local(day, cadence.start, cadence.tz)
    return Occurrence(day, starts, starts + timedelta(minutes=cadence.length_minutes))


def occurrences(cadence: Cadence, start: datetime, end: datetime) -> list[Occurrence]:
    """Every session of `cadence` that starts in [start, end), in order."""
    if not cadence.scheduled:
        return []
    rule = wallclock.Weekly(cadence.every_weeks, cadence.anchor, cadence.start, cadence.tz)
    length = timedelta(minutes=cadence.length_minutes)
    return [Occurrence(day, at, at + length) for day, at in rule.starts_between(start, end)]


def reminder_at(lead: str, tz: str, starts_at: datetime) -> datetime:
    """When the manager's reminder goes out for a session starting at `starts_at`."""
    day = wallclock.local_date(starts_at, tz)
    if lead == "day_before":
        return wallclock.at_local(day - timedelta(days=1), DAY_BEFORE_AT, tz)
    if lead == "morning":
        morning = wallclock.at_local(day, MORNING_AT, tz)
        # An early session still gets its reminder with time to spare.
        return min(morning, starts_at - timedelta(hours=1))
    return starts_at - timedelta(hours=2)


def prep_at(rep_tz: str, starts_at: datetime) -> datetime:
    """When the rep's prep DM goes out: mid-morning, their time, the working day before."""
    day = wallclock.local_date(starts_at, rep_tz)
    return min(
        wallclock.at_local(wallclock.previous_workday(day), PREP_AT, rep_tz),
        starts_at - timedelta(hours=3),
    )


def check_at(ends_at: datetime) -> datetime:
    """When "did it happen?" goes to the manager, if the session was not marked."""
    return ends_at + CHECK_AFTER_END
