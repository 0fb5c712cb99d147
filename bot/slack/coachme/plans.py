"""The rep's if-then plan: the modal that drafts it, the spaced check-ins that quote it, and
the note to the person whose suggestion was tried. Pure builders."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.coachme.commitments import PLAN_MAX, OutcomeCounts, PlanView
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    context,
    escape,
    header,
    mention,
    modal,
    quote,
    section,
    text_input,
)
from bot.slack.coachme.ids import CoachmeAction, CoachmeBlock, CoachmeCallback

# Where each domain field's error goes in the plan modal.
PLAN_BLOCKS = {"situation": CoachmeBlock.PLAN_WHEN, "action": CoachmeBlock.PLAN_WILL}
OUTCOME_WORDS = {
    "tried": "You tried it. That's how a suggestion becomes a skill.",
    "not_yet": "Not yet, and that's fine. I'll ask once more later.",
    "not_fit": "It didn't fit this time. Worth a word with your coach about why.",
}


def plan_modal(plan: PlanView) -> dict[str, Any]:
    """Confirm or rewrite the plan: two short fields, prefilled."""
    blocks: Blocks = [
        section(
            f"From {mention(plan.giver_id)}'s feedback on *{escape(plan.deal_name)}*. "
            "A plan that names the moment is far easier to keep than a good intention. "
            "Keep these words or make them yours."
        ),
        text_input(
            CoachmeBlock.PLAN_WHEN,
            "When…",
            initial=plan.situation,
            max_length=PLAN_MAX,
            hint="The moment you'll notice it's time, e.g. “the customer asks for a discount”.",
        ),
        text_input(
            CoachmeBlock.PLAN_WILL,
            "I will…",
            initial=plan.action,
            max_length=PLAN_MAX,
            hint="One thing you'll do in that moment.",
        ),
        context("Only you and your coach see this plan."),
    ]
    return modal(
        "My plan",
        blocks,
        callback_id=CoachmeCallback.PLAN,
        submit="Save my plan",
        private_metadata=json.dumps({"ask_id": plan.ask_id}),
    )


def plan_saved_modal(plan: PlanView) -> dict[str, Any]:
    """What the modal shows once saved."""
    return modal(
        "My plan",
        [
            section(f"Saved: *“{escape(plan.sentence)}.”*"),
            context(
                "I'll ask how it went in about a week, and again a couple of weeks later. "
                "It'll also be in your next coaching session's prep."
            ),
        ],
        callback_id=CoachmeCallback.PLAN,
        close="Done",
    )


def checkin_dm(plan: PlanView, weeks: int) -> Message:
    """ "Did you get to try it?", quoting the rep's own words, with one-click answers."""
    ago = "A week ago" if weeks <= 1 else f"About {weeks} weeks ago"
    text = f"{ago} you made a plan. Did you get to try it?"
    pid = str(plan.id)
    return Message(
        text=text,
        blocks=[
            section(f"{ago} you made a plan:"),
            quote("Your words", f"{plan.sentence}."),
            section("Did you get to try it?"),
            actions(
                button("Yes, I tried it", CoachmeAction.PLAN_TRIED, pid, style="primary"),
                button("Not yet", CoachmeAction.PLAN_NOT_YET, pid),
                button("It didn't fit", CoachmeAction.PLAN_NOT_FIT, pid),
                block_id="coachme_plan_checkin",
            ),
        ],
    )


def outcome_note(plan: PlanView) -> Message:
    """The check-in after a click: the answer noted and, for "tried", may I tell the giver?"""
    said = OUTCOME_WORDS.get(plan.outcome or "", "Noted.")
    blocks: Blocks = [quote("Your plan", f"{plan.sentence}."), context(said)]
    if plan.outcome == "tried":
        blocks += [
            section(
                f"May I tell {mention(plan.giver_id)} their suggestion got tried? "
                "People who hear that their feedback landed give it again."
            ),
            actions(
                button("Yes, tell them", CoachmeAction.PLAN_SHARE, str(plan.id), style="primary"),
                button("Keep it to myself", CoachmeAction.PLAN_KEEP, str(plan.id)),
                block_id="coachme_plan_share",
            ),
        ]
    return Message(text=said, blocks=blocks)


def shared_note(plan: PlanView, shared: bool) -> Message:
    """The check-in after the consent question was answered."""
    said = (
        f"Done: {mention(plan.giver_id)} will hear it got tried."
        if shared
        else "Kept between you and me."
    )
    return Message(text=said, blocks=[quote("Your plan", f"{plan.sentence}."), context(said)])


def thanks_dm(rep_id: str, deal_name: str, suggestion: str) -> Message:
    """To the person whose suggestion was tried (only with the rep's consent)."""
    text = (
        f"{mention(rep_id)} tried what you suggested after *{escape(deal_name)}*, and wanted "
        "you to know. Feedback that gets used is the best kind."
    )
    return Message(text=text, blocks=[section(text), quote("You suggested", suggestion)])


def home_section(counts: OutcomeCounts) -> Blocks:
    """For a coach: how their reps' plans are going, as counts. Never a score or a ranking."""
    if counts.plans == 0:
        return []
    line = (
        f"{counts.tried} tried · {counts.not_yet} not yet · {counts.not_fit} didn't fit · "
        f"{counts.waiting} not asked yet"
    )
    return [
        header("Your reps' plans"),
        section(f"*Plans made from feedback:* {counts.plans}\n{line}"),
        context("Counts only; each plan's words are in the prep of that rep's next session."),
    ]
