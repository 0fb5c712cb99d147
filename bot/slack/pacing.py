"""Spacing out Slack calls so a burst stays inside Slack's per-workspace limits."""

from __future__ import annotations

import threading
import time


class Pacer:
    """Spaces out posts so a burst of nudges stays inside Slack's per-workspace limits."""

    def __init__(self, min_interval: float) -> None:
        self._min_interval = min_interval
        self._lock = threading.Lock()
        self._next_at = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next_at - now
            self._next_at = max(now, self._next_at) + self._min_interval
        if delay > 0:
            time.sleep(delay)
