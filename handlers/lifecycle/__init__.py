"""lifecycle listeners."""

from handlers.lifecycle.listeners import register

__all__ = ["register"]
