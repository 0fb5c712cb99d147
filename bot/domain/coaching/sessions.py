"""One session at a time: marking it, moving it, pausing from it, and the rep's priorities."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession, OutboxMessage
from bot.domain.coaching import rows
from bot.domain.coaching.dto import MessageUpdate, PairView, SessionView
from bot.domain.coaching.pairs import NOT_AFTER_TODAY
from bot.domain.coaching.streak import offer_if_streak
from bot.domain.kernel import preferences, wallclock
from bot.domain.kernel.deps import Part
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import cancel_pending
from bot.domain.kernel.storage import guarded

OUTCOMES = ("held", "skipped")
MAX_PRIORITIES = 3
PRIORITY_MAX = 200


def _coached_session(
    session: Session, team_id: str, session_id: int, manager_id: str, refusal: str
) -> tuple[CoachingSession, CoachingPair]:
    """The session and its pair, if `manager_id` is its coach; `refusal` tells the rep no."""
    row, pair = rows.session_for(session, team_id, session_id, manager_id)
    if pair.manager_id != manager_id:
        raise NotAllowed(refusal)
    return row, pair


def _close(
    session: Session, pair: CoachingPair, row: CoachingSession, status: str, now: datetime
) -> None:
    """Record how the session ended, drop its unsent nudges, and notice a run of misses."""
    row.status = status
    row.marked_at = now
    preferences.reminder_answered(session, pair.team_id, pair.manager_id)
    cancel_pending(session, f"coaching:session:{row.id}")
    session.flush()
    offer_if_streak(session, pair, row, now)


class SessionService(Part):
    """Changes one coaching session at the request of one of its two people."""

    @guarded
    def mark(self, team_id: str, manager_id: str, session_id: int, outcome: str) -> SessionView:
        """Record that a session was held or skipped. Marking again changes the record."""
        if outcome not in OUTCOMES:
            raise InvalidInput({"outcome": "Choose held or skipped."})
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = _coached_session(
                session, team_id, session_id, manager_id, "Only the coach marks how a session went."
            )
            _close(session, pair, row, outcome, now)
            return rows.session_view(row, pair)

    @guarded
    def reschedule(
        self,
        team_id: str,
        manager_id: str,
        session_id: int,
        day: date | None,
        start_time: str | None,
    ) -> SessionView:
        """Move a session to another local date and time. Returns the new session."""
        start = wallclock.parse_hhmm(start_time or "")
        errors = {}
        if day is None:
            errors["day"] = "Pick a day."
        if start is None:
            errors["start_time"] = "Pick a time."
        if errors or day is None or start is None:
            raise InvalidInput(errors)
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = _coached_session(
                session, team_id, session_id, manager_id, "Only the coach can move a session."
            )
            new = rows.book(session, pair, day, start, now, errors_key="day")
            new.priorities = row.priorities
            _close(session, pair, row, "moved", now)
            return rows.session_view(new, pair)

    @guarded
    def pause_pair(self, team_id: str, manager_id: str, session_id: int, until: date) -> PairView:
        """Pause one rep's sessions before `until` (from a reminder's button)."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, manager_id)
            if until <= wallclock.local_date(now, pair.tz):
                raise InvalidInput({"until": NOT_AFTER_TODAY})
            pair.paused_until = until
            preferences.reminder_answered(session, team_id, manager_id)
            if row.status == "planned" and row.occurrence < until:
                cancel_pending(session, f"coaching:session:{row.id}")
            return rows.pair_view(session, pair, now)

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
            return rows.session_view(new, pair)

    @guarded
    def session_view(self, team_id: str, user_id: str, session_id: int) -> SessionView:
        """The session, if `user_id` is one of its two people."""
        with self._sessions() as session:
            row, pair = rows.session_for(session, team_id, session_id, user_id)
            return rows.session_view(row, pair)

    @guarded
    def save_priorities(
        self, team_id: str, rep_id: str, session_id: int, text: str | None
    ) -> MessageUpdate | None:
        """Store the rep's opportunities and put them in the manager's reminder.

        Returns the sent reminder to update, when it has already gone out.
        """
        lines = [ln.strip(" -•*\t") for ln in (text or "").splitlines()]
        picked = [ln[:PRIORITY_MAX] for ln in lines if ln][:MAX_PRIORITIES]
        if not picked:
            raise InvalidInput({"priorities": "Add at least one opportunity."})
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, rep_id)
            if pair.rep_id != rep_id:
                raise NotAllowed("Only the rep adds opportunities to bring.")
            if row.status != "planned":
                raise InvalidInput({"priorities": "That session has already been marked."})
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
