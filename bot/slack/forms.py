"""Readers of a modal's `state.values` and of button values, shared by every feature's parsers."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

Values = dict[str, dict[str, dict[str, Any]]]


def _element(values: Values, block: str) -> dict[str, Any]:
    # Slack always sends dicts here; anything else is a forged or broken request, read as empty.
    entry = values.get(block) if isinstance(values, dict) else None
    element = entry.get(block) if isinstance(entry, dict) else None
    return element if isinstance(element, dict) else {}


def _list(raw: object) -> list[Any]:
    return raw if isinstance(raw, list) else []


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
    users = _list(_element(values, block).get("selected_users"))
    return tuple(u for u in users if isinstance(u, str))


def checked_of(values: Values, block: str) -> set[str]:
    """The values of ticked checkboxes."""
    options = _list(_element(values, block).get("selected_options"))
    return {str(o.get("value")) for o in options if isinstance(o, dict)}


def metadata_of(view: dict[str, Any]) -> dict[str, Any]:
    """A view's private_metadata as a dict (empty when missing or not JSON)."""
    raw = view.get("private_metadata") if isinstance(view, dict) else None
    if not isinstance(raw, str) or not raw:
        return {}
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
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
