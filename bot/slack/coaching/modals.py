"""The coaching modals: adding a rep, the regular time, the rep's prep, moving and pausing.

Pure: plain data in, Block Kit out. Each input's block_id is a `CoachingBlock`.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.domain.coaching import cadence as cad
from bot.domain.coaching.dto import PairView, SessionView
from bot.domain.kernel.wallclock import zone
from bot.slack.blockkit import (
    Blocks,
    input_block,
    mention,
    modal,
    plain,
    section,
    static_select,
    text_input,
)
from bot.slack.coaching.ids import CoachingBlock, CoachingCallback
from bot.slack.coaching.words import EVERY_WORDS


def add_rep_modal() -> dict[str, Any]:
    """Pick a rep to coach (from the Home tab)."""
    element = {
        "type": "users_select",
        "action_id": CoachingBlock.REP,
        "placeholder": plain("Someone on your team"),
    }
    return modal(
        "Add a rep",
        [input_block(CoachingBlock.REP, "Who do you coach?", element)],
        callback_id=CoachingCallback.ADD_REP,
        submit="Next",
    )


def cadence_modal(pair: PairView) -> dict[str, Any]:
    """The regular time for one rep's sessions."""
    weekday_opts = [(str(i), name) for i, name in enumerate(cad.WEEKDAYS)]
    time_element = {
        "type": "timepicker",
        "action_id": CoachingBlock.START,
        "initial_time": pair.start_time,
        "placeholder": plain("Start time"),
    }
    blocks: Blocks = [
        section(
            f"A regular coaching session with {mention(pair.rep_id)}. Times are in your "
            f"zone ({pair.tz}) and stay put when the clocks change."
        ),
        static_select(
            CoachingBlock.EVERY,
            "How often",
            [(str(k), v) for k, v in EVERY_WORDS.items()],
            initial=str(pair.every_weeks or 1),
        ),
        static_select(CoachingBlock.WEEKDAY, "Day", weekday_opts, initial=str(pair.weekday)),
        input_block(CoachingBlock.START, "Start time", time_element),
        static_select(
            CoachingBlock.LENGTH,
            "Length",
            [(str(m), f"{m} minutes") for m in cad.LENGTHS],
            initial=str(pair.length_minutes),
        ),
        static_select(
            CoachingBlock.LEAD,
            "Remind me",
            list(cad.LEADS.items()),
            initial=pair.lead,
        ),
    ]
    return modal(
        "Coaching time",
        blocks,
        callback_id=CoachingCallback.CADENCE,
        submit="Save",
        private_metadata=json.dumps({"rep_id": pair.rep_id}),
    )


def done_modal(title: str, text: str) -> dict[str, Any]:
    """A modal that only says what happened."""
    return modal(title, [section(text)], callback_id=CoachingCallback.PAUSE, close="Done")


def prep_modal(view: SessionView) -> dict[str, Any]:
    """Add the opportunities to bring."""
    return modal(
        "Bring to coaching",
        [
            text_input(
                CoachingBlock.PRIORITIES,
                "Two or three opportunities, one per line",
                multiline=True,
                initial=view.priorities,
                max_length=600,
                placeholder="Acme renewal: stuck on legal\nGlobex: who signs?",
            )
        ],
        callback_id=CoachingCallback.PREP,
        submit="Send",
        private_metadata=json.dumps({"session_id": view.id}),
    )


def prep_saved(manager_id: str) -> dict[str, Any]:
    """The modal after the rep saved."""
    return modal(
        "Thanks",
        [section(f"Added. {mention(manager_id)} will see them before your session.")],
        callback_id=CoachingCallback.PREP,
        close="Done",
    )


def reschedule_modal(view: SessionView) -> dict[str, Any]:
    """Move one session to another day and time."""
    local = view.starts_at.astimezone(zone(view.tz))
    day = {
        "type": "datepicker",
        "action_id": CoachingBlock.DAY,
        "initial_date": local.date().isoformat(),
    }
    start = {
        "type": "timepicker",
        "action_id": CoachingBlock.START,
        "initial_time": f"{local:%H:%M}",
    }
    return modal(
        "Move this session",
        [
            section(f"Times are in your zone ({view.tz})."),
            input_block(CoachingBlock.DAY, "New day", day),
            input_block(CoachingBlock.START, "New time", start),
        ],
        callback_id=CoachingCallback.RESCHEDULE,
        submit="Move",
        private_metadata=json.dumps({"session_id": view.id}),
    )


def pause_modal(session_id: int, today: date) -> dict[str, Any]:
    """Pause a rep's sessions until a date."""
    picker = {
        "type": "datepicker",
        "action_id": CoachingBlock.UNTIL,
        "initial_date": today.isoformat(),
    }
    return modal(
        "Pause sessions",
        [
            section("Sessions before this date are paused; they resume by themselves on it."),
            input_block(CoachingBlock.UNTIL, "Back on", picker),
        ],
        callback_id=CoachingCallback.PAUSE,
        submit="Pause",
        private_metadata=json.dumps({"session_id": session_id}),
    )
