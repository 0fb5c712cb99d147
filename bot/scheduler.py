"""The clock door: APScheduler ticks, and each tick asks the services what is due.

Schedules live in our own tables; APScheduler keeps only the tick in memory, so nothing is
pickled and any number of processes can tick (claims in the database keep sends single).
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.container import Container
from jobs import JOBS, JobSpec

log = logging.getLogger(__name__)


def _run_guarded(spec: JobSpec, c: Container) -> Any:
    try:
        return spec.func(c)
    except Exception:  # a job's bug must not stop the clock; the next tick tries again
        log.exception("job %s failed", spec.id)
        return None


def tick(c: Container) -> dict[str, Any]:
    """Run every job once, in order; one failing job does not stop the others."""
    return {spec.id: _run_guarded(spec, c) for spec in JOBS}


def make_scheduler(c: Container, *, blocking: bool = False) -> BackgroundScheduler:
    """A scheduler with one interval job per entry of JOBS."""
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(timezone="UTC")
    for spec in JOBS:
        scheduler.add_job(
            _run_guarded,
            IntervalTrigger(
                seconds=spec.every_seconds or c.settings.tick_seconds, timezone=spec.timezone
            ),
            args=[spec, c],
            id=spec.id,
            name=spec.id,
            coalesce=spec.coalesce,
            max_instances=spec.max_instances,
            misfire_grace_time=spec.misfire_grace_seconds,
            replace_existing=True,
        )
    return scheduler
