"""All models, imported so that `Base.metadata` knows every table."""

from bot.db.models.admins import WorkspaceAdmin
from bot.db.models.bids import BidOutcome, BidPromptRow, BidRetirement, BidView
from bot.db.models.coaching import CoachingPair, CoachingPause, CoachingSession
from bot.db.models.feedback import FeedbackAnswer, FeedbackAsk, FeedbackRequest
from bot.db.models.installs import SeenEvent, Workspace
from bot.db.models.notifications import NotificationPrefs, WorkspaceSettings
from bot.db.models.outbox import OutboxMessage
from bot.db.models.people import Person
from bot.db.models.pulses import Pulse, PulseAnswer, PulseSchedule, PulseSettings

__all__ = [
    "BidOutcome",
    "BidPromptRow",
    "BidRetirement",
    "BidView",
    "CoachingPair",
    "CoachingPause",
    "CoachingSession",
    "FeedbackAnswer",
    "FeedbackAsk",
    "FeedbackRequest",
    "NotificationPrefs",
    "OutboxMessage",
    "Person",
    "Pulse",
    "PulseAnswer",
    "PulseSchedule",
    "PulseSettings",
    "SeenEvent",
    "Workspace",
    "WorkspaceAdmin",
    "WorkspaceSettings",
]
