"""Time-driven part of the weekly manager digest."""

from __future__ import annotations

from bot.container import Container


def send_digests(c: Container) -> int:
    """Queue each manager's weekly digest on their first working morning (once a week)."""
    return c.digest.send_due()
