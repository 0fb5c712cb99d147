"""Forgets the ids of Slack events handled long enough ago that Slack no longer retries them."""

from __future__ import annotations

from bot.container import Container


def forget_seen_events(c: Container) -> int:
    """Drop event ids older than a day; returns how many went."""
    return c.served.purge_seen_events()
