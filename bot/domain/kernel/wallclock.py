"""Local working hours: when a nudge may reach a person, in their own time zone."""

from __future__ import annotations

import calendar
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


def local_date(instant: datetime, tz: str) -> date:
    """The calendar date in `tz` at `instant`."""
    return instant.astimezone(zone(tz)).date()


def add_months(day: date, months: int) -> date:
    """Same day-of-month `months` later, clamped to that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
