"""People as Slack describes them: profiles from users.info and user_change events."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from bot.domain.kernel.people import Profile
from bot.slack.gateway import Gateway
from bot.slack.send_errors import SlackSendError

log = logging.getLogger(__name__)


def fetch_profile(gateway: Gateway, user_id: str) -> Profile | None:
    """The person as Slack describes them, or None if Slack doesn't know them."""
    try:
        data = gateway.read("users.info", user=user_id)
    except SlackSendError as exc:
        if exc.error in {"user_not_found", "users_not_found"}:
            return None
        raise
    return profile_from_user(data.get("user", {}))


def profile_from_user(user: dict[str, Any]) -> Profile:
    """A Profile from a Slack user object (users.info or a user_change event)."""
    prof = user.get("profile") or {}
    name = (
        prof.get("display_name")
        or prof.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user.get("id")
        or "someone"
    )
    return Profile(
        team_id=str(user.get("team_id") or ""),
        user_id=str(user.get("id")),
        display_name=str(name),
        tz=str(user.get("tz") or "UTC"),
        is_deleted=bool(user.get("deleted")),
        is_bot=bool(user.get("is_bot")) or user.get("id") == "USLACKBOT",
        is_workspace_admin=bool(user.get("is_admin") or user.get("is_owner")),
        updated=int(user["updated"]) if str(user.get("updated", "")).isdigit() else None,
    )


class SlackDirectory:
    """The domain's Directory, answered by users.info; a Slack outage yields None."""

    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def lookup(self, team_id: str, user_id: str) -> Profile | None:
        try:
            if self._gateway.team_id == team_id:
                profile = fetch_profile(self._gateway, user_id)
            else:
                with self._gateway.acting_for(team_id):
                    profile = fetch_profile(self._gateway, user_id)
        except SlackSendError as exc:
            log.warning("users.info failed for a user: %s", exc.error)
            return None
        # Enterprise Grid users carry their home team; we key people by the installing team.
        return None if profile is None else replace(profile, team_id=team_id)
