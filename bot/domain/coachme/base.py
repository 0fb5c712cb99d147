"""What every part of the feedback service shares: its dependencies, and the port through
which it offers a bid for connection after feedback."""

from __future__ import annotations

from typing import Any, Protocol

from bot.domain.kernel.deps import Deps, Part


class SuggestedBid(Protocol):
    def to_payload(self) -> dict[str, Any]: ...


class BidSuggester(Protocol):
    """Offers a bid for connection (the bid store implements it), and names the kind of
    message that carries its suggestion, so the bid store renders its own DM."""

    message_kind: str

    def suggest(
        self, team_id: str, user_id: str, size: str | None = ..., moment: str | None = ...
    ) -> SuggestedBid | None: ...


class FeedbackBase(Part):
    """The state the asking, answering and closing parts of the service work on."""

    def __init__(self, deps: Deps, bids: BidSuggester | None = None) -> None:
        super().__init__(deps)
        self._bids = bids
