"""Protected coaching time: who coaches whom, on what cadence, and whether sessions happen."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import CoachingPair, CoachingPause, CoachingSession, OutboxMessage, Person
from bot.domain import cadence as cad
from bot.domain import coaching_nudges as nudges
from bot.domain import worktime
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kinds import Kind
from bot.domain.outbox import Notice, cancel_pending, enqueue
from bot.domain.people import PeopleService
from bot.domain.storage import guarded

LOOK_BACK = timedelta(days=6)  # past sessions still worth a "did it happen?"
LOOK_AHEAD = timedelta(days=4)  # far enough for a prep DM the working day before
QUIET_AFTER = timedelta(days=21)
MISSES = ("skipped", "moved")
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
class PlannedNudge:
    """A nudge that will go out: what, to whom, when (UTC) and the recipient's zone."""

    kind: str
    team_id: str
    recipient: str
    tz: str
    due_at: datetime
    manager_id: str
    rep_id: str
    starts_at: datetime


@dataclass(frozen=True)
class MessageUpdate:
    """A sent message to update in place, and its new payload."""

    channel: str
    ts: str
    payload: dict[str, Any]


def _cadence(pair: CoachingPair) -> cad.Cadence:
    return cad.Cadence(
        every_weeks=pair.every_weeks,
        weekday=pair.weekday,
        start=cad.parse_hhmm(pair.start_time) or time(10, 0),
        length_minutes=pair.length_minutes,
        lead=pair.lead,
        tz=pair.tz,
        anchor=pair.anchor,
    )


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
    start = cad.parse_hhmm(form.start_time or "")
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
        self._bids = bids

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
                self._drop_future(session, pair, now)
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
                    anchor=worktime.local_date(now, tz),
                    created_at=now,
                )
                session.add(pair)
                session.flush()
            return self._pair_view(session, pair, now)

    @guarded
    def remove_rep(self, team_id: str, manager_id: str, rep_id: str) -> None:
        """Stop coaching `rep_id`: their sessions and unsent nudges go too."""
        with self._sessions.begin() as session:
            pair = self._pair(session, team_id, manager_id, rep_id)
            self._drop_future(session, pair, self._clock.now())
            session.delete(pair)
        self._people.set_coach(team_id, rep_id, None)

    def _pair(self, session: Session, team_id: str, manager_id: str, rep_id: str) -> CoachingPair:
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

    @staticmethod
    def _drop_future(session: Session, pair: CoachingPair, now: datetime) -> None:
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

    @guarded
    def pair_for(self, team_id: str, manager_id: str, rep_id: str) -> PairView:
        """The pair, for the cadence modal."""
        with self._sessions() as session:
            return self._pair_view(
                session, self._pair(session, team_id, manager_id, rep_id), self._clock.now()
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
            pair = self._pair(session, team_id, manager_id, rep_id)
            self._drop_future(session, pair, now)
            pair.every_weeks, pair.weekday, pair.start_time = every, weekday, start
            pair.length_minutes, pair.lead = length, lead
            pair.tz = manager.tz if manager else pair.tz
            day = cad.first_on_or_after(worktime.local_date(now, pair.tz), weekday)
            if cad.occurrence_at(_cadence(pair), day).starts_at <= now:
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
                if pause and pause.until > worktime.local_date(now, "UTC")
                else None,
            )

    def _pair_view(self, session: Session, pair: CoachingPair, now: datetime) -> PairView:
        upcoming = cad.occurrences(_cadence(pair), now, now + timedelta(days=7 * 5))
        extra = session.scalar(
            select(CoachingSession.starts_at)
            .where(
                CoachingSession.pair_id == pair.id,
                CoachingSession.status == "planned",
                CoachingSession.starts_at > now,
            )
            .order_by(CoachingSession.starts_at)
        )
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
            days_since_held=self._days_since_held(session, pair, now),
            next_start=min(starts) if starts else None,
        )

    @staticmethod
    def _last_held(session: Session, pair_id: int) -> CoachingSession | None:
        return session.scalar(
            select(CoachingSession)
            .where(CoachingSession.pair_id == pair_id, CoachingSession.status == "held")
            .order_by(CoachingSession.starts_at.desc())
            .limit(1)
        )

    def _days_since_held(self, session: Session, pair: CoachingPair, now: datetime) -> int | None:
        held = self._last_held(session, pair.id)
        if held is None:
            return None
        today = worktime.local_date(now, pair.tz)
        return max(0, (today - worktime.local_date(held.starts_at, pair.tz)).days)

    # -- pauses ---------------------------------------------------------------------------

    @guarded
    def pause_person(self, team_id: str, user_id: str, until: date) -> date:
        """Pause every session `user_id` is in (as manager or rep) before `until`."""
        if until <= worktime.local_date(self._clock.now(), self._tz_of(team_id, user_id)):
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
            row, pair = self._session_for(session, team_id, session_id, manager_id)
            if until <= worktime.local_date(now, pair.tz):
                raise InvalidInput({"until": "Pick a date after today."})
            pair.paused_until = until
            if row.status == "planned" and row.occurrence < until:
                cancel_pending(session, f"coaching:session:{row.id}")
            return self._pair_view(session, pair, now)

    def _tz_of(self, team_id: str, user_id: str) -> str:
        person = self._people.get(team_id, user_id)
        return person.tz if person else "UTC"

    @staticmethod
    def _paused_until(session: Session, pair: CoachingPair) -> date | None:
        dates = [pair.paused_until] if pair.paused_until else []
        for uid in (pair.manager_id, pair.rep_id):
            pause = session.get(CoachingPause, (pair.team_id, uid))
            if pause is not None:
                dates.append(pause.until)
        return max(dates) if dates else None

    # -- marking sessions ---------------------------------------------------------------

    def _session_for(
        self, session: Session, team_id: str, session_id: int, user_id: str
    ) -> tuple[CoachingSession, CoachingPair]:
        row = session.get(CoachingSession, session_id)
        if row is None or row.team_id != team_id:
            raise NotFound("That session is no longer on the calendar.")
        pair = session.get_one(CoachingPair, row.pair_id)
        if user_id not in (pair.manager_id, pair.rep_id):
            raise NotAllowed("Only the two people in this session can change it.")
        return row, pair

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
            row, pair = self._session_for(session, team_id, session_id, manager_id)
            if pair.manager_id != manager_id:
                raise NotAllowed("Only the coach marks how a session went.")
            row.status = outcome
            row.marked_at = now
            cancel_pending(session, f"coaching:session:{row.id}")
            session.flush()
            self._offer_if_streak(session, pair, row, now)
            return self._session_view(row, pair)

    @guarded
    def reschedule(
        self, team_id: str, manager_id: str, session_id: int, day: date | None, at: str | None
    ) -> SessionView:
        """Move a session to another local date and time. Returns the new session."""
        start = cad.parse_hhmm(at or "")
        errors = {}
        if day is None:
            errors["coaching_day"] = "Pick a day."
        if start is None:
            errors["coaching_start"] = "Pick a time."
        if errors or day is None or start is None:
            raise InvalidInput(errors)
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = self._session_for(session, team_id, session_id, manager_id)
            if pair.manager_id != manager_id:
                raise NotAllowed("Only the coach can move a session.")
            new = self._book(session, pair, day, start, now, errors_key="coaching_day")
            new.priorities = row.priorities
            row.status = "moved"
            row.marked_at = now
            cancel_pending(session, f"coaching:session:{row.id}")
            session.flush()
            self._offer_if_streak(session, pair, row, now)
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
            local = when.astimezone(worktime.zone(pair.tz))
            new = self._book(session, pair, local.date(), local.time(), now, errors_key="offer")
            return self._session_view(new, pair)

    def _book(
        self,
        session: Session,
        pair: CoachingPair,
        day: date,
        start: time,
        now: datetime,
        errors_key: str,
    ) -> CoachingSession:
        starts = worktime.at_local(day, start, pair.tz)
        if starts <= now:
            raise InvalidInput({errors_key: "Pick a time that hasn't passed yet."})
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

    def _offer_if_streak(
        self, session: Session, pair: CoachingPair, row: CoachingSession, now: datetime
    ) -> None:
        if row.status not in MISSES:
            return
        last_two = session.scalars(
            select(CoachingSession.status)
            .where(CoachingSession.pair_id == pair.id, CoachingSession.status != "planned")
            .order_by(CoachingSession.starts_at.desc(), CoachingSession.id.desc())
            .limit(2)
        ).all()
        if len(last_two) < 2 or any(s not in MISSES for s in last_two):
            return
        offer = self._offer_time(session, pair, now)
        enqueue(
            session,
            Notice(
                f"coaching:pair:{pair.id}:streak:{row.id}",
                pair.team_id,
                pair.manager_id,
                Kind.COACHING_STREAK,
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

    def _offer_time(self, session: Session, pair: CoachingPair, now: datetime) -> datetime:
        """The next working day (not today) with no session, at the pair's usual time."""
        taken = set(
            session.scalars(
                select(CoachingSession.occurrence).where(
                    CoachingSession.pair_id == pair.id, CoachingSession.starts_at > now
                )
            )
        )
        day = worktime.local_date(now, pair.tz)
        start = cad.parse_hhmm(pair.start_time) or time(10, 0)
        while True:
            day = worktime.add_workdays(day, 1)
            if day not in taken:
                return worktime.at_local(day, start, pair.tz)

    # -- rep prep -------------------------------------------------------------------------

    @guarded
    def session_view(self, team_id: str, user_id: str, session_id: int) -> SessionView:
        """The session, if `user_id` is one of its two people."""
        with self._sessions() as session:
            row, pair = self._session_for(session, team_id, session_id, user_id)
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
            row, pair = self._session_for(session, team_id, session_id, rep_id)
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

    # -- time passes ------------------------------------------------------------------------

    def plan_due(self) -> int:
        """Queue every coaching nudge whose moment has come. Safe to run anywhere, any time.

        Sessions are created from each cadence as they come near; a nudge is queued under a
        key naming the session, so running this twice (or in two processes) queues it once.
        """
        now = self._clock.now()
        with self._sessions() as session:
            pairs = session.execute(
                select(CoachingPair.id, CoachingPair.team_id, CoachingPair.manager_id)
                .where(CoachingPair.every_weeks > 0)
                .order_by(CoachingPair.id)
            ).all()
        queued = 0
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

    def _materialise(self, session: Session, pair: CoachingPair, now: datetime) -> None:
        paused = self._paused_until(session, pair)
        for occ in cad.occurrences(_cadence(pair), now - LOOK_BACK, now + LOOK_AHEAD):
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

    def _plan_pair(self, session: Session, pair: CoachingPair, now: datetime) -> int:
        self._materialise(session, pair, now)
        paused = self._paused_until(session, pair)
        rows = session.scalars(
            select(CoachingSession)
            .where(
                CoachingSession.pair_id == pair.id,
                CoachingSession.status == "planned",
                CoachingSession.starts_at >= now - LOOK_BACK,
                CoachingSession.starts_at <= now + LOOK_AHEAD,
            )
            .order_by(CoachingSession.starts_at)
        ).all()
        rep_tz = self._rep_tz(session, pair)
        queued = 0
        for row in rows:
            if paused is not None and row.occurrence < paused:
                continue
            for nudge in self._nudges_for(pair, row.starts_at, row.ends_at, rep_tz):
                if nudge.due_at > now:
                    continue
                queued += self._queue(session, pair, row, nudge, now)
        if paused is None or paused <= worktime.local_date(now, pair.tz):
            queued += self._queue_quiet_note(session, pair, now)
        return queued

    @staticmethod
    def _rep_tz(session: Session, pair: CoachingPair) -> str:
        rep = session.get(Person, (pair.team_id, pair.rep_id))
        return rep.tz if rep and rep.tz else pair.tz

    @staticmethod
    def _nudges_for(
        pair: CoachingPair, starts_at: datetime, ends_at: datetime, rep_tz: str
    ) -> list[PlannedNudge]:
        def planned(kind: str, recipient: str, tz: str, due: datetime) -> PlannedNudge:
            return PlannedNudge(
                kind, pair.team_id, recipient, tz, due, pair.manager_id, pair.rep_id, starts_at
            )

        return [
            planned(Kind.COACHING_PREP, pair.rep_id, rep_tz, cad.prep_at(rep_tz, starts_at)),
            planned(
                Kind.COACHING_REMINDER,
                pair.manager_id,
                pair.tz,
                cad.reminder_at(pair.lead, pair.tz, starts_at),
            ),
            planned(Kind.COACHING_CHECK, pair.manager_id, pair.tz, cad.check_at(ends_at)),
        ]

    def _queue(
        self,
        session: Session,
        pair: CoachingPair,
        row: CoachingSession,
        nudge: PlannedNudge,
        now: datetime,
    ) -> int:
        ref = nudges.SessionRef(
            session_id=row.id,
            manager_id=pair.manager_id,
            rep_id=pair.rep_id,
            starts_at=row.starts_at.isoformat(),
            length_minutes=pair.length_minutes,
            tz=nudge.tz,
        )
        name = {
            Kind.COACHING_PREP: "prep",
            Kind.COACHING_REMINDER: "reminder",
            Kind.COACHING_CHECK: "check",
        }[Kind(nudge.kind)]
        key = f"coaching:session:{row.id}:{name}"
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
            return 0
        useful_until = row.starts_at
        payload: dict[str, Any] = {"ref": asdict(ref)}
        if nudge.kind == Kind.COACHING_REMINDER:
            payload = self._reminder(session, pair, row, ref, now).to_payload()
        elif nudge.kind == Kind.COACHING_CHECK:
            useful_until = row.ends_at + cad.CHECK_USEFUL_FOR
        notice = Notice(
            key,
            pair.team_id,
            nudge.recipient,
            nudge.kind,
            f"coaching:session:{row.id}",
            payload,
            nudge.due_at,
            useful_until=useful_until,
        )
        return int(enqueue(session, notice, now))

    def _reminder(
        self,
        session: Session,
        pair: CoachingPair,
        row: CoachingSession,
        ref: nudges.SessionRef,
        now: datetime,
    ) -> nudges.Reminder:
        index = max(0, (row.occurrence - pair.anchor).days // 7)
        return nudges.Reminder(
            ref=ref,
            days_since_held=self._days_since_held(session, pair, now),
            requests=tuple(nudges.open_requests(session, pair.team_id, pair.rep_id)),
            deeper=tuple(nudges.deeper_offers(session, pair.team_id, pair.rep_id, now)),
            questions=tuple(nudges.bucket_questions(index)),
            bid=self._bids.small_bid(pair.team_id, pair.manager_id, pair.rep_id, index),
            priorities=row.priorities,
        )

    def _queue_quiet_note(self, session: Session, pair: CoachingPair, now: datetime) -> int:
        held = self._last_held(session, pair.id)
        since = held.starts_at if held else pair.created_at
        if now - since < QUIET_AFTER:
            return 0
        due = cad.next_workday_10(now, pair.tz)
        notice = Notice(
            f"coaching:pair:{pair.id}:quiet:{held.id if held else 0}",
            pair.team_id,
            pair.manager_id,
            Kind.COACHING_QUIET,
            f"coaching:pair:{pair.id}",
            {
                "rep_id": pair.rep_id,
                "days": (now - since).days,
                "ever_held": held is not None,
            },
            due,
            useful_until=due + timedelta(days=3),
        )
        return int(enqueue(session, notice, now))

    # -- preview ----------------------------------------------------------------------------

    def preview(self, start: datetime, days: int) -> list[PlannedNudge]:
        """Every session nudge due in [start, start + days), in order. Changes nothing."""
        end = start + timedelta(days=days)
        found: list[PlannedNudge] = []
        with self._sessions() as session:
            for pair in session.scalars(
                select(CoachingPair).where(CoachingPair.every_weeks > 0).order_by(CoachingPair.id)
            ):
                manager = session.get(Person, (pair.team_id, pair.manager_id))
                pair_tz = manager.tz if manager is not None and manager.tz else pair.tz
                cadence = cad.Cadence(**{**asdict(_cadence(pair)), "tz": pair_tz})
                paused = self._paused_until(session, pair)
                rows = {
                    r.occurrence: r
                    for r in session.scalars(
                        select(CoachingSession).where(CoachingSession.pair_id == pair.id)
                    )
                }
                times = [
                    (o.starts_at, o.ends_at)
                    for o in cad.occurrences(cadence, start, end + timedelta(days=3))
                    if o.occurrence not in rows and (paused is None or o.occurrence >= paused)
                ]
                times += [
                    (r.starts_at, r.ends_at)
                    for r in rows.values()
                    if r.status == "planned" and (paused is None or r.occurrence >= paused)
                ]
                rep_tz = self._rep_tz(session, pair)
                view = CoachingPair(**{**_columns(pair), "tz": pair_tz})
                for starts, ends in times:
                    for nudge in self._nudges_for(view, starts, ends, rep_tz):
                        if start <= nudge.due_at < end:
                            found.append(nudge)
        return sorted(found, key=lambda n: (n.due_at, n.recipient))


def _columns(pair: CoachingPair) -> dict[str, Any]:
    return {c.key: getattr(pair, c.key) for c in CoachingPair.__table__.columns}
