"""Who coaches whom, on what regular cadence, and who is away for a while."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select

from bot.db.models import CoachingPair, CoachingPause
from bot.domain.coaching import cadence as cad
from bot.domain.coaching import moves, rows
from bot.domain.coaching.dto import CadenceForm, Overview, PairView
from bot.domain.kernel import wallclock
from bot.domain.kernel.deps import Part
from bot.domain.kernel.errors import InvalidInput, NotFound
from bot.domain.kernel.storage import guarded

NOT_AFTER_TODAY = "Pick a date after today."


def clean_cadence(form: CadenceForm) -> tuple[int, int, str, int, str]:
    """Validate the cadence form. Errors name the form's fields."""
    errors: dict[str, str] = {}

    def number(raw: str | None, default: int) -> int:
        return int(raw) if raw is not None and raw.isdigit() else default

    every = number(form.every_weeks, 0)
    if every not in cad.EVERY_WEEKS:
        errors["every_weeks"] = "Pick how often you'll meet."
    weekday = number(form.weekday, -1)
    if not 0 <= weekday <= 6:
        errors["weekday"] = "Pick a day."
    start = wallclock.parse_hhmm(form.start_time or "")
    if start is None:
        errors["start_time"] = "Pick a start time."
    length = number(form.length_minutes, 0)
    if length not in cad.LENGTHS:
        errors["length_minutes"] = "Pick a length."
    if (form.lead or "") not in cad.LEADS:
        errors["lead"] = "Pick when you'd like the reminder."
    if errors or start is None:
        raise InvalidInput(errors)
    return every, weekday, start.strftime("%H:%M"), length, str(form.lead)


class PairService(Part):
    """Sets up coaching pairs and their cadence, pauses the people in them, and shows them."""

    @guarded
    def add_rep(self, team_id: str, manager_id: str, rep_id: str) -> PairView:
        """Make `manager_id` the coach of `rep_id`. The cadence is set separately.

        A rep who already has a coach moves only when their coach or a workspace admin asks;
        the pair keeps its past sessions, and the rep and both managers are told.
        """
        if rep_id == manager_id:
            raise InvalidInput({"rep": "You can't be your own rep; pick someone on your team."})
        rep = self._people.get(team_id, rep_id)
        if rep is None:
            raise NotFound("I couldn't find that person in this workspace.")
        if rep.is_bot or rep.is_deleted:
            raise InvalidInput({"rep": f"{rep.display_name} can't get messages; pick a person."})
        current = self._current_manager(team_id, rep_id)
        # Asked only when a move is on the table; any other coach found later is refused.
        admin = current not in (None, manager_id) and self._admins.is_admin(team_id, manager_id)
        manager = self._people.get(team_id, manager_id)
        tz = manager.tz if manager else "UTC"
        now = self._clock.now()
        with self._sessions.begin() as session:
            pair = session.scalar(
                select(CoachingPair)
                .where(CoachingPair.team_id == team_id, CoachingPair.rep_id == rep_id)
                .with_for_update()
            )
            if pair is not None and pair.manager_id != manager_id:
                if not admin:
                    raise moves.refuse(pair.manager_id, rep_id)
                moves.move_pair(session, pair, manager_id, manager_id, tz, now)
            if pair is None:
                pair = CoachingPair(team_id=team_id, manager_id=manager_id, rep_id=rep_id)
                rows.start_over(pair, tz, now, session)
                session.add(pair)
                session.flush()
            view = rows.pair_view(session, pair, now)
        self._people.set_coach(team_id, rep_id, manager_id)
        return view

    def _current_manager(self, team_id: str, rep_id: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(
                select(CoachingPair.manager_id).where(
                    CoachingPair.team_id == team_id, CoachingPair.rep_id == rep_id
                )
            )

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
        """The pair, for the cadence form."""
        with self._sessions() as session:
            return rows.pair_view(
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
            return rows.pair_view(session, pair, now)

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
                reps=tuple(rows.pair_view(session, p, now) for p in reps),
                my_coach=rows.pair_view(session, mine, now) if mine else None,
                paused_until=pause.until
                if pause and pause.until > wallclock.local_date(now, "UTC")
                else None,
            )

    @guarded
    def pause_person(self, team_id: str, user_id: str, until: date) -> date:
        """Pause every session `user_id` is in (as manager or rep) before `until`."""
        person = self._people.get(team_id, user_id)
        if until <= wallclock.local_date(self._clock.now(), person.tz if person else "UTC"):
            raise InvalidInput({"until": NOT_AFTER_TODAY})
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
