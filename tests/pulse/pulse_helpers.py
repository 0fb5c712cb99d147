"""Helpers shared by the pulse tests."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import select

from bot.container import Container
from bot.db.models import OutboxMessage, Pulse
from bot.domain.pulse.dto import PulseView
from bot.domain.pulse.rules import PulseForm
from bot.slack.pulse.forms import channel_metadata
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback
from tests.conftest import AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import block_action, plain, radio, static, view_submission

TEAM = "T0001"
QUESTION_KEY = "customer-conversation-quality"
CHANNEL = "C_TEAM"
VOTERS = ["U_A1", "U_A2", "U_A3", "U_A4", "U_A5", "U_A6"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def add_voters(slack: FakeSlack) -> None:
    zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"]
    for i, uid in enumerate(VOTERS):
        slack.add_user(uid, f"voter{i}", tz=zones[i % 3])


def start_values(
    key: str = QUESTION_KEY, privacy: str = "anonymous", hours: str = "24"
) -> dict[str, Any]:
    return {
        PulseBlock.BANK: {PulseBlock.BANK: static(key)},
        PulseBlock.PRIVACY: {PulseBlock.PRIVACY: radio(privacy)},
        PulseBlock.DURATION: {PulseBlock.DURATION: static(hours)},
    }


def schedule_values(
    time: str | None = "09:30", tz: str = "Europe/Berlin", weekday: str = "4"
) -> dict[str, Any]:
    return {
        **start_values(),
        PulseBlock.EVERY: {PulseBlock.EVERY: static("1")},
        PulseBlock.WEEKDAY: {PulseBlock.WEEKDAY: static(weekday)},
        PulseBlock.TIME: {PulseBlock.TIME: {"type": "timepicker", "selected_time": time}},
        PulseBlock.TZ: {PulseBlock.TZ: plain(tz)},
    }


def submit_modal(
    server: AppServer, callback: str, values: dict[str, Any], user: str
) -> dict[str, Any]:
    """Submit a pulse modal opened in CHANNEL; the reply's JSON (empty when the modal closes)."""
    reply = server.post(
        view_submission(callback, values, user_id=user, private_metadata=channel_metadata(CHANNEL))
    )
    assert reply.status == 200, reply.body
    return json.loads(reply.body) if reply.body else {}


def submit_start(server: AppServer, user: str, **kw: Any) -> dict[str, Any]:
    return submit_modal(server, PulseCallback.START, start_values(**kw), user)


def submit_schedule(server: AppServer, user: str, **kw: Any) -> dict[str, Any]:
    return submit_modal(server, PulseCallback.SCHEDULE, schedule_values(**kw), user)


def start_direct(
    c: Container,
    user: str,
    key: str = QUESTION_KEY,
    anonymous: bool = True,
    hours: int = 24,
) -> PulseView:
    view = c.pulses.start(
        TEAM, user, CHANNEL, PulseForm(bank_key=key, anonymous=anonymous, duration_hours=hours)
    )
    c.delivery.run()
    return view


def click(
    server: AppServer,
    slack: FakeSlack,
    pulse_id: int,
    choice: int,
    user: str,
    ts: str,
    expect_ephemerals: int,
) -> dict[str, Any]:
    reply = server.post(
        block_action(
            f"{PulseAction.ANSWER}:{choice}",
            f"{pulse_id}:{choice}",
            user_id=user,
            channel_id=CHANNEL,
            message_ts=ts,
        )
    )
    assert reply.status == 200
    return slack.wait_for_replies(expect_ephemerals)[-1]


def all_text(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks", [])) + " " + str(message.get("text", ""))


def thread_posts(slack: FakeSlack, ts: str) -> list[dict[str, Any]]:
    return [m for m in slack.calls_to("chat.postMessage") if m.get("thread_ts") == ts]


def posted_ts(c: Container, pulse_id: int) -> str:
    """The ts Slack gave the pulse's channel message (waiting for a listener thread to record it,
    the way `FakeSlack.wait_for` waits for a call)."""
    deadline = time.monotonic() + 5
    while True:
        with c.sessions() as session:
            key = session.scalar(select(Pulse.post_key).where(Pulse.id == pulse_id))
            ts = session.scalar(select(OutboxMessage.ts).where(OutboxMessage.key == key))
        if ts or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert ts
    return str(ts)
