"""Notification controls on the App Home: the summary, the form, and the back-off question."""

from __future__ import annotations

from typing import Any

from bot.domain.kernel.notifications import Backoff, PrefsForm, PrefsView, Topic
from bot.domain.kernel.outbox import OutboxItem
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    context,
    divider,
    header,
    input_block,
    modal,
    option,
    section,
    static_select,
)
from bot.slack.delivery import post_item
from bot.slack.forms import Values, checked_of, selected_of, time_of
from bot.slack.gateway import Gateway, Sent
from bot.slack.home.ids import HomeAction, HomeBlock, HomeCallback

TOPIC_WORDS = {
    Topic.COACHING: "Coaching session reminders and check-ins (managers)",
    Topic.PREP: "A note before each session to bring your top opportunities (reps)",
    Topic.FEEDBACK_NUDGES: "Gentle nudges about feedback someone asked you for",
    Topic.FOLLOWUPS: "Account follow-ups after a “not now” loss",
    Topic.BIDS: "A small bid to try after giving tough feedback",
    Topic.DIGEST: "The weekly digest for managers, on your first working morning",
}
DAY_WORDS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Only the fields whose block ids differ from the domain's names.
FIELD_BLOCKS = {
    "topics": HomeBlock.TOPICS,
    "quiet_start": HomeBlock.QUIET_START,
    "quiet_end": HomeBlock.QUIET_END,
    "working_days": HomeBlock.WORKING_DAYS,
}


def days_words(days: tuple[int, ...]) -> str:
    """ "Mon-Fri", or the days listed."""
    if days == (0, 1, 2, 3, 4):
        return "Mon–Fri"
    return ", ".join(DAY_WORDS[d] for d in days)


def home_section(prefs: PrefsView) -> Blocks:
    """What the person gets and when, with a button to change it."""
    off = [TOPIC_WORDS[Topic(t)].split(" (")[0].lower() for t in sorted(prefs.muted)]
    lines = [f"Nudges on {days_words(prefs.working_days)}"]
    if prefs.quiet is not None:
        lines.append(f"quiet {prefs.quiet.start:%H:%M}–{prefs.quiet.end:%H:%M}")
    text = ", ".join(lines) + "."
    text += f" Turned off: {'; '.join(off)}." if off else " You get every kind of nudge."
    if prefs.backoff == Backoff.ASKED:
        text += " Coaching reminders: on hold until you answer my question about them."
    elif prefs.backoff == Backoff.DIGEST:
        text += " Coaching reminders: weekly digest only."
    elif prefs.backoff == Backoff.PAUSED and prefs.backoff_until is not None:
        text += f" Coaching reminders paused until {prefs.backoff_until.isoformat()}."
    return [
        divider(),
        header("Your notifications"),
        section(text, accessory=button("Change", HomeAction.EDIT_NOTIFICATIONS)),
    ]


def _checkboxes(
    block: str, label: str, choices: list[tuple[str, str]], on: set[str]
) -> dict[str, Any]:
    opts = [option(text, value) for value, text in choices]
    element: dict[str, Any] = {"type": "checkboxes", "action_id": block, "options": opts}
    initial = [o for o in opts if o["value"] in on]
    if initial:
        element["initial_options"] = initial
    return input_block(block, label, element, optional=True)


def _timepicker(block: str, label: str, initial: str | None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "timepicker", "action_id": block}
    if initial:
        element["initial_time"] = initial
    return input_block(block, label, element, optional=True)


def day_boxes(block: str, label: str, days: tuple[int, ...]) -> dict[str, Any]:
    """Checkboxes for the days of the week, `days` ticked."""
    return _checkboxes(
        block, label, [(str(i), w) for i, w in enumerate(DAY_WORDS)], {str(d) for d in days}
    )


def prefs_modal(prefs: PrefsView) -> dict[str, Any]:
    """The notification form."""
    on = {str(t) for t in Topic if prefs.wants(t)}
    blocks: Blocks = [
        _checkboxes(
            HomeBlock.TOPICS,
            "Send me",
            [(str(t), TOPIC_WORDS[t]) for t in Topic],
            on,
        ),
        _timepicker(
            HomeBlock.QUIET_START,
            "Quiet hours start",
            prefs.quiet.start.strftime("%H:%M") if prefs.quiet else None,
        ),
        _timepicker(
            HomeBlock.QUIET_END,
            "Quiet hours end",
            prefs.quiet.end.strftime("%H:%M") if prefs.quiet else None,
        ),
        day_boxes(HomeBlock.WORKING_DAYS, "My working days", prefs.working_days),
    ]
    if prefs.backoff != Backoff.NONE:
        # Shown once the back-off question was asked, so the answer can be changed.
        blocks.append(
            static_select(
                HomeBlock.BACKOFF,
                "Coaching reminders",
                [
                    (str(Backoff.KEEP), "As usual"),
                    (str(Backoff.PAUSED), "Paused for 4 weeks"),
                    (str(Backoff.DIGEST), "Weekly digest only"),
                ],
                optional=True,
                initial=str(prefs.backoff),
            )
        )
    blocks += [
        context(
            "Nudges due in quiet hours or on a day off wait for your next working moment, "
            "in your own time zone. Replies to what you just did always come straight away."
        ),
    ]
    return modal("Notifications", blocks, callback_id=HomeCallback.NOTIFICATIONS, submit="Save")


def parse_prefs(values: Values) -> PrefsForm:
    """The notification form, as submitted (the inverse of `prefs_modal`)."""
    return PrefsForm(
        topics_on=tuple(sorted(checked_of(values, HomeBlock.TOPICS))),
        quiet_start=time_of(values, HomeBlock.QUIET_START),
        quiet_end=time_of(values, HomeBlock.QUIET_END),
        working_days=tuple(sorted(checked_of(values, HomeBlock.WORKING_DAYS))),
        backoff=selected_of(values, HomeBlock.BACKOFF),
    )


def backoff_message(ignored: int) -> Message:
    """Asked once, after three coaching reminders in a row went by without a click."""
    text = (
        f"The last {ignored} coaching reminders went by without a click, so let me ask once "
        "rather than keep nudging: what would help you most? Regular sessions are what make "
        "coaching stick, and one quick tap on *Held* after each keeps the count honest."
    )
    return Message(
        text="Fewer coaching reminders?",
        blocks=[
            section(text),
            actions(
                button("Keep the reminders", HomeAction.BACKOFF, Backoff.KEEP),
                button("Pause them for 4 weeks", HomeAction.BACKOFF, Backoff.PAUSED),
                button("Weekly digest only", HomeAction.BACKOFF, Backoff.DIGEST),
            ),
            context(
                "Until you pick, I'll hold the reminders. You can change this on the Home tab."
            ),
        ],
    )


BACKOFF_REPLIES = {
    Backoff.KEEP: "Reminders stay as they are. Thanks for letting me know.",
    Backoff.PAUSED: "Coaching reminders are paused for four weeks, then they come back.",
    Backoff.DIGEST: "From now on you get one digest each Monday morning instead of reminders.",
}


def backoff_reply(answer: str) -> Message:
    """The question, replaced by what was chosen."""
    text = BACKOFF_REPLIES.get(Backoff(answer), "Noted.")
    return Message(text=text, blocks=[section(text)])


def send_backoff(gateway: Gateway, item: OutboxItem) -> Sent:
    """The outbox sender of the back-off question."""
    return post_item(gateway, item, backoff_message(int(item.payload.get("ignored", 3))))
