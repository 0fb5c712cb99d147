"""The JOBS table: every periodic job, in the order a tick runs them."""

from __future__ import annotations

from jobs.coaching import plan_coaching
from jobs.coachme import catch_up_nudges, expire_requests
from jobs.delivery import deliver_outbox
from jobs.digest import send_digests
from jobs.events import forget_seen_events
from jobs.pulse import close_pulses, open_scheduled_pulses, remind_pulses
from jobs.specs import JobSpec

JOBS: tuple[JobSpec, ...] = (
    JobSpec(id="expire_requests", func=expire_requests),
    JobSpec(id="open_scheduled_pulses", func=open_scheduled_pulses),
    JobSpec(id="remind_pulses", func=remind_pulses),
    JobSpec(id="close_pulses", func=close_pulses),
    JobSpec(id="plan_coaching", func=plan_coaching),
    JobSpec(id="catch_up_nudges", func=catch_up_nudges),
    # After planning, so the digest counts the sessions the planner just settled.
    JobSpec(id="send_digests", func=send_digests),
    JobSpec(id="forget_seen_events", func=forget_seen_events),
    # Delivery runs last so it sends what the jobs before it queued in the same tick.
    JobSpec(id="deliver_outbox", func=deliver_outbox),
)

__all__ = ["JOBS", "JobSpec"]
