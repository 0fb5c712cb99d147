"""The shape of a job: a name and what runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.container import Container


@dataclass(frozen=True)
class JobSpec:
    """One periodic job, run once per tick. Every job is a plain function of the container."""

    id: str
    func: Callable[[Container], object]
