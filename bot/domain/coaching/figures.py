"""How coaching actually happens: a manager's own team, the workspace in aggregate, and the
team's coaching maturity, measured from whether planned sessions are held.

The four maturity levels follow CSO Insights' research (ad hoc, informal, formal, dynamic).
coachbot sees one thing of them, consistency, so that is what it measures: every rep on a
regular time, and most planned sessions held, for long enough to be a habit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession
from bot.domain.coaching import rows
from bot.domain.kernel.deps import Part
from bot.domain.kernel.storage import guarded

WINDOW = timedelta(weeks=8)
FORMAL_RATE = 0.75
INFORMAL_RATE = 0.5
DYNAMIC_RATE = 0.9
QUIET_DAYS = 21
GRACE_DAYS = 7  # a pair is "on cadence" if it met within its interval plus this


class Maturity(StrEnum):
    AD_HOC = "ad_hoc"
    INFORMAL = "informal"
    FORMAL = "formal"
    DYNAMIC = "dynamic"


@dataclass(frozen=True)
class RepLine:
    """One rep of a manager's team, as their manager sees it."""

    rep_id: str
    scheduled: bool
    next_start: datetime | None
    tz: str
    days_since_held: int | None
    held: int  # over the last eight weeks
    planned: int
    paused_until: date | None


@dataclass(frozen=True)
class TeamReport:
    """A manager's own team: each rep, the totals, and the maturity they add up to."""

    reps: tuple[RepLine, ...]
    held: int
    planned: int
    maturity: Maturity


@dataclass(frozen=True)
class Adoption:
    """The workspace in aggregate: pairs with a regular time, and pairs keeping to it."""

    pairs: int
    scheduled: int
    on_cadence: int


def maturity_of(
    reps: tuple[RepLine, ...], first_session: datetime | None, now: datetime
) -> Maturity:
    """The team's level, from how consistently its planned sessions are held."""
    held = sum(r.held for r in reps)
    planned = sum(r.planned for r in reps)
    if not reps or planned == 0 or not any(r.scheduled for r in reps):
        return Maturity.AD_HOC
    rate = held / planned
    if rate < INFORMAL_RATE:
        return Maturity.AD_HOC
    if rate < FORMAL_RATE or not all(r.scheduled for r in reps):
        return Maturity.INFORMAL
    long_enough = first_session is not None and now - first_session >= WINDOW - timedelta(weeks=1)
    nobody_waits = all(
        r.days_since_held is not None and r.days_since_held <= QUIET_DAYS for r in reps
    )
    if rate >= DYNAMIC_RATE and long_enough and nobody_waits:
        return Maturity.DYNAMIC
    return Maturity.FORMAL


def _counts(
    session: Session, pair: CoachingPair, start: datetime, end: datetime
) -> tuple[int, int, datetime | None]:
    """Held and planned sessions with the pair's current manager that started in
    [start, end); a session moved elsewhere counts once, where it went."""
    found = session.execute(
        select(CoachingSession.status, func.count(), func.min(CoachingSession.starts_at))
        .where(
            rows.with_this_manager(pair),
            CoachingSession.starts_at >= start,
            CoachingSession.starts_at < end,
            CoachingSession.status != "moved",
        )
        .group_by(CoachingSession.status)
    ).all()
    held = sum(int(n) for status, n, _ in found if status == "held")
    firsts = [first for _, _, first in found if first is not None]
    return held, sum(int(n) for _, n, _ in found), min(firsts) if firsts else None


class CoachingReports(Part):
    """Reads coaching records into reports; never changes anything."""

    @guarded
    def team(self, team_id: str, manager_id: str) -> TeamReport:
        """`manager_id`'s own reps only, over the last eight weeks."""
        now = self._clock.now()
        lines: list[RepLine] = []
        firsts: list[datetime] = []
        with self._sessions() as session:
            for pair in session.scalars(
                select(CoachingPair)
                .where(CoachingPair.team_id == team_id, CoachingPair.manager_id == manager_id)
                .order_by(CoachingPair.id)
            ):
                held, planned, first = _counts(session, pair, now - WINDOW, now)
                firsts += [first] if first else []
                view = rows.pair_view(session, pair, now)
                lines.append(
                    RepLine(
                        pair.rep_id,
                        view.scheduled,
                        view.next_start,
                        pair.tz,
                        view.days_since_held,
                        held,
                        planned,
                        rows.paused_until(session, pair),
                    )
                )
        reps = tuple(lines)
        return TeamReport(
            reps,
            sum(r.held for r in reps),
            sum(r.planned for r in reps),
            maturity_of(reps, min(firsts) if firsts else None, now),
        )

    @guarded
    def held_planned(
        self, team_id: str, manager_id: str, start: datetime, end: datetime
    ) -> tuple[int, int]:
        """Sessions held and planned across `manager_id`'s team in [start, end)."""
        held = planned = 0
        with self._sessions() as session:
            for pair in session.scalars(
                select(CoachingPair).where(
                    CoachingPair.team_id == team_id, CoachingPair.manager_id == manager_id
                )
            ):
                h, p, _ = _counts(session, pair, start, end)
                held, planned = held + h, planned + p
        return held, planned

    @guarded
    def adoption(self, team_id: str) -> Adoption:
        """How many pairs have a regular time and how many keep to it; no names."""
        now = self._clock.now()
        pairs = scheduled = on_cadence = 0
        with self._sessions() as session:
            for pair in session.scalars(
                select(CoachingPair).where(CoachingPair.team_id == team_id)
            ):
                pairs += 1
                if pair.every_weeks <= 0:
                    continue
                scheduled += 1
                days = rows.days_since_held(session, pair, now)
                on_cadence += days is not None and days <= 7 * pair.every_weeks + GRACE_DAYS
        return Adoption(pairs, scheduled, on_cadence)

    @guarded
    def managers(self) -> list[tuple[str, str]]:
        """(team, manager) of everyone coaching at least one rep on a regular time."""
        with self._sessions() as session:
            return [
                (team, manager)
                for team, manager in session.execute(
                    select(CoachingPair.team_id, CoachingPair.manager_id)
                    .where(CoachingPair.every_weeks > 0)
                    .distinct()
                    .order_by(CoachingPair.team_id, CoachingPair.manager_id)
                )
            ]
