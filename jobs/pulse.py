"""Time-driven parts of pulse check-ins: post recurring ones, remind once, close and publish."""

from __future__ import annotations

from bot.container import Container


def open_scheduled_pulses(c: Container) -> int:
    """Post recurring pulses whose local weekday and time have come."""
    return c.pulse_schedules.open_due()


def remind_pulses(c: Container) -> int:
    """Queue the one reminder before a pulse closes."""
    return c.pulses.remind_due()


def close_pulses(c: Container) -> int:
    """Close pulses whose time is up (the service queues what they may show)."""
    return c.pulses.close_due()
