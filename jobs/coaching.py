"""Time-driven part of protected coaching time."""

from __future__ import annotations

from bot.container import Container


def plan_coaching(c: Container) -> int:
    """Queue the coaching nudges due now (delivery, later in the tick, sends them)."""
    return c.coaching.plan_due()
