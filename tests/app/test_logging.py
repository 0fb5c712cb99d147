"""Logs an operator can read: libraries speak from WARNING up, unless DEBUG is asked for."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.config import QUIET_LIBRARIES, configure_logging
from bot.slack.requestlog import describe


@pytest.fixture
def restore_levels() -> Iterator[None]:
    saved = {name: logging.getLogger(name).level for name in QUIET_LIBRARIES}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("restore_levels")
def test_library_chatter_is_quiet_at_info_and_speaks_at_debug() -> None:
    configure_logging("INFO")
    for name in ("slack_bolt", "slack_sdk", "apscheduler", "urllib3", "waitress", "sqlalchemy"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING, name
        assert not logging.getLogger(f"{name}.child").isEnabledFor(logging.INFO), name
    configure_logging("DEBUG")
    assert logging.getLogger("slack_bolt").isEnabledFor(logging.DEBUG)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"command": "/coachme", "text": "Acme renewal, secret words"}, ("command", "/coachme")),
        (
            {"type": "block_actions", "actions": [{"action_id": "export_sessions", "value": "x"}]},
            ("action", "export_sessions"),
        ),
        (
            {"type": "view_submission", "view": {"callback_id": "coachme_request", "state": {}}},
            ("view", "coachme_request"),
        ),
        (
            {"type": "event_callback", "event": {"type": "app_home_opened", "text": "hi"}},
            ("event", "app_home_opened"),
        ),
        ({"type": "block_actions", "actions": "not a list"}, ("action", "")),
    ],
)
def test_a_request_is_described_by_its_ids_only(
    body: dict[str, object], expected: tuple[str, str]
) -> None:
    assert describe(body) == expected
