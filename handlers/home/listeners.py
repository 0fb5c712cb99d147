"""The App Home tab: published on open and after every change; help."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.slack.coachme import messages as coachme_views
from bot.slack.ids import Action, Event
from bot.slack.kit import user_of
from handlers.home import settings
from handlers.home.view import publish_home


def register(app: App, c: Container) -> None:
    """Attach the Home listeners, and let every listener refresh the Home after a change."""
    on = c.listeners(app)
    c.refresh_home = lambda team_id, user_id: publish_home(c, team_id, user_id)

    @on.event(Event.APP_HOME_OPENED)
    def home_opened(event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        publish_home(c, str(body.get("team_id") or ""), str(event["user"]))

    @on.action(Action.SHOW_HELP, refresh=False)
    def show_help(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        msg = coachme_views.help_message()
        c.gateway.post(user_of(body), msg)

    settings.register(on, c)


__all__ = ["publish_home", "register"]
