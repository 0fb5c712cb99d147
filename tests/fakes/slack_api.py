"""A local fake of Slack's Web API that speaks real HTTP.

Point a real ``slack_sdk.WebClient`` (or a Bolt ``App``'s client) at it::

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.base_url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.calls_to("chat.postMessage")[0]["text"] == "hi"

Every request to ``/api/<method>`` is recorded as a :class:`Call`. Replies can be
scripted per method (:meth:`FakeSlack.script`), or a method can be made to fail until
cleared (:meth:`FakeSlack.fail_always`). Without either, a small, realistic default
behaviour answers (users registry, DMs, message timestamps, views, file uploads).

The server also accepts ``POST /upload/<file_id>`` (step 2 of ``files_upload_v2``) and
``POST /hooks/<anything>`` (a stand-in for ``response_url`` webhooks, see
:meth:`FakeSlack.hook_url`).
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from bot.sandbox.webapi import parse_value as _maybe_json
from tests.fakes.slack_oauth import OAuthWorld

JSONDict = dict[str, Any]

TEAM_ID = "T0001"
TEAM_NAME = "Fake Team"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"

_FIRST_TS_MICROS = 1_700_000_000_000_100
_TS_STEP_MICROS = 100

_TZ_LABELS = {
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "UTC": "Coordinated Universal Time",
}


@dataclass
class Call:
    """One request to ``/api/<method>`` as the fake saw it."""

    method: str
    params: JSONDict
    token: str | None
    http_status: int


@dataclass
class HookPost:
    """One POST to ``/hooks/<path>`` (a fake ``response_url``)."""

    path: str
    body: JSONDict


@dataclass
class Reply:
    """A scripted HTTP reply. A body without ``ok`` is served with ``"ok": true`` added."""

    body: JSONDict
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def rate_limited(cls, retry_after: int = 1) -> Reply:
        return cls(
            body={"ok": False, "error": "ratelimited"},
            status=429,
            headers={"Retry-After": str(retry_after)},
        )

    @classmethod
    def error(cls, error: str) -> Reply:
        return cls(body={"ok": False, "error": error})

    @classmethod
    def server_error(cls) -> Reply:
        return cls(body={"ok": False, "error": "internal_error"}, status=500)

    # Slack performs the call (the message is posted), then the answer is lost: a 500, or,
    # with ``delay``, an answer that comes after the client has given up.
    performed: bool = False
    delay: float = 0.0
    passthrough: bool = False  # answer as the fake normally would (a scripted "no fault")

    @classmethod
    def normal(cls) -> Reply:
        return cls(body={}, passthrough=True)

    @classmethod
    def performed_then(cls, failure: Reply | None = None, *, delay: float = 0.0) -> Reply:
        base = failure or cls.server_error()
        return cls(base.body, base.status, dict(base.headers), performed=True, delay=delay)


@dataclass
class _User:
    user_id: str
    name: str
    real_name: str
    tz: str
    deleted: bool
    is_bot: bool
    is_admin: bool
    is_owner: bool
    team_id: str

    def to_api(self) -> JSONDict:
        now = datetime.now(UTC).astimezone(ZoneInfo(self.tz))
        offset = now.utcoffset()
        tz_abbrev = now.tzname() or self.tz
        profile: JSONDict = {
            "real_name": self.real_name,
            "real_name_normalized": self.real_name,
            "display_name": self.name,
            "display_name_normalized": self.name,
            "team": self.team_id,
        }
        if self.is_bot:
            profile["bot_id"] = "B" + self.user_id
        return {
            "id": self.user_id,
            "team_id": self.team_id,
            "name": self.name,
            "real_name": self.real_name,
            "deleted": self.deleted,
            "color": "9f69e7",
            "tz": self.tz,
            "tz_label": _TZ_LABELS.get(tz_abbrev, tz_abbrev),
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": profile,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": self.is_owner,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }


class _BadRequest(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Don't wait for handler threads on close; a stuck client must not hang stop().
    block_on_close = False

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeSlack/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        fake = cast(_Server, self.server).fake
        try:
            status, headers, payload = fake._dispatch(self)
        except Exception as exc:  # never let the handler thread die
            fake._record_handler_error(exc)
            status, headers = 500, {}
            payload = json.dumps({"ok": False, "error": f"fake_slack_crash: {exc!r}"}).encode()
        try:
            self.send_response(status)
            if "Content-Type" not in headers:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client went away; nothing to report


_MethodHandler = Callable[[JSONDict], "JSONDict | Reply"]


class FakeSlack:
    """A fake Slack Web API server on ``127.0.0.1`` (random port)."""

    def __init__(self, *, require_token: bool = True) -> None:
        # require_token: answer ``not_authed`` to API calls that carry no token.
        self.require_token = require_token
        self._lock = threading.RLock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, _MethodHandler] = {
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "conversations.join": self._conversations_join,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.delete": self._chat_delete,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "team.info": self._team_info,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "users.conversations": self._users_conversations,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "oauth.v2.access": self._oauth_access,
        }
        self._init_state()

    def _init_state(self) -> None:
        with self._lock:
            self.calls: list[Call] = []
            self.uploads: dict[str, bytes] = {}
            self.hook_posts: list[HookPost] = []
            self.handler_errors: list[str] = []
            self._scripts: dict[str, deque[Reply]] = {}
            self._failures: dict[str, str] = {}
            self._users: dict[str, _User] = {}
            self._not_in_channel: set[str] = set()
            self._channel_members: dict[str, int] = {}
            self._ts_counter = 0
            self._view_counter = 0
            self._file_counter = 0
            self._file_names: dict[str, str] = {}
            # Every message posted, by conversation, oldest first (threads included).
            self.history: dict[str, list[JSONDict]] = {}
            self.history_scope = True  # False: answer history reads with missing_scope
            # Installs by OAuth, and the workspace of each token issued (see slack_oauth.py).
            self.oauth = OAuthWorld()
            self._token: str | None = None  # the token of the call being answered
            # Workspaces whose every other chat.postMessage is answered 429, and their count.
            self._throttled: dict[str, int] = {}

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        server = _Server(self)
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name=f"FakeSlack:{server.server_address[1]}",
            daemon=True,
        )
        self._server, self._thread = server, thread
        thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server, self._thread = None, None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def base_url(self) -> str:
        """What ``WebClient(base_url=...)`` takes; the client calls ``{base_url}{method}``."""
        return f"{self.root_url}api/"

    def hook_url(self, name: str = "commands/1") -> str:
        """A ``response_url`` served by this fake; POSTs to it land in :attr:`hook_posts`."""
        return f"{self.root_url}hooks/{name}"

    # ------------------------------------------------------------------ recording

    def calls_to(self, method: str) -> list[JSONDict]:
        with self._lock:
            return [c.params for c in self.calls if c.method == method]

    def methods_called(self) -> list[str]:
        with self._lock:
            return [c.method for c in self.calls]

    def reset_calls(self) -> None:
        with self._lock:
            self.calls.clear()

    def reset(self) -> None:
        """Forget everything: calls, uploads, scripts, failures, users, channel settings.

        The server keeps running on the same port (handy for a session-scoped fake).
        """
        with self._lock:
            for container in (
                self.calls,
                self.uploads,
                self.hook_posts,
                self.handler_errors,
                self._scripts,
                self._failures,
                self._users,
                self._not_in_channel,
                self._channel_members,
                self._file_names,
            ):
                container.clear()
            self._ts_counter = self._view_counter = self._file_counter = 0

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[JSONDict]:
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"expected >= {count} call(s) to {method} within {timeout}s, "
                    f"got {len(found)}; recorded methods: {self.methods_called()}"
                )
            time.sleep(0.01)

    def wait_for_hook(self, count: int = 1, timeout: float = 5.0) -> list[HookPost]:
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                posts = list(self.hook_posts)
            if len(posts) >= count:
                return posts
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"expected >= {count} response_url post(s) within {timeout}s, got {len(posts)}"
                )
            time.sleep(0.01)

    def wait_for_replies(self, count: int = 1, timeout: float = 5.0) -> list[JSONDict]:
        """Bodies POSTed to response_urls, oldest first, each with its ``hook`` path added.

        Default response_urls are ``commands/<user>`` or ``actions/<user>``, so ``hook`` says
        who the reply was for.
        """
        return [{**p.body, "hook": p.path} for p in self.wait_for_hook(count, timeout)]

    # ------------------------------------------------------------------ scripting

    def script(self, method: str, *replies: Reply | JSONDict) -> None:
        """Queue replies served one per call to ``method`` before the default behaviour."""
        with self._lock:
            queue = self._scripts.setdefault(method, deque())
            for reply in replies:
                queue.append(reply if isinstance(reply, Reply) else Reply(body=dict(reply)))

    def unconsumed_scripts(self) -> dict[str, int]:
        with self._lock:
            return {m: len(q) for m, q in self._scripts.items() if q}

    def fail_always(self, method: str, error: str) -> None:
        """Make ``method`` answer ``{"ok": false, "error": error}`` until cleared."""
        with self._lock:
            self._failures[method] = error

    def clear_failures(self, method: str | None = None) -> None:
        """Clear the failure of ``method``, or of every method when ``None``."""
        with self._lock:
            if method is None:
                self._failures.clear()
            else:
                self._failures.pop(method, None)

    # ------------------------------------------------------------------ world state

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        tz: str = "America/New_York",
        deleted: bool = False,
        is_bot: bool = False,
        is_admin: bool = False,
        is_owner: bool = False,
        team_id: str = TEAM_ID,
        *,
        real_name: str | None = None,
    ) -> None:
        """Register (or replace) a user. ``name`` defaults to the lower-cased id."""
        ZoneInfo(tz)  # fail fast, in the test's thread, on a bad zone name
        handle = name if name is not None else user_id.lower()
        with self._lock:
            self._users[user_id] = _User(
                user_id=user_id,
                name=handle,
                real_name=real_name if real_name is not None else handle.replace(".", " ").title(),
                tz=tz,
                deleted=deleted,
                is_bot=is_bot,
                is_admin=is_admin,
                is_owner=is_owner,
                team_id=team_id,
            )

    def set_not_in_channel(self, channel_id: str, not_in: bool = True) -> None:
        """Mark the bot as not a member of ``channel_id`` (``conversations.join`` undoes it)."""
        with self._lock:
            if not_in:
                self._not_in_channel.add(channel_id)
            else:
                self._not_in_channel.discard(channel_id)

    def add_workspace(self, team_id: str, name: str, enterprise_id: str | None = None) -> None:
        """A workspace that can install the app through the consent page."""
        with self._lock:
            self.oauth.team_names[team_id] = name
            if enterprise_id is not None:
                self.oauth.enterprises[team_id] = enterprise_id

    def throttle(self, team_id: str) -> None:
        """Answer every other chat.postMessage of ``team_id``'s tokens with a 429."""
        with self._lock:
            self._throttled[team_id] = 0

    def tokens_used(self, method: str) -> list[str | None]:
        """The token of each call to ``method``, oldest first."""
        with self._lock:
            return [c.token for c in self.calls if c.method == method]

    def teams_called(self, method: str) -> list[str]:
        """The workspace (by its token) of each successful call to ``method``, oldest first."""
        with self._lock:
            return [
                self.oauth.team_of(c.token, TEAM_ID)
                for c in self.calls
                if c.method == method and c.http_status == 200
            ]

    def set_channel_members(self, channel_id: str, n: int) -> None:
        with self._lock:
            self._channel_members[channel_id] = n

    # ------------------------------------------------------------------ HTTP plumbing

    def _record_handler_error(self, exc: BaseException) -> None:
        with self._lock:
            self.handler_errors.append("".join(traceback.format_exception(exc)))

    def _dispatch(self, req: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        url = urlsplit(req.path)
        path = url.path
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length > 0 else b""

        if req.command == "POST" and path.startswith("/upload/"):
            return self._serve_upload(path.removeprefix("/upload/"), raw)
        if req.command == "POST" and path.startswith("/hooks/"):
            return self._serve_hook(path.removeprefix("/hooks/"), raw)
        if req.command == "GET" and path == "/oauth/v2/authorize":
            with self._lock:
                return self.oauth.authorize(url.query)
        if not path.startswith("/api/") or len(path) <= len("/api/"):
            return _json_response(404, {"ok": False, "error": "not_found"})
        method = path.removeprefix("/api/")

        token = _bearer_token(req.headers.get("Authorization"))
        try:
            params = self._parse_params(url.query, req.headers.get("Content-Type"), raw)
        except _BadRequest as bad:
            self._record(Call(method, {}, token, 400))
            return _json_response(400, {"ok": False, "error": bad.error})
        body_token = params.pop("token", None)
        if token is None and isinstance(body_token, str):
            token = body_token
        params.update(_basic_auth(req.headers.get("Authorization")))

        reply = self._reply_for(method, params, token)
        if reply.performed:
            with self._lock:
                handler = self._handlers.get(method)
                if handler is not None:
                    handler(params)
            if reply.delay:
                time.sleep(reply.delay)
        body = reply.body if "ok" in reply.body else {"ok": True, **reply.body}
        self._record(Call(method, params, token, reply.status))
        return reply.status, dict(reply.headers), json.dumps(body).encode()

    @staticmethod
    def _parse_params(query: str, content_type: str | None, raw: bytes) -> JSONDict:
        params: JSONDict = {k: _maybe_json(v) for k, v in parse_qsl(query, keep_blank_values=True)}
        mime = (content_type or "").split(";", 1)[0].strip().lower()
        if not raw.strip():
            return params
        if mime == "application/json":
            try:
                data = json.loads(raw.decode("utf-8"))
            except ValueError:
                raise _BadRequest("invalid_json") from None
            if not isinstance(data, dict):
                raise _BadRequest("invalid_json")
            params.update(data)
        elif mime == "application/x-www-form-urlencoded" or not mime:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _BadRequest("invalid_form_data") from None
            for key, value in parse_qsl(text, keep_blank_values=True):
                params[key] = _maybe_json(value)
        # Other content types (multipart, ...) aren't modelled: only the query string counts.
        return params

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def _reply_for(self, method: str, params: JSONDict, token: str | None) -> Reply:
        with self._lock:
            queue = self._scripts.get(method)
            scripted = queue.popleft() if queue else None
            if scripted is not None and not scripted.passthrough:
                return scripted
            failure = self._failures.get(method)
            if failure is not None:
                return Reply.error(failure)
            if self.require_token and not token and method != "oauth.v2.access":
                return Reply.error("not_authed")
            refused = self.oauth.check(token)
            if refused is not None:
                return Reply.error(refused)
            team = self.oauth.team_of(token, TEAM_ID)
            if method == "chat.postMessage" and team in self._throttled:
                self._throttled[team] += 1
                if self._throttled[team] % 2 == 1:
                    return Reply.rate_limited(1)
            handler = self._handlers.get(method)
            self._token = token
            result: JSONDict | Reply = handler(params) if handler is not None else {"ok": True}
        return result if isinstance(result, Reply) else Reply(body=result)

    def _serve_upload(self, file_id: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.uploads[file_id] = raw
        return 200, {"Content-Type": "text/plain; charset=utf-8"}, f"OK - {len(raw)}".encode()

    def _serve_hook(self, name: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
        try:
            parsed = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except ValueError:
            return 400, {"Content-Type": "text/plain; charset=utf-8"}, b"invalid_payload"
        body = parsed if isinstance(parsed, dict) else {"_": parsed}
        with self._lock:
            self.hook_posts.append(HookPost(path=name, body=body))
        return 200, {"Content-Type": "text/plain; charset=utf-8"}, b"ok"

    # ------------------------------------------------------------------ default behaviour
    # (always called with self._lock held)

    def _next_ts(self) -> str:
        micros = _FIRST_TS_MICROS + self._ts_counter * _TS_STEP_MICROS
        self._ts_counter += 1
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _deleted_user_for_channel(self, channel: str) -> _User | None:
        user_id = channel[1:] if channel.startswith("D") else channel
        user = self._users.get(user_id)
        return user if user is not None and user.deleted else None

    def _auth_test(self, params: JSONDict) -> JSONDict:
        team = self.oauth.team_of(self._token, TEAM_ID)
        return {
            "ok": True,
            "url": "https://fake.slack.test/",
            "team": self.oauth.team_names.get(team, TEAM_NAME),
            "user": "coachbot",
            "team_id": team,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _users_info(self, params: JSONDict) -> JSONDict:
        user = self._users.get(str(params.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user.to_api()}

    def _conversations_open(self, params: JSONDict) -> JSONDict:
        channel = params.get("channel")
        if channel:
            return {"ok": True, "channel": {"id": str(channel)}}
        raw_users = params.get("users", "")
        if isinstance(raw_users, list):  # a JSON body may carry a list
            raw_users = ",".join(str(u) for u in raw_users)
        ids = [u.strip() for u in str(raw_users).split(",") if u.strip()]
        if not ids:
            return {"ok": False, "error": "users_list_not_supplied"}
        for user_id in ids:
            user = self._users.get(user_id)
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            if user.deleted:
                return {"ok": False, "error": "user_disabled"}
        channel_id = "D" + ids[0] if len(ids) == 1 else "G" + "".join(ids)
        return {"ok": True, "channel": {"id": channel_id}}

    def _conversations_info(self, params: JSONDict) -> JSONDict:
        channel = str(params.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "name": channel.lower(),
                "is_channel": channel.startswith("C"),
                "is_im": channel.startswith("D"),
                "is_private": channel.startswith("G"),
                "is_archived": False,
                "is_member": channel not in self._not_in_channel,
                "num_members": self._channel_members.get(channel, 5),
            },
        }

    def _conversations_join(self, params: JSONDict) -> JSONDict:
        channel = str(params.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        self._not_in_channel.discard(channel)
        return {"ok": True, "channel": {"id": channel, "is_member": True}}

    def _message(self, params: JSONDict, ts: str) -> JSONDict:
        message: JSONDict = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "team": self.oauth.team_of(self._token, TEAM_ID),
            "ts": ts,
            "text": params.get("text", ""),
            "blocks": params.get("blocks", []),
        }
        if "thread_ts" in params:
            message["thread_ts"] = params["thread_ts"]
        return message

    def _chat_post_message(self, params: JSONDict) -> JSONDict:
        channel = str(params.get("channel", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not any(params.get(k) for k in ("text", "blocks", "attachments")):
            return {"ok": False, "error": "no_text"}
        if self._deleted_user_for_channel(channel) is not None:
            return {"ok": False, "error": "account_inactive"}
        if channel in self._not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        if channel.startswith("U") and channel in self._users:
            channel = "D" + channel  # posting to a user id lands in the app's DM
        ts = self._next_ts()
        message = self._message(params, ts)
        if isinstance(params.get("metadata"), dict):
            message["metadata"] = params["metadata"]
        self.history.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def posts_with_key(self, key: str) -> list[JSONDict]:
        """Every message in any conversation whose metadata carries outbox ``key``."""
        with self._lock:
            return [
                m
                for msgs in self.history.values()
                for m in msgs
                if (m.get("metadata") or {}).get("event_payload", {}).get("key") == key
            ]

    def _read_history(self, params: JSONDict, thread: str | None) -> JSONDict:
        if not self.history_scope:
            return {"ok": False, "error": "missing_scope", "needed": "im:history"}
        channel = str(params.get("channel", ""))
        msgs = self.history.get(channel, [])
        if thread is not None:
            msgs = [m for m in msgs if m["ts"] == thread or m.get("thread_ts") == thread]
        else:
            msgs = [m for m in msgs if m.get("thread_ts") in (None, m["ts"])]
        limit = int(params.get("limit") or 100)
        newest_first = list(reversed(msgs))[:limit]
        if not params.get("include_all_metadata"):
            newest_first = [{k: v for k, v in m.items() if k != "metadata"} for m in newest_first]
        return {"ok": True, "messages": newest_first if thread is None else newest_first[::-1]}

    def _conversations_history(self, params: JSONDict) -> JSONDict:
        return self._read_history(params, None)

    def _conversations_replies(self, params: JSONDict) -> JSONDict:
        return self._read_history(params, str(params.get("ts", "")))

    def _chat_update(self, params: JSONDict) -> JSONDict:
        channel, ts = str(params.get("channel", "")), str(params.get("ts", ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not ts:
            return {"ok": False, "error": "message_not_found"}
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": params.get("text", ""),
            "message": self._message(params, ts),
        }

    def _chat_post_ephemeral(self, params: JSONDict) -> JSONDict:
        if not params.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("user"):
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_delete(self, params: JSONDict) -> JSONDict:
        return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}

    def _new_view_id(self) -> str:
        self._view_counter += 1
        return f"V{self._view_counter}"

    def _view_response(self, params: JSONDict, view_id: str) -> JSONDict:
        view = params.get("view")
        if not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        served: JSONDict = {
            "id": view_id,
            "team_id": TEAM_ID,
            "app_id": "A0001",
            "bot_id": BOT_ID,
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{view_id}",
            **view,
        }
        served["id"] = view_id
        return {"ok": True, "view": served}

    def _views_open(self, params: JSONDict) -> JSONDict:
        if not params.get("trigger_id") and not params.get("interactivity_pointer"):
            return {"ok": False, "error": "invalid_arguments"}
        return self._view_response(params, self._new_view_id())

    def _views_update(self, params: JSONDict) -> JSONDict:
        view_id = params.get("view_id")
        if not view_id and not params.get("external_id"):
            return {"ok": False, "error": "invalid_arguments"}
        return self._view_response(params, str(view_id) if view_id else self._new_view_id())

    def _views_publish(self, params: JSONDict) -> JSONDict:
        if not params.get("user_id"):
            return {"ok": False, "error": "invalid_arguments"}
        return self._view_response(params, self._new_view_id())

    def _team_info(self, params: JSONDict) -> JSONDict:
        return {"ok": True, "team": {"id": TEAM_ID, "name": TEAM_NAME, "domain": "fake-team"}}

    def _users_conversations(self, params: JSONDict) -> JSONDict:
        return {"ok": True, "channels": [], "response_metadata": {"next_cursor": ""}}

    def _oauth_access(self, params: JSONDict) -> JSONDict:
        return self.oauth.access(params)

    def _files_get_upload_url(self, params: JSONDict) -> JSONDict:
        if not params.get("filename") or not params.get("length"):
            return {"ok": False, "error": "invalid_arguments"}
        self._file_counter += 1
        file_id = f"F{self._file_counter}"
        self._file_names[file_id] = str(params["filename"])
        return {"ok": True, "upload_url": f"{self.root_url}upload/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, params: JSONDict) -> JSONDict:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        out: list[JSONDict] = []
        for entry in files:
            file_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
            if file_id not in self.uploads:
                return {"ok": False, "error": "file_not_found"}
            name = self._file_names.get(file_id, file_id)
            out.append(
                {
                    "id": file_id,
                    "name": name,
                    "title": entry.get("title") or name,
                    "size": len(self.uploads[file_id]),
                }
            )
        return {"ok": True, "files": out}


def _bearer_token(header: str | None) -> str | None:
    if header and header.lower().startswith("bearer "):
        token = header[len("bearer ") :].strip()
        return token or None
    return None


def _basic_auth(header: str | None) -> dict[str, str]:
    """client_id and client_secret from an HTTP Basic header (how oauth.v2.access is sent)."""
    if not header or not header.lower().startswith("basic "):
        return {}
    try:
        decoded = base64.b64decode(header[len("basic ") :].strip()).decode()
    except (binascii.Error, UnicodeDecodeError):
        return {}
    client_id, _, secret = decoded.partition(":")
    return {"client_id": client_id, "client_secret": secret}


def _json_response(status: int, body: JSONDict) -> tuple[int, dict[str, str], bytes]:
    return status, {}, json.dumps(body).encode()
