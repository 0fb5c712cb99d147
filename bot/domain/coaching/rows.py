"""Coaching rows read and changed inside a caller's transaction.

The services and the planner all work on the same pairs, sessions and pauses; these helpers
keep one definition of each question ("which pair?", "paused until when?", "when did they last
meet?") and of each view handed out, so they can't drift apart.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingPause, CoachingSession, Person
from bot.domain.coaching import cadence as cad
from bot.domain.coaching.dto import PairView, SessionView
from bot.domain.kernel import wallclock, workspace
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import cancel_pending

DEFAULT_START = time(10, 0)  # what a stored start time falls back to if it can't be read


def cadence_of(pair: CoachingPair, tz: str | None = None) -> cad.Cadence:
    """The pair's cadence, in `tz` when given (a zone newer than the stored one)."""
    cadence = cad.Cadence(
        every_weeks=pair.every_weeks,
        weekday=pair.weekday,
        start=wallclock.parse_hhmm(pair.start_time) or DEFAULT_START,
        length_minutes=pair.length_minutes,
        lead=pair.lead,
        tz=pair.tz,
        anchor=pair.anchor,
    )
    return cadence if tz is None else replace(cadence, tz=tz)


def start_over(pair: CoachingPair, tz: str, now: datetime, session: Session | None = None) -> None:
    """Give the pair the cadence of a new pair: unscheduled, in `tz`, from today, unpaused."""
    pair.every_weeks, pair.weekday, pair.start_time = 0, 1, "10:00"
    # The workspace's default lead time, which the manager can change in the cadence form.
    lead = workspace.read(session, pair.team_id).reminder_lead if session else ""
    pair.length_minutes, pair.lead, pair.tz = 30, lead or workspace.DEFAULT_LEAD, tz
    pair.anchor = wallclock.local_date(now, tz)
    pair.paused_until = None
    # Their coaching together starts now: the quiet note counts from here.
    pair.created_at = now


def find_pair(session: Session, team_id: str, manager_id: str, rep_id: str) -> CoachingPair:
    """The pair where `manager_id` coaches `rep_id`, or NotFound."""
    pair = session.scalar(
        select(CoachingPair).where(
            CoachingPair.team_id == team_id,
            CoachingPair.rep_id == rep_id,
            CoachingPair.manager_id == manager_id,
        )
    )
    if pair is None:
        raise NotFound(f"<@{rep_id}> isn't on your coaching list. Try `/coaching add`.")
    return pair


def session_for(
    session: Session, team_id: str, session_id: int, user_id: str
) -> tuple[CoachingSession, CoachingPair]:
    """A session and its pair, if `user_id` is one of its two people."""
    row = session.get(CoachingSession, session_id)
    if row is None or row.team_id != team_id:
        raise NotFound("That session is no longer on the calendar.")
    pair = session.get_one(CoachingPair, row.pair_id)
    if user_id not in (pair.manager_id, pair.rep_id):
        raise NotAllowed("Only the two people in this session can change it.")
    return row, pair


def drop_future(session: Session, pair: CoachingPair, now: datetime) -> None:
    """Delete the pair's planned sessions still ahead, and their unsent nudges."""
    future = session.scalars(
        select(CoachingSession).where(
            CoachingSession.pair_id == pair.id,
            CoachingSession.status == "planned",
            CoachingSession.starts_at > now,
        )
    ).all()
    for row in future:
        cancel_pending(session, f"coaching:session:{row.id}")
        session.delete(row)


def next_start(session: Session, pair: CoachingPair, now: datetime) -> datetime | None:
    """When the pair next meets: the cadence's next slot or a booked session, if sooner."""
    upcoming = cad.occurrences(cadence_of(pair), now, now + timedelta(days=7 * 5))
    extra = session.scalar(
        select(CoachingSession.starts_at)
        .where(
            CoachingSession.pair_id == pair.id,
            CoachingSession.status == "planned",
            CoachingSession.starts_at > now,
        )
        .order_by(CoachingSession.starts_at)
    )
    # A slot already held, skipped or moved away from is not "next" any more.
    moved_away = set(
        session.scalars(
            select(CoachingSession.occurrence).where(
                CoachingSession.pair_id == pair.id, CoachingSession.status != "planned"
            )
        )
    )
    starts = [o.starts_at for o in upcoming if o.occurrence not in moved_away]
    if extra is not None:
        starts.append(extra)
    return min(starts) if starts else None


def with_this_manager(pair: CoachingPair) -> ColumnElement[bool]:
    """The pair's sessions with its current manager (not those from before a move)."""
    return and_(
        CoachingSession.pair_id == pair.id,
        or_(CoachingSession.manager_id.is_(None), CoachingSession.manager_id == pair.manager_id),
    )


def last_held(session: Session, pair: CoachingPair) -> CoachingSession | None:
    """The pair's most recent session marked as held, with its current manager."""
    return session.scalar(
        select(CoachingSession)
        .where(with_this_manager(pair), CoachingSession.status == "held")
        .order_by(CoachingSession.starts_at.desc())
        .limit(1)
    )


def days_since_held(session: Session, pair: CoachingPair, now: datetime) -> int | None:
    """Whole local days since the pair last met, or None if they never marked one held."""
    held = last_held(session, pair)
    if held is None:
        return None
    today = wallclock.local_date(now, pair.tz)
    return max(0, (today - wallclock.local_date(held.starts_at, pair.tz)).days)


def paused_until(session: Session, pair: CoachingPair) -> date | None:
    """The latest pause on the pair or on either of its people: sessions before it skip."""
    dates = [pair.paused_until] if pair.paused_until else []
    for uid in (pair.manager_id, pair.rep_id):
        pause = session.get(CoachingPause, (pair.team_id, uid))
        if pause is not None:
            dates.append(pause.until)
    return max(dates) if dates else None


def rep_tz(session: Session, pair: CoachingPair) -> str:
    """The rep's zone, for their prep DM; the pair's zone until we know it."""
    rep = session.get(Person, (pair.team_id, pair.rep_id))
    return rep.tz if rep and rep.tz else pair.tz


def book(
    session: Session,
    pair: CoachingPair,
    day: date,
    start: time,
    now: datetime,
    errors_key: str,
) -> CoachingSession:
    """Add a one-off session on local `day` at `start`; errors name the field `errors_key`."""
    starts = wallclock.at_local(day, start, pair.tz)
    if starts <= now:
        raise InvalidInput({errors_key: "Pick a time that hasn't passed yet."})
    # One session per pair per local date: it is how sessions are keyed.
    clash = session.scalar(
        select(CoachingSession).where(
            CoachingSession.pair_id == pair.id, CoachingSession.occurrence == day
        )
    )
    if clash is not None:
        raise InvalidInput({errors_key: "There's already a session that day; pick another."})
    new = CoachingSession(
        team_id=pair.team_id,
        pair_id=pair.id,
        manager_id=pair.manager_id,
        occurrence=day,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=pair.length_minutes),
        status="planned",
        rescheduled=True,
        priorities="",
    )
    session.add(new)
    session.flush()
    return new


def pair_view(session: Session, pair: CoachingPair, now: datetime) -> PairView:
    """The pair as plain data, with when they last met and when they meet next."""
    return PairView(
        id=pair.id,
        team_id=pair.team_id,
        manager_id=pair.manager_id,
        rep_id=pair.rep_id,
        every_weeks=pair.every_weeks,
        weekday=pair.weekday,
        start_time=pair.start_time,
        length_minutes=pair.length_minutes,
        lead=pair.lead,
        tz=pair.tz,
        paused_until=pair.paused_until,
        days_since_held=days_since_held(session, pair, now),
        next_start=next_start(session, pair, now),
    )


def session_view(row: CoachingSession, pair: CoachingPair) -> SessionView:
    """The session as plain data, shown in the pair's zone."""
    return SessionView(
        id=row.id,
        pair_id=pair.id,
        manager_id=pair.manager_id,
        rep_id=pair.rep_id,
        starts_at=row.starts_at,
        tz=pair.tz,
        status=row.status,
        priorities=row.priorities,
    )
