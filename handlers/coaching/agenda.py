"""The shared agenda: adding talking points and action items, and marking lines done."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.domain.coaching.nudges import Reminder
from bot.slack.coaching import agenda, nudges
from bot.slack.coaching.ids import CoachingAction, CoachingBlock, CoachingCallback
from bot.slack.forms import int_value, metadata_of, text_of
from bot.slack.kit import (
    button_id,
    message_ref,
    submit,
    team_of,
    trigger_of,
    user_of,
    values_of,
    view_of,
)


def register(app: App, c: Container) -> None:
    """Attach the shared agenda's listeners."""
    on = c.listeners(app)
    book = c.coaching.agenda

    def open_for_session(kind: str) -> Any:
        def handler(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            pair_id = book.pair_of_session(team_of(body), user_of(body), button_id(body))
            c.gateway.open_view(trigger_of(body), agenda.agenda_modal(pair_id, kind))

        return handler

    on.action(CoachingAction.AGENDA_ADD)(open_for_session("topic"))
    on.action(CoachingAction.ACTION_ITEMS)(open_for_session("action"))

    @on.action(CoachingAction.AGENDA_ADD_PAIR)
    def open_for_pair(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        c.gateway.open_view(trigger_of(body), agenda.agenda_modal(button_id(body)))

    @on.view(CoachingCallback.AGENDA)
    def save(ack: Ack, body: dict[str, Any]) -> None:
        meta = metadata_of(view_of(body))
        pair_id = int_value(meta.get("pair_id"))
        if pair_id is None:
            ack()  # the confirmation view shares this callback and has nothing to save
            return
        text = text_of(values_of(body), CoachingBlock.AGENDA)
        kind = str(meta.get("kind") or "topic")
        added = submit(
            ack,
            CoachingBlock.AGENDA,
            lambda: (c.coaching.agenda.add(team_of(body), user_of(body), pair_id, text, kind),),
            blocks={"agenda": CoachingBlock.AGENDA},
        )
        if added is None:
            return
        ack(response_action="update", view=agenda.added_modal())
        update = added[0]
        if update is not None:
            reminder = nudges.manager_reminder(Reminder.from_payload(update.payload))
            c.gateway.update(update.channel, update.ts, reminder)

    @on.action(CoachingAction.AGENDA_DONE)
    def done(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        item_id = button_id(body)
        book.done(team_of(body), user_of(body), item_id)
        ref = message_ref(body)
        message = body.get("message")
        if ref is not None and isinstance(message, dict):
            c.gateway.update(*ref, agenda.without_line(message, item_id))
