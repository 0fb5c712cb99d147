"""Two `coachbot scheduler` processes on one PostgreSQL database never send a nudge twice."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.container import Container, build_container
from bot.db.engine import make_engine
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests.coaching.coaching_helpers import posts_to, weekly
from tests.conftest import COACH, OUTSIDER, PEER, REP, _truncate, make_settings
from tests.fakes.slack_api import FakeSlack


@pytest.fixture
def two_processes(
    _pg_engine: Engine, slack: FakeSlack, clock: ManualClock
) -> Iterator[tuple[Container, Container]]:
    url = _pg_engine.url.render_as_string(hide_password=False)
    _truncate(_pg_engine)
    built = []
    for _ in range(2):
        c = build_container(make_settings(slack, url), clock=clock, engine=make_engine(url))
        c.gateway.client.retry_handlers.clear()
        built.append(c)
    yield built[0], built[1]
    for c in built:
        c.close()
    _truncate(_pg_engine)


def _tick_together(a: Container, b: Container) -> list[dict[str, Any]]:
    barrier = threading.Barrier(2)
    results: list[dict[str, Any]] = []

    def run(c: Container) -> None:
        barrier.wait()
        results.append(tick(c))

    threads = [threading.Thread(target=run, args=(c,)) for c in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_each_nudge_goes_out_once(
    two_processes: tuple[Container, Container], slack: FakeSlack, clock: ManualClock
) -> None:
    a, b = two_processes
    weekly(a)  # Casey coaches Riley, Tuesdays 10:00 New York
    weekly(a, manager=OUTSIDER, rep=PEER, weekday=1, start="16:00", lead="morning")
    clock.set(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    while clock.now() < datetime(2026, 3, 3, 23, 0, tzinfo=UTC):
        for result in _tick_together(a, b):
            assert result["plan_coaching"] is not None  # no job crashed
        clock.advance(timedelta(minutes=10))
    posts = slack.calls_to("chat.postMessage")
    per_channel = Counter(p["channel"] for p in posts)
    assert per_channel == {
        "D" + REP: 2,  # prep, and the rep's own "did it happen?"
        "D" + COACH: 2,  # reminder, did it happen?
        "D" + PEER: 2,
        "D" + OUTSIDER: 2,
    }
    texts = [p["text"] for p in posts_to(slack, COACH)]
    assert len(set(texts)) == 2
