"""Private calendar feeds over HTTP: a subscribed calendar shows the session, its reschedule
(same UID, SEQUENCE bumped) and its pause; a revoked or unknown token is a 404."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from sqlalchemy import select

from bot.container import Container
from bot.db.models import CalendarFeed, CoachingSession
from bot.domain.coaching import ics
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from bot.web import SlackWsgi
from handlers.home.listeners import publish_home
from tests import payloads
from tests.coaching.coaching_helpers import weekly
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack

TEAM = payloads.TEAM_ID
PUBLIC = "https://coach.example.com"


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log: a feed's URL is its secret."""


@pytest.fixture
def feeds(container: Container) -> Iterator[str]:
    """coachbot's own web server with its calendar route; yields its base URL."""
    container.settings = container.settings.model_copy(update={"public_url": PUBLIC})
    wsgi = SlackWsgi(None, lambda: True, container.coaching.calendar.ics_for)
    httpd = make_server("127.0.0.1", 0, wsgi, handler_class=_Quiet)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def _get(url: str, method: str = "GET") -> tuple[int, str, str]:
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode()


def _home_click(server: AppServer, action: str, user: str) -> None:
    view = {"id": "VHOME", "type": "home"}
    server.post(
        payloads.block_action(
            action, None, user_id=user, channel_id=None, message_ts=None, view=view
        )
    )
    server.settle()


def _link(server: AppServer, slack: FakeSlack, user: str, base: str) -> str:
    _home_click(server, "coaching_calendar_link", user)
    modal = json.dumps(slack.calls_to("views.open")[-1]["view"])
    found = re.search(re.escape(PUBLIC) + r"(/calendar/[A-Za-z0-9_-]+\.ics)", modal)
    assert found, modal
    return base + found.group(1)


def _events(body: str) -> list[dict[str, str]]:
    unfolded = body.replace("\r\n ", "")
    out = []
    for chunk in unfolded.split("BEGIN:VEVENT\r\n")[1:]:
        lines = chunk.split("END:VEVENT")[0].strip().split("\r\n")
        out.append(dict(line.split(":", 1) for line in lines))
    return out


def test_a_subscribed_calendar_shows_the_session_its_move_and_its_pause(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container, feeds: str
) -> None:
    weekly(container)  # Tuesdays 10:00 New York, 30 minutes
    publish_home(container, TEAM, COACH)
    assert "Get my calendar link" in json.dumps(slack.calls_to("views.publish")[-1]["view"])
    url = _link(server, slack, COACH, feeds)

    status, kind, body = _get(url)
    assert status == 200
    assert kind == "text/calendar; charset=utf-8"
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    events = _events(body)
    first = events[0]
    assert first["DTSTART"] == "20260303T150000Z"  # 10:00 EST
    assert first["DTEND"] == "20260303T153000Z"
    assert first["SUMMARY"] == "Coaching with Riley Rep"
    assert (first["SEQUENCE"], first["STATUS"]) == ("0", "CONFIRMED")
    assert events[1]["DTSTART"] == "20260310T140000Z"  # 10:00 EDT, after the clocks change
    uid = first["UID"]
    assert len({e["UID"] for e in events}) == len(events)

    # Moved to Wednesday 11:00: the same event, later, with a higher SEQUENCE.
    tick(container)
    pair_id = container.coaching.overview(TEAM, COACH).reps[0].id
    with container.sessions() as s:
        session_id = s.scalar(select(CoachingSession.id).where(CoachingSession.pair_id == pair_id))
    assert session_id is not None
    container.coaching.reschedule(TEAM, COACH, session_id, date(2026, 3, 4), "11:00")
    moved = [e for e in _events(_get(url)[2]) if e["UID"] == uid]
    assert len(moved) == 1
    assert (moved[0]["DTSTART"], moved[0]["SEQUENCE"]) == ("20260304T160000Z", "1")
    assert not [e for e in _events(_get(url)[2]) if e["DTSTART"] == "20260303T150000Z"]

    # Paused until 20 March: the moved session is cancelled, the next two are gone.
    container.coaching.pause_person(TEAM, REP, date(2026, 3, 20))
    after = _events(_get(url)[2])
    same = [e for e in after if e["UID"] == uid]
    assert same[0]["STATUS"] == "CANCELLED" and int(same[0]["SEQUENCE"]) > 1
    starts = [e["DTSTART"] for e in after if e["STATUS"] == "CONFIRMED"]
    assert "20260310T140000Z" not in starts and "20260317T140000Z" not in starts
    assert "20260324T140000Z" in starts

    # The rep's own feed shows the same sessions, named for the coach.
    rep_url = _link(server, slack, REP, feeds)
    assert "SUMMARY:Coaching with Casey Coach" in _get(rep_url)[2]


def test_revoked_renewed_and_unknown_tokens_get_a_404_never_a_500(
    server: AppServer, slack: FakeSlack, container: Container, feeds: str
) -> None:
    weekly(container)
    old = _link(server, slack, COACH, feeds)
    new = _link(server, slack, COACH, feeds)  # a new link stops the old one
    assert _get(old)[0] == 404
    assert _get(new)[0] == 200
    assert _get(new, "HEAD")[0] == 200
    with container.sessions() as s:
        stored = s.scalars(select(CalendarFeed.token_hash)).all()
    token = new.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(stored) == 1 and token not in stored[0]  # only a hash is kept
    _home_click(server, "coaching_calendar_off", COACH)
    assert _get(new)[0] == 404
    for path in ("x.ics", "short.ics", "A" * 43 + ".ics", "..%2F..%2Fetc.ics", "", "A" * 500):
        assert _get(f"{feeds}/calendar/{path}")[0] == 404, path
    req = urllib.request.Request(new, data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=10)
    assert refused.value.code == 405


def test_no_public_url_no_feed(server: AppServer, slack: FakeSlack, container: Container) -> None:
    weekly(container)
    publish_home(container, TEAM, COACH)
    assert "calendar link" not in json.dumps(slack.calls_to("views.publish")[-1]["view"])
    _home_click(server, "coaching_calendar_link", COACH)
    assert "PUBLIC_URL" in json.dumps(slack.calls_to("views.open")[-1]["view"])
    assert not container.coaching.calendar.has_feed(TEAM, COACH)


def test_lines_are_folded_at_75_octets_and_text_is_escaped() -> None:
    start = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    event = ics.Event("u@x", 0, start, start, "Coaching with Zoë, “the best”; " * 5, "a\nb")
    text = ics.calendar("Test", [event], start)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Coaching with Zoë\\, “the best”\\; " in unfolded
    assert "DESCRIPTION:a\\nb" in unfolded


def test_public_url_must_be_an_address() -> None:
    from bot.config import SettingsError, load_settings

    base = {"slack_bot_token": "xoxb-1", "slack_signing_secret": "s", "_env_file": None}
    assert load_settings(**base, public_url="https://c.example.com/").public_url == (
        "https://c.example.com"
    )
    with pytest.raises(SettingsError, match="PUBLIC_URL"):
        load_settings(**base, public_url="coach.example.com")


def test_forget_me_deletes_the_feed(container: Container) -> None:
    container.coaching.calendar.issue(TEAM, REP)
    container.privacy.forget_user(TEAM, REP)
    assert not container.coaching.calendar.has_feed(TEAM, REP)


def test_a_feed_that_cannot_be_read_is_a_503_not_a_500() -> None:
    def broken(token: str) -> str | None:
        raise RuntimeError("database down")

    wsgi = SlackWsgi(None, lambda: True, broken)
    replies: list[str] = []
    environ = {"PATH_INFO": "/calendar/" + "A" * 43 + ".ics", "REQUEST_METHOD": "GET"}
    body = b"".join(wsgi(environ, lambda status, headers: replies.append(status)))
    assert replies == ["503 Service Unavailable"]
    assert b"A" * 43 not in body
