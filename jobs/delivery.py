"""Sends whatever the outbox holds that is due now."""

from __future__ import annotations

from bot.container import Container
from bot.domain.kernel.outbox import DeliveryCounts


def deliver_outbox(c: Container) -> DeliveryCounts:
    """Send due messages: nudges, follow-ups and retries of earlier failures."""
    return c.delivery.run()
