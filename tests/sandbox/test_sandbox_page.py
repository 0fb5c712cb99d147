"""The page itself: App Home, the keyboard alone, and a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bot.sandbox.people import MANAGER, REP
from tests.sandbox.steps import be, dialog, say

pytestmark = pytest.mark.browser


def test_app_home_shows_each_person_their_own(page: Any) -> None:
    be(page, MANAGER.user_id, "Home")
    home = page.get_by_role("region", name="Home tab")
    expect(home).to_contain_text("Riley Rivera")
    expect(home).to_contain_text("Sam Okafor")
    expect(home.get_by_role("button", name="Add a rep")).to_be_visible()
    page.shots("manager-home")
    home.get_by_role("button", name="Add a rep").click()
    expect(dialog(page, "Add a rep").get_by_label("Who do you coach?")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)

    be(page, REP.user_id, "Home")
    home = page.get_by_role("region", name="Home tab")
    expect(home.get_by_role("button", name="Forget me")).to_be_visible()
    expect(home).not_to_contain_text("Sam Okafor")


def test_keyboard_alone_opens_and_closes_a_form(page: Any) -> None:
    be(page, REP.user_id, "coachbot")
    box = page.get_by_role("textbox", name="Message")
    box.focus()
    page.keyboard.type("/coachme Globex")
    page.keyboard.press("Enter")
    form = dialog(page, "Learn from a loss")
    expect(form.get_by_label("Deal or account")).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_label("Amount")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(box).to_be_focused()


def test_a_phone_sized_screen_needs_no_sideways_scrolling(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    be(page, MANAGER.user_id, "#sales-team")
    expect(page.get_by_role("button", name="Close now")).to_be_visible()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, wide
    page.shots("phone")


def test_reset_starts_the_workspace_over(page: Any) -> None:
    be(page, REP.user_id, "coachbot")
    say(page, "/bid")
    expect(page.get_by_role("log", name="Messages").locator("article")).not_to_have_count(0)
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome")
    be(page, REP.user_id, "coachbot")
    expect(page.get_by_role("log", name="Messages")).to_contain_text("Nothing here yet")
