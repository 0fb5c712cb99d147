"""Builders of the request bodies Slack sends to an app, plus request signing.

Every builder returns the raw HTTP body as a ``str`` (form-encoded for slash commands and
interactivity, JSON for the Events API), ready to be signed with :func:`sign` /
:func:`sign_json` and handed to Bolt (``BoltRequest(body=..., headers=...)``) or POSTed to
a running app.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

JSONDict = dict[str, Any]

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
JSON_CONTENT_TYPE = "application/json"

TEAM_ID = "T0001"
TEAM_DOMAIN = "fake-team"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
VERIFICATION_TOKEN = "verification-token-fake"
COMMAND_RESPONSE_URL = "https://hooks.slack.test/commands/1"
ACTION_RESPONSE_URL = "https://hooks.slack.test/actions/1"
DEFAULT_USER_ID = "U_REP"
DEFAULT_MESSAGE_TS = "1700000000.000100"

_event_ids = itertools.count(1)
# Where default response_urls point: a running fake Slack's hooks, when a test has one, so
# replies sent through them are recorded instead of going to an unreachable host.
_hook_root: str | None = None


def serve_hooks_at(root: str | None) -> None:
    """Point default response_urls at ``{root}hooks/...`` (``None``: the placeholder host)."""
    global _hook_root
    _hook_root = root


def _response_url(given: str | None, fallback: str, user_id: str) -> str:
    """``given``, else the placeholder, else a fake hook named for the kind and the person."""
    if given is not None:
        return given
    if _hook_root is None:
        return fallback
    kind = fallback.removeprefix("https://hooks.slack.test/").split("/")[0]
    return f"{_hook_root}hooks/{kind}/{user_id}"


# ---------------------------------------------------------------------------- signing


def signature_for(body: str, secret: str, timestamp: int) -> str:
    """Slack's v0 signature: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def sign(
    body: str,
    secret: str,
    timestamp: int | None = None,
    content_type: str = FORM_CONTENT_TYPE,
) -> dict[str, str]:
    """Headers Slack would send with ``body``; ``timestamp`` defaults to now."""
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature_for(body, secret, ts),
    }


def sign_json(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """:func:`sign` for Events API (JSON) bodies."""
    return sign(body, secret, timestamp, content_type=JSON_CONTENT_TYPE)


# ---------------------------------------------------------------------------- common parts


def _user(user_id: str, team_id: str) -> JSONDict:
    name = user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def _team(team_id: str) -> JSONDict:
    return {"id": team_id, "domain": TEAM_DOMAIN}


def _channel_name(channel_id: str) -> str:
    if channel_id.startswith("D"):
        return "directmessage"
    return channel_id.removeprefix("C_").lower()


def _form_payload(payload: JSONDict) -> str:
    return urlencode({"payload": json.dumps(payload)})


def _option(value: str) -> JSONDict:
    return {"text": {"type": "plain_text", "text": value, "emoji": True}, "value": value}


# ---------------------------------------------------------------------------- slash commands


def slash_command(
    command: str,
    text: str = "",
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = "C_GENERAL",
    team_id: str = TEAM_ID,
    trigger_id: str = "trig.1",
    *,
    response_url: str | None = None,
) -> str:
    """Form body of a slash command invocation (``command`` includes the slash)."""
    return urlencode(
        {
            "token": VERIFICATION_TOKEN,
            "team_id": team_id,
            "team_domain": TEAM_DOMAIN,
            "channel_id": channel_id,
            "channel_name": _channel_name(channel_id),
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": _response_url(response_url, COMMAND_RESPONSE_URL, user_id),
            "trigger_id": trigger_id,
        }
    )


# ---------------------------------------------------------------------------- interactivity


def block_action(
    action_id: str,
    value: str | None = None,
    user_id: str = DEFAULT_USER_ID,
    *,
    block_id: str = "b",
    channel_id: str | None = "D_X",
    message_ts: str | None = DEFAULT_MESSAGE_TS,
    view: JSONDict | None = None,
    selected_option: JSONDict | None = None,
    trigger_id: str = "trig.2",
    team_id: str = TEAM_ID,
    response_url: str | None = None,
    action_fields: JSONDict | None = None,
) -> str:
    """Form body (``payload=<json>``) of a ``block_actions`` interaction.

    A button press by default; a ``static_select`` when ``selected_option`` is given.
    ``action_fields`` are merged into the action last (e.g. ``{"type": "users_select",
    "selected_user": "U1"}``). For an action inside a modal or the Home tab pass ``view``
    together with ``channel_id=None, message_ts=None``.
    """
    action_ts = f"{time.time():.6f}"
    action: JSONDict = {"action_id": action_id, "block_id": block_id, "action_ts": action_ts}
    if selected_option is not None:
        action.update({"type": "static_select", "selected_option": selected_option})
    else:
        action.update({"type": "button", "text": {"type": "plain_text", "text": action_id}})
        if value is not None:
            action["value"] = value
    if action_fields:
        action.update(action_fields)

    container: JSONDict
    if view is not None:
        container = {"type": "view", "view_id": view.get("id", "V1")}
    else:
        container = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        }

    payload: JSONDict = {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": container,
        "trigger_id": trigger_id,
        "team": _team(team_id),
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
    }
    if channel_id is not None:
        payload["channel"] = {"id": channel_id, "name": _channel_name(channel_id)}
    if message_ts is not None:
        payload["message"] = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "team": team_id,
            "ts": message_ts,
            "text": "",
            "blocks": [],
        }
    if view is not None:
        payload["view"] = view
    else:
        payload["response_url"] = _response_url(response_url, ACTION_RESPONSE_URL, user_id)
    payload["actions"] = [action]
    return _form_payload(payload)


def view_submission(
    callback_id: str,
    values: dict[str, dict[str, dict[str, Any]]],
    user_id: str = DEFAULT_USER_ID,
    private_metadata: str = "",
    view_id: str = "V1",
    team_id: str = TEAM_ID,
    *,
    trigger_id: str = "trig.3",
    blocks: list[JSONDict] | None = None,
) -> str:
    """Form body (``payload=<json>``) of a modal's ``view_submission``.

    ``values`` is ``state.values``: ``{block_id: {action_id: element_state}}``; build the
    element states with :func:`plain`, :func:`static`, :func:`users`, ... .
    """
    view: JSONDict = {
        "id": view_id,
        "team_id": team_id,
        "type": "modal",
        "blocks": blocks if blocks is not None else [],
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": values},
        "hash": f"1700000000.{view_id.lower()}",
        "title": {"type": "plain_text", "text": "Coachbot", "emoji": True},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": team_id,
        "bot_id": BOT_ID,
    }
    return _form_payload(
        {
            "type": "view_submission",
            "team": _team(team_id),
            "user": _user(user_id, team_id),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id,
            "view": view,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
    )


# ---------------------------------------------------------------------------- state.values entries


def plain(value: str | None) -> JSONDict:
    return {"type": "plain_text_input", "value": value}


def static(value: str | None) -> JSONDict:
    return {
        "type": "static_select",
        "selected_option": _option(value) if value is not None else None,
    }


def users(ids: list[str]) -> JSONDict:
    return {"type": "multi_users_select", "selected_users": list(ids)}


def user(user_id: str | None) -> JSONDict:
    return {"type": "users_select", "selected_user": user_id}


def checkboxes(values: list[str]) -> JSONDict:
    return {"type": "checkboxes", "selected_options": [_option(v) for v in values]}


def radio(value: str | None) -> JSONDict:
    return {
        "type": "radio_buttons",
        "selected_option": _option(value) if value is not None else None,
    }


def number(value: str | float | None) -> JSONDict:
    """``number_input`` state; Slack sends the number as a string."""
    return {"type": "number_input", "value": None if value is None else str(value)}


def date(value: str | None) -> JSONDict:
    """``datepicker`` state, ``value`` as ``YYYY-MM-DD``."""
    return {"type": "datepicker", "selected_date": value}


# ---------------------------------------------------------------------------- Events API


def event_callback(event: JSONDict, team_id: str = TEAM_ID) -> str:
    """JSON body of an Events API ``event_callback`` wrapping ``event``."""
    now = int(time.time())
    return json.dumps(
        {
            "token": VERIFICATION_TOKEN,
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{next(_event_ids):08d}",
            "event_time": now,
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-fake-{team_id}",
        }
    )


def url_verification(challenge: str) -> str:
    """JSON body of the Events API URL verification handshake."""
    return json.dumps(
        {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    )
