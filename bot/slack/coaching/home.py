"""The coaching section of the App Home. Pure: plain data in, Block Kit out."""

from __future__ import annotations

from bot.domain.coaching.dto import Overview
from bot.slack.blockkit import Blocks, button, context, divider, header, mention, section, slack_day
from bot.slack.coaching.ids import CoachingAction
from bot.slack.coaching.replies import pair_section
from bot.slack.coaching.words import when


def home_blocks(view: Overview) -> Blocks:
    """The coaching part of the App Home."""
    blocks: Blocks = [
        divider(),
        header("Coaching sessions"),
        section(
            "A regular session with each rep matters more than any single one.",
            accessory=button("Add a rep", CoachingAction.ADD_REP),
        ),
    ]
    for pair in view.reps[:15]:
        blocks.append(pair_section(pair))
    if view.my_coach is not None:
        coach = view.my_coach
        line = f"Your coach: {mention(coach.manager_id)}"
        if coach.next_start is not None:
            line += f". Next session: {when(coach.next_start, coach.tz)}"
        blocks.append(context(line))
    if view.paused_until is not None:
        blocks.append(context(f"Paused until {slack_day(view.paused_until)}."))
    return blocks
