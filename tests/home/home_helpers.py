"""Shared steps for the App Home tests: open the Home as someone, click on it, live weeks."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests import payloads
from tests.conftest import AppServer
from tests.fakes.slack_api import FakeSlack

T = payloads.TEAM_ID
HOME = {"id": "V_HOME", "type": "home", "blocks": []}


def open_home(server: AppServer, slack: FakeSlack, user: str) -> str:
    """Send app_home_opened for `user` and return the view published for them, as JSON."""
    before = len([c for c in slack.calls_to("views.publish") if c["user_id"] == user])
    event = {"type": "app_home_opened", "user": user, "tab": "home", "channel": "D" + user}
    assert server.post_json(payloads.event_callback(event)).status == 200
    server.settle()
    return published_for(slack, user, before + 1)


def published_for(slack: FakeSlack, user: str, count: int = 1) -> str:
    """The `count`-th (at least) view published for `user`, as JSON; waits for it."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        mine = [c for c in slack.calls_to("views.publish") if c["user_id"] == user]
        if len(mine) >= count:
            return json.dumps(mine[-1]["view"], ensure_ascii=False)
        time.sleep(0.01)
    raise AssertionError(f"no views.publish #{count} for {user}")


def click_on_home(server: AppServer, action_id: str, user: str, value: str | None = None) -> None:
    """Click a button on `user`'s Home tab."""
    body = payloads.block_action(
        action_id, value, user, channel_id=None, message_ts=None, view=HOME
    )
    assert server.post(body).status == 200
    server.settle()


def live(
    c: Container, clock: ManualClock, hours: int, step: timedelta = timedelta(hours=1)
) -> None:
    """Let `hours` pass, ticking the scheduler every `step`."""
    for _ in range(int(timedelta(hours=hours) / step)):
        clock.advance(step)
        tick(c)


def dms(slack: FakeSlack, user: str, words: str) -> list[dict[str, Any]]:
    """DMs to `user` whose text contains `words`."""
    return [
        p
        for p in slack.calls_to("chat.postMessage")
        if p.get("channel") == "D" + user and words in str(p.get("text", ""))
    ]
