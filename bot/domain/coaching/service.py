"""Protected coaching time: who coaches whom, on what cadence, and whether sessions happen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import CoachingPair, CoachingPause, CoachingSession, OutboxMessage
from bot.domain.coaching import cadence as cad
from bot.domain.coaching import nudges, rows
from bot.domain.coaching.planner import CoachingPlanner, PlannedNudge, offer_if_streak
from bot.domain.kernel import wallclock
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import cancel_pending
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.storage import guarded

OUTCOMES = ("held", "skipped")


@dataclass(frozen=True)
class CadenceForm:
    """The cadence modal, as typed."""

    every_weeks: str | None
    weekday: str | None
    start_time: str | None
    length_minutes: str | None
    lead: str | None


@dataclass(frozen=True)
class PairView:
    id: int
    team_id: str
    manager_id: str
    rep_id: str
    every_weeks: int
    weekday: int
    start_time: str
    length_minutes: int
    lead: str
    tz: str
    paused_until: date | None
    days_since_held: int | None
    next_start: datetime | None

    @property
    def scheduled(self) -> bool:
        """True once a cadence has been chosen."""
        return self.every_weeks > 0


@dataclass(frozen=True)
class SessionView:
    id: int
    pair_id: int
    manager_id: str
    rep_id: str
    starts_at: datetime
    tz: str
    status: str
    priorities: str


@dataclass(frozen=True)
class Overview:
    """What a person sees of coaching: their reps, their own coach, and any pause."""

    reps: tuple[PairView, ...]
    my_coach: PairView | None
    paused_until: date | None


@dataclass(frozen=True)
class MessageUpdate:
    """A sent message to update in place, and its new payload."""

    channel: str
    ts: str
    payload: dict[str, Any]


def clean_cadence(form: CadenceForm) -> tuple[int, int, str, int, str]:
    """Validate the cadence modal. Field names are the modal's block ids."""
    errors: dict[str, str] = {}

    def number(raw: str | None, default: int) -> int:
        return int(raw) if raw is not None and raw.isdigit() else default

    every = number(form.every_weeks, 0)
    if every not in cad.EVERY_WEEKS:
        errors["coaching_every"] = "Pick how often you'll meet."
    weekday = number(form.weekday, -1)
    if not 0 <= weekday <= 6:
        errors["coaching_weekday"] = "Pick a day."
    start = wallclock.parse_hhmm(form.start_time or "")
    if start is None:
        errors["coaching_start"] = "Pick a start time."
    length = number(form.length_minutes, 0)
    if length not in cad.LENGTHS:
        errors["coaching_length"] = "Pick a length."
    if (form.lead or "") not in cad.LEADS:
        errors["coaching_lead"] = "Pick when you'd like the reminder."
    if errors or start is None:
        raise InvalidInput(errors)
    return every, weekday, start.strftime("%H:%M"), length, str(form.lead)


class CoachingService:
    """Owns coaching pairs, their sessions and pauses, and the nudges about them."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        people: PeopleService,
        bids: nudges.BidSource,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._people = people
        # Planning what is due is its own job; the service hands it the same parts.
        self._planner = CoachingPlanner(sessions, clock, people, bids)

    # -- who coaches whom ---------------------------------------------------------------

    @guarded
    def add_rep(self, team_id: str, manager_id: str, rep_id: str) -> PairView:
        """Make `manager_id` the coach of `rep_id`. The cadence is set separately."""
        if rep_id == manager_id:
            raise InvalidInput({"rep": "You can't be your own rep; pick someone on your team."})
        rep = self._people.get(team_id, rep_id)
        if rep is None:
            raise NotFound("I couldn't find that person in this workspace.")
        if rep.is_bot or rep.is_deleted:
            raise InvalidInput({"rep": f"{rep.display_name} can't get messages; pick a person."})
        manager = self._people.get(team_id, manager_id)
        tz = manager.tz if manager else "UTC"
        self._people.set_coach(team_id, rep_id, manager_id)
        now = self._clock.now()
        with self._sessions.begin() as session:
            pair = session.scalar(
                select(CoachingPair).where(
                    CoachingPair.team_id == team_id, CoachingPair.rep_id == rep_id
                )
            )
            if pair is not None and pair.manager_id != manager_id:
                rows.drop_future(session, pair, now)
                session.delete(pair)
                session.flush()
                pair = None
            if pair is None:
                pair = CoachingPair(
                    team_id=team_id,
                    manager_id=manager_id,
                    rep_id=rep_id,
                    every_weeks=0,
                    weekday=1,
                    start_time="10:00",
                    length_minutes=30,
                    lead="2h",
                    tz=tz,
                    anchor=wallclock.local_date(now, tz),
                    created_at=now,
                )
                session.add(pair)
                session.flush()
            return self._pair_view(session, pair, now)

    @guarded
    def remove_rep(self, team_id: str, manager_id: str, rep_id: str) -> None:
        """Stop coaching `rep_id`: their sessions and unsent nudges go too."""
        with self._sessions.begin() as session:
            pair = rows.find_pair(session, team_id, manager_id, rep_id)
            rows.drop_future(session, pair, self._clock.now())
            session.delete(pair)
        self._people.set_coach(team_id, rep_id, None)

    @guarded
    def pair_for(self, team_id: str, manager_id: str, rep_id: str) -> PairView:
        """The pair, for the cadence modal."""
        with self._sessions() as session:
            return self._pair_view(
                session, rows.find_pair(session, team_id, manager_id, rep_id), self._clock.now()
            )

    @guarded
    def set_cadence(
        self, team_id: str, manager_id: str, rep_id: str, form: CadenceForm
    ) -> PairView:
        """Set how often, when and how long; the next session is the first one that fits."""
        every, weekday, start, length, lead = clean_cadence(form)
        manager = self._people.get(team_id, manager_id)
        now = self._clock.now()
        with self._sessions.begin() as session:
            pair = rows.find_pair(session, team_id, manager_id, rep_id)
            rows.drop_future(session, pair, now)
            pair.every_weeks, pair.weekday, pair.start_time = every, weekday, start
            pair.length_minutes, pair.lead = length, lead
            pair.tz = manager.tz if manager else pair.tz
            day = wallclock.first_on_or_after(wallclock.local_date(now, pair.tz), weekday)
            if cad.occurrence_at(rows.cadence_of(pair), day).starts_at <= now:
                day += timedelta(days=7)
            pair.anchor = day
            session.flush()
            return self._pair_view(session, pair, now)

    @guarded
    def overview(self, team_id: str, user_id: str) -> Overview:
        """Everything /coaching list and the Home tab show."""
        now = self._clock.now()
        with self._sessions() as session:
            reps = session.scalars(
                select(CoachingPair)
                .where(CoachingPair.team_id == team_id, CoachingPair.manager_id == user_id)
                .order_by(CoachingPair.id)
            ).all()
            mine = session.scalar(
                select(CoachingPair).where(
                    CoachingPair.team_id == team_id, CoachingPair.rep_id == user_id
                )
            )
            pause = session.get(CoachingPause, (team_id, user_id))
            return Overview(
                reps=tuple(self._pair_view(session, p, now) for p in reps),
                my_coach=self._pair_view(session, mine, now) if mine else None,
                paused_until=pause.until
                if pause and pause.until > wallclock.local_date(now, "UTC")
                else None,
            )

    def _pair_view(self, session: Session, pair: CoachingPair, now: datetime) -> PairView:
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
            days_since_held=rows.days_since_held(session, pair, now),
            next_start=rows.next_start(session, pair, now),
        )

    # -- pauses ---------------------------------------------------------------------------

    @guarded
    def pause_person(self, team_id: str, user_id: str, until: date) -> date:
        """Pause every session `user_id` is in (as manager or rep) before `until`."""
        if until <= wallclock.local_date(self._clock.now(), self._tz_of(team_id, user_id)):
            raise InvalidInput({"until": "Pick a date after today."})
        with self._sessions.begin() as session:
            row = session.get(CoachingPause, (team_id, user_id))
            if row is None:
                session.add(CoachingPause(team_id=team_id, user_id=user_id, until=until))
            else:
                row.until = until
        return until

    @guarded
    def resume_person(self, team_id: str, user_id: str) -> None:
        """End `user_id`'s pause now, and any pause on the pairs they coach."""
        with self._sessions.begin() as session:
            session.execute(
                delete(CoachingPause).where(
                    CoachingPause.team_id == team_id, CoachingPause.user_id == user_id
                )
            )
            for pair in session.scalars(
                select(CoachingPair).where(
                    CoachingPair.team_id == team_id, CoachingPair.manager_id == user_id
                )
            ):
                pair.paused_until = None

    @guarded
    def pause_pair(self, team_id: str, manager_id: str, session_id: int, until: date) -> PairView:
        """Pause one rep's sessions before `until` (from a reminder's button)."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, manager_id)
            if until <= wallclock.local_date(now, pair.tz):
                raise InvalidInput({"until": "Pick a date after today."})
            pair.paused_until = until
            if row.status == "planned" and row.occurrence < until:
                cancel_pending(session, f"coaching:session:{row.id}")
            return self._pair_view(session, pair, now)

    def _tz_of(self, team_id: str, user_id: str) -> str:
        person = self._people.get(team_id, user_id)
        return person.tz if person else "UTC"

    # -- marking sessions ---------------------------------------------------------------

    def _session_view(self, row: CoachingSession, pair: CoachingPair) -> SessionView:
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

    @guarded
    def mark(self, team_id: str, manager_id: str, session_id: int, outcome: str) -> SessionView:
        """Record that a session was held or skipped. Marking again changes the record."""
        if outcome not in OUTCOMES:
            raise InvalidInput({"outcome": "Choose held or skipped."})
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, manager_id)
            if pair.manager_id != manager_id:
                raise NotAllowed("Only the coach marks how a session went.")
            row.status = outcome
            row.marked_at = now
            cancel_pending(session, f"coaching:session:{row.id}")
            session.flush()
            offer_if_streak(session, pair, row, now)
            return self._session_view(row, pair)

    @guarded
    def reschedule(
        self, team_id: str, manager_id: str, session_id: int, day: date | None, at: str | None
    ) -> SessionView:
        """Move a session to another local date and time. Returns the new session."""
        start = wallclock.parse_hhmm(at or "")
        errors = {}
        if day is None:
            errors["coaching_day"] = "Pick a day."
        if start is None:
            errors["coaching_start"] = "Pick a time."
        if errors or day is None or start is None:
            raise InvalidInput(errors)
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, manager_id)
            if pair.manager_id != manager_id:
                raise NotAllowed("Only the coach can move a session.")
            new = rows.book(session, pair, day, start, now, errors_key="coaching_day")
            new.priorities = row.priorities
            row.status = "moved"
            row.marked_at = now
            cancel_pending(session, f"coaching:session:{row.id}")
            session.flush()
            offer_if_streak(session, pair, row, now)
            return self._session_view(new, pair)

    @guarded
    def book_offer(
        self, team_id: str, manager_id: str, pair_id: int, when: datetime
    ) -> SessionView:
        """Accept the offered catch-up time."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            pair = session.get(CoachingPair, pair_id)
            if pair is None or pair.team_id != team_id or pair.manager_id != manager_id:
                raise NotFound("That coaching pair is no longer set up.")
            local = when.astimezone(wallclock.zone(pair.tz))
            new = rows.book(session, pair, local.date(), local.time(), now, errors_key="offer")
            return self._session_view(new, pair)

    # -- rep prep -------------------------------------------------------------------------

    @guarded
    def session_view(self, team_id: str, user_id: str, session_id: int) -> SessionView:
        """The session, if `user_id` is one of its two people."""
        with self._sessions() as session:
            row, pair = rows.session_for(session, team_id, session_id, user_id)
            return self._session_view(row, pair)

    @guarded
    def save_priorities(
        self, team_id: str, rep_id: str, session_id: int, text: str | None
    ) -> MessageUpdate | None:
        """Store the rep's opportunities and put them in the manager's reminder.

        Returns the sent reminder to update, when it has already gone out.
        """
        lines = [ln.strip(" -•*\t") for ln in (text or "").splitlines()]
        picked = [ln[:200] for ln in lines if ln][:3]
        if not picked:
            raise InvalidInput({"coaching_priorities": "Add at least one opportunity."})
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, rep_id)
            if pair.rep_id != rep_id:
                raise NotAllowed("Only the rep adds opportunities to bring.")
            if row.status != "planned":
                raise InvalidInput({"coaching_priorities": "That session has already been marked."})
            row.priorities = "\n".join(picked)
            reminder = session.scalar(
                select(OutboxMessage).where(
                    OutboxMessage.key == f"coaching:session:{row.id}:reminder"
                )
            )
            if reminder is None:
                return None
            payload = {**reminder.payload, "priorities": row.priorities}
            reminder.payload = payload
            if reminder.status == "sent" and reminder.channel and reminder.ts:
                return MessageUpdate(reminder.channel, reminder.ts, payload)
            return None

    # -- time passes ----------------------------------------------------------------------

    def plan_due(self) -> int:
        """Queue every coaching nudge whose moment has come. Safe to run anywhere, any time."""
        return self._planner.plan_due()

    def preview(self, start: datetime, days: int) -> list[PlannedNudge]:
        """Every session nudge due in [start, start + days), in order. Changes nothing."""
        return self._planner.preview(start, days)
