"""Small readers of Bolt's request body shared by every handler module."""

from __future__ import annotations

from typing import Any


def team_of(body: dict[str, Any]) -> str:
    """The workspace a request came from."""
    team = body.get("team")
    if isinstance(team, dict) and team.get("id"):
        return str(team["id"])
    view = body.get("view") or {}
    return str(
        body.get("team_id") or view.get("app_installed_team_id") or view.get("team_id") or ""
    )


def user_of(body: dict[str, Any]) -> str:
    """The person who acted."""
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id", ""))
    return str(body.get("user_id") or "")


def channel_of(body: dict[str, Any]) -> str:
    """The conversation a command was typed in or a button was clicked in."""
    channel = body.get("channel")
    if isinstance(channel, dict):
        return str(channel.get("id") or "")
    return str(body.get("channel_id") or (body.get("container") or {}).get("channel_id") or "")


def action_value(body: dict[str, Any]) -> str | None:
    """The value of the first action in a block_actions payload."""
    acts = body.get("actions") or []
    if acts and isinstance(acts[0], dict):
        value = acts[0].get("value")
        return str(value) if value is not None else None
    return None


def message_ref(body: dict[str, Any]) -> tuple[str, str] | None:
    """(channel, ts) of the message a button sits on, when there is one."""
    channel = (body.get("channel") or body.get("container") or {}).get("id") or (
        body.get("container") or {}
    ).get("channel_id")
    ts = (body.get("message") or {}).get("ts") or (body.get("container") or {}).get("message_ts")
    return (str(channel), str(ts)) if channel and ts else None
