"""Every kind of message the bid store sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.kernel.notifications import Topic


class BidKind(StrEnum):
    SUGGESTION = "bid_suggestion"


# The kinds a person can turn off, by topic.
TOPICS: dict[str, Topic] = {BidKind.SUGGESTION: Topic.BIDS}
