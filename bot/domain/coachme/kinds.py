"""Every kind of message /coachme sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.kernel.notifications import Topic


class CoachmeKind(StrEnum):
    FEEDBACK_ASK = "feedback_ask"
    FEEDBACK_ASK_NUDGE = "feedback_ask_nudge"
    REQUEST_SENT = "request_sent"
    ASK_UNREACHABLE = "ask_unreachable"
    ASK_DECLINED = "ask_declined"
    FEEDBACK_DELIVERED = "feedback_delivered"
    FEEDBACK_THANKS = "feedback_thanks"
    REQUEST_EXPIRED = "request_expired"
    ACCOUNT_FOLLOWUP = "account_followup"


# The kinds a person can turn off, by topic; the others answer something they did.
TOPICS: dict[str, Topic] = {
    CoachmeKind.FEEDBACK_ASK_NUDGE: Topic.FEEDBACK_NUDGES,
    CoachmeKind.ACCOUNT_FOLLOWUP: Topic.FOLLOWUPS,
}
