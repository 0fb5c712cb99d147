"""Every kind of message pulse check-ins sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum


class PulseKind(StrEnum):
    QUESTION = "pulse_question"
    REMINDER = "pulse_reminder"
    RESULT = "pulse_result"
    CHART = "pulse_chart"
    CLOSED = "pulse_closed"
    UNDELIVERABLE = "pulse_undeliverable"
    COMMENTS = "pulse_comments"
    COMMENT_REPLY = "pulse_comment_reply"
