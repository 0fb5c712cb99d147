"""How coaching times, cadences and counts read, in every coaching message and view."""

from __future__ import annotations

from datetime import datetime

from bot.domain.coaching import cadence as cad
from bot.domain.coaching.dto import PairView
from bot.slack.blockkit import slack_date

EVERY_WORDS = {1: "Every week", 2: "Every 2 weeks", 4: "Every 4 weeks"}


def when(instant: datetime, tz: str) -> str:
    """`instant` as each reader reads it, in their own zone (falling back to "Tue 3 Mar,
    10:00 EST" in `tz`, the recipient's)."""
    return slack_date(instant, tz)


def days_since(days: int | None) -> str:
    """How long since the pair last held a session."""
    if days is None:
        return "No session marked as held yet."
    if days == 0:
        return "Last held session: today."
    return f"Last held session: {days} day{'s' if days != 1 else ''} ago."


def cadence_words(pair: PairView) -> str:
    """ "Every week, Tuesday 10:00 (30 min)", or a prompt to set one."""
    if not pair.scheduled:
        return "no regular time yet"
    return (
        f"{EVERY_WORDS.get(pair.every_weeks, 'Regularly')}, {cad.WEEKDAYS[pair.weekday]} "
        f"{pair.start_time} ({pair.length_minutes} min)"
    )
