"""/bid through signed requests into the real app, with Slack faked over HTTP."""

from __future__ import annotations

import json
from typing import Any

from bot.content.loader import load
from bot.domain.coachme.rules import AnswerForm, RequestForm
from bot.slack.bids.blocks import another_value
from bot.slack.bids.ids import BidAction, BidBlock, BidCallback, BidCommand
from tests import payloads as p
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack

T = p.TEAM_ID
TEXTS = {x["text"]: x for x in load("bids.yaml")["prompts"]}


def _bid(server: AppServer, text: str = "", user: str = REP) -> dict[str, Any]:
    reply = server.post(p.slash_command(BidCommand.BID, text, user_id=user))
    assert reply.status == 200
    body: dict[str, Any] = json.loads(reply.body)
    assert body["response_type"] == "ephemeral"
    return body


def _prompt_text(body: dict[str, Any]) -> str:
    return str(body["blocks"][0]["text"]["text"]).split("\n>", 1)[1]


def _buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        e["action_id"]: e.get("value", "")
        for b in blocks
        if b["type"] == "actions"
        for e in b["elements"]
    }


def test_twenty_bids_in_a_row_are_twenty_different_small_ones(server: AppServer) -> None:
    texts = [_prompt_text(_bid(server)) for _ in range(20)]
    assert len(set(texts)) == 20
    assert {TEXTS[t]["size"] for t in texts} == {"small"}


def test_bid_large_gives_only_large_ones(server: AppServer) -> None:
    texts = [_prompt_text(_bid(server, "large")) for _ in range(15)]
    assert {TEXTS[t]["size"] for t in texts} == {"large"}
    body = _bid(server, "big loss")
    assert TEXTS[_prompt_text(body)]["size"] == "large"
    assert "after_loss" in TEXTS[_prompt_text(body)]["moments"]


def test_help_and_unknown_words_get_help(server: AppServer) -> None:
    assert "/bid large" in _bid(server, "help")["text"]
    body = _bid(server, "gigantic")
    assert "gigantic" in body["text"]
    assert "/bid add" in body["text"]


def test_another_one_replaces_the_prompt_with_a_different_one(
    server: AppServer, slack: FakeSlack
) -> None:
    first = _bid(server, "medium")
    value = _buttons(first["blocks"])[BidAction.ANOTHER]
    server.post(p.block_action(BidAction.ANOTHER, value, response_url=slack.hook_url("actions/1")))
    hook = slack.wait_for_hook()[0].body
    assert hook["replace_original"] is True
    assert _prompt_text(hook) != _prompt_text(first)
    assert TEXTS[_prompt_text(hook)]["size"] == "medium"


def test_i_tried_it_asks_one_tap_and_counts_it(server: AppServer, slack: FakeSlack) -> None:
    body = _bid(server)
    prompt_id = _buttons(body["blocks"])[BidAction.TRIED]
    url = slack.hook_url("actions/1")
    server.post(p.block_action(BidAction.TRIED, prompt_id, response_url=url))
    asked = slack.wait_for_hook()[0].body
    outcomes = _buttons(asked["blocks"])
    assert outcomes[BidAction.OUTCOME_TOWARD] == f"{prompt_id}:toward"
    assert len(outcomes) == 4
    server.post(p.block_action(BidAction.OUTCOME_TOWARD, f"{prompt_id}:toward", response_url=url))
    noted = slack.wait_for_hook(2)[1].body
    assert "1 turned toward" in json.dumps(noted["blocks"])
    counts = {c.prompt.id: c for c in server.container.bids.counts(T)}
    assert counts[int(prompt_id)].toward == 1


def _add(
    server: AppServer,
    text: str,
    user: str,
    audience: str | None,
    size: str | None = "small",
    moments: tuple[str, ...] = ("anytime",),
) -> Any:
    values: dict[str, dict[str, dict[str, Any]]] = {
        BidBlock.TEXT: {BidBlock.TEXT: p.plain(text)},
        BidBlock.SIZE: {BidBlock.SIZE: p.static(size)},
        BidBlock.MOMENTS: {BidBlock.MOMENTS: p.checkboxes(list(moments))},
    }
    if audience:
        values[BidBlock.AUDIENCE] = {BidBlock.AUDIENCE: p.radio(audience)}
    return server.post(p.view_submission(BidCallback.ADD_PROMPT, values, user_id=user))


def test_bid_add_opens_a_modal_that_shares_only_for_admins(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.add_user("U_ADM", "Ada Admin", is_admin=True)
    server.post(p.slash_command(BidCommand.BID, "add", user_id=REP))
    rep_view = slack.wait_for("views.open")[0]["view"]
    server.post(p.slash_command(BidCommand.BID, "add", user_id="U_ADM"))
    admin_view = slack.wait_for("views.open", 2)[1]["view"]
    blocks_of = lambda v: {b.get("block_id") for b in v["blocks"]}  # noqa: E731
    assert BidBlock.AUDIENCE not in blocks_of(rep_view)
    assert BidBlock.AUDIENCE in blocks_of(admin_view)

    refused = json.loads(_add(server, "Everyone should do this.", REP, "everyone").body)
    assert refused["response_action"] == "errors"
    assert "admins" in refused["errors"][BidBlock.AUDIENCE]

    ok = json.loads(_add(server, "Ask about their commute podcast.", REP, None).body)
    assert ok["response_action"] == "update"
    json.loads(_add(server, "Share one thing you learned this week.", "U_ADM", "everyone").body)

    c = server.container
    for_rep = {x.prompt.text for x in c.bids.counts(T, REP)}
    for_coach = {x.prompt.text for x in c.bids.counts(T, COACH)}
    assert "Ask about their commute podcast." in for_rep
    assert "Ask about their commute podcast." not in for_coach
    assert "Share one thing you learned this week." in for_coach

    empty = json.loads(_add(server, "", REP, None).body)
    assert BidBlock.TEXT in empty["errors"]


def test_each_bad_field_is_shown_on_its_own_block(server: AppServer) -> None:
    reply = json.loads(_add(server, "", REP, None, size=None, moments=()).body)
    assert reply["response_action"] == "errors"
    assert set(reply["errors"]) == {BidBlock.TEXT, BidBlock.SIZE, BidBlock.MOMENTS}
    assert "moment" in reply["errors"][BidBlock.MOMENTS]


def _retire(server: AppServer, prompt_id: str, user: str, view: dict[str, Any]) -> None:
    """Tap Retire on a prompt shown in `view` (the Home tab or the browse modal)."""
    server.post(
        p.block_action(
            BidAction.RETIRE, prompt_id, user_id=user, view=view, channel_id=None, message_ts=None
        )
    )


def _home_blocks(slack: FakeSlack, n: int) -> list[dict[str, Any]]:
    return list(slack.wait_for("views.publish", n)[n - 1]["view"]["blocks"])


def test_home_lists_the_store_and_admins_retire_from_it(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.add_user("U_ADM", "Ada Admin", is_admin=True)
    c = server.container
    tried = c.bids.next_for(T, REP)
    assert tried is not None
    c.bids.record_outcome(T, REP, tried.id, "toward")
    opened = {"type": "app_home_opened", "user": "U_ADM", "tab": "home", "channel": "D1"}
    server.post_json(p.event_callback(opened))
    blocks = _home_blocks(slack, 1)
    assert len(blocks) <= 100
    text = json.dumps(blocks)
    assert "Bids for connection" in text
    assert "1 toward" in text
    assert _buttons_in_sections(blocks)[BidAction.RETIRE] == str(tried.id)

    home = {"id": "V_HOME", "type": "home", "blocks": []}
    _retire(server, str(tried.id), REP, home)
    note = slack.wait_for("chat.postMessage")[0]
    assert "admins" in note["text"]
    assert all(x.prompt.active for x in c.bids.counts(T) if x.prompt.id == tried.id)

    _retire(server, str(tried.id), "U_ADM", home)
    blocks = _home_blocks(slack, 2)
    assert _buttons_in_sections(blocks)[BidAction.RESTORE] == str(tried.id)
    assert not any(x.prompt.active for x in c.bids.counts(T) if x.prompt.id == tried.id)


def _buttons_in_sections(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        b["accessory"]["action_id"]: b["accessory"].get("value", "")
        for b in blocks
        if b.get("type") == "section" and "accessory" in b
    }


def test_non_admin_home_has_no_retire_buttons_on_shared_prompts(
    server: AppServer, slack: FakeSlack
) -> None:
    c = server.container
    tried = c.bids.next_for(T, REP)
    assert tried is not None
    c.bids.record_outcome(T, REP, tried.id, "toward")
    opened = {"type": "app_home_opened", "user": REP, "tab": "home", "channel": "D1"}
    server.post_json(p.event_callback(opened))
    assert BidAction.RETIRE not in _buttons_in_sections(_home_blocks(slack, 1))


def test_coach_gets_a_bid_after_feedback_on_a_lost_deal(
    server: AppServer, slack: FakeSlack
) -> None:
    c = server.container
    req = c.feedback.create_request(
        T,
        REP,
        RequestForm("Acme", None, "demo", "price", "We lost.", "Call sooner.", "Pricing", COACH),
    )
    ask_id = req.asks[0].id
    c.feedback.submit_answer(T, ask_id, COACH, AnswerForm("Listen more.", None, None, "Ask why."))
    c.delivery.run()
    assert c.outbox.status_of(f"ask:{ask_id}:bid") == "sent"
    posts = slack.calls_to("chat.postMessage")
    bid = [m for m in posts if "A bid to try" in m["text"]]
    assert len(bid) == 1
    assert _buttons(bid[0]["blocks"])[BidAction.TRIED].isdigit()
    prompt_text = bid[0]["text"].split(": ", 1)[1]
    assert TEXTS[prompt_text]["size"] == "small"


def test_another_one_keeps_its_filter(server: AppServer, slack: FakeSlack) -> None:
    value = another_value(None, "large", "after_loss")
    server.post(p.block_action(BidAction.ANOTHER, value, response_url=slack.hook_url("a/2")))
    hook = slack.wait_for_hook()[0].body
    chosen = TEXTS[_prompt_text(hook)]
    assert chosen["size"] == "large"
    assert "after_loss" in chosen["moments"]


def test_admin_browses_every_prompt_and_retires_in_the_modal(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.add_user("U_ADM", "Ada Admin", is_admin=True)
    server.post(p.block_action(BidAction.BROWSE, user_id="U_ADM", channel_id="D1"))
    view = slack.wait_for("views.open")[0]["view"]
    assert len(view["blocks"]) <= 100
    rows = [b for b in view["blocks"] if b.get("accessory", {}).get("action_id")]
    assert len(rows) == len(TEXTS)
    target = rows[0]["accessory"]["value"]
    modal = {"id": "V9", "type": "modal", "blocks": []}
    _retire(server, target, "U_ADM", modal)
    updated = slack.wait_for("views.update")[0]
    assert updated["view_id"] == "V9"
    first = updated["view"]["blocks"][1]["accessory"]
    assert (first["action_id"], first["value"]) == (BidAction.RESTORE, target)
