"""The sandbox's one HTTP port: the page, its small JSON API, and Slack's Web API stand-in."""

from __future__ import annotations

import base64
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any, Protocol, cast
from urllib.parse import parse_qs, parse_qsl, urlsplit

from bot.sandbox.door import Door
from bot.sandbox.people import BY_ID, PEOPLE, TEAM_CHANNEL, TEAM_CHANNEL_NAME, TEAM_NAME, dm_of
from bot.sandbox.webapi import WebApi, parse_value
from bot.sandbox.workspace import JSONDict, Workspace

log = logging.getLogger(__name__)

# The app's slash commands, and whether Slack escapes mentions in their text (manifest.yml).
COMMANDS = {"/coachme": False, "/coaching": True, "/bid": False, "/pulse": False}
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/sandbox.css": ("sandbox.css", "text/css; charset=utf-8"),
    "/sandbox.js": ("sandbox.js", "text/javascript; charset=utf-8"),
    "/blockkit.js": ("blockkit.js", "text/javascript; charset=utf-8"),
}
POLL_SECONDS = 20.0


class Sandbox(Protocol):
    """What the server serves: the sandbox's workspace, Web API, door and clock."""

    ws: Workspace
    api: WebApi
    door: Door

    def next_nudge(self) -> str: ...

    def reset(self) -> None: ...


def _static(name: str) -> bytes:
    return resources.files("bot.sandbox").joinpath("static", name).read_bytes()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    sandbox: Sandbox


class _Handler(BaseHTTPRequestHandler):
    server_version = "coachbot-sandbox"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    @property
    def sandbox(self) -> Sandbox:
        return cast(_Server, self.server).sandbox

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the page went away (a closed tab ends its long poll); nothing to tell

    def _json(self, data: Any, status: int = 200) -> None:
        self._send(status, json.dumps(data).encode())

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in STATIC:
            name, kind = STATIC[url.path]
            self._send(200, _static(name), kind)
        elif url.path == "/sandbox/state":
            query = parse_qs(url.query)
            user = (query.get("user") or [""])[0]
            since = int((query.get("since") or ["0"])[0] or 0)
            self._json(self._state(user, since))
        elif url.path == "/favicon.ico":
            self._send(204, b"", "image/x-icon")
        elif url.path.startswith("/files/"):
            encoded = self.sandbox.ws.data["files"].get(url.path.removeprefix("/files/"))
            if encoded is None:
                self._send(404, b"not found", "text/plain")
            else:
                self._send(200, base64.b64decode(encoded), "image/png")
        elif url.path.startswith("/api/"):
            self._api(url.path.removeprefix("/api/"), url.query, b"")
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        raw = self._body()
        if url.path.startswith("/api/"):
            self._api(url.path.removeprefix("/api/"), url.query, raw)
        elif url.path.startswith("/upload/"):
            ok = self.sandbox.api.files.receive_upload(url.path.removeprefix("/upload/"), raw)
            self._send(200 if ok else 404, f"OK - {len(raw)}".encode(), "text/plain")
        elif url.path.startswith("/hooks/"):
            try:
                body = json.loads(raw.decode() or "{}")
            except ValueError:
                self._send(400, b"invalid_payload", "text/plain")
                return
            ok = isinstance(body, dict) and self.sandbox.door.hook(url.path[7:], body)
            self._send(200 if ok else 404, b"ok" if ok else b"no_active_hooks", "text/plain")
        elif url.path == "/sandbox/do":
            try:
                request = json.loads(raw.decode() or "{}")
            except ValueError:
                request = None
            if not isinstance(request, dict) or request.get("user") not in BY_ID:
                self._json({"error": "bad request"}, 400)
                return
            self._json(self._do(request))
        else:
            self._send(404, b"not found", "text/plain")

    # ------------------------------------------------------------------ Web API

    def _api(self, method: str, query: str, raw: bytes) -> None:
        params: JSONDict = {k: parse_value(v) for k, v in parse_qsl(query)}
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            if kind == "application/json" and raw.strip():
                parsed = json.loads(raw.decode())
                params.update(parsed if isinstance(parsed, dict) else {})
            elif raw.strip():
                params.update({k: parse_value(v) for k, v in parse_qsl(raw.decode())})
        except (ValueError, UnicodeDecodeError):
            self._json({"ok": False, "error": "invalid_form_data"})
            return
        auth = self.headers.get("Authorization") or ""
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else params.get("token")
        self._json(self.sandbox.api.call(method, params, str(token) if token else None))

    # ------------------------------------------------------------------ the page's API

    def _state(self, user: str, since: int) -> JSONDict:
        ws = self.sandbox.ws
        version = ws.wait_newer(since, POLL_SECONDS) if since else ws.version
        if user not in BY_ID:
            user = PEOPLE[0].user_id
        convs = [
            {"id": TEAM_CHANNEL, "name": "#" + TEAM_CHANNEL_NAME, "kind": "channel"},
            {"id": dm_of(user), "name": "coachbot", "kind": "dm"},
        ]
        modal = ws.top_modal(user)
        return {
            "version": version,
            "team": TEAM_NAME,
            "clock": ws.data["clock"],
            "note": ws.data.get("note", ""),
            "user": user,
            "people": [
                {
                    "id": p.user_id,
                    "name": p.real_name,
                    "handle": p.handle,
                    "role": p.role,
                    "tz": p.tz,
                }
                for p in PEOPLE
            ],
            "conversations": convs,
            "messages": {c["id"]: ws.visible(str(c["id"]), user) for c in convs},
            "modal": modal,
            "home": ws.home(user),
        }

    def _do(self, request: JSONDict) -> JSONDict:
        sandbox, user = self.sandbox, str(request["user"])
        op = request.get("op")
        if op == "message":
            return self._message(user, str(request.get("channel")), str(request.get("text", "")))
        if op == "action":
            where, action = _dict(request, "where"), _dict(request, "action")
            if ("view_id" in where or "ts" in where) and action.get("action_id"):
                sandbox.door.action(user, where, action, _dict(request, "values"))
        elif op == "submit":
            view_id = str(request.get("view_id"))
            return {"errors": sandbox.door.submit(user, view_id, _dict(request, "values"))}
        elif op == "close":
            sandbox.ws.close_modal(user)
        elif op == "home":
            sandbox.door.home_opened(user)
        elif op == "next":
            return {"note": sandbox.next_nudge(), "version": sandbox.ws.version}
        elif op == "reset":
            sandbox.reset()
        return {}

    def _message(self, user: str, channel: str, text: str) -> JSONDict:
        sandbox = self.sandbox
        if channel not in {TEAM_CHANNEL, dm_of(user)}:
            return {"error": "unknown conversation"}
        text = text.strip()
        if not text:
            return {}
        if not text.startswith("/"):
            sandbox.ws.post(channel, {"user": user, "text": text})
            return {}
        command, _, rest = text.partition(" ")
        command = command.lower()
        if command not in COMMANDS:
            sandbox.ws.post(
                channel,
                {
                    "user": "USLACKBOT",
                    "visible_to": user,
                    "text": f"{command} is not a valid command. This workspace has "
                    + ", ".join(COMMANDS)
                    + ".",
                },
            )
            return {}
        sandbox.door.command(user, channel, command, rest.strip(), COMMANDS[command])
        return {}


def _dict(request: JSONDict, key: str) -> JSONDict:
    value = request.get(key)
    return value if isinstance(value, dict) else {}


class PageServer:
    """The HTTP server behind the sandbox's URL."""

    def __init__(self, sandbox: Sandbox, host: str, port: int) -> None:
        self._server = _Server((host, port), _Handler)
        self._server.sandbox = sandbox
        self._thread: threading.Thread | None = None
        self.root_url = f"http://{host}:{self._server.server_address[1]}/"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="sandbox-page", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
