"""One INFO line per handled request: what kind, which command/action/view/event, how long.

Never the text of a message, a form's values, a token or a person's words: only the ids that
say which door was used, so an operator can follow traffic without reading anyone's mail.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("coachbot.requests")

ID_MAX = 80  # ids are short; anything longer is not one of ours and is cut


def _text(value: Any) -> str:
    return value[:ID_MAX] if isinstance(value, str) else ""


def describe(body: dict[str, Any]) -> tuple[str, str]:
    """(kind, id) of a request: ("command", "/coachme"), ("action", "export_sessions"), ..."""
    if "command" in body:
        return "command", _text(body.get("command"))
    kind = _text(body.get("type"))
    if kind == "block_actions":
        acts = body.get("actions")
        first = acts[0] if isinstance(acts, list) and acts and isinstance(acts[0], dict) else {}
        return "action", _text(first.get("action_id"))
    if kind in {"view_submission", "view_closed"}:
        view = body.get("view")
        return "view", _text(view.get("callback_id") if isinstance(view, dict) else None)
    if kind == "event_callback":
        event = body.get("event")
        return "event", _text(event.get("type") if isinstance(event, dict) else None)
    if kind in {"shortcut", "message_action"}:
        return "shortcut", _text(body.get("callback_id"))
    return kind or "request", ""


def log_handled(body: dict[str, Any], seconds: float, failed: bool) -> None:
    """The one line for a request a listener handled."""
    kind, what = describe(body)
    outcome = "failed" if failed else "ok"
    log.info("%s %s %s in %d ms", kind, what or "-", outcome, round(seconds * 1000))
