"""The plain data the bid store hands out: prompts, their tallies, the Home summary, file rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BidPrompt:
    """A prompt as people see it. `scope` is library, workspace or personal."""

    id: int
    key: str
    text: str
    size: str
    moments: tuple[str, ...]
    scope: str
    owner_user_id: str | None
    active: bool

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return {
            "id": self.id,
            "key": self.key,
            "text": self.text,
            "size": self.size,
            "moments": list(self.moments),
            "scope": self.scope,
            "owner_user_id": self.owner_user_id,
            "active": self.active,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> BidPrompt:
        """Rebuild from `to_payload` output."""
        return cls(**{**data, "moments": tuple(data["moments"])})


@dataclass(frozen=True)
class BidCount:
    """How one prompt has gone in a workspace, counted over everyone who tried it."""

    prompt: BidPrompt
    toward: int = 0
    away: int = 0
    against: int = 0
    too_soon: int = 0

    @property
    def tried(self) -> int:
        return self.toward + self.away + self.against + self.too_soon


@dataclass(frozen=True)
class BidHome:
    """The store as the Home tab shows it to one person."""

    active: int
    retired_count: int
    tried: int
    top: tuple[BidCount, ...]
    retired: tuple[BidPrompt, ...]
    mine: tuple[BidPrompt, ...]
    is_admin: bool


@dataclass(frozen=True)
class PromptRecord:
    """One prompt in an import or export file."""

    key: str
    text: str
    size: str
    moments: tuple[str, ...]
    status: str = "active"
    line: int = 0
