"""Parsers from the add-a-bid modal's `state.values` to the domain's form."""

from __future__ import annotations

import json

from bot.domain.bids.rules import PromptForm
from bot.slack.bids.ids import BidBlock
from bot.slack.forms import Values, checked_of, selected_of, text_of


def prompt_form(values: Values) -> PromptForm:
    """Read the add-a-bid modal."""
    return PromptForm(
        text=text_of(values, BidBlock.TEXT),
        size=selected_of(values, BidBlock.SIZE),
        moments=tuple(sorted(checked_of(values, BidBlock.MOMENTS))),
        for_everyone=selected_of(values, BidBlock.AUDIENCE) == "everyone",
    )


def another_of(raw: str | None) -> tuple[int | None, str | None, str | None]:
    """The prompt id, size and moment carried by an "Another one" button."""
    try:
        data = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return None, None, None
    if not isinstance(data, dict):
        return None, None, None
    pid = data.get("p")
    size = data.get("s")
    moment = data.get("m")
    return (
        pid if isinstance(pid, int) else None,
        size if isinstance(size, str) else None,
        moment if isinstance(moment, str) else None,
    )
