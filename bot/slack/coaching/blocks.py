"""Views and messages of protected coaching time. Pure: plain data in, Block Kit out."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from bot.domain.coaching import cadence as cad
from bot.domain.coaching.nudges import Reminder, SessionRef, StreakOffer
from bot.domain.coaching.service import Overview, PairView, SessionView
from bot.domain.kernel.wallclock import zone
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    context,
    divider,
    escape,
    header,
    input_block,
    mention,
    modal,
    plain,
    section,
    static_select,
    text_input,
)
from bot.slack.coaching.ids import CoachingAction, CoachingBlock, CoachingCallback

EVERY_WORDS = {1: "Every week", 2: "Every 2 weeks", 4: "Every 4 weeks"}


def when(instant: datetime, tz: str) -> str:
    """`instant` as the recipient reads it: "Tue 3 Mar, 10:00"."""
    local = instant.astimezone(zone(tz))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def _days_since(days: int | None) -> str:
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


# -- /coaching -----------------------------------------------------------------------------


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


def list_message(view: Overview) -> Message:
    """`/coaching list`: each rep with cadence, next session and days since the last."""
    blocks: Blocks = [header("Your coaching sessions")]
    if not view.reps:
        blocks.append(context("No reps yet. Add one with `/coaching add @rep`."))
    for pair in view.reps[:40]:
        blocks.append(_pair_section(pair))
    if view.my_coach is not None:
        blocks.append(context(f"You're coached by {mention(view.my_coach.manager_id)}."))
    if view.paused_until is not None:
        blocks.append(context(f"You're paused until {view.paused_until.isoformat()}."))
    return Message(text="Your coaching sessions", blocks=blocks[:50])


def _pair_section(pair: PairView) -> dict[str, Any]:
    lines = [f"{mention(pair.rep_id)}: {cadence_words(pair)}"]
    if pair.next_start is not None:
        lines.append(f"Next: {when(pair.next_start, pair.tz)}")
    if pair.paused_until is not None:
        lines.append(f"Paused until {pair.paused_until.isoformat()}")
    lines.append(_days_since(pair.days_since_held))
    return section(
        "\n".join(lines),
        accessory=button(
            "Change time" if pair.scheduled else "Set a time",
            CoachingAction.SET_CADENCE,
            pair.rep_id,
        ),
    )


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
        blocks.append(_pair_section(pair))
    if view.my_coach is not None:
        coach = view.my_coach
        line = f"Your coach: {mention(coach.manager_id)}"
        if coach.next_start is not None:
            line += f". Next session: {when(coach.next_start, coach.tz)}"
        blocks.append(context(line))
    if view.paused_until is not None:
        blocks.append(context(f"Paused until {view.paused_until.isoformat()}."))
    return blocks


def add_rep_modal() -> dict[str, Any]:
    """Pick a rep to coach (from the Home tab)."""
    element = {
        "type": "users_select",
        "action_id": CoachingBlock.REP,
        "placeholder": plain("Someone on your team"),
    }
    return modal(
        "Add a rep",
        [input_block(CoachingBlock.REP, "Who do you coach?", element)],
        callback_id=CoachingCallback.ADD_REP,
        submit="Next",
    )


def cadence_modal(pair: PairView) -> dict[str, Any]:
    """The regular time for one rep's sessions."""
    weekday_opts = [(str(i), name) for i, name in enumerate(cad.WEEKDAYS)]
    time_element = {
        "type": "timepicker",
        "action_id": CoachingBlock.START,
        "initial_time": pair.start_time,
        "placeholder": plain("Start time"),
    }
    blocks: Blocks = [
        section(
            f"A regular coaching session with {mention(pair.rep_id)}. Times are in your "
            f"zone ({pair.tz}) and stay put when the clocks change."
        ),
        static_select(
            CoachingBlock.EVERY,
            "How often",
            [(str(k), v) for k, v in EVERY_WORDS.items()],
            initial=str(pair.every_weeks or 1),
        ),
        static_select(CoachingBlock.WEEKDAY, "Day", weekday_opts, initial=str(pair.weekday)),
        input_block(CoachingBlock.START, "Start time", time_element),
        static_select(
            CoachingBlock.LENGTH,
            "Length",
            [(str(m), f"{m} minutes") for m in cad.LENGTHS],
            initial=str(pair.length_minutes),
        ),
        static_select(
            CoachingBlock.LEAD,
            "Remind me",
            list(cad.LEADS.items()),
            initial=pair.lead,
        ),
    ]
    return modal(
        "Coaching time",
        blocks,
        callback_id=CoachingCallback.CADENCE,
        submit="Save",
        private_metadata=json.dumps({"rep_id": pair.rep_id}),
    )


def cadence_saved(pair: PairView) -> Message:
    """Confirmation after the cadence is set."""
    text = f"Set: {cadence_words(pair)} with {mention(pair.rep_id)}."
    if pair.next_start is not None:
        text += f" First one: {when(pair.next_start, pair.tz)}."
    return notice(text)


# -- the manager's reminder ------------------------------------------------------------------


def _session_buttons(session_id: int) -> dict[str, Any]:
    sid = str(session_id)
    return actions(
        button("Held", CoachingAction.HELD, sid, style="primary"),
        button("Reschedule", CoachingAction.RESCHEDULE, sid),
        button("Skip this one", CoachingAction.SKIP, sid),
        button("Pause until…", CoachingAction.PAUSE, sid),
        block_id="coaching_session",
    )


def manager_reminder(rem: Reminder) -> Message:
    """Before the session: whom and when, what's open, a question per bucket, a small bid."""
    ref = rem.ref
    at = when(ref.start, ref.tz)
    blocks: Blocks = [
        section(
            f"*Coaching with {mention(ref.rep_id)}*, {at} ({ref.length_minutes} min)\n"
            f"{_days_since(rem.days_since_held)}"
        )
    ]
    if rem.priorities:
        items = "\n".join(f"• {escape(p)}" for p in rem.priorities.splitlines())
        blocks.append(section(f"*Opportunities they're bringing*\n{items}"))
    if rem.requests:
        items = "\n".join(f"• *{escape(r.deal_name)}*: {escape(r.help_with)}" for r in rem.requests)
        blocks.append(section(f"*Open /coachme requests*\n{items}"))
    if rem.deeper:
        items = "\n".join(
            f"• {mention(d.coach_user_id)} offered to go deeper on *{escape(d.deal_name)}*"
            for d in rem.deeper
        )
        blocks.append(section(f"*Worth picking up*\n{items}"))
    if rem.questions:
        items = "\n".join(f"• _{q.title}_: {q.text}" for q in rem.questions)
        blocks.append(section(f"*A question from each area*\n{items}"))
    if rem.bid:
        blocks.append(context(f"Small bid to open with: {escape(rem.bid)}"))
    blocks.append(_session_buttons(ref.session_id))
    return Message(text=f"Coaching with {mention(ref.rep_id)} at {at}", blocks=blocks)


MARKED_WORDS = {
    "held": "Marked as held. Nice work keeping the time.",
    "skipped": "Skipped this one. The next session stays on the calendar.",
    "moved": "Moved. I'll remind you before the new time.",
    "paused": "Paused. Sessions pick up again by themselves.",
}


def without_buttons(text: str, blocks: Blocks, outcome: str) -> Message:
    """A nudge after one of its buttons was used: the content stays, the buttons go."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    return Message(text=text or "Coaching session", blocks=[*kept, context(MARKED_WORDS[outcome])])


def done_modal(title: str, text: str) -> dict[str, Any]:
    """A modal that only says what happened."""
    return modal(title, [section(text)], callback_id=CoachingCallback.PAUSE, close="Done")


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


# -- the rep --------------------------------------------------------------------------------


def rep_prep(ref: SessionRef) -> Message:
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
            context("They'll show up in your coach's reminder, so you both come ready."),
        ],
    )


def prep_modal(view: SessionView) -> dict[str, Any]:
    """Add the opportunities to bring."""
    return modal(
        "Bring to coaching",
        [
            text_input(
                CoachingBlock.PRIORITIES,
                "Two or three opportunities, one per line",
                multiline=True,
                initial=view.priorities,
                max_length=600,
                placeholder="Acme renewal: stuck on legal\nGlobex: who signs?",
            )
        ],
        callback_id=CoachingCallback.PREP,
        submit="Send",
        private_metadata=json.dumps({"session_id": view.id}),
    )


def prep_saved(manager_id: str) -> dict[str, Any]:
    """The modal after the rep saved."""
    return modal(
        "Thanks",
        [section(f"Added. {mention(manager_id)} will see them before your session.")],
        callback_id=CoachingCallback.PREP,
        close="Done",
    )


# -- moving and pausing ------------------------------------------------------------------------


def reschedule_modal(view: SessionView) -> dict[str, Any]:
    """Move one session to another day and time."""
    local = view.starts_at.astimezone(zone(view.tz))
    day = {
        "type": "datepicker",
        "action_id": CoachingBlock.DAY,
        "initial_date": local.date().isoformat(),
    }
    start = {
        "type": "timepicker",
        "action_id": CoachingBlock.START,
        "initial_time": f"{local:%H:%M}",
    }
    return modal(
        "Move this session",
        [
            section(f"Times are in your zone ({view.tz})."),
            input_block(CoachingBlock.DAY, "New day", day),
            input_block(CoachingBlock.START, "New time", start),
        ],
        callback_id=CoachingCallback.RESCHEDULE,
        submit="Move",
        private_metadata=json.dumps({"session_id": view.id}),
    )


def pause_modal(session_id: int, today: date) -> dict[str, Any]:
    """Pause a rep's sessions until a date."""
    picker = {
        "type": "datepicker",
        "action_id": CoachingBlock.UNTIL,
        "initial_date": today.isoformat(),
    }
    return modal(
        "Pause sessions",
        [
            section("Sessions before this date are paused; they resume by themselves on it."),
            input_block(CoachingBlock.UNTIL, "Back on", picker),
        ],
        callback_id=CoachingCallback.PAUSE,
        submit="Pause",
        private_metadata=json.dumps({"session_id": session_id}),
    )


# -- when sessions keep slipping ------------------------------------------------------------


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


def booked(view: SessionView) -> Message:
    """After the offer was taken."""
    return notice(f"Booked: {when(view.starts_at, view.tz)} with {mention(view.rep_id)}.")
