"""Parsers from the add-a-bid modal's `state.values` and bid buttons to the domain's terms."""

from __future__ import annotations

import json

from bot.domain.bids.rules import MOMENTS, SIZES, PromptForm
from bot.slack.bids.ids import BidBlock
from bot.slack.forms import Values, checked_of, selected_of, text_of

# The add-a-bid modal's block for each PromptForm field the domain may name in InvalidInput.
FIELD_BLOCKS: dict[str, str] = {
    "text": BidBlock.TEXT,
    "size": BidBlock.SIZE,
    "moments": BidBlock.MOMENTS,
}


def prompt_form(values: Values) -> PromptForm:
    """Read the add-a-bid modal."""
    return PromptForm(
        text=text_of(values, BidBlock.TEXT),
        size=selected_of(values, BidBlock.SIZE),
        moments=tuple(sorted(checked_of(values, BidBlock.MOMENTS))),
        for_everyone=selected_of(values, BidBlock.AUDIENCE) == "everyone",
    )


def refusal_block(form: PromptForm) -> str:
    """Where a refusal naming no field goes: the audience when sharing was asked for."""
    return BidBlock.AUDIENCE if form.for_everyone else BidBlock.TEXT


def another_of(raw: str | None) -> tuple[int | None, str | None, str | None]:
    """The prompt id, size and moment carried by an "Another one" button (None if unknown)."""
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
        size if size in SIZES else None,
        moment if moment in MOMENTS else None,
    )
