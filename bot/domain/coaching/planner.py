"""What coaching nudges are due, and when.

Sessions are created from each cadence as they come near; the nudges about them are handed to
the queue as they fall due, which keys each by its session, so planning twice (or in two
processes) queues each nudge once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession, OutboxMessage, Person
from bot.domain.coaching import cadence as cad
from bot.domain.coaching import rows
from bot.domain.coaching.dto import PlannedNudge
from bot.domain.coaching.kinds import CoachingKind
from bot.domain.coaching.notices import NudgeQueue
from bot.domain.kernel import preferences, wallclock
from bot.domain.kernel.deps import Deps, Part

LOOK_BACK = timedelta(days=6)  # past sessions still worth a "did it happen?"
LOOK_AHEAD = timedelta(days=4)  # far enough for a prep DM the working day before
IGNORED_WITHIN = timedelta(days=30)  # how far back an unanswered reminder still counts


def nudges_for(
    pair: CoachingPair, manager_tz: str, starts_at: datetime, ends_at: datetime, rep_tz: str
) -> list[PlannedNudge]:
    """The rep's prep, the manager's reminder and the did-it-happen check for one session."""

    def planned(kind: str, recipient: str, tz: str, due: datetime) -> PlannedNudge:
        return PlannedNudge(
            kind, pair.team_id, recipient, tz, due, pair.manager_id, pair.rep_id, starts_at
        )

    return [
        planned(CoachingKind.PREP, pair.rep_id, rep_tz, cad.prep_at(rep_tz, starts_at)),
        planned(
            CoachingKind.REMINDER,
            pair.manager_id,
            manager_tz,
            cad.reminder_at(pair.lead, manager_tz, starts_at),
        ),
        planned(CoachingKind.CHECK, pair.manager_id, manager_tz, cad.check_at(ends_at)),
    ]


class CoachingPlanner(Part):
    """Turns cadences into sessions and queues the nudges about them as they fall due."""

    def __init__(self, deps: Deps, queue: NudgeQueue) -> None:
        super().__init__(deps)
        self._queue = queue

    def plan_due(self) -> int:
        """Queue every coaching nudge whose moment has come. Safe to run anywhere, any time."""
        now = self._clock.now()
        with self._sessions() as session:
            pairs = session.execute(
                select(CoachingPair.id, CoachingPair.team_id, CoachingPair.manager_id)
                .where(CoachingPair.every_weeks > 0)
                .order_by(CoachingPair.id)
            ).all()
        queued = 0
        # One transaction per pair, so one pair's trouble doesn't hold back the others.
        for pair_id, team_id, manager_id in pairs:
            manager = self._people.get(team_id, manager_id)  # refreshes a stale zone
            with self._sessions.begin() as session:
                pair = session.get(CoachingPair, pair_id)
                if pair is None:
                    continue
                if manager is not None and manager.tz and manager.tz != pair.tz:
                    pair.tz = manager.tz
                queued += self._plan_pair(session, pair, now)
        return queued

    def preview(self, start: datetime, days: int) -> list[PlannedNudge]:
        """Every session nudge due in [start, start + days), in order. Changes nothing."""
        end = start + timedelta(days=days)
        found: list[PlannedNudge] = []
        with self._sessions() as session:
            for pair in session.scalars(
                select(CoachingPair).where(CoachingPair.every_weeks > 0).order_by(CoachingPair.id)
            ):
                # The manager's current zone, as plan_due would adopt it, without storing it.
                manager = session.get(Person, (pair.team_id, pair.manager_id))
                pair_tz = manager.tz if manager is not None and manager.tz else pair.tz
                paused = rows.paused_until(session, pair)
                existing = {
                    r.occurrence: r
                    for r in session.scalars(
                        select(CoachingSession).where(CoachingSession.pair_id == pair.id)
                    )
                }
                times = [
                    (o.starts_at, o.ends_at)
                    for o in cad.occurrences(
                        rows.cadence_of(pair, pair_tz), start, end + timedelta(days=3)
                    )
                    if o.occurrence not in existing and (paused is None or o.occurrence >= paused)
                ]
                times += [
                    (r.starts_at, r.ends_at)
                    for r in existing.values()
                    if r.status == "planned" and (paused is None or r.occurrence >= paused)
                ]
                rep_tz = rows.rep_tz(session, pair)
                for starts, ends in times:
                    for nudge in nudges_for(pair, pair_tz, starts, ends, rep_tz):
                        if start <= nudge.due_at < end:
                            found.append(nudge)
        return sorted(found, key=lambda n: (n.due_at, n.recipient))

    def _plan_pair(self, session: Session, pair: CoachingPair, now: datetime) -> int:
        self._materialise(session, pair, now)
        paused = rows.paused_until(session, pair)
        near = session.scalars(
            select(CoachingSession)
            .where(
                CoachingSession.pair_id == pair.id,
                CoachingSession.status == "planned",
                CoachingSession.starts_at >= now - LOOK_BACK,
                CoachingSession.starts_at <= now + LOOK_AHEAD,
            )
            .order_by(CoachingSession.starts_at)
        ).all()
        rep_tz = rows.rep_tz(session, pair)
        queued = 0
        for row in near:
            if paused is not None and row.occurrence < paused:
                continue
            for nudge in nudges_for(pair, pair.tz, row.starts_at, row.ends_at, rep_tz):
                if nudge.due_at > now:
                    continue
                queued += self._queue.session_nudge(session, pair, row, nudge, now)
        if paused is None or paused <= wallclock.local_date(now, pair.tz):
            queued += self._queue.quiet_note(session, pair, now)
        queued += self._count_ignored(session, pair, now)
        return queued

    @staticmethod
    def _count_ignored(session: Session, pair: CoachingPair, now: datetime) -> int:
        """Count each session whose reminder went out and that was never marked, moved or
        paused by the time its "did it happen?" stopped being useful: the manager let it go
        by. Returns 1 when that queued the back-off question."""
        lapsed = session.scalars(
            select(CoachingSession)
            .where(
                CoachingSession.pair_id == pair.id,
                CoachingSession.status == "planned",
                CoachingSession.reminder_ignored.is_(False),
                CoachingSession.ends_at <= now - cad.CHECK_USEFUL_FOR,
                CoachingSession.ends_at > now - IGNORED_WITHIN,
            )
            .order_by(CoachingSession.starts_at)
        ).all()
        asked = 0
        for row in lapsed:
            key = f"coaching:session:{row.id}:reminder"
            status = session.scalar(select(OutboxMessage.status).where(OutboxMessage.key == key))
            if status != "sent":
                continue
            row.reminder_ignored = True
            asked += preferences.reminder_ignored(session, pair.team_id, pair.manager_id, now)
        return asked

    @staticmethod
    def _materialise(session: Session, pair: CoachingPair, now: datetime) -> None:
        paused = rows.paused_until(session, pair)
        for occ in cad.occurrences(rows.cadence_of(pair), now - LOOK_BACK, now + LOOK_AHEAD):
            if paused is not None and occ.occurrence < paused:
                continue
            row = session.scalar(
                select(CoachingSession).where(
                    CoachingSession.pair_id == pair.id,
                    CoachingSession.occurrence == occ.occurrence,
                )
            )
            if row is None:
                try:
                    with session.begin_nested():
                        session.add(
                            CoachingSession(
                                team_id=pair.team_id,
                                pair_id=pair.id,
                                manager_id=pair.manager_id,
                                occurrence=occ.occurrence,
                                starts_at=occ.starts_at,
                                ends_at=occ.ends_at,
                                status="planned",
                                rescheduled=False,
                                priorities="",
                            )
                        )
                except IntegrityError:
                    pass  # another scheduler created it a moment ago
            elif (
                row.status == "planned"
                and not row.rescheduled
                and row.starts_at != occ.starts_at
                and row.starts_at > now
            ):
                # The manager's zone changed: the wall-clock time holds in the new zone.
                row.starts_at, row.ends_at = occ.starts_at, occ.ends_at
