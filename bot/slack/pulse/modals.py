"""The pulse modals: start a pulse, schedule a recurring one, change the workspace settings."""

from __future__ import annotations

from typing import Any

from bot.domain.pulse.dto import SettingsView
from bot.domain.pulse.rules import (
    ANSWER_TYPES,
    DEFAULT_DURATION,
    DURATIONS,
    MIN_THRESHOLD,
    POOL_CHOICES,
    WEEKDAYS,
    bank,
)
from bot.slack.blockkit import (
    Blocks,
    context,
    input_block,
    modal,
    option,
    plain,
    section,
    static_select,
    text_input,
)
from bot.slack.pulse.forms import MONTHLY, channel_metadata
from bot.slack.pulse.ids import PulseBlock, PulseCallback

THEMES = {
    "customers": "Conversations with customers",
    "self": "How you're doing",
    "coach": "You and your coach",
    "pipeline": "Pipeline",
    "coaching_happened": "Coaching this week",
    "stretch": "Growth and stretch",
}


def _bank_select(optional: bool) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for q in bank().values():
        groups.setdefault(q.theme, []).append(option(q.text, q.key))
    element = {
        "type": "static_select",
        "action_id": PulseBlock.BANK,
        "placeholder": plain("Pick a question", 150),
        "option_groups": [
            {"label": plain(THEMES.get(theme, theme.title()), 75), "options": opts[:100]}
            for theme, opts in groups.items()
        ],
    }
    return input_block(PulseBlock.BANK, "A question from the bank", element, optional=optional)


def _question_blocks() -> Blocks:
    choices = [
        option("Anonymous: nobody sees who answered what", "anonymous"),
        option("Named: results show who answered what", "named"),
    ]
    privacy: dict[str, Any] = {
        "type": "radio_buttons",
        "action_id": PulseBlock.PRIVACY,
        "options": choices,
        "initial_option": choices[0],
    }
    return [
        _bank_select(optional=True),
        text_input(
            PulseBlock.CUSTOM,
            "…or write your own question",
            optional=True,
            max_length=150,
            placeholder="How ready do you feel for Thursday's pitch?",
        ),
        static_select(
            PulseBlock.TYPE,
            "How people answer your own question",
            list(ANSWER_TYPES.items()),
            optional=True,
        ),
        text_input(
            PulseBlock.OPTIONS,
            "Options (for “a few options”), one per line",
            multiline=True,
            optional=True,
            max_length=200,
        ),
        input_block(PulseBlock.PRIVACY, "Who sees what", privacy),
        static_select(
            PulseBlock.DURATION,
            "Stays open for",
            [(str(h), label) for h, label in DURATIONS.items()],
            initial=str(DEFAULT_DURATION),
        ),
    ]


def _posting_in(
    channel_id: str, title: str, blocks: Blocks, callback_id: str, submit: str
) -> dict[str, Any]:
    # The submission arrives without a channel; the modal carries the one it was opened in.
    return modal(
        title,
        blocks,
        callback_id=callback_id,
        submit=submit,
        private_metadata=channel_metadata(channel_id),
    )


def start_modal(channel_id: str, threshold: int) -> dict[str, Any]:
    """The /pulse form."""
    blocks = [
        context(
            "Everyone in the channel can answer with one click. Anonymous results show only "
            f"when at least {threshold} people answer."
        ),
        *_question_blocks(),
    ]
    return _posting_in(channel_id, "Pulse check-in", blocks, PulseCallback.START, "Post it")


def schedule_modal(channel_id: str, tz: str) -> dict[str, Any]:
    """The /pulse schedule form."""
    time_element = {
        "type": "timepicker",
        "action_id": PulseBlock.TIME,
        "initial_time": "09:30",
    }
    blocks = [
        context("The question is posted here on the day and time you pick, in the zone you pick."),
        *_question_blocks(),
        static_select(
            PulseBlock.EVERY,
            "How often",
            [("1", "Every week"), ("2", "Every two weeks"), (MONTHLY, "Every month")],
            initial="1",
        ),
        static_select(
            PulseBlock.WEEKDAY,
            "On (monthly: the first one of the month)",
            [(str(i), day) for i, day in enumerate(WEEKDAYS)],
            initial="4",
        ),
        input_block(PulseBlock.TIME, "At", time_element),
        text_input(PulseBlock.TZ, "Time zone", initial=tz, max_length=64),
    ]
    return _posting_in(channel_id, "Recurring pulse", blocks, PulseCallback.SCHEDULE, "Save")


def settings_modal(current: SettingsView) -> dict[str, Any]:
    """The /pulse settings form (admins only)."""
    pool = [("0", "Off: a run below the minimum shows nothing")] + [
        (str(n), f"Pool up to {n} runs of the same question") for n in POOL_CHOICES if n
    ]
    blocks = [
        section(
            "Anonymous results stay hidden until enough people answer, so nobody can work out "
            "who said what. Small teams can pool a few runs of the same question into one result."
        ),
        static_select(
            PulseBlock.THRESHOLD,
            "Minimum answers to show a result",
            [(str(n), str(n)) for n in range(MIN_THRESHOLD, 11)],
            initial=str(current.threshold),
        ),
        static_select(
            PulseBlock.POOL, "Pooling for small teams", pool, initial=str(current.pool_runs)
        ),
    ]
    return modal("Pulse settings", blocks, callback_id=PulseCallback.SETTINGS, submit="Save")
