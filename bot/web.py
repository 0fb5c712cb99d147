"""The HTTP door: Bolt's WSGI adapter behind guards that turn garbage into 4xx, plus health
and the private calendar feeds."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # Slack's payloads are far smaller; anything bigger is not from Slack.
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
CALENDAR_PREFIX = "/calendar/"
CALENDAR_SUFFIX = ".ics"

Health = Callable[[], bool]
# The iCalendar text behind a feed token, or None when the token is unknown or revoked.
CalendarFeeds = Callable[[str], str | None]


def _reply(
    start_response: StartResponse,
    status: str,
    body: str,
    content_type: str = "text/plain; charset=utf-8",
    headers: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    data = body.encode()
    start_response(
        status, [("Content-Type", content_type), ("Content-Length", str(len(data))), *headers]
    )
    return [data]


class SlackWsgi:
    """Routes `/slack/events` to Bolt, `/healthz` to a database check and, when given,
    `/calendar/<token>.ics` to the calendar feeds; 4xx for the rest."""

    def __init__(
        self, app: App | None, health: Health, calendar: CalendarFeeds | None = None
    ) -> None:
        self._bolt = SlackRequestHandler(app, EVENTS_PATH) if app is not None else None
        self._health = health
        self._calendar = calendar
        flow = app.oauth_flow if app is not None else None
        # With OAuth, the install link and Slack's redirect back are Bolt's too (GET only).
        self._oauth_paths = {flow.install_path, flow.redirect_uri_path} if flow else set()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            return self._healthz(start_response)
        if path.startswith(CALENDAR_PREFIX) and self._calendar is not None:
            return self._feed(path, method, start_response)
        if path in self._oauth_paths and self._bolt is not None:
            if method != "GET":
                return _reply(
                    start_response, "405 Method Not Allowed", "Use GET", headers=[("Allow", "GET")]
                )
            return self._bolt(environ, start_response)
        if path != EVENTS_PATH or self._bolt is None:
            return _reply(start_response, "404 Not Found", "Not found")
        if method != "POST":
            return _reply(
                start_response, "405 Method Not Allowed", "Use POST", headers=[("Allow", "POST")]
            )
        length = _content_length(environ)
        if length is None:
            return _reply(start_response, "400 Bad Request", "Bad Content-Length")
        if length > MAX_BODY:
            return _reply(start_response, "413 Content Too Large", "Too large")
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return _reply(start_response, "400 Bad Request", "Body must be UTF-8")
        if not _verifiable(environ):
            return _reply(start_response, "401 Unauthorized", "Signature cannot be checked")
        # The adapter reads the body again, so it gets its own copy of what was read here.
        forwarded = {**environ, "wsgi.input": io.BytesIO(raw), "CONTENT_LENGTH": str(len(raw))}
        try:
            return self._bolt(forwarded, start_response)
        except Exception:
            # Bolt's dispatch turns every error of ours into a response itself; what escapes
            # the adapter is its request parser tripping on a body no Slack request has (bad
            # JSON, a list where an object belongs, an event that is a number...): a bad request.
            log.info("refused a request body Bolt cannot parse", exc_info=True)
            return _reply(start_response, "400 Bad Request", "Unrecognised body")

    def _feed(self, path: str, method: str, start_response: StartResponse) -> list[bytes]:
        """A private calendar feed: 404 for any token that isn't a live one, never a 500."""
        if method not in {"GET", "HEAD"}:
            allow = [("Allow", "GET, HEAD")]
            return _reply(start_response, "405 Method Not Allowed", "Use GET", headers=allow)
        token = path.removeprefix(CALENDAR_PREFIX)
        if not token.endswith(CALENDAR_SUFFIX):
            return _reply(start_response, "404 Not Found", "Not found")
        assert self._calendar is not None
        try:
            body = self._calendar(token.removesuffix(CALENDAR_SUFFIX))
        except Exception:
            # The token is never logged: it is the feed's only secret.
            log.warning("a calendar feed could not be read", exc_info=True)
            return _reply(start_response, "503 Service Unavailable", "Try again later")
        if body is None:
            return _reply(start_response, "404 Not Found", "Not found")
        headers = [("Cache-Control", "private, max-age=300"), ("X-Robots-Tag", "noindex")]
        reply = _reply(start_response, "200 OK", body, "text/calendar; charset=utf-8", headers)
        return [] if method == "HEAD" else reply

    def _healthz(self, start_response: StartResponse) -> list[bytes]:
        ok = self._health()
        body = json.dumps({"ok": ok, "database": "up" if ok else "down"})
        status = "200 OK" if ok else "503 Service Unavailable"
        return _reply(start_response, status, body, "application/json")


def _content_length(environ: WSGIEnvironment) -> int | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length >= 0 else None


def _verifiable(environ: WSGIEnvironment) -> bool:
    """False for signature headers that would crash the check instead of failing it.

    The verifier reads the timestamp with int() and compares signatures with
    hmac.compare_digest, which refuses non-ASCII text; both run before the request is trusted.
    """
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    if timestamp is not None:
        try:
            int(timestamp)
        except ValueError:
            return False
    return str(environ.get("HTTP_X_SLACK_SIGNATURE", "")).isascii()


def serve(wsgi: Any, port: int, threads: int, host: str = "0.0.0.0") -> None:  # noqa: S104
    """Serve `wsgi` with waitress (threads, production-grade) until interrupted."""
    from waitress import serve as waitress_serve

    log.info("serving HTTP on %s:%s with %s threads", host, port, threads)
    waitress_serve(wsgi, host=host, port=port, threads=threads, ident="coachbot")
