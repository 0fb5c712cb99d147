"""What the /coachme service hands out: plain, JSON-safe data, no database rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AskSummary:
    id: int
    user_id: str
    role: str
    status: str


@dataclass(frozen=True)
class RequestSummary:
    """A request as the people in it see it. JSON-safe, so it can ride in a message payload."""

    id: int
    team_id: str
    rep_user_id: str
    deal_name: str
    amount: str | None
    stage: str
    loss_reason: str
    what_happened: str
    do_differently: str
    help_with: str
    followup_on: str | None
    status: str
    asks: tuple[AskSummary, ...]

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> RequestSummary:
        """Rebuild from `to_payload` output."""
        asks = tuple(AskSummary(**a) for a in data["asks"])
        return cls(**{**data, "asks": asks})


@dataclass(frozen=True)
class AnswerSummary:
    ask_id: int
    coach_user_id: str
    rep_user_id: str
    deal_name: str
    selling_skills: str
    customer_knowledge: str
    our_org: str
    try_next: str
    go_deeper: bool

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)
