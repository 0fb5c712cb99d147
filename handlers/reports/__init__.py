"""reports listeners."""

from handlers.reports.listeners import register

__all__ = ["register"]
