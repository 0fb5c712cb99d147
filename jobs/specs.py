"""The shape of a job: what runs, how often, and how misfires are treated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.container import Container


@dataclass(frozen=True)
class JobSpec:
    """One periodic job. Every job is a plain function of the container."""

    id: str
    func: Callable[[Container], object]
    every_seconds: int | None = None  # None: the settings' tick
    coalesce: bool = True  # after downtime, run once, not once per missed tick
    max_instances: int = 1
    misfire_grace_seconds: int = 300
    timezone: str = "UTC"
