"""home listeners."""

from handlers.home.listeners import register

__all__ = ["register"]
