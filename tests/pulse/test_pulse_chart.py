"""The trend chart: Slack's native chart where the workspace takes it, a PNG where it does
not, always with the numbers in words, and never for a single point."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from tests.conftest import COACH
from tests.fakes.slack_api import FakeSlack, Reply
from tests.payloads import TEAM_ID
from tests.pulse.pulse_helpers import PNG_SIGNATURE, VOTERS, add_voters, posted_ts, start_direct


def _run(c: Container, clock: ManualClock, picks: list[int]) -> str:
    """One anonymous run of the scale question; the ts of its channel post."""
    pulse = start_direct(c, COACH)
    for user, choice in zip(VOTERS, picks, strict=False):
        c.pulses.answer(TEAM_ID, pulse.id, user, choice)
    clock.advance(timedelta(days=7))
    c.pulses.close_due()
    c.delivery.run()
    return posted_ts(c, pulse.id)


def _charts(slack: FakeSlack) -> list[dict[str, Any]]:
    return [
        p
        for p in slack.calls_to("chat.postMessage")
        if "data_visualization" in json.dumps(p.get("blocks", []))
    ]


def test_the_second_run_shows_a_native_line_chart_with_its_numbers_in_words(
    container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    add_voters(slack)
    _run(container, clock, [4, 4, 4, 4, 4, 4])  # average 5
    assert _charts(slack) == [] and slack.uploads == {}  # a single point is no trend
    ts = _run(container, clock, [2, 2, 3, 3, 4, 4])  # average 4
    [post] = _charts(slack)
    assert post["thread_ts"] == ts and post["channel"] == "C_TEAM"
    block = post["blocks"][0]
    assert block["type"] == "data_visualization"
    chart = block["chart"]
    assert chart["type"] == "line"
    assert chart["axis_config"]["categories"] == ["2 Mar", "9 Mar"]
    assert [d["value"] for d in chart["series"][0]["data"]] == [5.0, 4.0]
    assert [d["label"] for d in chart["series"][0]["data"]] == ["2 Mar", "9 Mar"]
    assert "2 Mar 5, 9 Mar 4" in post["text"]  # the alt text carries the numbers
    assert "9 Mar 4" in json.dumps(post["blocks"][1])
    assert slack.uploads == {}


def test_a_workspace_without_native_charts_gets_the_png_with_the_same_words(
    container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    add_voters(slack)
    _run(container, clock, [4, 4, 4, 4, 4, 4])
    # The result posts; the chart block is refused; the next pulse's post goes through.
    slack.script("chat.postMessage", Reply.normal(), Reply.normal(), Reply.error("invalid_blocks"))
    ts = _run(container, clock, [2, 2, 3, 3, 4, 4])
    [png] = slack.uploads.values()
    assert png.startswith(PNG_SIGNATURE)
    [done] = slack.calls_to("files.completeUploadExternal")
    assert done["thread_ts"] == ts
    [asked] = slack.calls_to("files.getUploadURLExternal")
    assert "2 Mar 5, 9 Mar 4" in asked["alt_txt"]  # alt text with the numbers
    refused = len(_charts(slack))  # the one attempt Slack refused
    # Once refused, the workspace is not offered the native block again.
    _run(container, clock, [1, 1, 1, 1, 1, 1])
    assert len(slack.uploads) == 2
    assert len(_charts(slack)) == refused == 1
