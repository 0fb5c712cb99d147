"""The page's Block Kit renderer: every block and input kind, read back as Slack's state."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _text(t: str, kind: str = "plain_text") -> dict[str, Any]:
    return {"type": kind, "text": t}


def _opt(t: str) -> dict[str, Any]:
    return {"text": _text(t), "value": t.lower()}


BLOCKS: list[dict[str, Any]] = [
    {"type": "header", "text": _text("Weekly check-in")},
    {
        "type": "section",
        "block_id": "s",
        "text": _text("*Bold* and _kind_ <@U0RILEY> &lt;not a tag&gt;", "mrkdwn"),
        "fields": [_text("*Stage:* Demo", "mrkdwn"), _text("*Reason:* Price", "mrkdwn")],
        "accessory": {"type": "overflow", "action_id": "more", "options": [_opt("Edit")]},
    },
    {"type": "context", "elements": [_text("Only you see this", "mrkdwn")]},
    {"type": "divider"},
    {"type": "image", "image_url": "/files/none", "alt_text": "Trend chart"},
    {"type": "image", "image_url": "https://example.com/x.png", "alt_text": "Outside"},
    {
        "type": "actions",
        "block_id": "a",
        "elements": [
            {"type": "button", "action_id": "go", "text": _text("Go"), "value": "1"},
            {"type": "datepicker", "action_id": "day", "initial_date": "2026-03-04"},
        ],
    },
    *[
        {"type": "input", "block_id": bid, "label": _text(label), "element": element}
        for bid, label, element in [
            ("t", "Words", {"type": "plain_text_input", "action_id": "t", "multiline": True}),
            (
                "n",
                "Amount",
                {"type": "number_input", "action_id": "n", "is_decimal_allowed": False},
            ),
            (
                "g",
                "Grouped",
                {
                    "type": "static_select",
                    "action_id": "g",
                    "option_groups": [{"label": _text("Bank"), "options": [_opt("One")]}],
                },
            ),
            ("u", "Coach", {"type": "users_select", "action_id": "u"}),
            ("m", "Peers", {"type": "multi_users_select", "action_id": "m"}),
            ("c", "Moments", {"type": "checkboxes", "action_id": "c", "options": [_opt("Lunch")]}),
            (
                "r",
                "Privacy",
                {"type": "radio_buttons", "action_id": "r", "options": [_opt("Named")]},
            ),
            ("d", "Day", {"type": "datepicker", "action_id": "d"}),
            ("h", "Time", {"type": "timepicker", "action_id": "h", "initial_time": "09:30"}),
        ]
    ],
]


def test_every_block_and_input_kind_renders_and_reads_back(page: Any) -> None:
    page.evaluate(
        """(blocks) => {
            const people = {U0RILEY: {name: "Riley Rivera"}};
            const list = [{id: "U0RILEY", name: "Riley Rivera"}, {id: "U0SAM", name: "Sam Okafor"}];
            const ctx = {people, peopleList: list, tz: "UTC", fire: (a) => { window.fired = a; },
                         channelName: (id) => id};
            const box = document.createElement("div");
            box.id = "probe";
            box.append(BK.render(blocks, ctx));
            document.body.prepend(box);
        }""",
        BLOCKS,
    )
    probe = page.locator("#probe")
    expect(probe.get_by_role("heading", name="Weekly check-in")).to_be_visible()
    expect(probe.locator("strong", has_text="Bold")).to_be_visible()
    expect(probe.locator("em", has_text="kind")).to_be_visible()
    expect(probe).to_contain_text("@Riley Rivera <not a tag>")
    expect(probe).to_contain_text("Stage: Demo")
    expect(probe.get_by_role("img", name="Trend chart")).to_be_attached()
    expect(probe).to_contain_text("[image: Outside]")  # never fetched from elsewhere
    assert probe.locator("hr").count() == 1

    probe.get_by_label("More options").select_option(label="Edit")
    fired = page.evaluate("window.fired")
    assert fired["type"] == "overflow" and fired["selected_option"]["value"] == "edit"
    probe.get_by_role("button", name="Go").click()
    assert page.evaluate("window.fired")["value"] == "1"

    probe.get_by_label("Words").fill("Hello")
    probe.get_by_label("Amount").fill("12")
    probe.get_by_label("Grouped").select_option(label="One")
    probe.get_by_label("Coach").select_option("U0SAM")
    probe.get_by_label("Peers").select_option(["U0RILEY", "U0SAM"])
    probe.get_by_label("Lunch").check()
    probe.get_by_label("Named").check()
    probe.get_by_label("Day", exact=True).fill("2026-03-05")
    values = page.evaluate("BK.collect(document.getElementById('probe'))")
    assert values["t"]["t"] == {"type": "plain_text_input", "value": "Hello"}
    assert values["n"]["n"] == {"type": "number_input", "value": "12"}
    assert values["g"]["g"]["selected_option"]["value"] == "one"
    assert values["u"]["u"]["selected_user"] == "U0SAM"
    assert values["m"]["m"]["selected_users"] == ["U0RILEY", "U0SAM"]
    assert [o["value"] for o in values["c"]["c"]["selected_options"]] == ["lunch"]
    assert values["r"]["r"]["selected_option"]["value"] == "named"
    assert values["d"]["d"] == {"type": "datepicker", "selected_date": "2026-03-05"}
    assert values["h"]["h"] == {"type": "timepicker", "selected_time": "09:30"}

    page.evaluate("BK.showErrors(document.getElementById('probe'), {t: 'Too short.'})")
    expect(probe.get_by_label("Words")).to_have_attribute("aria-invalid", "true")
    expect(probe.get_by_text("Too short.")).to_be_visible()
