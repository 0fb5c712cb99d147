"""Pulse check-ins end to end: signed requests into the real app, a fake Slack behind it."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from bot.slack.pulse.ids import PulseAction, PulseCallback, PulseCommand
from bot.slack.pulse.messages import NOT_ENOUGH
from tests.blockkit import slack_date_token
from tests.conftest import COACH, OUTSIDER, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import block_action, slash_command
from tests.pulse.pulse_helpers import (
    CHANNEL,
    VOTERS,
    add_voters,
    all_text,
    click,
    posted_ts,
    start_direct,
    submit_start,
    thread_posts,
)


def test_pulse_posts_six_answer_one_changes_and_results_show_with_a_chart(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    add_voters(slack)
    server.post(slash_command(PulseCommand.PULSE, "", user_id=COACH, channel_id=CHANNEL))
    opened = slack.wait_for("views.open")[0]
    assert opened["view"]["callback_id"] == PulseCallback.START

    submit_start(server, COACH)
    question = slack.wait_for("chat.postMessage")[0]
    assert question["channel"] == CHANNEL
    body = all_text(question)
    assert "Anonymous" in body
    assert "at least 5 people answer" in body
    buttons = [
        e
        for b in question["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith(PulseAction.ANSWER)
    ]
    assert [b["text"]["text"] for b in buttons] == ["1", "2", "3", "4", "5"]
    pulse_id = int(buttons[0]["value"].split(":")[0])
    post_ts = posted_ts(container, pulse_id)

    # Six people answer (scale choices 0-based: 3 means "4"); the first changes their mind.
    picks = [3, 3, 4, 1, 3, 2]
    for n, (user, choice) in enumerate(zip(VOTERS, picks, strict=True), start=1):
        receipt = click(server, slack, pulse_id, choice, user, post_ts, n)
        assert receipt["hook"].endswith(user)
    changed = click(server, slack, pulse_id, 4, VOTERS[0], post_ts, 7)
    assert "changed your answer to *5*" in changed["text"]
    first = slack.wait_for_replies()[0]
    # U_A1 lives in Berlin; the pulse closes 24h after Monday 15:00 UTC = Tuesday 16:00 there.
    assert "you answered *4*" in first["text"]
    assert "until " + slack_date_token("2026-03-03T15:00", "Tue 3 Mar, 16:00 CET") in first["text"]
    # No running counts anywhere in the channel.
    assert len(slack.calls_to("chat.postMessage")) == 1

    clock.advance(timedelta(hours=24))
    tick(container)
    results = thread_posts(slack, post_ts)
    assert len(results) == 1
    text = all_text(results[0])
    # 5,4,5,2,4,3 -> "2":1 "3":1 "4":2 "5":2, average 3.8
    assert "6 answers" in text
    assert re.search(r"2: 1 \(17%\)", text)
    assert re.search(r"4: 2 \(33%\)", text)
    assert re.search(r"5: 2 \(33%\)", text)
    assert re.search(r"1: 0 \(0%\)", text)
    assert "3.8" in text
    # One result is a number, not a trend: no chart yet (the next run brings one).
    assert slack.uploads == {}
    assert "data_visualization" not in json.dumps(slack.calls_to("chat.postMessage"))
    # The channel message loses its buttons once closed.
    update = slack.wait_for("chat.update")[0]
    assert update["ts"] == post_ts
    assert "actions" not in json.dumps(update["blocks"])


def test_four_answers_show_nothing_but_not_enough(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    add_voters(slack)
    pulse = start_direct(container, COACH)
    ts = posted_ts(container, pulse.id)
    for n, user in enumerate(VOTERS[:4], start=1):
        click(server, slack, pulse.id, 2, user, ts, n)
    clock.advance(timedelta(hours=24))
    tick(container)
    results = thread_posts(slack, ts)
    assert len(results) == 1
    assert results[0]["text"] == NOT_ENOUGH
    assert not re.search(r"\d", all_text(results[0]))  # no counts, no percentages
    assert slack.uploads == {}
    assert not re.search(r"\d", all_text(slack.wait_for("chat.update")[0]).split("<@")[0])


def test_bot_not_in_channel_gets_a_clear_invite(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    slack.set_not_in_channel(CHANNEL)
    server.post(slash_command(PulseCommand.PULSE, "", user_id=COACH, channel_id=CHANNEL))
    note = slack.wait_for_replies()[0]
    assert "/invite @coachbot" in note["text"]
    assert note["hook"].endswith(COACH)
    assert slack.calls_to("views.open") == []

    # Invited once, removed before the post: the starter hears how to fix it, by DM.
    start_direct(container, COACH)
    dm = slack.wait_for("chat.postMessage", count=2)[-1]
    assert dm["channel"].startswith("D")
    assert "/invite @coachbot" in dm["text"]


def test_only_the_starter_or_an_admin_can_close_early(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    add_voters(slack)
    pulse = start_direct(container, COACH, key="coach-real-conversation")
    ts = posted_ts(container, pulse.id)
    for n, user in enumerate(VOTERS[:5], start=1):
        click(server, slack, pulse.id, n % 2, user, ts, n)
    server.post(
        block_action(
            PulseAction.CLOSE, str(pulse.id), user_id=OUTSIDER, channel_id=CHANNEL, message_ts=ts
        )
    )
    no = slack.wait_for_replies(6)[-1]
    assert no["hook"].endswith(OUTSIDER)
    assert "Only <@U_COACH>" in no["text"]
    assert thread_posts(slack, ts) == []

    server.post(
        block_action(
            PulseAction.CLOSE, str(pulse.id), user_id=COACH, channel_id=CHANNEL, message_ts=ts
        )
    )
    slack.wait_for("chat.update")
    server.settle()
    text = all_text(thread_posts(slack, ts)[0])
    assert "Yes: 2 (40%)" in text
    assert "No: 3 (60%)" in text


def test_help_and_unknown_words_show_help(server: AppServer, slack: FakeSlack) -> None:
    for words in ("help", "banana"):
        reply = server.post(
            slash_command(PulseCommand.PULSE, words, user_id=COACH, channel_id=CHANNEL)
        )
        assert "/pulse schedule" in reply.body
    assert slack.calls_to("views.open") == []


def test_settings_are_for_admins_only(server: AppServer, slack: FakeSlack) -> None:
    server.post(slash_command(PulseCommand.PULSE, "settings", user_id=OUTSIDER, channel_id=CHANNEL))
    no = slack.wait_for_replies()[0]
    assert "workspace admins" in no["text"]
    slack.add_user("U_ADMIN", "admin", is_admin=True)
    server.post(
        slash_command(PulseCommand.PULSE, "settings", user_id="U_ADMIN", channel_id=CHANNEL)
    )
    view = slack.wait_for("views.open")[0]["view"]
    assert view["callback_id"] == PulseCallback.SETTINGS


def test_big_channel_one_reminder_nothing_per_member(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    slack.set_channel_members(CHANNEL, 1500)
    add_voters(slack)
    pulse = start_direct(container, COACH, hours=24)
    ts = posted_ts(container, pulse.id)
    click(server, slack, pulse.id, 1, VOTERS[0], ts, 1)
    for _ in range(30):  # a tick every hour until it has closed
        clock.advance(timedelta(hours=1))
        tick(container)
    posts = slack.calls_to("chat.postMessage")
    reminders = [p for p in posts if "closes" in p["text"] or "closing" in p["text"]]
    assert len(reminders) == 1
    assert reminders[0]["channel"] == CHANNEL
    assert VOTERS[1] not in json.dumps(reminders[0])  # never a list of who hasn't answered
    methods = set(slack.methods_called())
    assert "conversations.members" not in methods
    assert "conversations.open" not in methods
    assert len(posts) == 3  # question, reminder, result
