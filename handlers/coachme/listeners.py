"""/coachme: the rep's request, the coach's answer, and the thanks that closes the loop."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.domain.kernel.errors import AlreadyDone
from bot.slack.coachme import messages, modals
from bot.slack.coachme.forms import FIELD_BLOCKS, answer_form, request_form
from bot.slack.coachme.ids import CoachmeAction, CoachmeBlock, CoachmeCallback, CoachmeCommand
from bot.slack.forms import int_value, metadata_of
from bot.slack.kit import (
    action_value,
    button_id,
    message_ref,
    submit,
    team_of,
    trigger_of,
    user_of,
    values_of,
    view_of,
)

log = logging.getLogger(__name__)
HELP_WORDS = {"help", "?", "-h", "--help"}


def wants_help(text: str) -> bool:
    """`/coachme help …` (anything after help) shows help."""
    words = text.strip().split()
    return bool(words) and words[0].lower() in HELP_WORDS


def register(app: App, c: Container) -> None:
    """Attach the /coachme listeners."""
    on = c.listeners(app)

    @on.command(CoachmeCommand.COACHME)
    def coachme(ack: Ack, body: dict[str, Any]) -> None:
        text = str(body.get("text") or "")
        if wants_help(text):
            msg = messages.help_message()
            ack(text=msg.text, blocks=msg.blocks, response_type="ephemeral")
            return
        ack()
        team, user = team_of(body), user_of(body)
        coach = c.feedback.default_coach(team, user)
        c.gateway.open_view(
            trigger_of(body),
            modals.request_modal(text.strip(), coach, body.get("channel_id")),
        )

    @on.action(CoachmeAction.OPEN_COACHME)
    def open_coachme(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        coach = c.feedback.default_coach(team_of(body), user_of(body))
        c.gateway.open_view(trigger_of(body), modals.request_modal(action_value(body) or "", coach))

    @on.view(CoachmeCallback.COACHME_REQUEST)
    def submit_request(ack: Ack, body: dict[str, Any]) -> None:
        form = request_form(values_of(body))
        # One view, one request: a replayed or double Submit carries the same view id.
        view_id = str(view_of(body).get("id") or "") or None
        key = f"{team_of(body)}:{view_id}" if view_id else None
        created = submit(
            ack,
            CoachmeBlock.HELP_WITH,
            lambda: c.feedback.create_request(team_of(body), user_of(body), form, key),
            blocks=FIELD_BLOCKS,
        )
        if created is None:
            return
        ack()

    @on.action(CoachmeAction.GIVE_FEEDBACK)
    def give_feedback(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        ask_id = button_id(body)
        req = c.feedback.open_answer(team_of(body), ask_id, user_of(body))
        c.gateway.open_view(trigger_of(body), modals.feedback_modal(req, ask_id))

    @on.action(CoachmeAction.CANT_NOW)
    def cant_now(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        ask_id = button_id(body)
        req = c.feedback.decline(team_of(body), ask_id, user_of(body))
        ref = message_ref(body)
        if ref:
            c.gateway.update(*ref, messages.declined_note(req.rep_user_id))

    @on.view(CoachmeCallback.FEEDBACK_ANSWER)
    def submit_answer(ack: Ack, body: dict[str, Any]) -> None:
        ask_id = int_value(metadata_of(view_of(body)).get("ask_id"))
        if ask_id is None:
            ack(
                response_action="errors",
                errors={CoachmeBlock.TRY_NEXT: "This form is out of date."},
            )
            return
        form = answer_form(values_of(body))
        answer = submit(
            ack,
            CoachmeBlock.TRY_NEXT,
            lambda: c.feedback.submit_answer(team_of(body), ask_id, user_of(body), form),
            blocks=FIELD_BLOCKS,
            quiet=(AlreadyDone,),  # a double click: the first submit already delivered it
        )
        if answer is None:
            return
        ack(response_action="update", view=modals.feedback_sent_modal(answer.rep_user_id))

    @on.action(CoachmeAction.SAY_THANKS)
    def say_thanks(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        ask_id = button_id(body)
        c.feedback.thank(team_of(body), ask_id, user_of(body))
        ref = message_ref(body)
        if ref:
            c.gateway.update(*ref, messages.thanked(body.get("message") or {}))
