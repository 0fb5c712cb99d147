"""Occurrence math across daylight-saving changes, in both hemispheres and without DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.coaching import cadence as cad
from bot.domain.kernel.wallclock import zone


def _weekly(tz: str, weekday: int, anchor: date, start: time = time(10, 0)) -> cad.Cadence:
    return cad.Cadence(1, weekday, start, 30, "2h", tz, anchor)


# (zone, a date range that crosses its changes, the UTC offsets seen before/after, in hours)
CROSSINGS = [
    ("America/New_York", date(2026, 3, 2), date(2026, 3, 17), (-5, -4)),  # spring forward
    ("America/New_York", date(2026, 10, 26), date(2026, 11, 10), (-4, -5)),  # fall back
    ("Europe/Berlin", date(2026, 3, 23), date(2026, 4, 7), (1, 2)),
    ("Europe/Berlin", date(2026, 10, 19), date(2026, 11, 3), (2, 1)),
    ("Australia/Sydney", date(2026, 3, 30), date(2026, 4, 14), (11, 10)),  # autumn there
    ("Australia/Sydney", date(2026, 9, 28), date(2026, 10, 13), (10, 11)),  # spring there
    ("Asia/Kolkata", date(2026, 3, 2), date(2026, 3, 17), (5.5, 5.5)),  # no DST at all
]


@pytest.mark.parametrize(("tz", "first", "last", "offsets"), CROSSINGS)
def test_ten_stays_ten_across_the_change(
    tz: str, first: date, last: date, offsets: tuple[float, float]
) -> None:
    c = _weekly(tz, first.weekday(), first)
    start = datetime.combine(first, time(0), zone(tz))
    end = datetime.combine(last, time(23), zone(tz))
    found = cad.occurrences(c, start.astimezone(UTC), end.astimezone(UTC))
    assert [o.occurrence for o in found] == [first + timedelta(days=7 * i) for i in range(3)]
    for occ in found:
        local = occ.starts_at.astimezone(zone(tz))
        assert (local.hour, local.minute) == (10, 0)
        assert occ.ends_at - occ.starts_at == timedelta(minutes=30)
    seen = [o.starts_at.astimezone(zone(tz)).utcoffset() for o in found]
    assert seen[0] == timedelta(hours=offsets[0])
    assert seen[-1] == timedelta(hours=offsets[1])


@pytest.mark.parametrize(("tz", "first", "last", "offsets"), CROSSINGS)
def test_reminders_keep_their_local_time(
    tz: str, first: date, last: date, offsets: tuple[float, float]
) -> None:
    c = _weekly(tz, first.weekday(), first)
    start = datetime.combine(first, time(0), zone(tz)).astimezone(UTC)
    for occ in cad.occurrences(c, start, start + timedelta(days=16)):
        day_before = cad.reminder_at("day_before", tz, occ.starts_at).astimezone(zone(tz))
        assert (day_before.date(), day_before.time()) == (
            occ.occurrence - timedelta(days=1),
            time(15, 0),
        )
        morning = cad.reminder_at("morning", tz, occ.starts_at).astimezone(zone(tz))
        assert (morning.date(), morning.time()) == (occ.occurrence, time(8, 0))
        assert cad.reminder_at("2h", tz, occ.starts_at) == occ.starts_at - timedelta(hours=2)


def test_a_time_skipped_by_the_clocks_moves_forward() -> None:
    # 02:30 on 8 March 2026 does not exist in New York.
    c = _weekly("America/New_York", 6, date(2026, 3, 1), time(2, 30))
    found = cad.occurrences(c, datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC))
    local = found[0].starts_at.astimezone(zone("America/New_York"))
    assert (local.hour, local.minute) == (3, 30)


def test_a_time_that_happens_twice_takes_the_first() -> None:
    c = _weekly("America/New_York", 6, date(2026, 10, 25), time(1, 30))
    found = cad.occurrences(
        c, datetime(2026, 10, 31, tzinfo=UTC), datetime(2026, 11, 2, tzinfo=UTC)
    )
    assert found[0].starts_at == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT


def test_every_two_weeks_keeps_its_fortnight() -> None:
    c = cad.Cadence(2, 1, time(10, 0), 30, "2h", "Europe/Berlin", date(2026, 3, 3))
    found = cad.occurrences(c, datetime(2026, 3, 9, tzinfo=UTC), datetime(2026, 4, 30, tzinfo=UTC))
    assert [o.occurrence for o in found] == [
        date(2026, 3, 17),
        date(2026, 3, 31),
        date(2026, 4, 14),
        date(2026, 4, 28),
    ]


def test_prep_goes_the_working_day_before_in_the_reps_zone() -> None:
    monday_10_ny = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    prep = cad.prep_at("Asia/Kolkata", monday_10_ny).astimezone(zone("Asia/Kolkata"))
    assert (prep.date(), prep.time()) == (date(2026, 3, 6), time(10, 0))  # the Friday
