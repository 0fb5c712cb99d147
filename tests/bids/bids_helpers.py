"""Helpers shared by the bid store tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.container import Container
from bot.content.loader import load
from bot.db.models import BidPromptRow
from bot.domain.bids.dto import BidPrompt
from bot.domain.bids.rules import PromptForm
from tests.conftest import REP

T = "T0001"
LIBRARY: list[dict[str, Any]] = load("bids.yaml")["prompts"]


def size_count(size: str) -> int:
    """How many built-in prompts have `size`."""
    return sum(1 for p in LIBRARY if p["size"] == size)


def library_rows(c: Container) -> int:
    """Every prompt row stored, built-in or not."""
    with c.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(BidPromptRow)) or 0)


def shown(c: Container, user: str = REP) -> BidPrompt:
    """The next prompt in `user`'s rotation; there must be one."""
    p = c.bids.next_for(T, user)
    assert p is not None
    return p


def own_prompt(c: Container, user: str = REP) -> BidPrompt:
    """A small prompt of `user`'s own."""
    return c.bids.add(T, user, PromptForm("Mine.", "small", ("anytime",)))
