"""What a closed pulse may show: its own result, a pooled one, or nothing.

A result is published only when enough people answered to keep answers anonymous. Small teams
may pool: the runs since the last published result are added up, and published together once
they reach the threshold. A run is never published twice, so no two published results differ by
one small run (which would give that run's answers away by subtraction).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Person, Pulse, PulseAnswer

TREND_RUNS = 12


@dataclass(frozen=True)
class Tally:
    """Answers per choice, in label order."""

    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def average(self) -> float | None:
        """The mean of a 1-5 scale (choice index + 1)."""
        if not self.total:
            return None
        return sum((i + 1) * n for i, n in enumerate(self.counts)) / self.total

    def to_payload(self, answer_type: str) -> dict[str, Any]:
        avg = self.average() if answer_type == "scale" else None
        return {"counts": list(self.counts), "total": self.total, "average": avg}


def tally(session: Session, pulse_ids: list[int], n_choices: int) -> Tally:
    """Answers to the pulses `pulse_ids`, added up."""
    counts = [0] * n_choices
    rows = session.execute(
        select(PulseAnswer.choice, func.count())
        .where(PulseAnswer.pulse_id.in_(pulse_ids))
        .group_by(PulseAnswer.choice)
    )
    for choice, n in rows:
        if 0 <= choice < n_choices:
            counts[choice] += int(n)
    return Tally(tuple(counts))


def _same_question(pulse: Pulse) -> Any:
    return (
        (Pulse.team_id == pulse.team_id)
        & (Pulse.channel_id == pulse.channel_id)
        & (Pulse.question_key == pulse.question_key)
        & (Pulse.status == "closed")
    )


def decide(session: Session, pulse: Pulse, pool_runs: int) -> list[int] | None:
    """The runs whose answers make up this pulse's result, or None when it must stay hidden.

    Named pulses always show. Anonymous ones need `pulse.threshold` answers, alone or pooled
    with up to `pool_runs - 1` earlier unpublished runs of the same question in the channel.
    """
    n = len(pulse.labels)
    own = tally(session, [pulse.id], n)
    if not pulse.anonymous or own.total >= pulse.threshold:
        return [pulse.id]
    if pool_runs < 2:
        return None
    earlier = session.scalars(
        select(Pulse)
        .where(_same_question(pulse), Pulse.id != pulse.id, Pulse.opened_at <= pulse.opened_at)
        .order_by(Pulse.opened_at.desc(), Pulse.id.desc())
        .limit(pool_runs - 1)
    ).all()
    ids = [pulse.id]
    for run in earlier:
        if run.result_id is not None or not run.anonymous:
            break  # only runs since the last published result
        ids.append(run.id)
    if len(ids) < 2 or tally(session, ids, n).total < pulse.threshold:
        return None
    return ids


def trend(session: Session, pulse: Pulse) -> list[dict[str, Any]]:
    """Published results of this question in this channel, oldest first (at most TREND_RUNS)."""
    n = len(pulse.labels)
    published = session.scalars(
        select(Pulse)
        .where(_same_question(pulse), Pulse.result_id == Pulse.id)
        .order_by(Pulse.opened_at.desc(), Pulse.id.desc())
        .limit(TREND_RUNS)
    ).all()
    points: list[dict[str, Any]] = []
    for run in reversed(published):
        ids = list(session.scalars(select(Pulse.id).where(Pulse.result_id == run.id)))
        t = tally(session, ids, n)
        points.append(
            {
                "date": run.opened_at.date().isoformat(),
                "pooled_runs": len(ids),
                **t.to_payload(pulse.answer_type),
            }
        )
    return points


UNKNOWN_NAME = "someone"


def named_answers(session: Session, pulse: Pulse) -> list[list[str]]:
    """For a named pulse: the names of who chose each answer, in label order.

    Names, not Slack mentions: a result lists people without pinging each of them.
    """
    out: list[list[str]] = [[] for _ in pulse.labels]
    rows = session.execute(
        select(PulseAnswer.choice, PulseAnswer.user_id, Person.display_name)
        .outerjoin(
            Person,
            (Person.team_id == PulseAnswer.team_id) & (Person.user_id == PulseAnswer.user_id),
        )
        .where(PulseAnswer.pulse_id == pulse.id)
    )
    for choice, user_id, name in rows:
        if user_id and 0 <= choice < len(out):
            out[choice].append(name or UNKNOWN_NAME)
    return [sorted(names, key=str.casefold) for names in out]
