"""Every kind of message the bid store sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum


class BidKind(StrEnum):
    SUGGESTION = "bid_suggestion"
