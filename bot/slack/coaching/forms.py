"""Parsers of the coaching modals (the builders' inverse)."""

from __future__ import annotations

from bot.domain.coaching.service import CadenceForm
from bot.slack.coaching.ids import CoachingBlock
from bot.slack.forms import Values, selected_of, time_of


def cadence_form(values: Values) -> CadenceForm:
    """Read the coaching cadence modal."""
    return CadenceForm(
        every_weeks=selected_of(values, CoachingBlock.EVERY),
        weekday=selected_of(values, CoachingBlock.WEEKDAY),
        start_time=time_of(values, CoachingBlock.START),
        length_minutes=selected_of(values, CoachingBlock.LENGTH),
        lead=selected_of(values, CoachingBlock.LEAD),
    )
