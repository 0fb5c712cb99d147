"""One renderer per kind of outbox message: payload in, Message out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.domain.bids.service import BidPrompt
from bot.domain.coaching.nudges import Reminder, SessionRef, StreakOffer
from bot.domain.coachme.service import AnswerSummary, RequestSummary
from bot.domain.kernel.kinds import Kind
from bot.slack.bids import blocks as bids
from bot.slack.blockkit import Message
from bot.slack.coaching import blocks as coaching
from bot.slack.coachme import blocks as coachme

Renderer = Callable[[dict[str, Any]], Message]


def _req(payload: dict[str, Any]) -> RequestSummary:
    return RequestSummary.from_payload(payload["request"])


RENDERERS: dict[str, Renderer] = {
    Kind.FEEDBACK_ASK: lambda p: coachme.ask_dm(_req(p), int(p["ask_id"])),
    Kind.FEEDBACK_ASK_NUDGE: lambda p: coachme.nudge_dm(_req(p), int(p["ask_id"])),
    Kind.REQUEST_SENT: lambda p: coachme.request_sent(_req(p)),
    Kind.ASK_UNREACHABLE: lambda p: coachme.ask_unreachable(p["user_id"], p["deal_name"]),
    Kind.ASK_DECLINED: lambda p: coachme.ask_declined(p["user_id"], _req(p)),
    Kind.FEEDBACK_DELIVERED: lambda p: coachme.feedback_delivered(AnswerSummary(**p)),
    Kind.FEEDBACK_THANKS: lambda p: coachme.feedback_thanks(p["rep_user_id"], p["deal_name"]),
    Kind.REQUEST_EXPIRED: lambda p: coachme.request_expired(_req(p)),
    Kind.ACCOUNT_FOLLOWUP: lambda p: coachme.account_followup(_req(p)),
    Kind.COACHING_REMINDER: lambda p: coaching.manager_reminder(Reminder.from_payload(p)),
    Kind.COACHING_PREP: lambda p: coaching.rep_prep(SessionRef(**p["ref"])),
    Kind.COACHING_CHECK: lambda p: coaching.check_dm(SessionRef(**p["ref"])),
    Kind.COACHING_STREAK: lambda p: coaching.streak_nudge(StreakOffer.from_payload(p)),
    Kind.COACHING_QUIET: lambda p: coaching.quiet_note(p["rep_id"], p["days"], p["ever_held"]),
    Kind.BID_SUGGESTION: lambda p: bids.suggestion_dm(
        BidPrompt.from_payload(p["prompt"]), p["rep_user_id"], p["deal_name"]
    ),
}


def register(kind: str, renderer: Renderer) -> None:
    """Let a feature add the renderer for its own kind of message."""
    RENDERERS[kind] = renderer
