"""How each kind of bid message is rendered for delivery."""

from __future__ import annotations

from bot.domain.bids.dto import BidPrompt
from bot.domain.bids.kinds import BidKind
from bot.slack.bids import blocks as bids
from bot.slack.delivery import Sender, posting

SENDERS: dict[str, Sender] = {
    BidKind.SUGGESTION: posting(
        lambda p: bids.suggestion_dm(
            BidPrompt.from_payload(p["prompt"]), p["rep_user_id"], p["deal_name"]
        )
    ),
}
