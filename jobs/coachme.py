"""Time-driven parts of the /coachme loop."""

from __future__ import annotations

from bot.container import Container


def expire_requests(c: Container) -> int:
    """Close week-old requests (the service queues the note to each rep)."""
    return c.feedback.expire_due()


def catch_up_nudges(c: Container) -> int:
    """After downtime, collapse each ask's overdue nudges into one, in working hours."""
    return c.feedback.catch_up_nudges()
