"""Local wall-clock time in an IANA zone, and the one engine that turns local rules into UTC.

Every schedule in coachbot (coaching cadences, recurring pulses, working hours, nudges that
wait for a working morning) is stored as a local time of day plus a zone, and turned into UTC
instants here at the last moment, so 10:00 stays 10:00 on both sides of a daylight-saving
change. Nothing else converts between local and UTC.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WORKDAY_START = time(9, 0)
WORKDAY_END = time(17, 0)
NUDGE_TIME = time(10, 0)
MORNING = time(9, 0)


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone called `name`, or UTC when it is unknown or missing."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def at_local(day: date, at: time, tz: str) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `tz`.

    A time that does not exist (skipped by a daylight-saving jump) moves forward by the gap;
    a time that happens twice takes its first occurrence.
    """
    z = zone(tz)
    naive = datetime.combine(day, at)
    # fold=0 reads a repeated time as its first occurrence, and a time inside a gap with the
    # offset from before the jump, which lands it the gap's length later (02:30 -> 03:30).
    return naive.replace(tzinfo=z, fold=0).astimezone(UTC)


def is_workday(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < 5


def add_workdays(day: date, count: int) -> date:
    """The date `count` working days after `day`."""
    current = day
    left = count
    while left > 0:
        current += timedelta(days=1)
        if is_workday(current):
            left -= 1
    return current


def workdays_later(start: datetime, count: int, tz: str, at: time = NUDGE_TIME) -> datetime:
    """`count` working days after `start`, at local time `at` in `tz` (as UTC)."""
    local_day = start.astimezone(zone(tz)).date()
    return at_local(add_workdays(local_day, count), at, tz)


def next_morning_on_or_after(day: date, tz: str, at: time = MORNING) -> datetime:
    """Local morning of `day` in `tz`, as UTC."""
    return at_local(day, at, tz)


def next_working_moment(now: datetime, tz: str) -> datetime:
    """`now` when it falls in working hours on a working day in `tz`; otherwise the next
    working day's nudge time (today's, when the day has not started yet)."""
    local = now.astimezone(zone(tz))
    day = local.date()
    if is_workday(day):
        if WORKDAY_START <= local.time() < WORKDAY_END:
            return now
        if local.time() < WORKDAY_START:
            return at_local(day, NUDGE_TIME, tz)
    return at_local(add_workdays(day, 1), NUDGE_TIME, tz)


def local_date(instant: datetime, tz: str) -> date:
    """The calendar date in `tz` at `instant`."""
    return instant.astimezone(zone(tz)).date()


def add_months(day: date, months: int) -> date:
    """Same day-of-month `months` later, clamped to that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_hhmm(text: str | None) -> time | None:
    """A time of day written `HH:MM` (as Slack's timepicker sends it), or None."""
    try:
        hours, minutes = (text or "").strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def previous_workday(day: date) -> date:
    """The working day before `day`."""
    current = day - timedelta(days=1)
    while not is_workday(current):
        current -= timedelta(days=1)
    return current


def next_workday_at(now: datetime, tz: str, at: time) -> datetime:
    """The next local `at` on a working day in `tz`, at or after `now` (as UTC)."""
    day = local_date(now, tz)
    while True:
        candidate = at_local(day, at, tz)
        if is_workday(day) and candidate >= now:
            return candidate
        day += timedelta(days=1)


def first_on_or_after(day: date, weekday: int) -> date:
    """The first date on or after `day` that falls on `weekday` (Monday is 0)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


class _Recurring:
    """What every local rule offers, given its `starts_between` and its longest gap `step`."""

    @property
    def step(self) -> int:
        """At most this many days between two occurrences."""
        raise NotImplementedError

    def starts_between(self, start: datetime, end: datetime) -> list[tuple[date, datetime]]:
        """Each occurrence starting in [start, end): its local date and its UTC start."""
        raise NotImplementedError

    def next_start(self, after: datetime) -> tuple[date, datetime] | None:
        """The first occurrence starting at or after `after`."""
        found = self.starts_between(after, after + timedelta(days=self.step + 2))
        return found[0] if found else None

    def latest_start(self, now: datetime, within: timedelta) -> tuple[date, datetime] | None:
        """The latest occurrence that started in (now - within, now], if any.

        The window may span local midnight: an occurrence at 23:50 is still found at 00:05.
        """
        tick = timedelta(microseconds=1)
        found = self.starts_between(now - within + tick, now + tick)
        return found[-1] if found else None


@dataclass(frozen=True)
class Weekly(_Recurring):
    """A local rule: every `every_weeks` weeks at `at` in `tz`, on the weekday of `anchor`,
    starting on the local date `anchor`."""

    every_weeks: int
    anchor: date
    at: time
    tz: str

    @property
    def step(self) -> int:
        """Days between two occurrences."""
        return 7 * self.every_weeks

    def starts_between(self, start: datetime, end: datetime) -> list[tuple[date, datetime]]:
        """Each occurrence starting in [start, end): its local date and its UTC start."""
        if self.every_weeks <= 0:
            return []
        # A day early: a zone ahead of UTC starts its local day before UTC does.
        day = max(self.anchor, local_date(start, self.tz) - timedelta(days=1))
        offset = (day - self.anchor).days
        day = self.anchor + timedelta(days=-(-offset // self.step) * self.step)
        found: list[tuple[date, datetime]] = []
        while True:
            instant = at_local(day, self.at, self.tz)
            if instant >= end:
                return found
            if instant >= start:
                found.append((day, instant))
            day += timedelta(days=self.step)


def nth_weekday(year: int, month: int, weekday: int, nth: int = 1) -> date:
    """The `nth` (1-4) `weekday` (Monday is 0) of a month."""
    return first_on_or_after(date(year, month, 1), weekday) + timedelta(weeks=nth - 1)


@dataclass(frozen=True)
class Monthly(_Recurring):
    """A local rule: the `nth` (1-4) `weekday` of every month at `at` in `tz`, from the local
    date `start` on. Weekday-based, like a team's rhythm ("the first Monday of the month"),
    so it never lands on a weekend the way a fixed day of the month would."""

    weekday: int
    start: date
    at: time
    tz: str
    nth: int = 1

    @property
    def step(self) -> int:
        """The longest gap between two occurrences."""
        return 35

    def starts_between(self, start: datetime, end: datetime) -> list[tuple[date, datetime]]:
        """Each occurrence starting in [start, end): its local date and its UTC start."""
        if not 0 <= self.weekday <= 6 or not 1 <= self.nth <= 4:
            return []
        first = max(self.start, local_date(start, self.tz) - timedelta(days=1))
        month = date(first.year, first.month, 1)
        found: list[tuple[date, datetime]] = []
        while True:
            day = nth_weekday(month.year, month.month, self.weekday, self.nth)
            instant = at_local(day, self.at, self.tz)
            if instant >= end:
                return found
            if day >= self.start and instant >= start:
                found.append((day, instant))
            month = add_months(month, 1)
