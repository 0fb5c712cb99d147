"""Installing the real app by OAuth against the fake Slack, as a browser would."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine, func, select

from bot.config import Settings
from bot.container import Container, build_container
from bot.db.base import Base
from bot.domain.kernel.clock import ManualClock
from tests.conftest import SIGNING_SECRET, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET


def oauth_settings(slack: FakeSlack, database_url: str) -> Settings:
    return Settings(
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,  # type: ignore[arg-type]
        slack_signing_secret=SIGNING_SECRET,  # type: ignore[arg-type]
        slack_api_url=slack.base_url,
        database_url=database_url,
        _env_file=None,  # type: ignore[call-arg]
    )


def oauth_container(slack: FakeSlack, engine: Engine, clock: ManualClock) -> Container:
    url = engine.url.render_as_string(hide_password=False)
    return build_container(oauth_settings(slack, url), clock=clock, engine=engine)


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str


def get(url: str, headers: dict[str, str] | None = None) -> Page:
    """One GET, redirects not followed (the test follows them, carrying the cookie)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return Page(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode())
    finally:
        conn.close()


def install(server: AppServer, slack: FakeSlack, team: str) -> Page:
    """Open /slack/install, approve on Slack's consent page, come back to the redirect URL."""
    slack.oauth.redirect_url = f"{server.url}/slack/oauth_redirect"
    start = get(f"{server.url}/slack/install?team={team}")
    assert start.status == 302, start
    cookie = start.headers["set-cookie"].split(";")[0]
    consent = get(start.headers["location"])
    assert consent.status == 302, consent
    return get(consent.headers["location"], {"Cookie": cookie})


def token_of(slack: FakeSlack, team: str) -> str:
    """The newest bot token the fake issued for `team`."""
    issued = [t for t, i in slack.oauth.tokens.items() if i.team_id == team and not i.revoked]
    assert issued, f"no token issued for {team}"
    return issued[-1]


def rows_of(c: Container, team: str) -> dict[str, int]:
    """How many rows each table holds for `team` (tables without rows left out)."""
    counts: dict[str, int] = {}
    with c.sessions() as session:
        for table in Base.metadata.sorted_tables:
            if "team_id" in table.c:
                query = select(func.count()).select_from(table).where(table.c.team_id == team)
                n = int(session.scalar(query) or 0)
                if n:
                    counts[table.name] = n
    return counts


@pytest.fixture
def oauth_server(
    slack: FakeSlack, sqlite_engine: Engine, clock: ManualClock
) -> Iterator[AppServer]:
    srv = AppServer(oauth_container(slack, sqlite_engine, clock))
    yield srv
    srv.close()
