"""The sandbox speaks Slack's protocol: the bot's own gateway and signed requests work on it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.db.models import BidPromptRow
from bot.sandbox.door import Door
from bot.sandbox.people import ADMIN, MANAGER, REP, REP2, TEAM_CHANNEL, dm_of
from bot.sandbox.runner import Sandbox
from bot.sandbox.seed import SHARED_BIDS
from bot.sandbox.server import COMMANDS
from bot.slack.blockkit import Message
from bot.slack.send_errors import SlackSendError
from tests.sandbox.conftest import START

ROOT = Path(__file__).resolve().parents[2]


def test_commands_are_escaped_as_the_manifest_says() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    declared = {
        c["command"]: bool(c.get("should_escape")) for c in manifest["features"]["slash_commands"]
    }
    assert declared == COMMANDS


def test_first_start_seeds_coaching_bids_and_a_pulse(sandbox: Sandbox) -> None:
    c = sandbox.c
    assert c is not None
    planned = c.coaching.preview(c.clock.now(), 8)
    assert {n.rep_id for n in planned} == {REP.user_id, REP2.user_id}
    assert {n.manager_id for n in planned} == {MANAGER.user_id}
    assert c.feedback.default_coach("T0SANDBOX", REP.user_id) == MANAGER.user_id
    assert len(c.pulses.open_in_channel("T0SANDBOX", TEAM_CHANNEL)) == 1
    with c.sessions() as s:
        shared = s.scalars(
            select(BidPromptRow.text).where(
                BidPromptRow.added_by == ADMIN.user_id, BidPromptRow.owner_user_id.is_(None)
            )
        ).all()
    assert sorted(shared) == sorted(SHARED_BIDS)


def test_posts_carry_metadata_the_gateway_can_find_again(sandbox: Sandbox) -> None:
    c = sandbox.c
    assert c is not None
    sent = c.gateway.post(REP.user_id, Message("hello", []), key="demo:1")
    assert sent.channel == dm_of(REP.user_id)
    assert c.gateway.find_posted(sent.channel, "demo:1") == sent
    assert c.gateway.find_posted(sent.channel, "demo:2") is None


def test_ephemeral_messages_cannot_be_edited_and_triggers_open_one_modal(sandbox: Sandbox) -> None:
    c = sandbox.c
    assert c is not None
    c.gateway.ephemeral(TEAM_CHANNEL, REP.user_id, Message("just you"))
    seen = sandbox.ws.visible(TEAM_CHANNEL, REP.user_id)
    assert [m["text"] for m in seen if m.get("visible_to")] == ["just you"]
    assert not [m for m in sandbox.ws.visible(TEAM_CHANNEL, REP2.user_id) if m.get("visible_to")]
    with pytest.raises(SlackSendError) as refused:
        c.gateway.update(TEAM_CHANNEL, seen[-1]["ts"], Message("edited"))
    assert refused.value.error == "cant_update_message"

    trigger = sandbox.triggers.issue(REP.user_id)
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Hi"}, "blocks": []}
    assert c.gateway.open_view(trigger, view)
    assert sandbox.ws.top_modal(REP.user_id) is not None
    with pytest.raises(SlackSendError) as reused:
        c.gateway.open_view(trigger, view)
    assert reused.value.error == "expired_trigger_id"


def test_requests_signed_with_another_secret_are_refused_by_the_bot(sandbox: Sandbox) -> None:
    forged = Door(sandbox.ws, sandbox.triggers, "not-the-secret", sandbox.url)
    forged.bot_url = sandbox.door.bot_url
    forged.command(REP.user_id, dm_of(REP.user_id), "/coachme", "", False)
    told = sandbox.ws.visible(dm_of(REP.user_id), REP.user_id)
    assert "failed with the error “http_error (401)”" in told[-1]["text"]
    assert sandbox.ws.top_modal(REP.user_id) is None


def test_reset_starts_over_with_fresh_seed_data(sandbox: Sandbox) -> None:
    sandbox.door.command(REP.user_id, TEAM_CHANNEL, "/bid", "", False)
    sandbox.ws.wait_until(lambda _d: len(sandbox.ws.visible(TEAM_CHANNEL, REP.user_id)) > 1)
    sandbox.reset()
    msgs = sandbox.ws.visible(TEAM_CHANNEL, REP.user_id)
    assert len(msgs) == 1
    assert "Quick pulse" in msgs[0]["text"]
    assert sandbox.ws.data["seeded"] is True


def test_a_restarted_sandbox_keeps_its_workspace_and_does_not_seed_again(tmp_path: Path) -> None:
    first = Sandbox(tmp_path, 0, start=START)
    first.start()
    first.next_nudge()
    clock = first.ws.now
    posted = first.ws.visible(dm_of(REP.user_id), REP.user_id)
    first.stop()

    again = Sandbox(tmp_path, 0)
    again.start()
    try:
        assert again.ws.now == clock
        assert again.ws.visible(dm_of(REP.user_id), REP.user_id) == posted
        assert len(again.ws.visible(TEAM_CHANNEL, REP.user_id)) == 1  # one pulse, not two
        assert again.c is not None and again.c.clock.now() == clock
    finally:
        again.stop()
