"""kill -9 at random points of a 600-message delivery: every message still arrives exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, enqueue
from tests.conftest import BOT_TOKEN, REP, SIGNING_SECRET
from tests.fakes.slack_api import FakeSlack

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 600


def _posted(slack: FakeSlack) -> int:
    return sum(1 for call in slack.calls_to("chat.postMessage"))


def _child(slack: FakeSlack, engine: Engine) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "LOG_LEVEL": "ERROR",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.kernel.delivery_child"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_kill_9_at_random_points_loses_nothing_and_sends_nothing_twice(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    keys = [f"kill:{i}" for i in range(MESSAGES)]
    with c.sessions.begin() as session:
        for key in keys:
            notice = Notice(
                key,
                "T0001",
                REP,
                "feedback_thanks",
                key,
                {"deal_name": key, "rep_user_id": "U_X"},
                clock.now(),
            )
            enqueue(session, notice, clock.now())
    rng = random.Random(9)
    for stop_after in sorted(rng.sample(range(50, MESSAGES - 50), 3)):
        child = _child(slack, c.engine)
        deadline = time.monotonic() + 60
        while _posted(slack) < stop_after and child.poll() is None:
            assert time.monotonic() < deadline, "the delivery process made no progress"
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    # The next start, a lease and a tick later.
    clock.set(datetime.now(UTC) + timedelta(minutes=2))
    while c.delivery.run().sent:
        pass
    counts = {key: len(slack.posts_with_key(key)) for key in keys}
    assert [k for k, n in counts.items() if n != 1] == []
    assert {c.outbox.status_of(k) for k in keys} == {"sent"}
