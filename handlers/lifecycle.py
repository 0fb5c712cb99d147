"""Workspace events: people change, and the app is removed."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_bolt import App

from bot.container import Container
from bot.slack.gateway import profile_from_user
from bot.slack.ids import Event

log = logging.getLogger(__name__)


def register(app: App, c: Container) -> None:
    """Attach lifecycle listeners."""

    @app.event(Event.USER_CHANGE)
    def user_changed(event: dict[str, Any], body: dict[str, Any]) -> None:
        user = event.get("user") or {}
        if not user.get("id"):
            return
        profile = profile_from_user(user)
        team = str(body.get("team_id") or profile.team_id)
        c.people.remember(replace(profile, team_id=team))

    @app.event(Event.APP_UNINSTALLED)
    def uninstalled(body: dict[str, Any]) -> None:
        team = str(body.get("team_id") or "")
        if team:
            c.privacy.forget_team(team)
            log.info("app uninstalled: workspace data deleted")

    @app.event(Event.TOKENS_REVOKED)
    def tokens_revoked(event: dict[str, Any], body: dict[str, Any]) -> None:
        # Only a revoked bot token means the workspace is gone for us.
        if (event.get("tokens") or {}).get("bot"):
            team = str(body.get("team_id") or "")
            if team:
                c.privacy.forget_team(team)
