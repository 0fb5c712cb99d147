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

TICK_JOB_ID = "tick"
MISFIRE_GRACE_SECONDS = 300


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
    """A scheduler with one interval job that runs `tick` every `tick_seconds`.

    One job, not one per entry of JOBS, so the jobs never overlap one another and always
    run in the order the tests run them: delivery last, after what the others queued.
    """
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(timezone="UTC")
    scheduler.add_job(
        tick,
        IntervalTrigger(seconds=c.settings.tick_seconds, timezone="UTC"),
        args=[c],
        id=TICK_JOB_ID,
        name=TICK_JOB_ID,
        coalesce=True,  # after downtime, run once, not once per missed tick
        max_instances=1,  # a slow tick is never joined by the next one
        misfire_grace_time=MISFIRE_GRACE_SECONDS,
        replace_existing=True,
    )
    return scheduler
