"""/coaching and the App Home: who a manager coaches, and their regular time."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot.container import Container
from bot.domain.kernel.errors import DomainError
from bot.slack.blockkit import slack_day
from bot.slack.coaching import modals, replies
from bot.slack.coaching.forms import FIELD_BLOCKS, cadence_form
from bot.slack.coaching.ids import CoachingAction, CoachingBlock, CoachingCallback, CoachingCommand
from bot.slack.errors import whisper
from bot.slack.forms import metadata_of, parse_date
from bot.slack.forms import user_of as picked_user
from bot.slack.kit import action_value, submit, team_of, trigger_of, user_of, values_of, view_of

MENTION = re.compile(r"<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>")
HELP_WORDS = {"", "help", "?", "-h", "--help"}


def mentioned_user(text: str) -> str | None:
    """The first user mentioned in escaped command text (`<@U123|name>`)."""
    found = MENTION.search(text)
    return found.group(1) if found else None


def _problem(verb: str, rest: str, user: str) -> str | None:
    """What is wrong with the command's words, if anything (checked before any work)."""
    if verb in {"add", "remove"}:
        rep = mentioned_user(rest)
        if rep is None:
            return f"Mention the rep, like `/coaching {verb} @name`."
        if rep == user:
            return "You can't be your own rep; pick someone on your team."
    if verb == "pause" and parse_date(rest) is None:
        return "Give the date you're back, like `/coaching pause 2026-04-20`."
    return None


def _subcommand(c: Container, body: dict[str, Any], respond: Respond, verb: str, rest: str) -> None:
    """Run one /coaching subcommand (already acked) and answer privately."""
    team, user = team_of(body), user_of(body)
    if verb in {"add", "remove"}:
        rep = mentioned_user(rest) or ""
        if verb == "add":
            pair = c.coaching.add_rep(team, user, rep)
            c.gateway.open_view(trigger_of(body), modals.cadence_modal(pair))
        else:
            c.coaching.remove_rep(team, user, rep)
            whisper(respond, replies.notice(f"Done. Sessions with <@{rep}> are off the calendar."))
    elif verb == "list":
        whisper(respond, replies.list_message(c.coaching.overview(team, user)))
    elif verb == "pause":
        until = parse_date(rest)
        assert until is not None  # checked by _problem
        c.coaching.pause_person(team, user, until)
        whisper(
            respond,
            replies.notice(f"Paused. Sessions pick up again on {slack_day(until)} by themselves."),
        )
    elif verb == "resume":
        c.coaching.resume_person(team, user)
        whisper(respond, replies.notice("Welcome back. Your sessions are on again."))
    else:
        whisper(respond, replies.notice("I didn't catch that. Try `/coaching help`."))


def register(app: App, c: Container) -> None:
    """Attach the /coaching listeners."""
    on = c.listeners(app)

    @on.command(CoachingCommand.COACHING)
    def coaching(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        text = str(body.get("text") or "").strip()
        verb, _, rest = text.partition(" ")
        verb = verb.lower()
        if verb in HELP_WORDS:
            msg = replies.help_message()
            ack(text=msg.text, blocks=msg.blocks, response_type="ephemeral")
            return
        problem = _problem(verb, rest, user_of(body))
        if problem:
            # Answered in the ack itself: a listener that acks and fails at once can lose its ack.
            ack(text=problem, blocks=replies.notice(problem).blocks, response_type="ephemeral")
            return
        ack()
        try:
            _subcommand(c, body, respond, verb, rest)
        except DomainError as exc:
            # Told here rather than raised: Bolt can drop an ack when its listener then raises.
            whisper(respond, replies.notice(exc.message))

    @on.action(CoachingAction.SET_CADENCE)
    def set_cadence(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        rep = action_value(body) or ""
        pair = c.coaching.pair_for(team_of(body), user_of(body), rep)
        c.gateway.open_view(trigger_of(body), modals.cadence_modal(pair))

    @on.view(CoachingCallback.CADENCE)
    def save_cadence(ack: Ack, body: dict[str, Any]) -> None:
        rep = str(metadata_of(view_of(body)).get("rep_id") or "")
        form = cadence_form(values_of(body))
        pair = submit(
            ack,
            CoachingBlock.LEAD,
            lambda: c.coaching.set_cadence(team_of(body), user_of(body), rep, form),
            blocks=FIELD_BLOCKS,
        )
        if pair is None:
            return
        saved = replies.cadence_saved(pair)
        ack(response_action="update", view=modals.done_modal("Coaching time", saved.text))

    @on.action(CoachingAction.ADD_REP)
    def open_add_rep(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        c.gateway.open_view(trigger_of(body), modals.add_rep_modal())

    @on.view(CoachingCallback.ADD_REP)
    def add_rep(ack: Ack, body: dict[str, Any]) -> None:
        rep = picked_user(values_of(body), CoachingBlock.REP) or ""
        pair = submit(
            ack,
            CoachingBlock.REP,
            lambda: c.coaching.add_rep(team_of(body), user_of(body), rep),
            blocks=FIELD_BLOCKS,
        )
        if pair is None:
            return
        ack(response_action="update", view=modals.cadence_modal(pair))
