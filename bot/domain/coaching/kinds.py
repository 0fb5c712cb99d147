"""Every kind of message coaching time sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum


class CoachingKind(StrEnum):
    REMINDER = "coaching_reminder"
    PREP = "coaching_prep"
    CHECK = "coaching_check"
    STREAK = "coaching_streak"
    QUIET = "coaching_quiet"
    MOVED = "coaching_moved"
    REP_CHECK = "coaching_rep_check"
