"""The App Home: what is waiting on you, and what you asked for."""

from __future__ import annotations

from typing import Any

from bot.domain.coachme.dto import RequestSummary
from bot.slack.blockkit import (
    Blocks,
    actions,
    button,
    context,
    divider,
    escape,
    header,
    section,
)
from bot.slack.coachme.ids import CoachmeAction
from bot.slack.ids import Action

STATUS_WORDS = {
    "pending": "waiting",
    "answered": "answered",
    "declined": "can't right now",
    "expired": "didn't answer",
    "unreachable": "couldn't be reached",
}
MAX_ROWS = 10


def home_view(
    waiting: list[tuple[int, RequestSummary]],
    mine: list[RequestSummary],
    *sections: Blocks,
    mine_summary: Blocks | None = None,
) -> dict[str, Any]:
    """The Home tab. Each person sees only requests they made or were asked about.

    `mine_summary` goes right under the person's own requests (their counts and follow-ups);
    `sections` are other features' parts of the Home, shown below in the order given.
    """
    blocks: Blocks = [
        header("Coaching, one conversation at a time"),
        section(
            "Lost a deal? A short reflection and one honest question to your coach is the "
            "fastest way to win the next one.",
            accessory=button("Start a reflection", CoachmeAction.OPEN_COACHME, style="primary"),
        ),
        divider(),
        header("Waiting on your feedback"),
    ]
    if not waiting:
        blocks.append(
            context(
                "Nothing right now. When a teammate asks for your take, it "
                "shows up here and in a DM."
            )
        )
    for ask_id, req in waiting[:MAX_ROWS]:
        blocks.append(
            section(
                f"<@{req.rep_user_id}> on *{escape(req.deal_name)}*",
                accessory=button("Give feedback", CoachmeAction.GIVE_FEEDBACK, str(ask_id)),
            )
        )
    blocks += [divider(), header("Your requests")]
    if not mine:
        blocks.append(
            context("You haven't asked for feedback yet. Try `/coachme` after your next lost deal.")
        )
    for req in mine[:MAX_ROWS]:
        people = ", ".join(
            f"<@{a.user_id}> {STATUS_WORDS.get(a.status, a.status)}" for a in req.asks
        )
        blocks.append(section(f"*{escape(req.deal_name)}*: {people}"))
    blocks += mine_summary or []
    blocks.append(
        actions(
            button("How /coachme works", Action.SHOW_HELP),
            button("Forget me", Action.FORGET_ME),
        )
    )
    for extra in sections:
        blocks += extra
    return {"type": "home", "blocks": blocks[:100]}
