"""The "Forget me" confirmation and its result."""

from __future__ import annotations

from typing import Any

from bot.slack.blockkit import context, modal, section
from bot.slack.ids import Callback

FORGOTTEN = (
    "Done. Everything coachbot kept about you in this workspace is gone. If you use it "
    "again, it starts from scratch."
)


def forget_me_modal() -> dict[str, Any]:
    """Says exactly what will be deleted before anything is."""
    return modal(
        "Forget me",
        [
            section(
                "This deletes what coachbot keeps about you in this workspace, for good:\n"
                "• your /coachme requests and the feedback on them\n"
                "• feedback you gave others\n"
                "• coaching schedules you are part of, as a coach or as a rep\n"
                "• your answers to named pulses\n"
                "• your bid history and the prompts you added\n"
                "• your notification settings\n"
                "• your name and time zone"
            ),
            context(
                "Anonymous pulse answers were never linked to you, so they stay in the "
                "team's totals. Messages already in Slack stay in Slack."
            ),
        ],
        callback_id=Callback.FORGET_ME,
        submit="Delete my data",
        close="Keep it",
    )


def forgotten_modal() -> dict[str, Any]:
    """Replaces the confirmation once the data is gone."""
    return modal("Forget me", [section(FORGOTTEN)], callback_id="forgotten", close="Close")
