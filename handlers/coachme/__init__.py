"""coachme listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.container import Container
from handlers.coachme import listeners, plans


def register(app: App, c: Container) -> None:
    """Attach every /coachme listener: requests and feedback, then the rep's plans."""
    listeners.register(app, c)
    plans.register(app, c)
