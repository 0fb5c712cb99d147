"""The Web API's views and files: modals opened by trigger, Home tabs, uploaded charts."""

from __future__ import annotations

import base64
import secrets
import threading
import time
from typing import Any

from bot.sandbox.people import BY_ID
from bot.sandbox.workspace import JSONDict, Workspace

TRIGGER_SECONDS = 30.0  # Slack allows 3 s; a person clicking in a browser deserves longer


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


def error(error: str) -> JSONDict:
    return {"ok": False, "error": error}


class Views:
    """views.open, views.push, views.update and views.publish."""

    def __init__(self, ws: Workspace, triggers: Triggers) -> None:
        self.ws = ws
        self.triggers = triggers

    @staticmethod
    def _view(params: JSONDict) -> JSONDict | None:
        view = params.get("view")
        return view if isinstance(view, dict) and view.get("type") in {"modal", "home"} else None

    def _open(self, params: JSONDict, *, push: bool) -> JSONDict:
        view = self._view(params)
        if view is None or view.get("type") != "modal":
            return error("invalid_arguments")
        user = self.triggers.use(str(params.get("trigger_id") or ""))
        if user is None:
            return error("expired_trigger_id")
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
            return error("not_found" if view is not None else "invalid_arguments")
        return {"ok": True, "view": self.ws.store_view({**view, "user": old.get("user")}, view_id)}

    def views_publish(self, params: JSONDict) -> JSONDict:
        view = self._view(params)
        user = str(params.get("user_id", ""))
        if view is None or view.get("type") != "home":
            return error("invalid_arguments")
        if user not in BY_ID:
            return error("user_not_found")
        return {"ok": True, "view": self.ws.publish_home(user, view)}


class Files:
    """files.getUploadURLExternal, the upload itself, and files.completeUploadExternal."""

    def __init__(self, ws: Workspace, root_url: str, channel_of: Any) -> None:
        self.ws = ws
        self.root_url = root_url
        self._channel = channel_of
        self.uploads: dict[str, JSONDict] = {}

    def files_get_upload_url(self, params: JSONDict) -> JSONDict:
        if not params.get("filename") or not params.get("length"):
            return error("invalid_arguments")
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
            return error("invalid_arguments")
        shared: list[JSONDict] = []
        for entry in files:
            file_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
            upload = self.uploads.get(file_id)
            if upload is None or upload["content"] is None:
                return error("file_not_found")
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
