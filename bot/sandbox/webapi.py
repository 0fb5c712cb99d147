"""The Web API methods the bot calls, answered from the sandbox workspace as Slack would."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.sandbox.people import (
    BOT_ID,
    BOT_NAME,
    BOT_USER_ID,
    BY_ID,
    PEOPLE,
    TEAM_CHANNEL,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    bot_user_api,
    channel_name,
    dm_of,
    dm_owner,
)
from bot.sandbox.surfaces import Files, Triggers, Views
from bot.sandbox.workspace import JSONDict, Workspace


def parse_value(value: str) -> Any:
    """A form field that carries JSON (blocks, view, files, metadata) as its object."""
    stripped = value.strip()
    if stripped[:1] in ("{", "["):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


def _error(error: str) -> JSONDict:
    return {"ok": False, "error": error}


class WebApi:
    """Serves `/api/<method>` for one bot token."""

    def __init__(self, ws: Workspace, token: str, root_url: str, triggers: Triggers) -> None:
        self.ws = ws
        self.token = token
        self.root_url = root_url
        self.triggers = triggers
        self.views = Views(ws, triggers)
        self.files = Files(ws, root_url, self._channel)
        self._methods: dict[str, Callable[[JSONDict], JSONDict]] = {
            "auth.test": self.auth_test,
            "team.info": self.team_info,
            "users.info": self.users_info,
            "users.list": self.users_list,
            "conversations.open": self.conversations_open,
            "conversations.info": self.conversations_info,
            "conversations.history": self.conversations_history,
            "conversations.replies": self.conversations_replies,
            "chat.postMessage": self.chat_post_message,
            "chat.update": self.chat_update,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "chat.delete": self.chat_delete,
            "views.open": self.views.views_open,
            "views.push": self.views.views_push,
            "views.update": self.views.views_update,
            "views.publish": self.views.views_publish,
            "files.getUploadURLExternal": self.files.files_get_upload_url,
            "files.completeUploadExternal": self.files.files_complete_upload,
        }

    def call(self, method: str, params: JSONDict, token: str | None) -> JSONDict:
        if token != self.token:
            return _error("invalid_auth" if token else "not_authed")
        handler = self._methods.get(method)
        return handler(params) if handler is not None else _error("unknown_method")

    # ------------------------------------------------------------------ who and where

    def auth_test(self, params: JSONDict) -> JSONDict:
        return {
            "ok": True,
            "url": f"{self.root_url}",
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def team_info(self, params: JSONDict) -> JSONDict:
        return {"ok": True, "team": {"id": TEAM_ID, "name": TEAM_NAME, "domain": TEAM_DOMAIN}}

    def users_info(self, params: JSONDict) -> JSONDict:
        user_id = str(params.get("user", ""))
        if user_id == BOT_USER_ID:
            return {"ok": True, "user": bot_user_api()}
        person = BY_ID.get(user_id)
        if person is None:
            return _error("user_not_found")
        return {"ok": True, "user": person.to_api(self.ws.now)}

    def users_list(self, params: JSONDict) -> JSONDict:
        members = [p.to_api(self.ws.now) for p in PEOPLE] + [bot_user_api()]
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}

    def conversations_open(self, params: JSONDict) -> JSONDict:
        raw = params.get("users", "")
        ids = raw if isinstance(raw, list) else str(raw).split(",")
        ids = [str(u).strip() for u in ids if str(u).strip()]
        if len(ids) != 1:
            return _error("users_list_not_supplied" if not ids else "not_supported")
        if ids[0] not in BY_ID:
            return _error("user_not_found")
        return {"ok": True, "channel": {"id": dm_of(ids[0])}}

    def _known(self, channel: str) -> bool:
        return channel == TEAM_CHANNEL or dm_owner(channel) is not None

    def conversations_info(self, params: JSONDict) -> JSONDict:
        channel = str(params.get("channel", ""))
        if not self._known(channel):
            return _error("channel_not_found")
        is_im = channel.startswith("D")
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "name": channel_name(channel),
                "is_channel": not is_im,
                "is_im": is_im,
                "is_private": False,
                "is_archived": False,
                "is_member": True,
                "num_members": 2 if is_im else len(PEOPLE) + 1,
            },
        }

    def _read(self, params: JSONDict, thread: str | None) -> JSONDict:
        channel = str(params.get("channel", ""))
        if not self._known(channel):
            return _error("channel_not_found")
        msgs = self.ws.history(channel)
        if thread is None:
            msgs = [m for m in msgs if m.get("thread_ts") in (None, m["ts"])]
        else:
            msgs = [m for m in msgs if thread in (m["ts"], m.get("thread_ts"))]
        limit = int(str(params.get("limit") or 100))
        if not params.get("include_all_metadata"):
            msgs = [{k: v for k, v in m.items() if k != "metadata"} for m in msgs]
        newest_first = list(reversed(msgs))[:limit]
        return {"ok": True, "messages": newest_first if thread is None else newest_first[::-1]}

    def conversations_history(self, params: JSONDict) -> JSONDict:
        return self._read(params, None)

    def conversations_replies(self, params: JSONDict) -> JSONDict:
        return self._read(params, str(params.get("ts", "")))

    # ------------------------------------------------------------------ messages

    def _channel(self, params: JSONDict) -> str | None:
        channel = str(params.get("channel") or params.get("channel_id") or "")
        if channel in BY_ID:
            channel = dm_of(channel)  # posting to a user id lands in the app's DM
        return channel if self._known(channel) else None

    @staticmethod
    def _content(params: JSONDict) -> JSONDict:
        content: JSONDict = {"text": str(params.get("text") or "")}
        if isinstance(params.get("blocks"), list):
            content["blocks"] = params["blocks"]
        return content

    def chat_post_message(self, params: JSONDict) -> JSONDict:
        channel = self._channel(params)
        if channel is None:
            return _error("channel_not_found")
        if not params.get("text") and not params.get("blocks"):
            return _error("no_text")
        message = self._content(params)
        if params.get("thread_ts"):
            message["thread_ts"] = str(params["thread_ts"])
        if isinstance(params.get("metadata"), dict):
            message["metadata"] = params["metadata"]
        stored = self.ws.post(channel, message)
        return {"ok": True, "channel": channel, "ts": stored["ts"], "message": stored}

    def chat_update(self, params: JSONDict) -> JSONDict:
        channel = self._channel(params)
        if channel is None:
            return _error("channel_not_found")
        ts = str(params.get("ts", ""))
        found = self.ws.find(channel, ts)
        if found is None or found.get("visible_to") or found.get("user") != BOT_USER_ID:
            return _error("message_not_found" if found is None else "cant_update_message")
        changes = self._content(params)
        if isinstance(params.get("metadata"), dict):
            changes["metadata"] = params["metadata"]
        updated = self.ws.edit(channel, ts, changes)
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": changes["text"],
            "message": updated,
        }

    def chat_post_ephemeral(self, params: JSONDict) -> JSONDict:
        channel = self._channel(params)
        user = str(params.get("user", ""))
        if channel is None:
            return _error("channel_not_found")
        if user not in BY_ID:
            return _error("user_not_found")
        message = {**self._content(params), "visible_to": user}
        if params.get("thread_ts"):
            message["thread_ts"] = str(params["thread_ts"])
        return {"ok": True, "message_ts": self.ws.post(channel, message)["ts"]}

    def chat_delete(self, params: JSONDict) -> JSONDict:
        channel = self._channel(params)
        if channel is None:
            return _error("channel_not_found")
        ts = str(params.get("ts", ""))
        if not self.ws.delete(channel, ts):
            return _error("message_not_found")
        return {"ok": True, "channel": channel, "ts": ts}
