"""The coaching DMs: the manager's reminder and did-it-happen check, the rep's prep, and the
notes when sessions slip or go quiet, or a rep moves to another coach. Pure: plain data in,
Block Kit out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.coaching.moves import Move
from bot.domain.coaching.nudges import AgendaLine, Reminder, SessionRef, StreakOffer
from bot.slack.blockkit import Blocks, Message, actions, button, context, escape, mention, section
from bot.slack.coaching import agenda
from bot.slack.coaching.ids import CoachingAction
from bot.slack.coaching.words import days_since, when

MARKED_WORDS = {
    "held": "Marked as held. Nice work keeping the time.",
    "skipped": "Skipped this one. The next session stays on the calendar.",
    "moved": "Moved. I'll remind you before the new time.",
    "paused": "Paused. Sessions pick up again by themselves.",
}


def _session_buttons(session_id: int) -> dict[str, Any]:
    sid = str(session_id)
    return actions(
        button("Held", CoachingAction.HELD, sid, style="primary"),
        button("Reschedule", CoachingAction.RESCHEDULE, sid),
        button("Skip this one", CoachingAction.SKIP, sid),
        button("Pause until…", CoachingAction.PAUSE, sid),
        agenda.add_button(session_id),
        block_id="coaching_session",
    )


def manager_reminder(rem: Reminder) -> Message:
    """Before the session: whom and when, what's open, a question per bucket, a small bid."""
    ref = rem.ref
    at = when(ref.start, ref.tz)
    blocks: Blocks = [
        section(
            f"*Coaching with {mention(ref.rep_id)}*, {at} ({ref.length_minutes} min)\n"
            f"{days_since(rem.days_since_held)}"
        )
    ]
    if rem.priorities:
        items = "\n".join(f"• {escape(p)}" for p in rem.priorities.splitlines())
        blocks.append(section(f"*Opportunities they're bringing*\n{items}"))
    if rem.plans:
        blocks.append(plans_section(rem.plans, "Plans they made to try"))
    if rem.requests:
        items = "\n".join(f"• *{escape(r.deal_name)}*: {escape(r.help_with)}" for r in rem.requests)
        blocks.append(section(f"*Open /coachme requests*\n{items}"))
    if rem.deeper:
        items = "\n".join(
            f"• {mention(d.coach_user_id)} offered to go deeper on *{escape(d.deal_name)}*"
            for d in rem.deeper
        )
        blocks.append(section(f"*Worth picking up*\n{items}"))
    blocks += agenda.agenda_lines(rem.agenda)
    if rem.questions:
        items = "\n".join(f"• _{q.title}_: {q.text}" for q in rem.questions)
        blocks.append(section(f"*A question from each area*\n{items}"))
    if rem.bid:
        blocks.append(context(f"Small bid to open with: {escape(rem.bid)}"))
    blocks.append(_session_buttons(ref.session_id))
    return Message(text=f"Coaching with {mention(ref.rep_id)} at {at}", blocks=blocks)


def without_buttons(
    text: str, blocks: Blocks, outcome: str, extra: Blocks | None = None
) -> Message:
    """A nudge after one of its buttons was used: the content stays, the buttons go."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    done = [*kept, context(MARKED_WORDS[outcome]), *(extra or [])]
    return Message(text=text or "Coaching session", blocks=done)


def check_dm(ref: SessionRef) -> Message:
    """After the session's end, if unmarked: did it happen?"""
    text = (
        f"Your coaching session with {mention(ref.rep_id)} was set for "
        f"{when(ref.start, ref.tz)}. How did it go?"
    )
    sid = str(ref.session_id)
    return Message(
        text=text,
        blocks=[
            section(text),
            context("Marking it keeps your days-since count honest. Only you see it."),
            actions(
                button("It happened", CoachingAction.HELD, sid, style="primary"),
                button("We moved it", CoachingAction.RESCHEDULE, sid),
                button("We skipped it", CoachingAction.SKIP, sid),
                block_id="coaching_check",
            ),
        ],
    )


def plans_section(plans: tuple[str, ...] | list[str], title: str) -> dict[str, Any]:
    """A rep's open if-then plans, quoted in their own words."""
    items = "\n".join(f"• “{escape(p)}”" for p in plans)
    return section(f"*{title}*\n{items}")


def rep_prep(
    ref: SessionRef, plans: tuple[str, ...] = (), lines: tuple[AgendaLine, ...] = ()
) -> Message:
    """The rep's prep DM: bring two or three opportunities worth going deep on."""
    text = (
        f"You have coaching with {mention(ref.manager_id)} on {when(ref.start, ref.tz)}. "
        "Pick two or three opportunities you'd like to go deep on, not the whole pipeline."
    )
    return Message(
        text=text,
        blocks=[
            section(
                text,
                accessory=button(
                    "Add opportunities",
                    CoachingAction.ADD_PRIORITIES,
                    str(ref.session_id),
                    style="primary",
                ),
            ),
            *([plans_section(plans, "Your plans, worth a word on how they went")] if plans else []),
            *agenda.agenda_lines(lines),
            actions(agenda.add_button(ref.session_id), block_id="coaching_prep_agenda"),
            context("They'll show up in your coach's reminder, so you both come ready."),
        ],
    )


def streak_nudge(offer: StreakOffer) -> Message:
    """Two in a row didn't happen: one concrete time to catch up."""
    at = when(datetime.fromisoformat(offer.offer_at), offer.tz)
    text = (
        f"The last two sessions with {mention(offer.rep_id)} didn't happen. That's normal in "
        f"a busy stretch. How about a catch-up on {at}?"
    )
    return Message(
        text=text,
        blocks=[
            section(text),
            actions(
                button(
                    f"Book {at}",
                    CoachingAction.BOOK_OFFER,
                    f"{offer.pair_id}|{offer.offer_at}",
                    style="primary",
                ),
                block_id="coaching_offer",
            ),
        ],
    )


def quiet_note(rep_id: str, days: int, ever_held: bool) -> Message:
    """More than three weeks without a held session: one gentle note."""
    if ever_held:
        text = f"It's been {days} days since your last coaching session with {mention(rep_id)}."
    else:
        text = f"You and {mention(rep_id)} haven't marked a coaching session as held yet."
    text += " Even 15 minutes this week keeps the thread going."
    return Message(
        text=text,
        blocks=[
            section(
                text,
                accessory=button("See your times", CoachingAction.SET_CADENCE, rep_id),
            )
        ],
    )


def moved_note(move: Move) -> Message:
    """A rep has a new coach: told to the rep, the manager before, and the new one."""
    rep, old, new = mention(move.rep_id), mention(move.old_manager_id), mention(move.new_manager_id)
    by = "" if move.actor_id == move.new_manager_id else f" (set by {mention(move.actor_id)})"
    if move.role == "rep":
        text = f"{new} is your coach in coachbot now{by}. Your past sessions are kept."
        return Message(text=text, blocks=[section(text)])
    if move.role == "old":
        text = (
            f"{rep} now has coaching sessions with {new}{by}. "
            "Your past sessions with them are kept. Thanks for the time you gave them."
        )
        return Message(text=text, blocks=[section(text)])
    text = (
        f"{rep} is on your coaching list now{by}. Their past sessions with {old} are kept. "
        "Pick a regular time whenever you're ready."
    )
    return Message(
        text=text,
        blocks=[
            section(
                text,
                accessory=button(
                    "Set a time", CoachingAction.SET_CADENCE, move.rep_id, style="primary"
                ),
            )
        ],
    )
