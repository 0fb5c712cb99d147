"""The seeded pulse answered by five people and closed: what each of them sees."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from bot.sandbox.people import ADMIN, MANAGER, REP, REP2, TEAMMATES
from tests.sandbox.steps import be, feed, message_with

pytestmark = pytest.mark.browser

VOTERS = (REP, REP2, MANAGER, TEAMMATES[0], TEAMMATES[1])


def test_pulse_answered_by_several_people_and_closed(page: Any) -> None:
    shot = page.shots
    for n, person in enumerate(VOTERS):
        be(page, person.user_id, "#sales-team")
        question = feed(page).locator("article").first
        expect(question).to_contain_text("Quick pulse")
        question.get_by_role("button").nth(n % 3).click()
        receipt = message_with(page, "You answered")
        expect(receipt).to_contain_text("Only visible to you")
        # Each person sees their own receipt, never someone else's.
        expect(feed(page).get_by_text("Only visible to you")).to_have_count(1)
    shot("answered")

    be(page, MANAGER.user_id, "#sales-team")
    feed(page).get_by_role("button", name="Close now").click()
    thread = feed(page).get_by_role("region", name=re.compile("^Thread"))
    expect(thread).to_contain_text("5")
    # The first run of a question is a number, not a trend: no chart until the next one.
    expect(thread.get_by_role("img")).to_have_count(0)
    shot("closed-manager")

    # Alex didn't answer, but sees the same result; nobody can answer any more.
    be(page, ADMIN.user_id, "#sales-team")
    thread = feed(page).get_by_role("region", name=re.compile("^Thread"))
    expect(thread).to_contain_text("5")
    expect(feed(page).get_by_role("button", name="Close now")).to_have_count(0)
    shot("closed-admin")
