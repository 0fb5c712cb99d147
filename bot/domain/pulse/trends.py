"""A manager's team pulse trends: published results only, in aggregate, never who said what.

A manager's team pulses are those in the channels where they started or scheduled a pulse.
Each point is a result that was published (so enough people answered to stay anonymous) and
has at least the workspace's current minimum of answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Pulse, PulseSchedule
from bot.domain.pulse import results
from bot.domain.pulse.settings import read_settings

POINTS = 6
MAX_QUESTIONS = 4


@dataclass(frozen=True)
class TrendPoint:
    day: str  # ISO date the run opened
    total: int
    average: float | None  # for a 1-5 scale
    top_label: str  # the answer chosen most


@dataclass(frozen=True)
class TeamTrend:
    """One question in one channel, oldest point first."""

    channel_id: str
    question: str
    answer_type: str
    points: tuple[TrendPoint, ...]


def team_trends(session: Session, team_id: str, manager_id: str) -> list[TeamTrend]:
    """Published results in `manager_id`'s pulse channels, most recently asked first."""
    threshold = read_settings(session, team_id).threshold
    channels = set(
        session.scalars(
            select(Pulse.channel_id).where(Pulse.team_id == team_id, Pulse.started_by == manager_id)
        )
    ) | set(
        session.scalars(
            select(PulseSchedule.channel_id).where(
                PulseSchedule.team_id == team_id, PulseSchedule.created_by == manager_id
            )
        )
    )
    if not channels:
        return []
    published = session.scalars(
        select(Pulse)
        .where(
            Pulse.team_id == team_id,
            Pulse.channel_id.in_(sorted(channels)),
            Pulse.status == "closed",
            Pulse.result_id == Pulse.id,
        )
        .order_by(Pulse.opened_at.desc(), Pulse.id.desc())
    ).all()
    grouped: dict[tuple[str, str], list[Pulse]] = {}
    for run in published:
        runs = grouped.setdefault((run.channel_id, run.question_key), [])
        if len(runs) < POINTS:
            runs.append(run)
    trends: list[TeamTrend] = []
    for (channel, _key), runs in list(grouped.items())[:MAX_QUESTIONS]:
        points: list[TrendPoint] = []
        for run in reversed(runs):
            ids = list(session.scalars(select(Pulse.id).where(Pulse.result_id == run.id)))
            t = results.tally(session, ids, len(run.labels))
            if t.total < threshold:
                continue
            top = max(range(len(t.counts)), key=lambda i: t.counts[i])
            points.append(
                TrendPoint(
                    run.opened_at.date().isoformat(),
                    t.total,
                    t.average() if run.answer_type == "scale" else None,
                    str(run.labels[top]),
                )
            )
        if points:
            trends.append(
                TeamTrend(channel, runs[0].question_text, runs[0].answer_type, tuple(points))
            )
    return trends
