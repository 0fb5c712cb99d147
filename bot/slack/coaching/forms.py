"""Parsers of the coaching modals (the builders' inverse), and where their errors go."""

from __future__ import annotations

from bot.domain.coaching.dto import CadenceForm
from bot.slack.coaching.ids import CoachingBlock
from bot.slack.forms import Values, selected_of, time_of

# The block each domain field is typed in, so a field's error shows on its input.
FIELD_BLOCKS: dict[str, str] = {
    "rep": CoachingBlock.REP,
    "every_weeks": CoachingBlock.EVERY,
    "weekday": CoachingBlock.WEEKDAY,
    "start_time": CoachingBlock.START,
    "length_minutes": CoachingBlock.LENGTH,
    "lead": CoachingBlock.LEAD,
    "day": CoachingBlock.DAY,
    "until": CoachingBlock.UNTIL,
    "priorities": CoachingBlock.PRIORITIES,
}


def cadence_form(values: Values) -> CadenceForm:
    """Read the coaching cadence modal."""
    return CadenceForm(
        every_weeks=selected_of(values, CoachingBlock.EVERY),
        weekday=selected_of(values, CoachingBlock.WEEKDAY),
        start_time=time_of(values, CoachingBlock.START),
        length_minutes=selected_of(values, CoachingBlock.LENGTH),
        lead=selected_of(values, CoachingBlock.LEAD),
    )
