"""Pulse check-ins: post a question in a channel, take one answer per person, publish safely.

`PulseService` is what handlers and jobs call. Each of its methods owns one transaction and
returns plain data; the work inside lives in the modules named for it (opening, answers,
closing, settings).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import Pulse
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.errors import AlreadyDone, InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import OutboxItem
from bot.domain.kernel.sending import OutboxService
from bot.domain.kernel.storage import guarded
from bot.domain.pulse import closing
from bot.domain.pulse.answers import record_answer
from bot.domain.pulse.dto import AnswerReceipt, PulseView, SettingsView
from bot.domain.pulse.kinds import PulseKind
from bot.domain.pulse.notices import view_of
from bot.domain.pulse.opening import mark_undeliverable, open_pulse, started_key
from bot.domain.pulse.rules import PulseForm, clean_pulse
from bot.domain.pulse.settings import clean_settings, read_settings, save_settings
from bot.domain.pulse.trends import TeamTrend, team_trends


class PulseService(Part):
    """Owns pulses, their answers, the workspace settings and what closing publishes."""

    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        super().__init__(deps)
        outbox.on_permanent_failure(PulseKind.QUESTION, self.question_undeliverable)

    # -- settings -----------------------------------------------------------------------

    def settings(self, team_id: str) -> SettingsView:
        """The workspace's threshold and pooling."""
        with self._sessions() as session:
            return read_settings(session, team_id)

    @guarded
    def update_settings(
        self, team_id: str, user_id: str, threshold: int | None, pool_runs: int | None
    ) -> SettingsView:
        """An admin changes the threshold (never below 3) and pooling."""
        self._admins.require_admin(team_id, user_id)
        wanted = clean_settings(threshold, pool_runs)
        with self._sessions.begin() as session:
            save_settings(session, team_id, user_id, wanted, self._clock.now())
        return wanted

    @guarded
    def team_trends(self, team_id: str, manager_id: str) -> list[TeamTrend]:
        """Published results in the channels where `manager_id` runs pulses; totals only."""
        with self._sessions() as session:
            return team_trends(session, team_id, manager_id)

    def is_admin(self, team_id: str, user_id: str) -> bool:
        """Whether `user_id` may change pulse settings."""
        return self._admins.is_admin(team_id, user_id)

    # -- starting -----------------------------------------------------------------------

    @guarded
    def start(self, team_id: str, user_id: str, channel_id: str, form: PulseForm) -> PulseView:
        """Check the form, store the pulse and queue its message to the channel."""
        question, hours, errors = clean_pulse(form, channel_id)
        if question is None or errors:
            raise InvalidInput(errors)
        with self._sessions.begin() as session:
            pulse = open_pulse(
                session,
                team_id=team_id,
                channel_id=channel_id,
                started_by=user_id,
                question=question,
                anonymous=form.anonymous,
                hours=hours,
                now=self._clock.now(),
                post_key=started_key,
            )
            assert pulse is not None  # a fresh id cannot collide
            return view_of(pulse)

    def question_undeliverable(
        self, session: Session, item: OutboxItem, error: str, now: datetime
    ) -> None:
        """Outbox hook: the channel message failed for good; tell the starter what to do."""
        mark_undeliverable(session, int(item.payload["pulse"]["id"]), error, now)

    # -- answering ----------------------------------------------------------------------

    @guarded
    def answer(self, team_id: str, pulse_id: int, user_id: str, choice: int) -> AnswerReceipt:
        """Record or change `user_id`'s answer while the pulse is open."""
        now = self._clock.now()
        person = self._people.get(team_id, user_id)
        tz = person.tz if person else "UTC"
        for attempt in range(2):
            try:
                with self._sessions.begin() as session:
                    return record_answer(session, team_id, pulse_id, user_id, choice, now, tz)
            except IntegrityError:
                # Two clicks raced to insert; the second now finds the first and updates it.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    # -- reminding and closing ----------------------------------------------------------

    def remind_due(self) -> int:
        """Queue the one reminder before close, to the whole channel. Returns how many."""
        with self._sessions.begin() as session:
            return closing.queue_reminders(session, self._clock.now())

    @guarded
    def close_early(self, team_id: str, pulse_id: int, user_id: str) -> PulseView:
        """The starter or an admin closes the pulse now; results follow in the thread."""
        with self._sessions() as session:
            pulse = session.get(Pulse, pulse_id)
            if pulse is None or pulse.team_id != team_id:
                raise NotFound("That pulse is no longer here.")
            starter = pulse.started_by
        if user_id != starter and not self._admins.is_admin(team_id, user_id):
            raise NotAllowed(
                f"Only <@{starter}>, who started this pulse, or a workspace admin can close it "
                "early. It closes on its own when the time is up."
            )
        with self._sessions.begin() as session:
            pulse = session.get_one(Pulse, pulse_id, with_for_update=True)
            if pulse.status != "open":
                raise AlreadyDone("This pulse is already closed; the results are in its thread.")
            closing.close(session, pulse, self._clock.now())
            return view_of(pulse)

    def close_due(self) -> int:
        """Close every pulse whose time is up and queue its results. Returns how many."""
        now = self._clock.now()
        with self._sessions() as session:
            due = closing.due_ids(session, now)
        closed = 0
        for pulse_id in due:
            with self._sessions.begin() as session:
                pulse = session.get_one(Pulse, pulse_id, with_for_update=True)
                if pulse.status != "open":
                    continue  # closed by another process meanwhile
                closing.close(session, pulse, now)
                closed += 1
        return closed

    def open_in_channel(self, team_id: str, channel_id: str) -> list[PulseView]:
        """Pulses still open in a channel, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(Pulse)
                .where(
                    Pulse.team_id == team_id,
                    Pulse.channel_id == channel_id,
                    Pulse.status == "open",
                )
                .order_by(Pulse.opened_at)
            )
            return [view_of(p) for p in rows]
