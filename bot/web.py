"""The HTTP door: a small WSGI app served by waitress (threads, production-grade)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltRequest

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # Slack's payloads are far smaller; anything bigger is not from Slack.
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

Health = Callable[[], bool]


def _reply(
    start_response: StartResponse,
    status: str,
    body: str | bytes,
    content_type: str = "text/plain; charset=utf-8",
    headers: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    data = body.encode() if isinstance(body, str) else body
    start_response(
        status, [("Content-Type", content_type), ("Content-Length", str(len(data))), *headers]
    )
    return [data]


class SlackWsgi:
    """Routes `/slack/events` to Bolt and `/healthz` to a database check; 4xx for the rest."""

    def __init__(self, app: App | None, health: Health) -> None:
        self._app = app
        self._health = health

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            ok = self._health()
            body = json.dumps({"ok": ok, "database": "up" if ok else "down"})
            return _reply(
                start_response,
                "200 OK" if ok else "503 Service Unavailable",
                body,
                "application/json",
            )
        if path != EVENTS_PATH or self._app is None:
            return _reply(start_response, "404 Not Found", "Not found")
        if method != "POST":
            return _reply(
                start_response, "405 Method Not Allowed", "Use POST", headers=[("Allow", "POST")]
            )
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _reply(start_response, "400 Bad Request", "Bad Content-Length")
        if length > MAX_BODY:
            return _reply(start_response, "413 Content Too Large", "Too large")
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _reply(start_response, "400 Bad Request", "Body must be UTF-8")
        headers = {
            k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        try:
            request = BoltRequest(
                body=body, query=environ.get("QUERY_STRING", ""), headers=dict(headers)
            )
        except Exception:  # Bolt's parser trips on many shapes of garbage; all mean "bad request"
            # A body that isn't any shape Slack sends. Checked before the signature on purpose:
            # it reveals nothing, and Bolt cannot verify what it cannot parse.
            return _reply(start_response, "400 Bad Request", "Unrecognised body")
        response = self._app.dispatch(request)
        extra: list[tuple[str, str]] = []
        for name, values in response.headers.items():
            if name.lower() in {"content-type", "content-length"}:
                continue
            extra.extend((name, v) for v in values)
        status = _status_line(response.status)
        ctype = (response.headers.get("content-type") or ["text/plain; charset=utf-8"])[0]
        return _reply(start_response, status, response.body or "", ctype, extra)


def _status_line(code: int) -> str:
    reasons = {
        200: "OK",
        400: "Bad Request",
        401: "Unauthorized",
        404: "Not Found",
        500: "Internal Server Error",
    }
    return f"{code} {reasons.get(code, 'Status')}"


def serve(wsgi: Any, port: int, threads: int, host: str = "0.0.0.0") -> None:  # noqa: S104
    """Serve `wsgi` until interrupted."""
    from waitress import serve as waitress_serve

    log.info("serving HTTP on %s:%s with %s threads", host, port, threads)
    waitress_serve(wsgi, host=host, port=port, threads=threads, ident="coachbot")


def make_server(wsgi: Any, port: int, threads: int, host: str = "127.0.0.1") -> Any:
    """A waitress server object (not yet running), for tests and for Socket Mode's health port."""
    from waitress.server import create_server

    return create_server(wsgi, host=host, port=port, threads=threads, ident="coachbot")
