"""Small Home tab sections of coaching: the private calendar feed. Pure builders."""

from __future__ import annotations

from typing import Any

from bot.slack.blockkit import Blocks, actions, button, context, escape, header, modal, section
from bot.slack.coaching.ids import CoachingAction, CoachingCallback

FEED_PATH = "/calendar/{token}.ics"


def feed_url(public_url: str, token: str) -> str:
    """The address a calendar app subscribes to."""
    return public_url.rstrip("/") + FEED_PATH.format(token=token)


def calendar_section(has_feed: bool, available: bool) -> Blocks:
    """Get, renew or turn off your private calendar feed of coaching sessions."""
    if not available:
        return []
    if has_feed:
        buttons = actions(
            button("New calendar link", CoachingAction.CALENDAR_LINK),
            button("Turn off my calendar feed", CoachingAction.CALENDAR_OFF),
            block_id="coaching_calendar",
        )
        note = "Your coaching sessions are in your calendar feed. A new link stops the old one."
    else:
        buttons = actions(
            button("Get my calendar link", CoachingAction.CALENDAR_LINK, style="primary"),
            block_id="coaching_calendar",
        )
        note = "Put your coaching sessions in Google Calendar or Outlook, kept up to date."
    return [header("Coaching in your calendar"), section(note), buttons]


def link_modal(url: str) -> dict[str, Any]:
    """The feed link, shown once: it is a secret, like a password."""
    return modal(
        "Your calendar link",
        [
            section(f"```{escape(url)}```"),
            context(
                "Google Calendar: *Other calendars → + → From URL*. Outlook: *Add calendar → "
                "Subscribe from web*. Treat the link like a password: anyone with it sees your "
                "sessions. It's shown only now; *New calendar link* makes another and stops "
                "this one."
            ),
        ],
        callback_id=CoachingCallback.CALENDAR,
        close="Done",
    )


def off_modal() -> dict[str, Any]:
    """Once the feed is turned off."""
    return modal(
        "Calendar feed off",
        [section("Done: your calendar link no longer works. Get a new one any time.")],
        callback_id=CoachingCallback.CALENDAR,
        close="Done",
    )


def not_set_up_modal() -> dict[str, Any]:
    """When the server has no public address for feeds."""
    return modal(
        "Calendar feed",
        [section("Calendar feeds aren't set up yet: ask whoever runs coachbot to set PUBLIC_URL.")],
        callback_id=CoachingCallback.CALENDAR,
        close="OK",
    )
