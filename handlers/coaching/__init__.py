"""Protected coaching time: setting up pairs and cadences, and the sessions themselves."""

from __future__ import annotations

from slack_bolt import App

from bot.container import Container
from handlers.coaching import agenda, attendance, calendar, sessions, setup


def register(app: App, c: Container) -> None:
    """Attach every coaching listener."""
    setup.register(app, c)
    sessions.register(app, c)
    attendance.register(app, c)
    agenda.register(app, c)
    calendar.register(app, c)
