"""The rep's own account of a lost deal, as blocks: shown in the ask DM and atop the feedback
form, so the people asked read it before they answer."""

from __future__ import annotations

from bot.domain.coachme.dto import RequestSummary
from bot.slack.blockkit import Blocks, context, escape, quote


def reflection_blocks(req: RequestSummary) -> Blocks:
    """The deal's facts and the rep's three answers."""
    facts = [f"*Stage:* {escape(req.stage)}", f"*Reason:* {escape(req.loss_reason)}"]
    if req.amount:
        facts.insert(0, f"*Amount:* {escape(req.amount)}")
    return [
        context("  ·  ".join(facts)),
        quote("What happened", req.what_happened),
        quote("What I'd do differently", req.do_differently),
        quote("Where I'd like your help", req.help_with),
    ]
