"""All models, imported so that `Base.metadata` knows every table."""

from bot.db.models.admins import WorkspaceAdmin
from bot.db.models.bids import BidOutcome, BidPromptRow, BidRetirement, BidView
from bot.db.models.coaching import (
    AgendaItem,
    CalendarFeed,
    CoachingPair,
    CoachingPause,
    CoachingSession,
)
from bot.db.models.commitments import Commitment
from bot.db.models.feedback import FeedbackAnswer, FeedbackAsk, FeedbackRequest
from bot.db.models.installs import SeenEvent, Workspace
from bot.db.models.notifications import NotificationPrefs, WorkspaceSettings
from bot.db.models.outbox import OutboxMessage
from bot.db.models.people import Person
from bot.db.models.pulses import (
    Pulse,
    PulseAnswer,
    PulseComment,
    PulseCommentLink,
    PulseSchedule,
    PulseSettings,
)

__all__ = [
    "AgendaItem",
    "BidOutcome",
    "BidPromptRow",
    "BidRetirement",
    "BidView",
    "CalendarFeed",
    "CoachingPair",
    "CoachingPause",
    "CoachingSession",
    "Commitment",
    "FeedbackAnswer",
    "FeedbackAsk",
    "FeedbackRequest",
    "NotificationPrefs",
    "OutboxMessage",
    "Person",
    "Pulse",
    "PulseAnswer",
    "PulseComment",
    "PulseCommentLink",
    "PulseSchedule",
    "PulseSettings",
    "SeenEvent",
    "Workspace",
    "WorkspaceAdmin",
    "WorkspaceSettings",
]
