"""Private replies of /coaching: help, the list of reps, and short confirmations. Pure."""

from __future__ import annotations

from typing import Any

from bot.domain.coaching.dto import Overview, PairView, SessionView
from bot.slack.blockkit import Blocks, Message, button, context, header, mention, section, slack_day
from bot.slack.coaching.ids import CoachingAction
from bot.slack.coaching.words import cadence_words, days_since, when


def help_message() -> Message:
    """What /coaching does, briefly."""
    text = (
        "*Protected coaching time*\n"
        "A regular, short session with each of your reps, and both of you arrive prepared.\n"
        "• `/coaching add @rep`: add a rep and pick a regular time\n"
        "• `/coaching remove @rep`: stop coaching sessions with them\n"
        "• `/coaching list`: your reps, your times and when you last met\n"
        "• `/coaching pause YYYY-MM-DD`: away? Sessions pause until that date, then resume\n"
        "• `/coaching resume`: end a pause early"
    )
    return Message(text="How /coaching works", blocks=[section(text)])


def notice(text: str) -> Message:
    """A short private reply."""
    return Message(text=text, blocks=[section(text)])


def pair_section(pair: PairView, extra: str | None = None) -> dict[str, Any]:
    """One rep: cadence, next session, any pause, days since the last (and `extra`), and a
    button to change."""
    lines = [f"{mention(pair.rep_id)}: {cadence_words(pair)}"]
    if pair.next_start is not None:
        lines.append(f"Next: {when(pair.next_start, pair.tz)}")
    if pair.paused_until is not None:
        lines.append(f"Paused until {slack_day(pair.paused_until)}")
    lines.append(days_since(pair.days_since_held))
    if extra:
        lines.append(extra)
    return section(
        "\n".join(lines),
        accessory=button(
            "Change time" if pair.scheduled else "Set a time",
            CoachingAction.SET_CADENCE,
            pair.rep_id,
        ),
    )


def list_message(view: Overview) -> Message:
    """`/coaching list`: each rep with cadence, next session and days since the last."""
    blocks: Blocks = [header("Your coaching sessions")]
    if not view.reps:
        blocks.append(context("No reps yet. Add one with `/coaching add @rep`."))
    for pair in view.reps[:40]:
        blocks.append(pair_section(pair))
    if view.my_coach is not None:
        blocks.append(context(f"You're coached by {mention(view.my_coach.manager_id)}."))
    if view.paused_until is not None:
        blocks.append(context(f"You're paused until {slack_day(view.paused_until)}."))
    return Message(text="Your coaching sessions", blocks=blocks[:50])


def cadence_saved(pair: PairView) -> Message:
    """Confirmation after the cadence is set."""
    text = f"Set: {cadence_words(pair)} with {mention(pair.rep_id)}."
    if pair.next_start is not None:
        text += f" First one: {when(pair.next_start, pair.tz)}."
    return notice(text)


def booked(view: SessionView) -> Message:
    """After the offer was taken."""
    return notice(f"Booked: {when(view.starts_at, view.tz)} with {mention(view.rep_id)}.")
