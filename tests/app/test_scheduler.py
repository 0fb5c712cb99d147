"""Production ticks the way the tests do: one job that runs every job once, in order."""

from __future__ import annotations

from datetime import timedelta

import pytest

import bot.scheduler
from bot.container import Container
from bot.scheduler import make_scheduler
from jobs import JOBS, JobSpec


def test_one_scheduled_job_runs_every_job_in_order(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []

    def recorder(spec: JobSpec) -> JobSpec:
        def run(c: Container) -> str:
            assert c is container
            ran.append(spec.id)
            if spec.id == JOBS[0].id:
                raise RuntimeError("a job's bug")
            return spec.id

        return JobSpec(id=spec.id, func=run)

    monkeypatch.setattr(bot.scheduler, "JOBS", tuple(recorder(spec) for spec in JOBS))
    scheduler = make_scheduler(container)
    jobs = scheduler.get_jobs()
    assert len(jobs) == 1
    (job,) = jobs
    assert job.coalesce is True
    assert job.max_instances == 1
    assert job.trigger.interval == timedelta(seconds=container.settings.tick_seconds)

    results = job.func(*job.args, **job.kwargs)

    order = [spec.id for spec in JOBS]
    assert ran == order
    assert results == {job_id: (None if job_id == order[0] else job_id) for job_id in order}
    assert order[-1] == "deliver_outbox"  # sends what the jobs before it queued
