"""What a person does on the sandbox page, in the words a newcomer would use."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, expect

from bot.sandbox.people import BY_ID


def be(page: Any, user_id: str, tab: str | None = None) -> None:
    """Pick who you are, wait until the page shows that person's workspace, open `tab`."""
    assert user_id in BY_ID
    page.get_by_label("You are").select_option(user_id)
    expect(page.locator(f"body[data-user='{user_id}']")).to_be_attached()
    if tab is not None:
        open_tab(page, tab)


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=re.compile(f"^{re.escape(name)}")).click()


def say(page: Any, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


def dialog(page: Any, title: str) -> Locator:
    found = page.get_by_role("dialog", name=title)
    expect(found).to_be_visible()
    return found


def feed(page: Any) -> Locator:
    return page.get_by_role("log", name="Messages")


def message_with(page: Any, text: str) -> Locator:
    """The newest message (or thread reply) that contains `text`."""
    found = feed(page).locator("article", has_text=text).last
    expect(found).to_be_visible()
    return found


def next_nudge(page: Any) -> None:
    """Click "Next nudge" and wait until the page shows everything that jump sent."""
    done = int(page.locator("body").get_attribute("data-ticks") or 0)
    page.get_by_role("button", name="Next nudge").click()
    expect(page.locator(f"body[data-ticks='{done + 1}']")).to_be_attached()
