"""The rep's own "did it happen?" DM, and what admins see of the answers. Pure builders."""

from __future__ import annotations

from bot.domain.coaching.nudges import SessionRef
from bot.slack.blockkit import Blocks, Message, actions, button, context, header, mention, section
from bot.slack.coaching.ids import CoachingAction
from bot.slack.coaching.words import when


def rep_check_dm(ref: SessionRef) -> Message:
    """To the rep after the session: did it happen? Asked of them alone."""
    text = (
        f"Your coaching session with {mention(ref.manager_id)} was set for "
        f"{when(ref.start, ref.tz)}. Did it happen?"
    )
    sid = str(ref.session_id)
    return Message(
        text=text,
        blocks=[
            section(text),
            actions(
                button("Yes, it happened", CoachingAction.REP_SAYS_YES, sid, style="primary"),
                button("No, it didn't", CoachingAction.REP_SAYS_NO, sid),
                block_id="coaching_rep_check",
            ),
            context(
                "Your answer is yours: it isn't shown to your coach. It helps keep an honest "
                "count of how often coaching really happens."
            ),
        ],
    )


def rep_answered(happened: bool) -> Message:
    """The rep's DM once answered."""
    said = "Noted: it happened." if happened else "Noted: it didn't happen this time."
    return Message(text=said, blocks=[section(said), context("Only you see your answer.")])


def admin_section(mismatches: int | None) -> Blocks:
    """For workspace admins only: sessions the two sides remember differently, as a count."""
    if mismatches is None:
        return []
    return [
        header("Coaching records"),
        section(
            f"*{mismatches}* coaching sessions where the manager and the rep answered "
            "“did it happen?” differently."
        ),
        context(
            "A count only. Neither person is told, and no session or name is shown, so "
            "both keep answering honestly."
        ),
    ]
