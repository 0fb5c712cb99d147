"""Small pure helpers for Block Kit, with Slack's size limits applied where text goes in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from bot.domain.kernel.wallclock import zone

Blocks = list[dict[str, Any]]

SECTION_TEXT_MAX = 3000
HEADER_MAX = 150
BUTTON_TEXT_MAX = 75
OPTION_TEXT_MAX = 75
MODAL_TITLE_MAX = 24
FALLBACK_TEXT_MAX = 3000


@dataclass(frozen=True)
class Message:
    """A message: fallback `text` (notifications, screen readers) and `blocks`."""

    text: str
    blocks: Blocks = field(default_factory=list)


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def escape(text: str) -> str:
    """Escape user text for mrkdwn, so it cannot ping or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mention(user_id: str) -> str:
    return f"<@{user_id}>"


def slack_date(instant: datetime, fallback_tz: str = "UTC") -> str:
    """A moment every reader sees in their own zone and 12/24-hour style ("Tomorrow at 10:00
    AM"): Slack formats the token per reader. The fallback, for clients that cannot, is in
    `fallback_tz` (the recipient's zone where known), with the zone named.

    The one way coachbot writes a date and time in a message; use it in mrkdwn text only.
    """
    local = instant.astimezone(zone(fallback_tz))
    fallback = f"{local:%a} {local.day} {local:%b}, {local:%H:%M} {local:%Z}"
    return f"<!date^{int(instant.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def slack_day(day: date) -> str:
    """A calendar day in the same style as `slack_date` ("Tomorrow", "Mar 6"), for dates
    without a time of day. Noon UTC names the same day in nearly every zone."""
    noon = datetime.combine(day, time(12, 0), tzinfo=UTC)
    fallback = f"{day:%a} {day.day} {day:%b} {day.year}"
    return f"<!date^{int(noon.timestamp())}^{{date_short_pretty}}|{fallback}>"


def plain(text: str, limit: int = SECTION_TEXT_MAX) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, SECTION_TEXT_MAX)}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(text, HEADER_MAX)}


def section(
    text: str, accessory: dict[str, Any] | None = None, block_id: str | None = None
) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": md(text)}
    if accessory is not None:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def quote(label: str, body: str) -> dict[str, Any]:
    """A labelled block quote of user text (escaped, and clipped to fit one section)."""
    lines = escape(body).splitlines() or [""]
    quoted = "\n".join("> " + line for line in lines)
    return section(f"*{label}*\n" + clip(quoted, SECTION_TEXT_MAX - len(label) - 10))


def context(*texts: str) -> dict[str, Any]:
    return {"type": "context", "elements": [md(t) for t in texts[:10]]}


def divider() -> dict[str, Any]:
    return {"type": "divider"}


def button(
    text: str, action_id: str, value: str | None = None, *, style: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, BUTTON_TEXT_MAX),
        "action_id": action_id,
    }
    if value is not None:
        element["value"] = value[:2000]
    if style:
        element["style"] = style
    return element


def actions(*elements: dict[str, Any], block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "actions", "elements": list(elements[:25])}
    if block_id:
        block["block_id"] = block_id
    return block


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, OPTION_TEXT_MAX), "value": value}


def modal(
    title: str,
    blocks: Blocks,
    *,
    callback_id: str,
    submit: str | None = None,
    close: str = "Cancel",
    private_metadata: str = "",
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, MODAL_TITLE_MAX),
        "close": plain(close, MODAL_TITLE_MAX),
        "blocks": blocks[:100],
        "private_metadata": private_metadata[:3000],
    }
    if submit:
        view["submit"] = plain(submit, MODAL_TITLE_MAX)
    return view


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    optional: bool = False,
    initial: str | None = None,
    placeholder: str | None = None,
    max_length: int = 3000,
    hint: str | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": block_id,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return input_block(block_id, label, element, optional=optional, hint=hint)


def input_block(
    block_id: str,
    label: str,
    element: dict[str, Any],
    *,
    optional: bool = False,
    hint: str | None = None,
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def static_select(
    block_id: str,
    label: str,
    options: list[tuple[str, str]],
    *,
    optional: bool = False,
    initial: str | None = None,
    placeholder: str = "Choose one",
) -> dict[str, Any]:
    opts = [option(text, value) for value, text in options]
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": block_id,
        "options": opts,
        "placeholder": plain(placeholder, 150),
    }
    chosen = [o for o in opts if o["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return input_block(block_id, label, element, optional=optional)
