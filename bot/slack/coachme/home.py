"""A rep's /coachme figures on the App Home: requests, feedback received, follow-ups ahead."""

from __future__ import annotations

from bot.domain.coachme.overview import RepOverview
from bot.slack.blockkit import Blocks, context, escape, section


def rep_summary(view: RepOverview) -> Blocks:
    """Counts of the rep's own requests and the account follow-ups coming up."""
    blocks: Blocks = []
    if view.open_requests or view.answered_requests or view.feedback_received:
        blocks.append(
            context(
                f"{view.open_requests} open · {view.answered_requests} answered · "
                f"{view.feedback_received} piece{'s' if view.feedback_received != 1 else ''} "
                "of feedback received"
            )
        )
    if view.followups:
        lines = [f"• {on.isoformat()}: *{escape(deal)}*" for deal, on in view.followups]
        blocks.append(section("*Account follow-ups coming up*\n" + "\n".join(lines)))
    else:
        blocks.append(
            context(
                "No account follow-ups planned. When a loss is a “not now”, pick a follow-up "
                "in `/coachme` and you'll get a reminder to check back."
            )
        )
    return blocks
