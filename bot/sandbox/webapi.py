"""The Web API methods the bot calls, answered from the sandbox workspace as Slack would."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
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
from bot.sandbox.workspace import JSONDict, Workspace

TRIGGER_SECONDS = 30.0  # Slack allows 3 s; a person clicking in a browser deserves longer


def parse_value(value: str) -> Any:
    """A form field that carries JSON (blocks, view, files, metadata) as its object."""
    stripped = value.strip()
    if stripped[:1] in ("{", "["):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


class Triggers:
    """trigger_ids handed out with interactions: each opens one modal, for its person, soon."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: dict[str, tuple[str, float]] = {}

    def issue(self, user: str) -> str:
        trigger = f"{int(time.time())}.{secrets.token_hex(8)}"
        with self._lock:
            self._live[trigger] = (user, time.monotonic() + TRIGGER_SECONDS)
        return trigger

    def use(self, trigger: str) -> str | None:
        with self._lock:
            found = self._live.pop(trigger, None)
        return found[0] if found and found[1] >= time.monotonic() else None


def _error(error: str) -> JSONDict:
    return {"ok": False, "error": error}


class WebApi:
    """Serves `/api/<method>` for one bot token."""

    def __init__(self, ws: Workspace, token: str, root_url: str, triggers: Triggers) -> None:
        self.ws = ws
        self.token = token
        self.root_url = root_url
        self.triggers = triggers
        self.uploads: dict[str, JSONDict] = {}
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
            "views.open": self.views_open,
            "views.push": self.views_push,
            "views.update": self.views_update,
            "views.publish": self.views_publish,
            "files.getUploadURLExternal": self.files_get_upload_url,
            "files.completeUploadExternal": self.files_complete_upload,
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
        return {"ok": True, "channel": channel, "ts": ts, "text": changes["text"], "message": updated}

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

    # ------------------------------------------------------------------ views

    @staticmethod
    def _view(params: JSONDict) -> JSONDict | None:
        view = params.get("view")
        return view if isinstance(view, dict) and view.get("type") in {"modal", "home"} else None

    def _open(self, params: JSONDict, *, push: bool) -> JSONDict:
        view = self._view(params)
        if view is None or view.get("type") != "modal":
            return _error("invalid_arguments")
        user = self.triggers.use(str(params.get("trigger_id") or ""))
        if user is None:
            return _error("expired_trigger_id")
        return {"ok": True, "view": self.ws.open_modal(user, view, push=push)}

    def views_open(self, params: JSONDict) -> JSONDict:
        return self._open(params, push=False)

    def views_push(self, params: JSONDict) -> JSONDict:
        return self._open(params, push=True)

    def views_update(self, params: JSONDict) -> JSONDict:
        view = self._view(params)
        view_id = str(params.get("view_id") or "")
        if not view_id and params.get("external_id"):
            with self.ws as data:
                matches = [
                    v["id"]
                    for v in data["views"].values()
                    if v.get("external_id") == params["external_id"]
                ]
            view_id = matches[0] if matches else ""
        old = self.ws.view(view_id) if view_id else None
        if view is None or old is None:
            return _error("not_found" if view is not None else "invalid_arguments")
        return {"ok": True, "view": self.ws.store_view({**view, "user": old.get("user")}, view_id)}

    def views_publish(self, params: JSONDict) -> JSONDict:
        view = self._view(params)
        user = str(params.get("user_id", ""))
        if view is None or view.get("type") != "home":
            return _error("invalid_arguments")
        if user not in BY_ID:
            return _error("user_not_found")
        return {"ok": True, "view": self.ws.publish_home(user, view)}

    # ------------------------------------------------------------------ files

    def files_get_upload_url(self, params: JSONDict) -> JSONDict:
        if not params.get("filename") or not params.get("length"):
            return _error("invalid_arguments")
        file_id = self.ws.next_id("F")
        self.uploads[file_id] = {"name": str(params["filename"]), "content": None}
        return {"ok": True, "upload_url": f"{self.root_url}upload/{file_id}", "file_id": file_id}

    def receive_upload(self, file_id: str, content: bytes) -> bool:
        if file_id not in self.uploads:
            return False
        self.uploads[file_id]["content"] = content
        return True

    def files_complete_upload(self, params: JSONDict) -> JSONDict:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            return _error("invalid_arguments")
        shared: list[JSONDict] = []
        for entry in files:
            file_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
            upload = self.uploads.get(file_id)
            if upload is None or upload["content"] is None:
                return _error("file_not_found")
            title = str(entry.get("title") or upload["name"])
            with self.ws as data:
                data["files"][file_id] = base64.b64encode(upload["content"]).decode()
            shared.append(
                {
                    "id": file_id,
                    "name": upload["name"],
                    "title": title,
                    "mimetype": "image/png" if upload["name"].endswith(".png") else "",
                    "url_private": f"{self.root_url}files/{file_id}",
                    "size": len(upload["content"]),
                }
            )
        channel = self._channel(params)
        if channel is not None:
            message: JSONDict = {"text": str(params.get("initial_comment") or ""), "files": shared}
            if params.get("thread_ts"):
                message["thread_ts"] = str(params["thread_ts"])
            self.ws.post(channel, message)
        return {"ok": True, "files": shared}
