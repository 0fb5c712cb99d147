"""What pulse check-ins contribute to reports: published results, in aggregate only.

Only results the channel itself was shown make it into a report, and only those with at least
as many answers as the anonymity threshold (the pulse's own, or the workspace's today if that
is higher). No answer is ever tied to a person here, named pulse or not.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Pulse, PulseSettings
from bot.domain.kernel.tables import Cell, ReportQuery, Table, rate
from bot.domain.pulse.results import tally

PULSE_COLUMNS = (
    "workspace",
    "channel_id",
    "question_key",
    "question",
    "answer_type",
    "opened_on",
    "closed_on",
    "runs_pooled",
    "answers",
    "average",
    "choice",
    "label",
    "count",
    "share",
)


def pulses_table(sessions: sessionmaker[Session], q: ReportQuery) -> Table:
    """One row per answer choice of each published result at or above the threshold."""
    rows: list[tuple[Cell, ...]] = []
    with sessions() as session:
        stmt = select(Pulse).where(Pulse.status == "closed", Pulse.result_id == Pulse.id)
        if q.team_id:
            stmt = stmt.where(Pulse.team_id == q.team_id)
        if q.since:
            start = datetime(q.since.year, q.since.month, q.since.day, tzinfo=UTC)
            stmt = stmt.where(Pulse.opened_at >= start)
        thresholds = {s.team_id: s.threshold for s in session.scalars(select(PulseSettings))}
        for pulse in session.scalars(stmt.order_by(Pulse.opened_at, Pulse.id)):
            ids = list(session.scalars(select(Pulse.id).where(Pulse.result_id == pulse.id)))
            t = tally(session, ids, len(pulse.labels))
            if t.total < max(pulse.threshold, thresholds.get(pulse.team_id, 0)):
                continue
            average = t.average() if pulse.answer_type == "scale" else None
            closed = pulse.closed_at.date() if pulse.closed_at else None
            for i, label in enumerate(pulse.labels):
                rows.append(
                    (
                        pulse.team_id,
                        pulse.channel_id,
                        pulse.question_key,
                        pulse.question_text,
                        pulse.answer_type,
                        pulse.opened_at.date(),
                        closed,
                        len(ids),
                        t.total,
                        average,
                        i + 1,
                        str(label),
                        t.counts[i],
                        rate(t.counts[i], t.total),
                    )
                )
    return Table("pulses", PULSE_COLUMNS, list(rows))
