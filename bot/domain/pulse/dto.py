"""Plain data the pulse services return: what the Slack layer renders, with no database rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from bot.domain.pulse.rules import WEEKDAYS


@dataclass(frozen=True)
class PulseView:
    """A pulse as the channel sees it. JSON-safe, so it can ride in a message payload."""

    id: int
    team_id: str
    channel_id: str
    started_by: str
    question_text: str
    answer_type: str
    labels: tuple[str, ...]
    scale_labels: tuple[str, str]
    anonymous: bool
    threshold: int
    closes_at: str  # ISO instant, UTC
    status: str

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        data = asdict(self)
        data["labels"] = list(self.labels)
        data["scale_labels"] = list(self.scale_labels)
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> PulseView:
        """Rebuild from `to_payload` output."""
        scale = tuple(data["scale_labels"])
        return cls(
            **{
                **data,
                "labels": tuple(data["labels"]),
                "scale_labels": (str(scale[0]), str(scale[1])),
            }
        )


@dataclass(frozen=True)
class AnswerReceipt:
    """What the person who clicked is told privately."""

    pulse_id: int
    label: str
    changed: bool
    closes_at: datetime
    tz: str


@dataclass(frozen=True)
class SettingsView:
    """The workspace's minimum answers for an anonymous result, and how many runs may pool."""

    threshold: int
    pool_runs: int


# Not a PulseView: a schedule is a rule for future runs, with no answers, threshold or close.
@dataclass(frozen=True)
class ScheduleView:
    """A recurring pulse as its channel lists it."""

    id: int
    channel_id: str
    created_by: str
    question_text: str
    anonymous: bool
    every_weeks: int
    weekday: int
    local_time: str
    tz: str
    open_hours: int
    next_at: datetime | None
    every_months: int = 0

    @property
    def when(self) -> str:
        """E.g. "every Monday at 09:00 (Europe/Berlin)"."""
        if self.every_months:
            day = f"on the first {WEEKDAYS[self.weekday]} of every month"
            return f"{day} at {self.local_time} ({self.tz})"
        every = "every" if self.every_weeks == 1 else "every other"
        return f"{every} {WEEKDAYS[self.weekday]} at {self.local_time} ({self.tz})"
