"""The /coachme loop in a real browser: the rep asks, the manager answers, the rep reads it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bot.sandbox.people import MANAGER, REP
from tests.sandbox.steps import be, dialog, message_with, say

pytestmark = pytest.mark.browser


def test_coachme_loop_across_two_people(page: Any) -> None:
    shot = page.shots
    be(page, REP.user_id, "coachbot")
    say(page, "/coachme Acme renewal")
    form = dialog(page, "Learn from a loss")
    expect(form.get_by_label("Deal or account")).to_have_value("Acme renewal")
    # The manager coaches Riley (seeded), so the form already asks them.
    expect(form.get_by_label("Ask your coach")).to_have_value(MANAGER.user_id)

    form.get_by_role("button", name="Ask for feedback").click()
    expect(form.get_by_text("Please", exact=False).first).to_be_visible()
    shot("inline-errors")
    assert form.locator("[aria-invalid=true]").count() >= 1

    form.get_by_label("Stage it was lost at").select_option(index=3)
    form.get_by_label("Main reason").select_option(index=1)
    form.get_by_label("What happened?").fill("They went quiet after the pricing call.")
    form.get_by_label("What would you do differently?").fill("Bring the CFO in before pricing.")
    form.get_by_label("The one thing you want help with").fill("Spotting a stalled deal sooner.")
    shot("request-filled")
    form.get_by_role("button", name="Ask for feedback").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    message_with(page, "Morgan Lee")
    shot("request-sent")

    be(page, MANAGER.user_id, "coachbot")
    ask = message_with(page, "Acme renewal")
    expect(ask).to_contain_text("Spotting a stalled deal sooner.")
    shot("manager-asked")
    ask.get_by_role("button", name="Give feedback").click()
    answer = dialog(page, "Feedback")
    answer.get_by_label("One thing to try next time").fill(
        "Ask for the next meeting before the call ends."
    )
    answer.get_by_role("button", name="Send").click()
    expect(answer.get_by_text("Add a thought in at least one of the three areas.")).to_be_visible()
    answer.get_by_label("Customer and selling skills").fill("You let them skip the agenda.")
    answer.get_by_role("button", name="Send").click()
    expect(page.get_by_role("dialog")).not_to_have_accessible_name("Feedback")
    shot("feedback-sent")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)

    be(page, REP.user_id, "coachbot")
    feedback = message_with(page, "Ask for the next meeting before the call ends.")
    expect(feedback).to_contain_text("Morgan Lee")
    shot("rep-reads-feedback")
    feedback.get_by_role("button", name="Say thanks").click()
    expect(feedback.get_by_role("button", name="Say thanks")).to_have_count(0)
