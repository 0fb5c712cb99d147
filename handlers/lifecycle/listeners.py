"""Workspace events and privacy: profiles change, a person asks to be forgotten, uninstall."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.domain.kernel.errors import DomainError
from bot.slack import privacy as privacy_views
from bot.slack.coachme.modals import notice_modal
from bot.slack.directory import profile_from_user
from bot.slack.home.blocks import home_view
from bot.slack.ids import Action, Callback, Event
from bot.slack.kit import team_of, trigger_of, user_of

log = logging.getLogger(__name__)


def register(app: App, c: Container) -> None:
    """Attach lifecycle listeners."""
    on = c.listeners(app)

    @on.action(Action.FORGET_ME)
    def forget_me_asked(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        c.gateway.open_view(trigger_of(body), privacy_views.forget_me_modal())

    # No refresh: reading the Home back would learn the person again.
    @on.view(Callback.FORGET_ME, refresh=False)
    def forget_me_confirmed(ack: Ack, body: dict[str, Any]) -> None:
        try:
            c.privacy.forget_user(team_of(body), user_of(body))
        except DomainError as exc:
            ack(response_action="update", view=notice_modal("Forget me", exc.message))
            return
        ack(response_action="update", view=privacy_views.forgotten_modal())
        # Show the clean slate without reading anything back (which would re-learn the person).
        c.gateway.publish_home(user_of(body), home_view([], []))

    @on.event(Event.USER_CHANGE)
    def user_changed(event: dict[str, Any], body: dict[str, Any]) -> None:
        user = event.get("user")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            return
        profile = profile_from_user(user)
        team = str(body.get("team_id") or profile.team_id)
        # Only people coachbot already works with: a workspace's other members stay unknown.
        c.people.remember(replace(profile, team_id=team), only_known=True)

    @on.event(Event.APP_UNINSTALLED)
    def uninstalled(body: dict[str, Any]) -> None:
        team, enterprise = _workspace_of(body)
        org_wide = bool(body.get("is_enterprise_install")) or _org_wide(body)
        teams = c.served.teams_of(enterprise) if org_wide and enterprise else []
        if c.installs is not None:
            # The installation goes first: every process stops serving it at its next request.
            c.installs.forget(enterprise, None if org_wide else team)
        for gone in {*teams, team} - {""}:
            c.privacy.forget_team(gone)
            c.served.forget(gone)
        log.info("app uninstalled: workspace data deleted")

    @on.event(Event.TOKENS_REVOKED)
    def tokens_revoked(event: dict[str, Any], body: dict[str, Any]) -> None:
        # A revoked bot token is never used again, but nothing is deleted: the app may be
        # reinstalled and pick up where it left off. Uninstalling is what deletes data.
        tokens = event.get("tokens")
        if c.installs is not None and isinstance(tokens, dict) and tokens.get("bot"):
            team, enterprise = _workspace_of(body)
            c.installs.forget(enterprise, None if _org_wide(body) else team or None)
            log.info("bot token revoked: stopped serving the workspace")


def _workspace_of(body: dict[str, Any]) -> tuple[str, str | None]:
    team = body.get("team_id")
    enterprise = body.get("enterprise_id")
    return (
        team if isinstance(team, str) else "",
        enterprise if isinstance(enterprise, str) and enterprise else None,
    )


def _org_wide(body: dict[str, Any]) -> bool:
    """Whether the event is about an org-wide install (Enterprise Grid)."""
    auths = body.get("authorizations")
    first = auths[0] if isinstance(auths, list) and auths and isinstance(auths[0], dict) else {}
    return bool(first.get("is_enterprise_install"))
