"""What protected coaching time contributes to reports: 1:1s held vs due, per team and week.

A team is one manager and the reps they coach. Only sessions whose time has come count; each
is counted with the manager it was with, so a rep who moved keeps their history where it was.
No rep is named: this is how consistently each team meets, not a table of people.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import CoachingPair, CoachingSession, Person
from bot.domain.kernel.tables import Cell, ReportQuery, Table, rate, week_of

OUTCOMES = ("held", "moved", "skipped", "planned")

SESSION_COLUMNS = (
    "workspace",
    "manager_id",
    "manager_name",
    "week_start",
    "sessions_due",
    "held",
    "moved",
    "skipped",
    "not_marked",
    "held_rate",
)


def sessions_table(sessions: sessionmaker[Session], q: ReportQuery) -> Table:
    """Per workspace, manager and week: sessions due, how each went, and the share held."""
    counts: Counter[tuple[str, str, date, str]] = Counter()
    with sessions() as session:
        stmt = (
            select(CoachingSession, CoachingPair.manager_id)
            .join(CoachingPair, CoachingPair.id == CoachingSession.pair_id)
            .where(CoachingSession.starts_at <= q.now)
        )
        if q.team_id:
            stmt = stmt.where(CoachingSession.team_id == q.team_id)
        if q.since:
            stmt = stmt.where(CoachingSession.occurrence >= q.since)
        for row, pair_manager in session.execute(stmt):
            manager = row.manager_id or pair_manager
            status = row.status if row.status in OUTCOMES else "planned"
            counts[(row.team_id, manager, week_of(row.occurrence), status)] += 1
        names = {
            (p.team_id, p.user_id): p.display_name
            for p in session.scalars(
                select(Person).where(Person.team_id.in_({k[0] for k in counts}))
            )
        }
    groups = sorted({key[:3] for key in counts})
    rows: list[tuple[Cell, ...]] = []
    for team, manager, week in groups:
        held, moved, skipped, planned = (counts[(team, manager, week, s)] for s in OUTCOMES)
        due = held + moved + skipped + planned
        name = names.get((team, manager)) or None
        rows.append(
            (team, manager, name, week, due, held, moved, skipped, planned, rate(held, due))
        )
    return Table("sessions", SESSION_COLUMNS, list(rows))
