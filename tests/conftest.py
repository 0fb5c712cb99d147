"""Shared fixtures: a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
a fake Slack Web API over HTTP, and the real app behind a real HTTP server."""

from __future__ import annotations

import io
import os
import threading
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.container import Container, build_container
from bot.db.base import Base
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.domain.kernel.clock import ManualClock
from tests.fakes.slack_api import FakeSlack
from tests.payloads import serve_hooks_at, sign, sign_json

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
# A Monday morning in New York, far from any daylight-saving change.
START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)

REP, COACH, PEER, OUTSIDER = "U_REP", "U_COACH", "U_PEER", "U_OUT"


def _postgres_base_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session (dropped at the end)."""
    base = _postgres_base_url()
    if base is None:
        pytest.skip("TEST_DATABASE_URL not set; PostgreSQL tests skipped")
    url = make_url(base)
    name = f"coachbot_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _truncate(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(scope="session")
def _pg_engine(postgres_server_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_server_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on each backend the data layer supports."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
    else:
        engine = request.getfixturevalue("_pg_engine")
        _truncate(engine)
        yield engine
        _truncate(engine)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite database, for tests about Slack rather than storage."""
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user(REP, "Riley Rep", tz="America/New_York")
        fake.add_user(COACH, "Casey Coach", tz="America/New_York")
        fake.add_user(PEER, "Pat Peer", tz="Europe/Berlin")
        fake.add_user(OUTSIDER, "Olive Outsider", tz="America/Chicago")
        fake.add_user("U_GONE", "Gail Gone", deleted=True)
        fake.add_user("U_BOT2", "Some Bot", is_bot=True)
        serve_hooks_at(fake.root_url)
        try:
            yield fake
        finally:
            serve_hooks_at(None)
        assert not fake.handler_errors, fake.handler_errors


def make_settings(slack: FakeSlack, database_url: str, **extra: Any) -> Settings:
    return Settings(
        slack_bot_token=BOT_TOKEN,  # type: ignore[arg-type]
        slack_signing_secret=SIGNING_SECRET,  # type: ignore[arg-type]
        slack_api_url=slack.base_url,
        database_url=database_url,
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )


def _container(slack: FakeSlack, engine: Engine, clock: ManualClock) -> Container:
    settings = make_settings(slack, engine.url.render_as_string(hide_password=False))
    c = build_container(settings, clock=clock, engine=engine)
    # Tests should not wait out real back-off sleeps between retries.
    c.gateway.client.retry_handlers.clear()
    return c


@pytest.fixture
def container(slack: FakeSlack, sqlite_engine: Engine, clock: ManualClock) -> Container:
    return _container(slack, sqlite_engine, clock)


@pytest.fixture
def any_db_container(slack: FakeSlack, db_engine: Engine, clock: ManualClock) -> Container:
    """A container on each database backend."""
    return _container(slack, db_engine, clock)


@dataclass
class HttpReply:
    status: int
    body: str
    headers: dict[str, str]


class TrackingExecutor(ThreadPoolExecutor):
    """Bolt's listener pool, able to say when every listener has finished."""

    def __init__(self) -> None:
        super().__init__(max_workers=8)
        self._futures: list[Future[Any]] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        self._futures.append(future)
        return future

    def wait_idle(self, timeout: float = 10.0) -> None:
        wait(list(self._futures), timeout=timeout)


class _Buffered:
    """Reads the whole request body before the app runs, as waitress does in production.

    Without it the test server would close a connection with an unread body (an oversized
    one, say) and the client would see a reset instead of the app's answer.
    """

    def __init__(self, app: Any) -> None:
        self._app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > 0:
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
        return self._app(environ, start_response)


class _ThreadingWsgiServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Test runs stay quiet; failures show up in the assertions instead."""


class AppServer:
    """The real app behind a threaded WSGI server on a free port, and a signed-request client."""

    def __init__(self, c: Container) -> None:
        from bot.app import create_app
        from bot.db.engine import database_answers
        from bot.web import SlackWsgi

        self.container = c
        self.executor = TrackingExecutor()
        self.app = create_app(c, self.executor)
        wsgi = _Buffered(SlackWsgi(self.app, lambda: database_answers(c.engine)))
        self._server = make_server(
            "127.0.0.1", 0, wsgi, server_class=_ThreadingWsgiServer, handler_class=_QuietHandler
        )
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(
        self,
        path: str,
        body: str | bytes | None = None,
        headers: dict[str, str] | None = None,
        method: str | None = None,
    ) -> HttpReply:
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(
            self.url + path,
            data=data,
            headers=headers or {},
            method=method or ("POST" if data is not None else "GET"),
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return HttpReply(resp.status, resp.read().decode(), dict(resp.headers))
        except urllib.error.HTTPError as err:
            return HttpReply(err.code, err.read().decode(), dict(err.headers))

    def post(self, body: str) -> HttpReply:
        """POST a form body to /slack/events, signed with the app's secret."""
        return self.request("/slack/events", body, sign(body, SIGNING_SECRET))

    def post_json(self, body: str) -> HttpReply:
        return self.request("/slack/events", body, sign_json(body, SIGNING_SECRET))

    def settle(self) -> None:
        """Wait until every listener started so far has finished."""
        self.executor.wait_idle()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self.executor.shutdown(wait=True)


@pytest.fixture
def server(container: Container) -> Iterator[AppServer]:
    srv = AppServer(container)
    yield srv
    srv.close()
