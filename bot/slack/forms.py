"""Parsers from a modal's `state.values` to the domain's forms (the builders' inverse)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.domain.coaching.service import CadenceForm
from bot.domain.coachme.rules import AnswerForm, RequestForm
from bot.slack.ids import Block

Values = dict[str, dict[str, dict[str, Any]]]


def _element(values: Values, block: str) -> dict[str, Any]:
    return values.get(block, {}).get(block, {})


def text_of(values: Values, block: str) -> str | None:
    """A plain_text_input's value."""
    value = _element(values, block).get("value")
    return value if isinstance(value, str) else None


def selected_of(values: Values, block: str) -> str | None:
    """A static_select's or radio_buttons' chosen value."""
    chosen = _element(values, block).get("selected_option")
    return str(chosen["value"]) if isinstance(chosen, dict) and "value" in chosen else None


def user_of(values: Values, block: str) -> str | None:
    """A users_select's chosen user."""
    user = _element(values, block).get("selected_user")
    return user if isinstance(user, str) and user else None


def users_of(values: Values, block: str) -> tuple[str, ...]:
    """A multi_users_select's chosen users."""
    users = _element(values, block).get("selected_users") or []
    return tuple(u for u in users if isinstance(u, str))


def checked_of(values: Values, block: str) -> set[str]:
    """The values of ticked checkboxes."""
    options = _element(values, block).get("selected_options") or []
    return {str(o.get("value")) for o in options if isinstance(o, dict)}


def request_form(values: Values) -> RequestForm:
    """Read the /coachme modal."""
    followup = selected_of(values, Block.FOLLOWUP)
    return RequestForm(
        deal_name=text_of(values, Block.DEAL),
        amount=text_of(values, Block.AMOUNT),
        stage=selected_of(values, Block.STAGE),
        loss_reason=selected_of(values, Block.LOSS_REASON),
        what_happened=text_of(values, Block.WHAT_HAPPENED),
        do_differently=text_of(values, Block.DO_DIFFERENTLY),
        help_with=text_of(values, Block.HELP_WITH),
        coach_user_id=user_of(values, Block.COACH),
        peer_user_ids=users_of(values, Block.PEERS),
        followup_months=int(followup) if followup and followup.isdigit() else None,
    )


def answer_form(values: Values) -> AnswerForm:
    """Read the feedback modal."""
    return AnswerForm(
        selling_skills=text_of(values, Block.SELLING_SKILLS),
        customer_knowledge=text_of(values, Block.CUSTOMER_KNOWLEDGE),
        our_org=text_of(values, Block.OUR_ORG),
        try_next=text_of(values, Block.TRY_NEXT),
        go_deeper="yes" in checked_of(values, Block.GO_DEEPER),
    )


def metadata_of(view: dict[str, Any]) -> dict[str, Any]:
    """A view's private_metadata as a dict (empty when missing or not JSON)."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def int_value(raw: object) -> int | None:
    """A button value that should be a positive id; None when it isn't."""
    if isinstance(raw, int) and raw > 0:
        return raw
    if isinstance(raw, str) and raw.isdigit() and len(raw) < 12:
        return int(raw)
    return None


def time_of(values: Values, block: str) -> str | None:
    """A timepicker's chosen time, as HH:MM."""
    value = _element(values, block).get("selected_time")
    return value if isinstance(value, str) else None


def date_of(values: Values, block: str) -> date | None:
    """A datepicker's chosen date."""
    value = _element(values, block).get("selected_date")
    return parse_date(value) if isinstance(value, str) else None


def parse_date(text: str) -> date | None:
    """`YYYY-MM-DD` as a date, or None."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def cadence_form(values: Values) -> CadenceForm:
    """Read the coaching cadence modal."""
    return CadenceForm(
        every_weeks=selected_of(values, Block.COACHING_EVERY),
        weekday=selected_of(values, Block.COACHING_WEEKDAY),
        start_time=time_of(values, Block.COACHING_START),
        length_minutes=selected_of(values, Block.COACHING_LENGTH),
        lead=selected_of(values, Block.COACHING_LEAD),
    )
