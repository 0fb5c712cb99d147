"""iCalendar (RFC 5545) text for a calendar feed: events in UTC, escaped and folded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

PRODID = "-//coachbot//coaching sessions//EN"
FOLD_AT = 75  # octets per line, before the line break


@dataclass(frozen=True)
class Event:
    """One session as a calendar shows it. `uid` stays the same across moves."""

    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    description: str
    cancelled: bool = False


def _stamp(instant: datetime) -> str:
    return instant.strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Split a content line into pieces of at most 75 octets, never inside a character."""
    out: list[str] = []
    current, size = "", 0
    limit = FOLD_AT
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, FOLD_AT
        current += char
        size += width
    out.append(current)
    return out


def calendar(name: str, events: Iterable[Event], now: datetime) -> str:
    """A whole VCALENDAR with `events`, CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"SEQUENCE:{e.sequence}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(e.start)}",
            f"DTEND:{_stamp(e.end)}",
            f"SUMMARY:{_text(e.summary)}",
            f"DESCRIPTION:{_text(e.description)}",
            f"STATUS:{'CANCELLED' if e.cancelled else 'CONFIRMED'}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))
