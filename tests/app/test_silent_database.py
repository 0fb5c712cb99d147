"""A database that accepts connections but never answers fails things quickly, never hangs."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.db.engine import database_answers, make_engine
from tests.app.test_startup import _pythonpath, run_cli


@pytest.fixture
def silent_database() -> Iterator[str]:
    """A PostgreSQL URL whose server completes the TCP handshake and then says nothing."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)  # connections wait in the backlog, never accepted, never answered
    port = listener.getsockname()[1]
    try:
        yield f"postgresql+psycopg://coachbot@127.0.0.1:{port}/coachbot"
    finally:
        listener.close()


def test_the_health_check_says_no_within_its_budget(silent_database: str) -> None:
    engine = make_engine(silent_database)
    started = time.monotonic()
    assert database_answers(engine, within=1.0) is False
    assert time.monotonic() - started < 3  # bounded by the budget, not by the driver
    engine.dispose()


def test_start_up_against_a_silent_database_fails_with_one_clear_line(
    silent_database: str, tmp_path: Path
) -> None:
    env = {
        **_pythonpath(),
        "SLACK_BOT_TOKEN": "xoxb-1-2-three",
        "SLACK_SIGNING_SECRET": "secret",
        "DATABASE_URL": silent_database,
    }
    result = run_cli(["db", "upgrade"], env, tmp_path, timeout=30)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "DATABASE_URL" in lines[0]
