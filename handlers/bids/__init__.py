"""bids listeners."""

from handlers.bids.listeners import register

__all__ = ["register"]
