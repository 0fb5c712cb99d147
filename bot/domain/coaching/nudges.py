"""What a coaching nudge carries: questions, a bid, open requests, and the message payloads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.content.loader import bucket, load

BUCKET_ORDER = ("selling_skills", "customer_knowledge", "our_org")


class BidSource(Protocol):
    """Offers one small bid for connection before a session."""

    def small_bid(self, team_id: str, manager_id: str, rep_id: str, occurrence: int) -> str | None:
        """A small, low-risk opener for `manager_id` to try with `rep_id`, or None."""
        ...


class ContentBids:
    """The built-in bids: small `before_session` prompts, rotated by occurrence."""

    def small_bid(self, team_id: str, manager_id: str, rep_id: str, occurrence: int) -> str | None:
        """The next small before-session prompt from bids.yaml."""
        prompts = [
            str(p["text"])
            for p in load("bids.yaml").get("prompts", [])
            if p.get("size") == "small" and "before_session" in (p.get("moments") or [])
        ]
        return prompts[occurrence % len(prompts)] if prompts else None


class StoreBids:
    """Small before-session bids from the workspace's bid store (its own prompts included,
    retired ones left out), falling back to the built-in file before the store is loaded."""

    def __init__(self, store: BidPeeker) -> None:
        self._store = store
        self._fallback = ContentBids()

    def small_bid(self, team_id: str, manager_id: str, rep_id: str, occurrence: int) -> str | None:
        """The prompt for this occurrence of the manager's session with the rep."""
        prompt = self._store.peek(team_id, manager_id, "small", "before_session", occurrence)
        if prompt is not None:
            return prompt.text
        return self._fallback.small_bid(team_id, manager_id, rep_id, occurrence)


class PeekedBid(Protocol):
    @property
    def text(self) -> str: ...


class BidPeeker(Protocol):
    def peek(
        self, team_id: str, user_id: str, size: str, moment: str, occurrence: int
    ) -> PeekedBid | None:
        """A fitting prompt without side effects, or None."""
        ...


@dataclass(frozen=True)
class BucketQuestion:
    title: str
    text: str


def bucket_questions(occurrence: int) -> list[BucketQuestion]:
    """One question from each coaching bucket; the next occurrence gets the next ones."""
    picked = []
    for key in BUCKET_ORDER:
        data = bucket(key)
        questions = list(data["questions"])
        picked.append(
            BucketQuestion(str(data["title"]), str(questions[occurrence % len(questions)]))
        )
    return picked


@dataclass(frozen=True)
class OpenRequest:
    deal_name: str
    help_with: str


@dataclass(frozen=True)
class DeeperOffer:
    deal_name: str
    coach_user_id: str


class RequestLine(Protocol):
    """An open request for feedback on a deal, as the reminder lists it."""

    @property
    def deal_name(self) -> str: ...

    @property
    def help_with(self) -> str: ...


class OfferLine(Protocol):
    """An offer to go deeper on a deal, as the reminder lists it."""

    @property
    def deal_name(self) -> str: ...

    @property
    def coach_user_id(self) -> str: ...


class RepRequests(Protocol):
    """What the rep has asked for help with, seen only through the manager's part in it."""

    def open_requests(self, team_id: str, rep_id: str, manager_id: str) -> Sequence[RequestLine]:
        """The rep's open requests that were sent to `manager_id`, newest first."""
        ...

    def deeper_offers(
        self, team_id: str, rep_id: str, manager_id: str, now: datetime
    ) -> Sequence[OfferLine]:
        """Recent offers from `manager_id` to go deeper with the rep, newest first."""
        ...

    def plans(self, team_id: str, rep_id: str) -> Sequence[str]:
        """The rep's open if-then plans in their own words ("When …, I will …")."""
        ...


@dataclass(frozen=True)
class AgendaLine:
    """One open line of a pair's shared agenda, as a prep shows it."""

    id: int
    kind: str  # topic | action
    text: str
    added_by: str


@dataclass(frozen=True)
class SessionRef:
    """A session as its nudges show it: who, when (UTC) and in which zone to show it."""

    session_id: int
    manager_id: str
    rep_id: str
    starts_at: str  # ISO, UTC
    length_minutes: int
    tz: str  # the recipient's zone

    @property
    def start(self) -> datetime:
        return datetime.fromisoformat(self.starts_at)


@dataclass(frozen=True)
class Reminder:
    """The manager's reminder before a session."""

    ref: SessionRef
    days_since_held: int | None
    requests: tuple[OpenRequest, ...]
    deeper: tuple[DeeperOffer, ...]
    questions: tuple[BucketQuestion, ...]
    bid: str | None
    priorities: str = ""
    plans: tuple[str, ...] = ()
    agenda: tuple[AgendaLine, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> Reminder:
        """Rebuild from `to_payload` output."""
        return cls(
            ref=SessionRef(**data["ref"]),
            days_since_held=data.get("days_since_held"),
            requests=tuple(OpenRequest(**r) for r in data.get("requests", [])),
            deeper=tuple(DeeperOffer(**d) for d in data.get("deeper", [])),
            questions=tuple(BucketQuestion(**q) for q in data.get("questions", [])),
            bid=data.get("bid"),
            priorities=str(data.get("priorities") or ""),
            plans=tuple(str(p) for p in data.get("plans", [])),
            agenda=tuple(AgendaLine(**a) for a in data.get("agenda", [])),
        )


@dataclass(frozen=True)
class StreakOffer:
    """Two sessions in a row didn't happen: a concrete time to try instead."""

    pair_id: int
    rep_id: str
    offer_at: str  # ISO, UTC
    tz: str
    misses: tuple[str, ...] = field(default_factory=tuple)  # "skipped" / "moved"

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> StreakOffer:
        """Rebuild from `to_payload` output."""
        return cls(**{**data, "misses": tuple(data.get("misses", ()))})
