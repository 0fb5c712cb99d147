"""When sessions keep slipping: after two misses in a row, one concrete time to catch up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession
from bot.domain.coaching import nudges, rows
from bot.domain.coaching.kinds import CoachingKind
from bot.domain.kernel import wallclock
from bot.domain.kernel.outbox import Notice, enqueue

MISSES = ("skipped", "moved")


def offer_if_streak(
    session: Session, pair: CoachingPair, row: CoachingSession, now: datetime
) -> None:
    """After a second missed session in a row, queue the manager a concrete time to catch up."""
    if row.status not in MISSES:
        return
    last_two = session.scalars(
        select(CoachingSession.status)
        .where(rows.with_this_manager(pair), CoachingSession.status != "planned")
        .order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc())
        .limit(2)
    ).all()
    if len(last_two) < 2 or any(s not in MISSES for s in last_two):
        return
    offer = _offer_time(session, pair, now)
    enqueue(
        session,
        Notice(
            f"coaching:pair:{pair.id}:streak:{row.id}",
            pair.team_id,
            pair.manager_id,
            CoachingKind.STREAK,
            f"coaching:pair:{pair.id}",
            nudges.StreakOffer(
                pair_id=pair.id,
                rep_id=pair.rep_id,
                offer_at=offer.isoformat(),
                tz=pair.tz,
                misses=tuple(last_two),
            ).to_payload(),
            now,
        ),
        now,
    )


def _offer_time(session: Session, pair: CoachingPair, now: datetime) -> datetime:
    """The next working day (not today) with no session, at the pair's usual time."""
    taken = set(
        session.scalars(
            select(CoachingSession.occurrence).where(
                CoachingSession.pair_id == pair.id, CoachingSession.starts_at > now
            )
        )
    )
    day = wallclock.local_date(now, pair.tz)
    start = wallclock.parse_hhmm(pair.start_time) or rows.DEFAULT_START
    while True:
        day = wallclock.add_workdays(day, 1)
        if day not in taken:
            return wallclock.at_local(day, start, pair.tz)
