"""Two web and two scheduler processes on PostgreSQL, 2,000 due messages over 20 workspaces,
one of which answers 429 to every other post: each message is delivered exactly once, the
other workspaces keep their turn, and killing one process of each kind loses nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.engine import make_engine, make_session_factory
from bot.db.migrate import upgrade
from bot.db.models import OutboxMessage
from bot.domain.kernel.outbox import Notice, enqueue
from tests.conftest import SIGNING_SECRET
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_oauth import CLIENT_ID, CLIENT_SECRET
from tests.installs.oauth_helpers import install, token_of
from tests.payloads import event_callback, sign_json

ROOT = Path(__file__).resolve().parents[2]
TEAMS = [f"TS{i:04d}" for i in range(20)]
PER_TEAM = 100
NOISY = TEAMS[7]  # answers 429 to every other post
KILL_AFTER = 400


def _rep(team: str) -> str:
    return f"U_R{team}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(slack: FakeSlack, database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    return {
        **env,
        "PYTHONPATH": str(ROOT),
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "TICK_SECONDS": "5",
        "LOG_LEVEL": "ERROR",
    }


def _start(kind: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", kind],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "a web process exited at start-up"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("a web process never became healthy")


def _post_event(port: int, body: str) -> int:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers=sign_json(body, SIGNING_SECRET),
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return int(resp.status)


def _sent(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        query = select(func.count()).where(OutboxMessage.status == "sent")
        return int(session.scalar(query) or 0)


@pytest.fixture
def pg_engine(postgres_server_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_server_url)
    upgrade(engine)
    from tests.conftest import _truncate

    _truncate(engine)
    yield engine
    _truncate(engine)
    engine.dispose()


@pytest.mark.slow
def test_two_webs_and_two_schedulers_deliver_each_message_once(
    slack: FakeSlack, pg_engine: Engine
) -> None:
    url = pg_engine.url.render_as_string(hide_password=False)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        webs = []
        for _ in range(2):
            port = _free_port()
            proc = _start("web", _env(slack, url, port))
            procs.append(proc)
            webs.append((port, proc))
        for port, proc in webs:
            _wait_healthy(port, proc)
        # Workspaces install through either web process.
        for n, team in enumerate(TEAMS):
            slack.add_workspace(team, f"Team {n}")
            port = webs[n % 2][0]
            page = install(SimpleNamespace(url=f"http://127.0.0.1:{port}"), slack, team)  # type: ignore[arg-type]
            assert page.status == 200, page.body
        for team in TEAMS:  # one person per workspace, each with their own DM
            slack.add_user(_rep(team), f"Rep {team}", team_id=team)
        # One event, retried by Slack to both web processes: handled once.
        opened = {"type": "app_home_opened", "user": _rep(TEAMS[0]), "tab": "home"}
        body = event_callback(opened, TEAMS[0])
        assert [_post_event(port, body) for port, _ in webs] == [200, 200]

        sessions = make_session_factory(pg_engine)
        now = datetime.now(UTC) - timedelta(minutes=1)
        keys = [f"scale:{team}:{i}" for i in range(PER_TEAM) for team in TEAMS]
        with sessions.begin() as session:
            for key in keys:
                team = key.split(":")[1]
                payload = {"deal_name": key, "rep_user_id": "U_X"}
                notice = Notice(key, team, _rep(team), "feedback_thanks", key, payload, now)
                enqueue(session, notice, now)
        slack.throttle(NOISY)

        schedulers = [_start("scheduler", _env(slack, url, _free_port())) for _ in range(2)]
        procs += schedulers
        # Under way, one process of each kind is killed outright, mid-batch; a supervisor
        # starts a new scheduler, as it would in production. What the killed one held comes
        # back when its lease runs out.
        deadline = time.monotonic() + 60
        while len(slack.teams_called("chat.postMessage")) < KILL_AFTER:
            assert time.monotonic() < deadline, "the schedulers made no progress"
            time.sleep(0.02)
        os.kill(schedulers[0].pid, signal.SIGKILL)
        os.kill(webs[1][1].pid, signal.SIGKILL)
        procs.append(_start("scheduler", _env(slack, url, _free_port())))
        # The web process left still serves.
        again = event_callback(
            {"type": "app_home_opened", "user": _rep(TEAMS[1]), "tab": "home"}, TEAMS[1]
        )
        assert _post_event(webs[0][0], again) == 200

        deadline = time.monotonic() + 150
        while _sent(sessions) < len(keys):
            assert time.monotonic() < deadline, "messages were lost"
            time.sleep(0.5)

    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()

    # Exactly once, each with its own workspace's token.
    assert [k for k in keys if len(slack.posts_with_key(k)) != 1] == []
    teams = {m["team"] for k in keys for m in slack.posts_with_key(k)}
    assert teams == set(TEAMS)
    # One publish for the event Slack sent to both web processes, one for the later event.
    assert [c["user_id"] for c in slack.calls_to("views.publish")] == [
        _rep(TEAMS[0]),
        _rep(TEAMS[1]),
    ]
    # The noisy workspace's 429s cost the others nothing: in the first half of all posts,
    # every other workspace had close to its share (50) and none went without.
    posted = sorted(
        (m for msgs in slack.history.values() for m in msgs), key=lambda m: float(m["ts"])
    )
    first_half = Counter(m["team"] for m in posted[: len(keys) // 2])
    quiet = [first_half[t] for t in TEAMS if t != NOISY]
    assert min(quiet) >= 45, first_half
    assert first_half[NOISY] < min(quiet)
    assert token_of(slack, TEAMS[0])
