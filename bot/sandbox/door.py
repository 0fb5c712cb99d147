"""Slack's side of the request path: signed commands, interactions and events, and their answers.

Each request is built as Slack builds it, signed with the app's signing secret, and POSTed to
the bot's `/slack/events` over HTTP. What the bot answers in the acknowledgement (an
ephemeral reply, a modal's `response_action`) and through `response_url` is applied to the
workspace as Slack would apply it.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from bot.sandbox.people import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    BY_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    channel_name,
    dm_of,
)
from bot.sandbox.surfaces import Triggers
from bot.sandbox.workspace import JSONDict, Workspace

VERIFICATION_TOKEN = "sandbox-verification-token"  # noqa: S105 (Slack's legacy field, unused)
SLACKBOT = "USLACKBOT"


@dataclass(frozen=True)
class Hook:
    """Where a response_url's replies go: to whom, in which conversation, about which message."""

    user: str
    channel: str
    message_ts: str | None = None


class Door:
    """Sends what people do in the sandbox to the bot, exactly as Slack would."""

    def __init__(self, ws: Workspace, triggers: Triggers, secret: str, root_url: str) -> None:
        self.ws = ws
        self.triggers = triggers
        self.secret = secret
        self.root_url = root_url
        self.bot_url = ""  # set once the bot serves
        self._hooks: dict[str, Hook] = {}
        self._lock = threading.Lock()
        self._events = itertools.count(1)

    # ------------------------------------------------------------------ plumbing

    def _sign(self, body: str, content_type: str) -> dict[str, str]:
        ts = str(int(time.time()))
        base = f"v0:{ts}:{body}".encode()
        sig = "v0=" + hmac.new(self.secret.encode(), base, hashlib.sha256).hexdigest()
        return {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sig,
        }

    def _send(self, body: str, content_type: str) -> tuple[int, JSONDict]:
        req = urllib.request.Request(  # noqa: S310 (the bot's own local URL)
            self.bot_url, data=body.encode(), headers=self._sign(body, content_type), method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310
                raw = resp.read().decode()
                status = resp.status
        except urllib.error.HTTPError as err:
            return err.code, {}
        except OSError:
            return 0, {}
        try:
            parsed = json.loads(raw) if raw.strip() else {}
        except ValueError:
            parsed = {"text": raw}
        return status, parsed if isinstance(parsed, dict) else {}

    def _form(self, payload: JSONDict) -> tuple[int, JSONDict]:
        return self._send(urlencode({"payload": json.dumps(payload)}), FORM)

    def _hook(self, hook: Hook) -> str:
        name = secrets.token_urlsafe(12)
        with self._lock:
            self._hooks[name] = hook
        return f"{self.root_url}hooks/{name}"

    def _slackbot(self, user: str, channel: str, text: str) -> None:
        self.ws.post(channel, {"user": SLACKBOT, "text": text, "visible_to": user})

    def _failed(self, user: str, channel: str, what: str, status: int) -> None:
        reason = "dispatch_failed" if status == 0 else f"http_error ({status})"
        self._slackbot(user, channel, f"{what} failed with the error “{reason}”.")

    @staticmethod
    def _who(user: str) -> JSONDict:
        person = BY_ID[user]
        return {"id": user, "username": person.handle, "name": person.handle, "team_id": TEAM_ID}

    # ------------------------------------------------------------------ slash commands

    def command(self, user: str, channel: str, command: str, text: str, escape: bool) -> None:
        """Run `/command text` as `user` in `channel`, as Slack posts it to the app."""
        if escape:
            text = _escape_mentions(text)
        body = urlencode(
            {
                "token": VERIFICATION_TOKEN,
                "team_id": TEAM_ID,
                "team_domain": TEAM_DOMAIN,
                "channel_id": channel,
                "channel_name": channel_name(channel),
                "user_id": user,
                "user_name": BY_ID[user].handle,
                "command": command,
                "text": text,
                "api_app_id": APP_ID,
                "is_enterprise_install": "false",
                "response_url": self._hook(Hook(user, channel)),
                "trigger_id": self.triggers.issue(user),
            }
        )
        status, reply = self._send(body, FORM)
        if status != 200:
            self._failed(user, channel, command, status)
        elif reply.get("text") or reply.get("blocks"):
            self._reply(Hook(user, channel), reply)

    # ------------------------------------------------------------------ interactions

    def action(self, user: str, where: JSONDict, action: JSONDict, values: JSONDict) -> None:
        """A click or a choice on a message, a modal or the Home tab (`where` says which)."""
        act = {**action, "action_ts": f"{time.time():.6f}"}
        payload: JSONDict = {
            "type": "block_actions",
            "user": self._who(user),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": self.triggers.issue(user),
            "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
            "enterprise": None,
            "is_enterprise_install": False,
            "actions": [act],
        }
        if "view_id" in where:
            view = self.ws.view(str(where["view_id"]))
            if view is None:
                return
            view["state"] = {"values": values}
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = view
        else:
            channel, ts = str(where["channel"]), str(where["ts"])
            msg = self.ws.find(channel, ts)
            if msg is None:
                return
            ephemeral = msg.get("visible_to") is not None
            payload["container"] = {
                "type": "message",
                "message_ts": ts,
                "channel_id": channel,
                "is_ephemeral": ephemeral,
            }
            payload["channel"] = {"id": channel, "name": channel_name(channel)}
            payload["state"] = {"values": values}
            if not ephemeral:
                payload["message"] = {k: v for k, v in msg.items() if k not in {"at", "metadata"}}
            payload["response_url"] = self._hook(Hook(user, channel, ts))
        status, _ = self._form(payload)
        if status != 200:
            self._failed(user, dm_of(user), "That action", status)

    def submit(self, user: str, view_id: str, values: JSONDict) -> JSONDict:
        """Submit the modal `view_id`; returns the errors to show under its fields, if any."""
        view = self.ws.view(view_id)
        if view is None:
            return {}
        view["state"] = {"values": values}
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": TEAM_DOMAIN},
            "user": self._who(user),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": self.triggers.issue(user),
            "view": {k: v for k, v in view.items() if k != "user"},
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        status, reply = self._form(payload)
        if status != 200:
            return {"": "We had some trouble connecting. Try again?"}
        action = reply.get("response_action")
        if action == "errors":
            errors = reply.get("errors")
            return errors if isinstance(errors, dict) else {}
        if action == "update" and isinstance(reply.get("view"), dict):
            self.ws.store_view({**reply["view"], "user": user}, view_id)
        elif action == "push" and isinstance(reply.get("view"), dict):
            self.ws.open_modal(user, reply["view"], push=True)
        else:
            self.ws.close_modal(user, everything=action == "clear")
        return {}

    # ------------------------------------------------------------------ events

    def home_opened(self, user: str) -> None:
        """The person opened the app's Home tab."""
        home = self.ws.home(user)
        event: JSONDict = {
            "type": "app_home_opened",
            "user": user,
            "channel": dm_of(user),
            "tab": "home",
            "event_ts": f"{time.time():.6f}",
        }
        if home is not None:
            event["view"] = home
        now = int(time.time())
        body = {
            "token": VERIFICATION_TOKEN,
            "team_id": TEAM_ID,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{next(self._events):08d}{secrets.token_hex(2).upper()}",
            "event_time": now,
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        self._send(json.dumps(body), JSON_TYPE)

    # ------------------------------------------------------------------ response_url

    def hook(self, name: str, body: JSONDict) -> bool:
        """A POST to a response_url; False when the URL is unknown."""
        with self._lock:
            hook = self._hooks.get(name)
        if hook is None:
            return False
        self._reply(hook, body)
        return True

    def _reply(self, hook: Hook, body: JSONDict) -> None:
        content: JSONDict = {"text": str(body.get("text") or "")}
        if isinstance(body.get("blocks"), list):
            content["blocks"] = body["blocks"]
        original = self.ws.find(hook.channel, hook.message_ts) if hook.message_ts else None
        if body.get("delete_original") and original is not None:
            self.ws.delete(hook.channel, original["ts"])
            return
        if body.get("replace_original") and original is not None:
            self.ws.edit(hook.channel, original["ts"], content)
            return
        if body.get("response_type") == "in_channel":
            self.ws.post(hook.channel, content)
        else:
            self.ws.post(hook.channel, {**content, "visible_to": hook.user, "bot_id": BOT_ID})


FORM = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"


def _escape_mentions(text: str) -> str:
    """`@riley` as Slack escapes it for a command with should_escape: `<@U0RILEY|riley>`."""
    words = []
    for word in text.split(" "):
        handle = word[1:].lower().rstrip(",.")
        match = next(
            (p for p in BY_ID.values() if word.startswith("@") and p.handle == handle), None
        )
        words.append(f"<@{match.user_id}|{match.handle}>" if match else word)
    return " ".join(words)
