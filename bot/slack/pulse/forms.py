"""Parsers from the pulse modals' `state.values` to the domain's forms, and back: the input
where each domain field's error is shown."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.pulse.rules import PulseField, PulseForm, ScheduleForm
from bot.slack.forms import Values, selected_of, text_of, time_of
from bot.slack.pulse.ids import PulseBlock

MONTHLY = "monthly"  # the cadence menu's value for "the first <weekday> of each month"

# The input each domain field's error goes on. A form sent from outside a channel is refused
# where the question is picked, the first input of the form.
FIELD_BLOCKS: dict[str, str] = {
    PulseField.QUESTION: PulseBlock.BANK,
    PulseField.QUESTION_TEXT: PulseBlock.CUSTOM,
    PulseField.ANSWER_TYPE: PulseBlock.TYPE,
    PulseField.OPTIONS: PulseBlock.OPTIONS,
    PulseField.DURATION: PulseBlock.DURATION,
    PulseField.CHANNEL: PulseBlock.BANK,
    PulseField.EVERY_WEEKS: PulseBlock.EVERY,
    PulseField.WEEKDAY: PulseBlock.WEEKDAY,
    PulseField.TIME: PulseBlock.TIME,
    PulseField.TZ: PulseBlock.TZ,
    PulseField.THRESHOLD: PulseBlock.THRESHOLD,
    PulseField.POOL_RUNS: PulseBlock.POOL,
}


def _int(raw: str | None) -> int | None:
    return int(raw) if raw is not None and raw.isdigit() else None


def pulse_form(values: Values) -> PulseForm:
    """Read the question part of the /pulse and /pulse schedule modals."""
    return PulseForm(
        bank_key=selected_of(values, PulseBlock.BANK),
        custom_text=text_of(values, PulseBlock.CUSTOM),
        answer_type=selected_of(values, PulseBlock.TYPE),
        options_text=text_of(values, PulseBlock.OPTIONS),
        anonymous=selected_of(values, PulseBlock.PRIVACY) != "named",
        duration_hours=_int(selected_of(values, PulseBlock.DURATION)),
    )


def schedule_form(values: Values) -> ScheduleForm:
    """Read the /pulse schedule modal."""
    every = selected_of(values, PulseBlock.EVERY)
    return ScheduleForm(
        pulse=pulse_form(values),
        every_weeks=_int(every),
        monthly=every == MONTHLY,
        weekday=_int(selected_of(values, PulseBlock.WEEKDAY)),
        local_time=time_of(values, PulseBlock.TIME),
        tz=text_of(values, PulseBlock.TZ),
    )


def settings_values(values: Values) -> tuple[int | None, int | None]:
    """(threshold, pool_runs) from the settings modal."""
    return (
        _int(selected_of(values, PulseBlock.THRESHOLD)),
        _int(selected_of(values, PulseBlock.POOL)),
    )


def answer_value(raw: str | None) -> tuple[int, int] | None:
    """(pulse_id, choice) from an answer button's value."""
    if not raw or ":" not in raw:
        return None
    pid, choice = raw.split(":", 1)
    if not (pid.isdigit() and choice.isdigit()) or len(pid) > 12 or len(choice) > 2:
        return None
    return int(pid), int(choice)


def channel_metadata(channel_id: str) -> str:
    """The private metadata of a modal whose submission posts in `channel_id`."""
    return json.dumps({"channel": channel_id})


def channel_of_metadata(meta: dict[str, Any]) -> str:
    """The channel `channel_metadata` stored."""
    return str(meta.get("channel") or "")
