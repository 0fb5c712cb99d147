"""What /coachme contributes to reports: requests by date and fate, losses by quarter and stage.

Counts, dates and statuses only. No names, no deal, no reflection and no feedback text: an
admin's export must not carry what the rep and the people they asked wrote to each other.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from bot.db.models import FeedbackRequest
from bot.domain.kernel.tables import Cell, ReportQuery, Table, quarter_of
from bot.domain.kernel.wallclock import add_workdays

ANSWER_WITHIN_WORKDAYS = 2

REQUEST_COLUMNS = (
    "workspace",
    "request_id",
    "created_on",
    "stage",
    "loss_reason",
    "status",
    "people_asked",
    "answered",
    "declined",
    "first_answer_on",
    "answered_within_2_working_days",
    "followup_months",
)

LOSS_COLUMNS = ("workspace", "quarter", "stage", "loss_reason", "requests")


def _requests(session: Session, q: ReportQuery) -> list[FeedbackRequest]:
    stmt = select(FeedbackRequest).options(selectinload(FeedbackRequest.asks))
    if q.team_id:
        stmt = stmt.where(FeedbackRequest.team_id == q.team_id)
    if q.since:
        start = datetime(q.since.year, q.since.month, q.since.day, tzinfo=UTC)
        stmt = stmt.where(FeedbackRequest.created_at >= start)
    return list(session.scalars(stmt.order_by(FeedbackRequest.created_at, FeedbackRequest.id)))


def requests_table(sessions: sessionmaker[Session], q: ReportQuery) -> Table:
    """One row per feedback request: when, which stage and reason, and how it was answered."""
    rows: list[tuple[Cell, ...]] = []
    with sessions() as session:
        for req in _requests(session, q):
            answered = [a.responded_at for a in req.asks if a.status == "answered"]
            first = min((t for t in answered if t is not None), default=None)
            created = req.created_at.date()
            due = add_workdays(created, ANSWER_WITHIN_WORKDAYS)
            rows.append(
                (
                    req.team_id,
                    req.id,
                    created,
                    req.stage,
                    req.loss_reason,
                    req.status,
                    len(req.asks),
                    len(answered),
                    sum(a.status == "declined" for a in req.asks),
                    first.date() if first else None,
                    first is not None and first.date() <= due,
                    req.followup_months,
                )
            )
    return Table("requests", REQUEST_COLUMNS, rows)


def loss_reasons_table(sessions: sessionmaker[Session], q: ReportQuery) -> Table:
    """How many losses each reason explains, by quarter and the stage the deal was lost at."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    with sessions() as session:
        for req in _requests(session, q):
            quarter = quarter_of(req.created_at.date())
            counts[(req.team_id, quarter, req.stage, req.loss_reason)] += 1
    rows: list[tuple[Cell, ...]] = [(*key, n) for key, n in sorted(counts.items())]
    return Table("loss-reasons", LOSS_COLUMNS, list(rows))
