"""coachme listeners."""

from handlers.coachme.listeners import register

__all__ = ["register"]
