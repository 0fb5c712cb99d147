"""After downtime: overdue nudges collapse into one, sent in the person's working hours."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import OutboxMessage
from bot.domain.coachme.base import FeedbackBase
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.coachme.notices import NUDGE_GAP_WORKDAYS
from bot.domain.kernel import wallclock
from bot.domain.kernel.outbox import WAITING

# A nudge this late was not just waiting for the next tick: the bot was down (or Slack was).
LATE_AFTER = timedelta(minutes=30)


class CatchingUp(FeedbackBase):
    """Keeps the nudge rhythm honest across outages."""

    def catch_up_nudges(self) -> int:
        """Collapse each ask's overdue nudges into one, due in the person's next working
        moment, and keep any later nudge at least two working days after it.

        Runs before delivery in each tick. Returns how many overdue nudges were collapsed
        away. Without it, a bot back after a week sent every nudge of every ask at once, at
        whatever hour it came back.
        """
        now = self._clock.now()
        with self._sessions() as session:
            late = session.execute(
                select(OutboxMessage.subject, OutboxMessage.team_id, OutboxMessage.recipient)
                .where(
                    OutboxMessage.kind == CoachmeKind.FEEDBACK_ASK_NUDGE,
                    OutboxMessage.status.in_(WAITING),
                    OutboxMessage.due_at <= now - LATE_AFTER,
                )
                .distinct()
            ).all()
        # Zones first, outside the write: a lookup may refresh a profile.
        zones: dict[tuple[str, str], str] = {}
        for _subject, team_id, recipient in late:
            person = self._people.get(team_id, recipient)
            zones[(team_id, recipient)] = person.tz if person else "UTC"
        collapsed = 0
        with self._sessions.begin() as session:
            for subject, team_id, recipient in late:
                collapsed += self._collapse(session, subject, zones[(team_id, recipient)], now)
        return collapsed

    @staticmethod
    def _collapse(session: Session, subject: str, tz: str, now: datetime) -> int:
        nudges = session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.subject == subject,
                OutboxMessage.kind == CoachmeKind.FEEDBACK_ASK_NUDGE,
                OutboxMessage.status.in_(WAITING),
            )
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
        ).all()
        overdue = [n for n in nudges if n.due_at <= now - LATE_AFTER]
        if not overdue:
            return 0  # another scheduler caught it up a moment ago
        slot = wallclock.next_working_moment(now, tz)
        for stale in overdue[:-1]:
            stale.status = "cancelled"
            stale.last_error = "collapsed into one nudge after a pause"
        overdue[-1].due_at = slot
        spaced = wallclock.workdays_later(slot, NUDGE_GAP_WORKDAYS, tz)
        for later in nudges[len(overdue) :]:
            later.due_at = max(later.due_at, spaced)
        return len(overdue) - 1
