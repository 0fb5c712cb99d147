"""/bid: one bid for connection, privately; another one; how it went; adding and retiring."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.container import Container
from bot.domain.bids.rules import parse_bid_text
from bot.domain.kernel.errors import DomainError
from bot.slack.bids import blocks as views
from bot.slack.bids.forms import FIELD_BLOCKS, another_of, prompt_form, refusal_block
from bot.slack.bids.ids import BidAction, BidCallback, BidCommand
from bot.slack.blockkit import Message
from bot.slack.errors import whisper
from bot.slack.forms import int_value
from bot.slack.kit import StaleButton, action_value, submit, team_of, trigger_of, user_of, values_of


def _private(ack: Ack, msg: Message) -> None:
    ack(text=msg.text, blocks=msg.blocks, response_type="ephemeral")


def _replace(respond: Respond, msg: Message) -> None:
    whisper(respond, msg, replace=True)


def _prompt_id(body: dict[str, Any]) -> int:
    prompt_id = int_value((action_value(body) or "").split(":")[0])
    if prompt_id is None:
        raise StaleButton()
    return prompt_id


def register(app: App, c: Container) -> None:
    """Attach the /bid listeners."""
    on = c.listeners(app)

    @on.command(BidCommand.BID)
    def bid(ack: Ack, body: dict[str, Any]) -> None:
        ask = parse_bid_text(str(body.get("text") or ""))
        if ask.help:
            _private(ack, views.help_message(ask.unknown))
            return
        team, user = team_of(body), user_of(body)
        if ask.add:
            ack()
            c.gateway.open_view(trigger_of(body), views.add_modal(c.bids.can_share(team, user)))
            return
        try:
            prompt = c.bids.next_for(team, user, size=ask.size, moment=ask.moment)
        except DomainError as exc:
            _private(ack, Message(text=exc.message))
            return
        _private(ack, views.bid_message(prompt, ask.size, ask.moment))

    @on.action(BidAction.ANOTHER)
    def another(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        current, size, moment = another_of(action_value(body))
        prompt = c.bids.next_for(
            team_of(body), user_of(body), size=size, moment=moment, exclude=current
        )
        _replace(respond, views.bid_message(prompt, size, moment))

    @on.action(BidAction.TRIED)
    def tried(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        prompt = c.bids.get(team_of(body), user_of(body), _prompt_id(body))
        _replace(respond, views.tried_message(prompt))

    def outcome(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        raw = action_value(body) or ""
        result = raw.split(":", 1)[1] if ":" in raw else ""
        count = c.bids.record_outcome(team_of(body), user_of(body), _prompt_id(body), result)
        _replace(respond, views.outcome_noted(count, result))

    for action_id in views.OUTCOME_ACTIONS.values():
        on.action(action_id)(outcome)

    @on.action(BidAction.OPEN_ADD)
    def open_add(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        can_share = c.bids.can_share(team_of(body), user_of(body))
        c.gateway.open_view(trigger_of(body), views.add_modal(can_share))

    @on.view(BidCallback.ADD_PROMPT)
    def submit_add(ack: Ack, body: dict[str, Any]) -> None:
        form = prompt_form(values_of(body))
        prompt = submit(
            ack,
            refusal_block(form),
            lambda: c.bids.add(team_of(body), user_of(body), form),
            blocks=FIELD_BLOCKS,
        )
        if prompt is None:
            return
        ack(response_action="update", view=views.added_modal(prompt))

    def change(ack: Ack, body: dict[str, Any], retired: bool) -> None:
        ack()
        team, user = team_of(body), user_of(body)
        c.bids.set_retired(team, user, _prompt_id(body), retired)
        view = body.get("view") or {}
        # On the Home tab, the kit publishes the Home again after the click.
        if view.get("type") != "home" and view.get("id"):
            counts = c.bids.counts(team, user)
            c.gateway.update_view(
                str(view["id"]), views.browse_modal(counts, c.bids.can_share(team, user), user)
            )

    @on.action(BidAction.RETIRE)
    def retire(ack: Ack, body: dict[str, Any]) -> None:
        change(ack, body, retired=True)

    @on.action(BidAction.RESTORE)
    def restore(ack: Ack, body: dict[str, Any]) -> None:
        change(ack, body, retired=False)

    @on.action(BidAction.BROWSE)
    def browse(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        team, user = team_of(body), user_of(body)
        counts = c.bids.counts(team, user)
        c.gateway.open_view(
            trigger_of(body), views.browse_modal(counts, c.bids.can_share(team, user), user)
        )
