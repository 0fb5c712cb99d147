"""Pulse check-ins: posting, answering, closing, and managing recurring pulses."""

from __future__ import annotations

from slack_bolt import App

from bot.container import Container
from handlers.pulse import comments, listeners, manage


def register(app: App, c: Container) -> None:
    """Attach every /pulse listener."""
    listeners.register(app, c)
    manage.register(app, c)
    comments.register(app, c)
