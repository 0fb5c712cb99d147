"""The coaching sections of the App Home: a rep's own sessions, and a manager's own team with
its coaching maturity. Pure: plain data in, Block Kit out."""

from __future__ import annotations

from typing import Any

from bot.domain.coaching.dto import Overview, PairView
from bot.domain.coaching.figures import Maturity, RepLine, TeamReport
from bot.slack.blockkit import Blocks, button, context, divider, header, mention, section, slack_day
from bot.slack.coaching.ids import CoachingAction
from bot.slack.coaching.replies import pair_section
from bot.slack.coaching.words import days_since, when

MAX_REPS = 15

LEVELS = {
    Maturity.AD_HOC: "Ad hoc",
    Maturity.INFORMAL: "Informal",
    Maturity.FORMAL: "Formal",
    Maturity.DYNAMIC: "Dynamic",
}
# What the next level takes, in one line (the four levels are CSO Insights').
NEXT_STEP = {
    Maturity.AD_HOC: "Next: put every rep on a regular time and hold at least half of them; "
    "a session on the calendar is what turns a chat into coaching.",
    Maturity.INFORMAL: "Next: every rep on a regular time and 3 in 4 planned sessions held, "
    "each one marked. That is a formal rhythm.",
    Maturity.FORMAL: "Next: 9 in 10 held for eight weeks with nobody past three weeks, and "
    "tie what you coach to what enablement is teaching.",
    Maturity.DYNAMIC: "Keep the rhythm, and bring one enablement topic into a session each month.",
}


def _held(line: RepLine) -> str:
    if line.planned == 0:
        return "No sessions in the last 8 weeks yet."
    return f"{line.held} of {line.planned} held in the last 8 weeks."


def rep_line(pair: PairView, line: RepLine | None) -> dict[str, Any]:
    """One rep of the manager's team: cadence, next session, last held, held vs planned."""
    return pair_section(pair, extra=_held(line) if line is not None else None)


def manager_blocks(view: Overview, report: TeamReport | None) -> Blocks:
    """The manager's own team only: one line per rep, and the team's maturity."""
    blocks: Blocks = [
        divider(),
        header("Your team's coaching"),
        section(
            "A regular session with each rep matters more than any single one.",
            accessory=button("Add a rep", CoachingAction.ADD_REP),
        ),
    ]
    if not view.reps:
        blocks.append(
            context(
                "Coaching a team? Add a rep with `/coaching add @rep` or the button above, "
                "and pick a regular time. Their next session and your rhythm show up here."
            )
        )
        return blocks
    lines = {line.rep_id: line for line in report.reps} if report else {}
    for pair in view.reps[:MAX_REPS]:
        blocks.append(rep_line(pair, lines.get(pair.rep_id)))
    if len(view.reps) > MAX_REPS:
        blocks.append(context(f"And {len(view.reps) - MAX_REPS} more: `/coaching list`."))
    if report is not None:
        held = (
            f"{report.held} of {report.planned} planned sessions held in 8 weeks."
            if report.planned
            else "No sessions have come round yet."
        )
        blocks.append(
            section(
                f"*Coaching maturity: {LEVELS[report.maturity]}*. {held}\n"
                f"{NEXT_STEP[report.maturity]}"
            )
        )
    return blocks


def rep_blocks(view: Overview) -> Blocks:
    """The rep's own coaching: their coach, the next session, and any pause."""
    blocks: Blocks = [divider(), header("Your coaching sessions")]
    coach = view.my_coach
    if coach is None:
        blocks.append(
            context(
                "No regular coaching session yet. Ask your manager to add you with "
                "`/coaching add @you`; the next session will show up here."
            )
        )
    else:
        line = f"Your coach: {mention(coach.manager_id)}"
        if coach.next_start is not None:
            line += f". Next session: {when(coach.next_start, coach.tz)}"
        else:
            line += ". No time set yet."
        blocks.append(section(f"{line}\n{days_since(coach.days_since_held)}"))
    if view.paused_until is not None:
        blocks.append(
            context(
                f"Paused until {slack_day(view.paused_until)}. `/coaching resume` ends it early."
            )
        )
    return blocks


def home_blocks(view: Overview, report: TeamReport | None = None) -> Blocks:
    """The coaching part of the App Home: the rep's part, and the manager's when they coach."""
    blocks = rep_blocks(view)
    if view.reps:
        blocks += manager_blocks(view, report)
    return blocks
