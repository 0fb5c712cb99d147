"""A coaching reminder, reached by jumping the sandbox clock, and marked held."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bot.sandbox.people import MANAGER, REP
from tests.sandbox.steps import be, feed, message_with, next_nudge

pytestmark = pytest.mark.browser


def test_next_nudge_reaches_the_reminder_and_it_is_marked_held(page: Any) -> None:
    shot = page.shots
    be(page, MANAGER.user_id, "coachbot")
    held = feed(page).get_by_role("button", name="Held")
    clocks = []
    for _ in range(6):
        if held.count():
            break
        next_nudge(page)
        clocks.append(page.locator("#clock").inner_text())
    assert held.count() == 1, clocks
    assert len(set(clocks)) == len(clocks), clocks  # every jump moved the clock on
    expect(page.get_by_role("status")).to_contain_text("Jumped to the next nudge")
    reminder = message_with(page, "Riley Rivera")
    expect(reminder.get_by_role("button", name="Skip this one")).to_be_visible()
    shot("reminder")

    # Riley was asked to prepare the working day before.
    be(page, REP.user_id, "coachbot")
    expect(
        message_with(page, "Morgan Lee").get_by_role("button", name="Add opportunities")
    ).to_be_visible()

    be(page, MANAGER.user_id, "coachbot")
    reminder = message_with(page, "Riley Rivera")
    reminder.get_by_role("button", name="Held").click()
    expect(reminder).to_contain_text("Marked as held.")
    expect(reminder.get_by_role("button")).to_have_count(0)
    shot("marked-held")
