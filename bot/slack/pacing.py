"""Spacing out Slack calls so a burst stays inside Slack's per-workspace limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pacer:
    """Spaces out calls that share a key (a workspace and a kind of call), so a burst of
    nudges stays inside that workspace's limit. Keys never wait for one another: a busy or
    rate-limited workspace does not slow the others."""

    def __init__(
        self,
        min_interval: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._min_interval = min_interval
        self._monotonic = monotonic
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_at: dict[str, float] = {}

    def wait(self, key: str = "") -> None:
        """Return when a call under `key` may go, sleeping for its turn if need be."""
        with self._lock:
            now = self._monotonic()
            due = self._next_at.get(key, 0.0)
            self._next_at[key] = max(now, due) + self._min_interval
        if due > now:
            self._sleep(due - now)
