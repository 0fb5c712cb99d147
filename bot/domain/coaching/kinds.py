"""Every kind of message coaching time sends; the Slack layer has one renderer per kind."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.kernel.notifications import Topic


class CoachingKind(StrEnum):
    REMINDER = "coaching_reminder"
    PREP = "coaching_prep"
    CHECK = "coaching_check"
    STREAK = "coaching_streak"
    QUIET = "coaching_quiet"
    MOVED = "coaching_moved"


# The kinds a person can turn off, by topic; the others answer something they did.
TOPICS: dict[str, Topic] = {
    CoachingKind.REMINDER: Topic.COACHING,
    CoachingKind.CHECK: Topic.COACHING,
    CoachingKind.STREAK: Topic.COACHING,
    CoachingKind.QUIET: Topic.COACHING,
    CoachingKind.PREP: Topic.PREP,
}

# The repeating ones, held back once a manager let three reminders in a row go by.
BACKS_OFF = (CoachingKind.REMINDER, CoachingKind.CHECK, CoachingKind.STREAK)
