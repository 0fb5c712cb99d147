"""What the coaching services hand out and take in: plain, frozen data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class CadenceForm:
    """The cadence form, as typed; each field is checked by `pairs.clean_cadence`."""

    every_weeks: str | None
    weekday: str | None
    start_time: str | None
    length_minutes: str | None
    lead: str | None


@dataclass(frozen=True)
class PairView:
    """One manager coaching one rep: their regular time and how it is going."""

    id: int
    team_id: str
    manager_id: str
    rep_id: str
    every_weeks: int
    weekday: int
    start_time: str
    length_minutes: int
    lead: str
    tz: str
    paused_until: date | None
    days_since_held: int | None
    next_start: datetime | None

    @property
    def scheduled(self) -> bool:
        """True once a cadence has been chosen."""
        # The same test as cadence.Cadence.scheduled: a view carries no Cadence to ask.
        return self.every_weeks > 0


@dataclass(frozen=True)
class SessionView:
    """One session of a pair, in UTC, with the zone to show it in."""

    id: int
    pair_id: int
    manager_id: str
    rep_id: str
    starts_at: datetime
    tz: str
    status: str
    priorities: str


@dataclass(frozen=True)
class Overview:
    """What a person sees of coaching: their reps, their own coach, and any pause."""

    reps: tuple[PairView, ...]
    my_coach: PairView | None
    paused_until: date | None


@dataclass(frozen=True)
class MessageUpdate:
    """A sent message to update in place, and its new payload."""

    channel: str
    ts: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class PlannedNudge:
    """A nudge that will go out: what, to whom, when (UTC) and the recipient's zone."""

    kind: str
    team_id: str
    recipient: str
    tz: str
    due_at: datetime
    manager_id: str
    rep_id: str
    starts_at: datetime
