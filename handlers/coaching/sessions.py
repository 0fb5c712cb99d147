"""Buttons and modals on coaching nudges: held, moved, skipped, paused, and the rep's prep."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.domain.coaching.nudges import Reminder
from bot.domain.kernel.wallclock import local_date
from bot.slack.blockkit import Message, slack_day
from bot.slack.coaching import modals, nudges, replies, words
from bot.slack.coaching.forms import FIELD_BLOCKS
from bot.slack.coaching.ids import CoachingAction, CoachingBlock, CoachingCallback
from bot.slack.forms import date_of, int_value, metadata_of, text_of, time_of
from bot.slack.kit import (
    StaleButton,
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


def _meta(body: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
    meta = metadata_of(view_of(body))
    return int_value(meta.get("session_id")), meta


def _strip_buttons(c: Container, body: dict[str, Any], outcome: str) -> None:
    ref = message_ref(body)
    if ref is None:
        return
    message = body.get("message") or {}
    c.gateway.update(
        *ref,
        nudges.without_buttons(str(message.get("text") or ""), message.get("blocks", []), outcome),
    )


def register(app: App, c: Container) -> None:
    """Attach the listeners for coaching session nudges."""
    on = c.listeners(app)

    def mark(outcome: str) -> Any:
        def handler(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            c.coaching.mark(team_of(body), user_of(body), button_id(body), outcome)
            _strip_buttons(c, body, outcome)

        return handler

    on.action(CoachingAction.HELD)(mark("held"))
    on.action(CoachingAction.SKIP)(mark("skipped"))

    @on.action(CoachingAction.RESCHEDULE)
    def open_reschedule(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        view = c.coaching.session_view(team_of(body), user_of(body), button_id(body))
        modal = modals.reschedule_modal(view)
        ref = message_ref(body)
        if ref is not None:
            meta = {"session_id": view.id, "channel": ref[0], "ts": ref[1]}
            modal["private_metadata"] = json.dumps(meta)
        c.gateway.open_view(trigger_of(body), modal)

    @on.view(CoachingCallback.RESCHEDULE)
    def save_reschedule(ack: Ack, body: dict[str, Any]) -> None:
        sid, meta = _meta(body)
        values = values_of(body)
        if sid is None:
            ack(
                response_action="errors",
                errors={CoachingBlock.DAY: "This form is out of date."},
            )
            return
        new = submit(
            ack,
            CoachingBlock.DAY,
            lambda: c.coaching.reschedule(
                team_of(body),
                user_of(body),
                sid,
                date_of(values, CoachingBlock.DAY),
                time_of(values, CoachingBlock.START),
            ),
            blocks=FIELD_BLOCKS,
        )
        if new is None:
            return
        note = f"Moved to {words.when(new.starts_at, new.tz)}. I'll remind you before then."
        ack()
        if meta.get("channel") and meta.get("ts"):
            c.gateway.update(str(meta["channel"]), str(meta["ts"]), replies.notice(note))

    @on.action(CoachingAction.PAUSE)
    def open_pause(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        view = c.coaching.session_view(team_of(body), user_of(body), button_id(body))
        today = local_date(c.clock.now(), view.tz)
        c.gateway.open_view(trigger_of(body), modals.pause_modal(view.id, today))

    @on.view(CoachingCallback.PAUSE)
    def save_pause(ack: Ack, body: dict[str, Any]) -> None:
        sid = _meta(body)[0]
        until = date_of(values_of(body), CoachingBlock.UNTIL)
        if sid is None or until is None:
            ack(response_action="errors", errors={CoachingBlock.UNTIL: "Pick a date."})
            return
        pair = submit(
            ack,
            CoachingBlock.UNTIL,
            lambda: c.coaching.pause_pair(team_of(body), user_of(body), sid, until),
            blocks=FIELD_BLOCKS,
        )
        if pair is None:
            return
        ack(
            response_action="update",
            view=modals.done_modal(
                "Paused",
                f"Sessions with <@{pair.rep_id}> are paused and start again on {slack_day(until)}.",
            ),
        )

    @on.action(CoachingAction.ADD_PRIORITIES)
    def open_prep(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        view = c.coaching.session_view(team_of(body), user_of(body), button_id(body))
        c.gateway.open_view(trigger_of(body), modals.prep_modal(view))

    @on.view(CoachingCallback.PREP)
    def save_prep(ack: Ack, body: dict[str, Any]) -> None:
        sid = _meta(body)[0]
        if sid is None:
            ack()  # the thank-you view shares this callback and has nothing to save
            return
        text = text_of(values_of(body), CoachingBlock.PRIORITIES)
        saved = submit(
            ack,
            CoachingBlock.PRIORITIES,
            lambda: (
                c.coaching.save_priorities(team_of(body), user_of(body), sid, text),
                c.coaching.session_view(team_of(body), user_of(body), sid),
            ),
            blocks=FIELD_BLOCKS,
        )
        if saved is None:
            return
        update, view = saved
        ack(response_action="update", view=modals.prep_saved(view.manager_id))
        if update is not None:
            reminder = nudges.manager_reminder(Reminder.from_payload(update.payload))
            c.gateway.update(update.channel, update.ts, reminder)

    @on.action(CoachingAction.BOOK_OFFER)
    def book_offer(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        pair_raw, _, when_raw = (action_value(body) or "").partition("|")
        pair_id = int_value(pair_raw)
        try:
            when = datetime.fromisoformat(when_raw)
        except ValueError:
            pair_id = None
        if pair_id is None:
            raise StaleButton()
        new = c.coaching.book_offer(team_of(body), user_of(body), pair_id, when)
        ref = message_ref(body)
        if ref is not None:
            c.gateway.update(*ref, replies.booked(new))
        else:
            c.gateway.post(user_of(body), Message(text=replies.booked(new).text))
