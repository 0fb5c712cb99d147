"""The workspace's state: messages, modals and Home tabs, the clock, and who may see what.

Everything is plain JSON-able data behind one lock, saved to a file after each change so a
restarted sandbox shows what the bot's database remembers. Watchers wait on `version`.
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.sandbox.people import BOT_ID, BOT_USER_ID, TEAM_ID

JSONDict = dict[str, Any]


def _block_ids(blocks: Any) -> list[JSONDict]:
    """Blocks with a block_id on each, as Slack gives them when the app set none."""
    out: list[JSONDict] = []
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict):
            out.append({"block_id": secrets.token_hex(3), **block})
    return out


class Workspace:
    """One workspace's state, shared by the Web API, the page and the request sender."""

    def __init__(self, path: Path | None, start: datetime) -> None:
        self._path = path
        self._cond = threading.Condition(threading.RLock())
        self.version = 1
        self.data: JSONDict = self._fresh(start)
        if path is not None and path.exists():
            try:
                self.data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.data = self._fresh(start)

    @staticmethod
    def _fresh(start: datetime) -> JSONDict:
        return {
            "clock": start.isoformat(),
            "seeded": False,
            "counter": 0,
            "messages": {},
            "views": {},
            "stacks": {},
            "homes": {},
            "files": {},
            "note": "",
        }

    # ------------------------------------------------------------------ locking and saving

    def __enter__(self) -> JSONDict:
        self._cond.acquire()
        return self.data

    def __exit__(self, *exc: object) -> None:
        self.changed()
        self._cond.release()

    def changed(self) -> None:
        with self._cond:
            self.version += 1
            self._save()
            self._cond.notify_all()

    def _save(self) -> None:
        if self._path is None:
            return
        tmp = self._path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data), encoding="utf-8")
        os.replace(tmp, self._path)

    def wait_newer(self, version: int, timeout: float) -> int:
        """Block until the state is newer than `version` (or `timeout`); the new version."""
        with self._cond:
            self._cond.wait_for(lambda: self.version > version, timeout)
            return self.version

    def wait_until(self, test: Callable[[JSONDict], Any], timeout: float = 10.0) -> Any:
        """Wait until `test(data)` is truthy and return it; raise TimeoutError when it never is."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = test(self.data)
                if found:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the workspace never reached the expected state")
                self._cond.wait(left)

    def next_id(self, prefix: str) -> str:
        with self._cond:
            self.data["counter"] += 1
            return f"{prefix}{self.data['counter']:06d}"

    # ------------------------------------------------------------------ clock

    @property
    def now(self) -> datetime:
        with self._cond:
            return datetime.fromisoformat(self.data["clock"])

    def set_clock(self, when: datetime, note: str = "") -> None:
        with self as data:
            data["clock"] = when.isoformat()
            data["note"] = note

    # ------------------------------------------------------------------ messages

    def _next_ts(self) -> str:
        # Slack's ts: seconds.micros, unique per workspace, increasing with time.
        base = int(self.now.timestamp())
        self.data["counter"] += 1
        return f"{base}.{self.data['counter']:06d}"

    def post(self, channel: str, message: JSONDict) -> JSONDict:
        """Store a message (the bot's unless `message` names a user) and return it."""
        with self as data:
            stored: JSONDict = {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team": TEAM_ID,
                "text": "",
                **message,
                "ts": self._next_ts(),
                "at": data["clock"],
            }
            stored["blocks"] = _block_ids(stored.get("blocks"))
            if stored.get("user") != BOT_USER_ID:
                stored.pop("bot_id", None)
            data["messages"].setdefault(channel, []).append(stored)
            return copy.deepcopy(stored)

    def find(self, channel: str, ts: str) -> JSONDict | None:
        with self._cond:
            for msg in self.data["messages"].get(channel, []):
                if msg["ts"] == ts:
                    found: JSONDict = msg
                    return found
            return None

    def edit(self, channel: str, ts: str, changes: JSONDict) -> JSONDict | None:
        with self as data:
            msg = self.find(channel, ts)
            if msg is None:
                return None
            if "blocks" in changes:
                changes = {**changes, "blocks": _block_ids(changes["blocks"])}
            msg.update(changes)
            msg["edited_at"] = data["clock"]
            return copy.deepcopy(msg)

    def delete(self, channel: str, ts: str) -> bool:
        with self as data:
            msgs = data["messages"].get(channel, [])
            kept = [m for m in msgs if m["ts"] != ts]
            data["messages"][channel] = kept
            return len(kept) != len(msgs)

    def visible(self, channel: str, user: str) -> list[JSONDict]:
        """The messages `user` sees in `channel`: everyone's, plus their own ephemerals."""
        with self._cond:
            return [
                copy.deepcopy(m)
                for m in self.data["messages"].get(channel, [])
                if m.get("visible_to") in (None, user)
            ]

    def history(self, channel: str) -> list[JSONDict]:
        """Every non-ephemeral message in `channel`, oldest first."""
        with self._cond:
            return [
                copy.deepcopy(m)
                for m in self.data["messages"].get(channel, [])
                if m.get("visible_to") is None
            ]

    # ------------------------------------------------------------------ views

    def store_view(self, view: JSONDict, view_id: str | None = None) -> JSONDict:
        """Save a view as Slack serves it back (id, hash, state, defaults)."""
        with self as data:
            view_id = view_id or self.next_id("V")
            old = data["views"].get(view_id, {})
            served: JSONDict = {
                "team_id": TEAM_ID,
                "app_id": "A0COACHBOT",
                "bot_id": BOT_ID,
                "app_installed_team_id": TEAM_ID,
                "private_metadata": "",
                "callback_id": "",
                "external_id": "",
                "state": {"values": {}},
                "clear_on_close": False,
                "notify_on_close": False,
                "previous_view_id": None,
                "root_view_id": old.get("root_view_id", view_id),
                **view,
                "id": view_id,
                "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
                "user": old.get("user", view.get("user")),
            }
            served["blocks"] = _block_ids(served.get("blocks"))
            data["views"][view_id] = served
            return copy.deepcopy(served)

    def open_modal(self, user: str, view: JSONDict, *, push: bool = False) -> JSONDict:
        with self as data:
            stack: list[str] = data["stacks"].setdefault(user, [])
            if not push:
                stack.clear()
            served = self.store_view({**view, "user": user})
            if stack:
                served = self.store_view({**served, "previous_view_id": stack[-1]}, served["id"])
            stack.append(served["id"])
            return served

    def close_modal(self, user: str, *, everything: bool = False) -> None:
        with self as data:
            stack: list[str] = data["stacks"].setdefault(user, [])
            if everything:
                stack.clear()
            elif stack:
                stack.pop()

    def top_modal(self, user: str) -> JSONDict | None:
        with self._cond:
            stack = self.data["stacks"].get(user) or []
            return copy.deepcopy(self.data["views"][stack[-1]]) if stack else None

    def view(self, view_id: str) -> JSONDict | None:
        with self._cond:
            found = self.data["views"].get(view_id)
            return copy.deepcopy(found) if found else None

    def publish_home(self, user: str, view: JSONDict) -> JSONDict:
        with self as data:
            served = self.store_view({**view, "user": user}, data["homes"].get(user))
            data["homes"][user] = served["id"]
            return served

    def home(self, user: str) -> JSONDict | None:
        with self._cond:
            view_id = self.data["homes"].get(user)
            return self.view(view_id) if view_id else None
