"""Slack string ids of the bid-for-connection store: the command, modal, buttons and inputs."""

from __future__ import annotations

from enum import StrEnum


class BidCommand(StrEnum):
    BID = "/bid"


class BidCallback(StrEnum):
    ADD_PROMPT = "bid_add_prompt"
    ADDED = "bid_added"
    BROWSE = "bid_browse"


class BidAction(StrEnum):
    ANOTHER = "bid_another"
    TRIED = "bid_tried"
    OUTCOME_TOWARD = "bid_outcome_toward"
    OUTCOME_AWAY = "bid_outcome_away"
    OUTCOME_AGAINST = "bid_outcome_against"
    OUTCOME_TOO_SOON = "bid_outcome_too_soon"
    RETIRE = "bid_retire"
    RESTORE = "bid_restore"
    OPEN_ADD = "bid_open_add"
    BROWSE = "bid_browse"


class BidBlock(StrEnum):
    """block_id and action_id of each input in the add-a-prompt modal."""

    TEXT = "bid_text"
    SIZE = "bid_size"
    MOMENTS = "bid_moments"
    AUDIENCE = "bid_audience"
