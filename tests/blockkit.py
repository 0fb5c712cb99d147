"""Checks Block Kit payloads against Slack's published size limits."""

from __future__ import annotations

from typing import Any

LIMITS_TEXT = {"section": 3000, "header": 150, "context": 3000}


def _check_text(obj: dict[str, Any], limit: int, where: str) -> None:
    text = obj.get("text", "")
    assert isinstance(text, str), where
    assert 0 < len(text) <= limit, f"{where}: {len(text)} chars (limit {limit})"


def _check_element(el: dict[str, Any], where: str) -> None:
    kind = el.get("type")
    if kind == "button":
        _check_text(el["text"], 75, where + ".button")
        assert len(el.get("value", "")) <= 2000, where
        assert len(el["action_id"]) <= 255, where
    if kind in {"static_select", "radio_buttons", "checkboxes"}:
        assert 1 <= len(el["options"]) <= 100, where
        for opt in el["options"]:
            _check_text(opt["text"], 75, where + ".option")
            assert len(opt["value"]) <= 150, where
    if kind == "plain_text_input":
        assert el.get("max_length", 3000) <= 3000, where
        assert len(el.get("initial_value", "")) <= el.get("max_length", 3000), where
    if "placeholder" in el:
        _check_text(el["placeholder"], 150, where + ".placeholder")


def check_blocks(blocks: list[dict[str, Any]], max_blocks: int) -> None:
    """Assert every block and element is inside Slack's limits."""
    assert len(blocks) <= max_blocks, f"{len(blocks)} blocks (limit {max_blocks})"
    for i, block in enumerate(blocks):
        where = f"block[{i}]:{block['type']}"
        assert len(block.get("block_id", "")) <= 255, where
        if block["type"] == "section":
            if "text" in block:
                _check_text(block["text"], 3000, where)
            for f in block.get("fields", []):
                _check_text(f, 2000, where + ".field")
            if "accessory" in block:
                _check_element(block["accessory"], where)
        elif block["type"] == "header":
            _check_text(block["text"], 150, where)
        elif block["type"] == "context":
            assert 1 <= len(block["elements"]) <= 10, where
            for el in block["elements"]:
                if el["type"] in {"mrkdwn", "plain_text"}:
                    _check_text(el, 3000, where)
        elif block["type"] == "actions":
            assert 1 <= len(block["elements"]) <= 25, where
            for el in block["elements"]:
                _check_element(el, where)
        elif block["type"] == "input":
            _check_text(block["label"], 2000, where + ".label")
            if block.get("optional"):
                # Slack adds "(optional)" itself; saying it too reads "(optional) (optional)".
                assert "optional" not in block["label"]["text"].lower(), where
            if "hint" in block:
                _check_text(block["hint"], 2000, where + ".hint")
            _check_element(block["element"], where)


def check_message(text: str, blocks: list[dict[str, Any]]) -> None:
    assert 0 < len(text) <= 40000
    check_blocks(blocks, 50)


def check_view(view: dict[str, Any]) -> None:
    if view["type"] == "modal":
        _check_text(view["title"], 24, "title")
        for key in ("submit", "close"):
            if key in view:
                _check_text(view[key], 24, key)
        assert len(view.get("private_metadata", "")) <= 3000
        assert len(view.get("callback_id", "")) <= 255
    check_blocks(view["blocks"], 100)


def slack_date_token(utc: str, fallback: str) -> str:
    """The date token a message carries for the UTC instant `utc` ("2026-03-03T15:00"), with
    the recipient's-zone `fallback` ("Tue 3 Mar, 10:00 EST")."""
    from datetime import UTC, datetime

    epoch = int(datetime.fromisoformat(utc).replace(tzinfo=UTC).timestamp())
    return f"<!date^{epoch}^{{date_short_pretty}} at {{time}}|{fallback}>"


def slack_day_token(day: str, fallback: str) -> str:
    """The token a message carries for the calendar day `day` ("2026-06-02")."""
    from datetime import UTC, date, datetime, time

    noon = datetime.combine(date.fromisoformat(day), time(12, 0), tzinfo=UTC)
    return f"<!date^{int(noon.timestamp())}^{{date_short_pretty}}|{fallback}>"
