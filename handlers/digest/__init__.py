"""digest listeners."""

from handlers.digest.listeners import register

__all__ = ["register"]
