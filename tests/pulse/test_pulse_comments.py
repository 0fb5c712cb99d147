"""Anonymous pulse comments: shown only when enough people commented, and the owner's reply
reaches the writer without the owner ever learning who wrote."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import PulseComment, PulseCommentLink
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.errors import AlreadyDone
from bot.domain.pulse.rules import PulseForm
from bot.scheduler import tick
from tests.conftest import COACH, OUTSIDER, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import block_action, plain, view_submission
from tests.pulse.pulse_helpers import (
    CHANNEL,
    TEAM,
    VOTERS,
    add_voters,
    all_text,
    posted_ts,
    start_direct,
    thread_posts,
)


def _comment(server: AppServer, slack: FakeSlack, pulse_id: int, user: str, text: str) -> None:
    server.post(block_action("pulse_comment", str(pulse_id), user_id=user, channel_id=CHANNEL))
    server.settle()
    view = slack.calls_to("views.open")[-1]["view"]
    reply = server.post(
        view_submission(
            "pulse_comment",
            {"pulse_comment_text": {"pulse_comment_text": plain(text)}},
            user_id=user,
            private_metadata=view["private_metadata"],
        )
    )
    server.settle()
    assert json.loads(reply.body)["response_action"] == "update"


def _run(
    server: AppServer, slack: FakeSlack, clock: ManualClock, c: Container, writers: list[str]
) -> tuple[int, str]:
    add_voters(slack)
    pulse = start_direct(c, COACH)
    question = slack.calls_to("chat.postMessage")[0]
    assert "pulse_comment" in json.dumps(question["blocks"])
    ts = posted_ts(c, pulse.id)
    for n, user in enumerate(writers):
        _comment(server, slack, pulse.id, user, f"Comment number {n}: more time for deals")
    clock.advance(timedelta(hours=24))
    tick(c)
    return pulse.id, ts


def _comments_post(slack: FakeSlack, ts: str) -> dict[str, Any]:
    return next(p for p in thread_posts(slack, ts) if "comment" in p["text"].lower())


def test_comments_show_only_when_enough_people_commented_and_name_nobody(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    _, ts = _run(server, slack, clock, container, VOTERS[:5])
    post = _comments_post(slack, ts)
    text = all_text(post)
    assert all(f"Comment number {n}" in text for n in range(5))
    assert not any(v in text for v in VOTERS)
    with container.sessions() as s:  # a comment row holds text only
        assert set(PulseComment.__table__.c.keys()) == {"id", "team_id", "pulse_id", "text"}
        assert s.scalar(select(func.count()).select_from(PulseComment)) == 5


def test_too_few_comments_are_not_shown_and_are_deleted(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    _, ts = _run(server, slack, clock, container, VOTERS[:4])
    post = _comments_post(slack, ts)
    assert "fewer than 5" in post["text"]
    assert "Comment number" not in all_text(post)
    with container.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PulseComment)) == 0
        assert s.scalar(select(func.count()).select_from(PulseCommentLink)) == 0


def test_commenting_again_replaces_ones_comment(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    add_voters(slack)
    pulse = start_direct(container, COACH)
    _comment(server, slack, pulse.id, VOTERS[0], "First thought")
    _comment(server, slack, pulse.id, VOTERS[0], "Second thought")
    with container.sessions() as s:
        assert s.scalars(select(PulseComment.text)).all() == ["Second thought"]


def test_the_owner_replies_and_never_learns_who_wrote(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    _, ts = _run(server, slack, clock, container, VOTERS[:5])
    post = _comments_post(slack, ts)
    buttons = [b["accessory"] for b in post["blocks"] if b.get("accessory", {}).get("action_id")]
    with container.sessions() as s:
        comment_id = s.scalar(
            select(PulseComment.id).where(PulseComment.text.like("Comment number 2%"))
        )
    assert str(comment_id) in [b["value"] for b in buttons]

    # Someone else can't reply.
    server.post(block_action("pulse_comment_reply", str(comment_id), user_id=OUTSIDER))
    server.settle()
    assert "Only <@U_COACH>" in json.dumps(slack.wait_for_replies()[-1])

    opened = len(slack.calls_to("views.open"))
    server.post(block_action("pulse_comment_reply", str(comment_id), user_id=COACH))
    server.settle()
    view = slack.calls_to("views.open")[opened]["view"]
    reply = server.post(
        view_submission(
            "pulse_comment_reply",
            {"pulse_reply_text": {"pulse_reply_text": plain("Thanks, let's fix the deal desk.")}},
            user_id=COACH,
            private_metadata=view["private_metadata"],
        )
    )
    server.settle()
    answer = reply.body
    writer = VOTERS[2]
    dms = [p for p in slack.calls_to("chat.postMessage") if p["channel"] == f"D{writer}"]
    assert len(dms) == 1
    assert "let's fix the deal desk" in all_text(dms[0])
    assert "Comment number 2" in all_text(dms[0])
    # Nothing the owner was shown or sent names the writer.
    seen_by_owner = [answer, json.dumps(view)]
    seen_by_owner += [json.dumps(h) for h in slack.wait_for_replies() if h["hook"].endswith(COACH)]
    seen_by_owner += [
        json.dumps(p) for p in slack.calls_to("chat.postMessage") if p["channel"] == f"D{COACH}"
    ]
    assert not any(writer in s for s in seen_by_owner)


def test_the_link_to_the_writer_is_deleted_after_the_reply_window(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    _run(server, slack, clock, container, VOTERS[:5])
    with container.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PulseCommentLink)) == 5
        comment_id = s.scalar(select(PulseComment.id))
    clock.advance(timedelta(days=15))
    tick(container)
    with container.sessions() as s:
        assert s.scalar(select(func.count()).select_from(PulseCommentLink)) == 0
    assert comment_id is not None
    with pytest.raises(AlreadyDone, match="time is up"):
        container.pulses.comments.reply(TEAM, comment_id, COACH, "Late reply")


def test_forget_me_deletes_ones_linked_comment(
    any_db_container: Container, slack: FakeSlack
) -> None:
    c = any_db_container
    add_voters(slack)
    form = PulseForm(bank_key="customer-conversation-quality", duration_hours=24)
    pulse = c.pulses.start(TEAM, COACH, CHANNEL, form)
    c.pulses.comments.comment(TEAM, pulse.id, VOTERS[0], "Mine")
    c.pulses.comments.comment(TEAM, pulse.id, VOTERS[1], "Theirs")
    c.privacy.forget_user(TEAM, VOTERS[0])
    with c.sessions() as s:
        assert s.scalars(select(PulseComment.text)).all() == ["Theirs"]
        assert s.scalars(select(PulseCommentLink.user_id)).all() == [VOTERS[1]]
