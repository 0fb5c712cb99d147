"""The HTTP door: signatures, garbage, health."""

from __future__ import annotations

import io
import time
from urllib.parse import quote

import pytest

from bot.db.engine import database_answers, make_engine
from bot.web import SlackWsgi
from tests.conftest import SIGNING_SECRET, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import sign, slash_command, url_verification


def test_bad_missing_and_stale_signatures_get_401(server: AppServer, slack: FakeSlack) -> None:
    body = slash_command("/coachme", "Acme")
    bad = sign(body, "not-the-secret")
    stale = sign(body, SIGNING_SECRET, timestamp=int(time.time()) - 60 * 10)
    missing = {"Content-Type": "application/x-www-form-urlencoded"}
    for headers in (bad, stale, missing):
        assert server.request("/slack/events", body, headers).status == 401
    tampered = sign(body, SIGNING_SECRET)
    assert server.request("/slack/events", body + "&x=1", tampered).status == 401
    assert slack.calls_to("views.open") == []
    assert server.request("/healthz").status == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),
        ("{broken json", "application/json"),
        ("\x00\x01garbage", "application/octet-stream"),
        ("payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
        # Well-formed JSON that trips Bolt's own matching: an action_id must be a string.
        (
            "payload=" + quote('{"type":"block_actions","actions":[{"action_id":1}]}'),
            "application/x-www-form-urlencoded",
        ),
        ('{"type":"event_callback","event":5}', "application/json"),
        ("[1]", "application/json"),
    ],
)
def test_garbage_gets_4xx_never_5xx(server: AppServer, body: str, content_type: str) -> None:
    signed = sign(body, SIGNING_SECRET, content_type=content_type)
    reply = server.request("/slack/events", body, signed)
    assert 400 <= reply.status < 500
    assert "Traceback" not in reply.body
    assert server.request("/healthz").status == 200


def test_invalid_utf8_and_oversized_bodies_are_refused(server: AppServer) -> None:
    assert (
        server.request("/slack/events", b"\xff\xfe", {"Content-Type": "text/plain"}).status == 400
    )
    big = b"a" * 1_000_001
    assert server.request("/slack/events", big, {"Content-Type": "text/plain"}).status == 413


@pytest.mark.parametrize(
    ("header", "value"),
    [("X-Slack-Request-Timestamp", "yesterday"), ("X-Slack-Signature", "v0=\u00e9t\u00e9")],
)
def test_signature_headers_that_cannot_be_checked_get_401(
    server: AppServer, slack: FakeSlack, header: str, value: str
) -> None:
    body = slash_command("/coachme", "Acme")
    headers = {**sign(body, SIGNING_SECRET), header: value}
    reply = server.request("/slack/events", body, headers)
    assert reply.status == 401
    server.settle()
    # Nobody unverified can make the bot write to anyone, not even to apologise.
    assert slack.calls_to("views.open") == []
    assert slack.calls_to("chat.postEphemeral") == []
    assert slack.calls_to("chat.postMessage") == []


def call(wsgi: SlackWsgi, environ: dict[str, object]) -> tuple[str, bytes]:
    """One request straight into the WSGI app, for headers no HTTP client would send."""
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        statuses.append(status)

    base = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "wsgi.input": io.BytesIO()}
    body = b"".join(wsgi({**base, **environ}, start_response))  # type: ignore[arg-type]
    return statuses[0], body


@pytest.mark.parametrize("length", ["ten", "-1", "1.5"])
def test_bad_content_length_gets_400(server: AppServer, length: str) -> None:
    wsgi = SlackWsgi(server.app, lambda: True)
    status, _ = call(wsgi, {"CONTENT_LENGTH": length, "wsgi.input": io.BytesIO(b"x")})
    assert status == "400 Bad Request"


def test_bolt_is_reached_only_with_a_whole_body(server: AppServer) -> None:
    body = slash_command("/not-ours")
    environ = {
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.input": io.BytesIO(body.encode()),
        **{
            "HTTP_" + k.upper().replace("-", "_"): v
            for k, v in sign(body, SIGNING_SECRET).items()
            if k != "Content-Type"
        },
    }
    status, reply = call(SlackWsgi(server.app, lambda: True), environ)
    # Bolt verified the signature over the body it was handed, then found no listener.
    assert status == "404 Not Found"
    assert b"unhandled" in reply


def test_events_path_is_not_served_without_an_http_app() -> None:
    status, _ = call(SlackWsgi(None, lambda: True), {})
    assert status == "404 Not Found"


def test_health_answers_head_too() -> None:
    status, _ = call(
        SlackWsgi(None, lambda: True), {"PATH_INFO": "/healthz", "REQUEST_METHOD": "HEAD"}
    )
    assert status == "200 OK"


def test_wrong_method_and_unknown_path(server: AppServer) -> None:
    assert server.request("/slack/events").status == 405
    assert server.request("/nope").status == 404


def test_url_verification_is_answered(server: AppServer) -> None:
    reply = server.post_json(url_verification("abc123"))
    assert reply.status == 200
    assert "abc123" in reply.body


def test_health_reports_a_dead_database_as_503() -> None:
    dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/gone")
    wsgi = SlackWsgi(None, lambda: database_answers(dead))
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        statuses.append(status)

    body = wsgi({"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"}, start_response)  # type: ignore[arg-type]
    assert statuses == ["503 Service Unavailable"]
    assert b'"database": "down"' in body[0]
