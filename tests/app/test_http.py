"""The HTTP door: signatures, garbage, health."""

from __future__ import annotations

import time

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
