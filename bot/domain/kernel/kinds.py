"""Every kind of message the bot sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    FEEDBACK_ASK = "feedback_ask"
    FEEDBACK_ASK_NUDGE = "feedback_ask_nudge"
    REQUEST_SENT = "request_sent"
    ASK_UNREACHABLE = "ask_unreachable"
    ASK_DECLINED = "ask_declined"
    FEEDBACK_DELIVERED = "feedback_delivered"
    FEEDBACK_THANKS = "feedback_thanks"
    REQUEST_EXPIRED = "request_expired"
    ACCOUNT_FOLLOWUP = "account_followup"
    PULSE_QUESTION = "pulse_question"
    PULSE_REMINDER = "pulse_reminder"
    PULSE_RESULT = "pulse_result"
    PULSE_CHART = "pulse_chart"
    PULSE_CLOSED = "pulse_closed"
    PULSE_UNDELIVERABLE = "pulse_undeliverable"
    COACHING_REMINDER = "coaching_reminder"
    COACHING_PREP = "coaching_prep"
    COACHING_CHECK = "coaching_check"
    COACHING_STREAK = "coaching_streak"
    COACHING_QUIET = "coaching_quiet"
    BID_SUGGESTION = "bid_suggestion"
