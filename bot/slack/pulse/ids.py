"""Slack string ids of pulse check-ins: the command, modals, buttons and inputs."""

from __future__ import annotations

from enum import StrEnum


class PulseCommand(StrEnum):
    PULSE = "/pulse"


class PulseCallback(StrEnum):
    START = "pulse_start"
    SCHEDULE = "pulse_schedule"
    SETTINGS = "pulse_settings"
    COMMENT = "pulse_comment"
    REPLY = "pulse_comment_reply"


class PulseAction(StrEnum):
    ANSWER = "pulse_answer"  # one button per answer: "pulse_answer:<index>"
    CLOSE = "pulse_close"
    STOP_SCHEDULE = "pulse_stop_schedule"
    COMMENT = "pulse_comment"  # value: a pulse id
    REPLY = "pulse_comment_reply"  # value: a comment id


class PulseBlock(StrEnum):
    """block_id and action_id of each pulse modal input (the same string for both)."""

    BANK = "pulse_bank"
    CUSTOM = "pulse_custom"
    TYPE = "pulse_type"
    OPTIONS = "pulse_options"
    PRIVACY = "pulse_privacy"
    DURATION = "pulse_duration"
    EVERY = "pulse_every"
    WEEKDAY = "pulse_weekday"
    TIME = "pulse_time"
    TZ = "pulse_tz"
    THRESHOLD = "pulse_threshold"
    POOL = "pulse_pool"
    COMMENT = "pulse_comment_text"
    REPLY = "pulse_reply_text"
