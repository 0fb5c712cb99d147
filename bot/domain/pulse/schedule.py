"""Recurring pulses: a question posted on a local weekday and time, weekly or fortnightly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bot.db.models import PulseSchedule
from bot.domain.kernel import wallclock
from bot.domain.kernel.deps import Part
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.storage import guarded
from bot.domain.pulse.dto import ScheduleView
from bot.domain.pulse.opening import open_pulse
from bot.domain.pulse.rules import (
    DURATIONS,
    PulseField,
    Question,
    ScheduleForm,
    clean_pulse,
    valid_zone,
)

# A run missed by more than this (the bot was down) is skipped rather than posted late.
LATE_GRACE = timedelta(hours=6)


def rule_of(s: PulseSchedule) -> wallclock.Weekly | None:
    """The schedule's local rule, or None when its stored time is unreadable."""
    at = wallclock.parse_hhmm(s.local_time)
    if at is None:
        return None
    anchor = wallclock.first_on_or_after(s.first_date, s.weekday)
    return wallclock.Weekly(s.every_weeks, anchor, at, s.tz)


def next_run(s: PulseSchedule, after: datetime) -> datetime | None:
    """The first run at or after `after` (UTC)."""
    rule = rule_of(s)
    found = rule.next_start(after) if rule else None
    return found[1] if found else None


def _claim_key(schedule_id: int, day: date) -> Callable[[int], str]:
    key = f"pulse-schedule:{schedule_id}:{day.isoformat()}"
    return lambda _pulse_id: key


def _view(s: PulseSchedule, now: datetime) -> ScheduleView:
    return ScheduleView(
        id=s.id,
        channel_id=s.channel_id,
        created_by=s.created_by,
        question_text=s.question_text,
        anonymous=s.anonymous,
        every_weeks=s.every_weeks,
        weekday=s.weekday,
        local_time=s.local_time,
        tz=s.tz,
        open_hours=s.open_hours,
        next_at=next_run(s, now),
    )


class PulseScheduleService(Part):
    """Creates, lists and stops recurring pulses, and opens the ones due now."""

    def default_zone(self, team_id: str, user_id: str) -> str:
        """The caller's own time zone, to preselect in the form."""
        person = self._people.get(team_id, user_id)
        return person.tz if person else "UTC"

    @guarded
    def create(
        self, team_id: str, user_id: str, channel_id: str, form: ScheduleForm
    ) -> ScheduleView:
        """Check the form and store a recurring pulse for `channel_id`."""
        question, hours, errors = clean_pulse(form.pulse, channel_id, "Recurring pulses")
        at = wallclock.parse_hhmm(form.local_time)
        if at is None:
            errors[PulseField.TIME] = "Pick a time of day."
        if form.weekday is None or not 0 <= form.weekday <= 6:
            errors[PulseField.WEEKDAY] = "Pick a day of the week."
        if form.every_weeks not in (1, 2):
            errors[PulseField.EVERY_WEEKS] = "Choose weekly or every two weeks."
        tz = (form.tz or "").strip() or self.default_zone(team_id, user_id)
        if not valid_zone(tz):
            errors[PulseField.TZ] = (
                "Use a time zone name such as Europe/Berlin or America/New_York."
            )
        if hours > 24 * 7 * (form.every_weeks or 1):
            errors[PulseField.DURATION] = "It should close before the next one opens."
        if question is None or at is None or form.weekday is None or errors:
            raise InvalidInput(errors)
        assert form.every_weeks is not None
        now = self._clock.now()
        today = wallclock.local_date(now, tz)
        first = wallclock.first_on_or_after(today, form.weekday)
        if first == today and wallclock.at_local(today, at, tz) < now:
            first += timedelta(days=7)
        with self._sessions.begin() as session:
            row = PulseSchedule(
                team_id=team_id,
                channel_id=channel_id,
                created_by=user_id,
                **question.columns(),
                anonymous=form.pulse.anonymous,
                open_hours=hours if hours in DURATIONS else 24,
                every_weeks=form.every_weeks,
                weekday=form.weekday,
                local_time=at.strftime("%H:%M"),
                tz=tz,
                first_date=first,
                active=True,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return _view(row, now)

    def in_channel(self, team_id: str, channel_id: str) -> list[ScheduleView]:
        """Active recurring pulses of a channel."""
        now = self._clock.now()
        with self._sessions() as session:
            rows = session.scalars(
                select(PulseSchedule)
                .where(
                    PulseSchedule.team_id == team_id,
                    PulseSchedule.channel_id == channel_id,
                    PulseSchedule.active.is_(True),
                )
                .order_by(PulseSchedule.id)
            )
            return [_view(r, now) for r in rows]

    @guarded
    def stop(self, team_id: str, user_id: str, schedule_id: int) -> ScheduleView:
        """Stop a recurring pulse (its creator or an admin). Past results stay."""
        now = self._clock.now()
        with self._sessions() as session:
            row = session.get(PulseSchedule, schedule_id)
            if row is None or row.team_id != team_id or not row.active:
                raise NotFound("I couldn't find that recurring pulse; /pulse list shows them.")
            creator = row.created_by
        if user_id != creator and not self._admins.is_admin(team_id, user_id):
            raise NotAllowed(
                f"Only <@{creator}>, who set it up, or a workspace admin can stop this one."
            )
        with self._sessions.begin() as session:
            row = session.get_one(PulseSchedule, schedule_id)
            row.active = False
            return _view(row, now)

    def open_due(self) -> int:
        """Open every recurring pulse whose local weekday and time have come. Returns how many.

        Each run is claimed by its outbox key `pulse-schedule:{id}:{local date}`, so however
        many schedulers tick, a run is posted once.
        """
        now = self._clock.now()
        with self._sessions() as session:
            ids = list(
                session.scalars(select(PulseSchedule.id).where(PulseSchedule.active.is_(True)))
            )
        opened = 0
        for schedule_id in ids:
            with self._sessions.begin() as session:
                s = session.get(PulseSchedule, schedule_id)
                rule = rule_of(s) if s is not None and s.active else None
                due = rule.latest_start(now, LATE_GRACE) if rule else None
                if s is None or due is None:
                    continue
                day = due[0]
                pulse = open_pulse(
                    session,
                    team_id=s.team_id,
                    channel_id=s.channel_id,
                    started_by=s.created_by,
                    question=Question.from_columns(s),
                    anonymous=s.anonymous,
                    hours=s.open_hours,
                    now=now,
                    post_key=_claim_key(s.id, day),
                    schedule_id=s.id,
                )
                opened += pulse is not None
        return opened
