"""Turning a coaching nudge that has fallen due into an outbox notice, once.

Every notice is keyed by its session (or pair), so queueing twice, or from two processes,
leaves one notice.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession, OutboxMessage
from bot.domain.coaching import cadence as cad
from bot.domain.coaching import nudges, rows
from bot.domain.coaching.agenda import open_lines
from bot.domain.coaching.dto import PlannedNudge
from bot.domain.coaching.kinds import CoachingKind
from bot.domain.kernel import wallclock
from bot.domain.kernel.outbox import Notice, enqueue

QUIET_AFTER = timedelta(days=21)
KEY_NAMES = {
    CoachingKind.PREP: "prep",
    CoachingKind.REMINDER: "reminder",
    CoachingKind.CHECK: "check",
}


class NudgeQueue:
    """Queues session nudges and quiet notes inside the planner's transaction."""

    def __init__(self, bids: nudges.BidSource, requests: nudges.RepRequests) -> None:
        self._bids = bids
        self._requests = requests

    def session_nudge(
        self,
        session: Session,
        pair: CoachingPair,
        row: CoachingSession,
        nudge: PlannedNudge,
        now: datetime,
    ) -> int:
        """Queue `nudge` (a prep, reminder or check) for `row`; 1 if it was new, else 0."""
        ref = nudges.SessionRef(
            session_id=row.id,
            manager_id=pair.manager_id,
            rep_id=pair.rep_id,
            starts_at=row.starts_at.isoformat(),
            length_minutes=pair.length_minutes,
            tz=nudge.tz,
        )
        key = f"coaching:session:{row.id}:{KEY_NAMES[CoachingKind(nudge.kind)]}"
        # Checked before building the payload: the reminder's gathers requests and a bid.
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
            return 0
        useful_until = row.starts_at
        payload: dict[str, Any] = {"ref": asdict(ref)}
        if nudge.kind == CoachingKind.REMINDER:
            payload = self._reminder(session, pair, row, ref, now).to_payload()
        elif nudge.kind == CoachingKind.PREP:
            payload["plans"] = list(self._requests.plans(pair.team_id, pair.rep_id))
            payload["agenda"] = [asdict(a) for a in open_lines(session, pair.id)]
        elif nudge.kind == CoachingKind.CHECK:
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
        # Rotating by weeks since the anchor gives each session fresh questions and a new bid.
        index = cad.weeks_since(pair.anchor, row.occurrence)
        team, rep, manager = pair.team_id, pair.rep_id, pair.manager_id
        return nudges.Reminder(
            ref=ref,
            days_since_held=rows.days_since_held(session, pair, now),
            requests=tuple(
                nudges.OpenRequest(r.deal_name, r.help_with)
                for r in self._requests.open_requests(team, rep, manager)
            ),
            deeper=tuple(
                nudges.DeeperOffer(d.deal_name, d.coach_user_id)
                for d in self._requests.deeper_offers(team, rep, manager, now)
            ),
            questions=tuple(nudges.bucket_questions(index)),
            bid=self._bids.small_bid(team, manager, rep, index),
            priorities=row.priorities,
            plans=tuple(self._requests.plans(team, rep)),
            agenda=tuple(open_lines(session, pair.id)),
        )

    @staticmethod
    def quiet_note(session: Session, pair: CoachingPair, now: datetime) -> int:
        """After three weeks with no held session, one gentle note to the manager."""
        held = rows.last_held(session, pair)
        since = held.starts_at if held else pair.created_at
        if now - since < QUIET_AFTER:
            return 0
        due = wallclock.next_workday_at(now, pair.tz, cad.PREP_AT)
        notice = Notice(
            f"coaching:pair:{pair.id}:quiet:{held.id if held else 0}",
            pair.team_id,
            pair.manager_id,
            CoachingKind.QUIET,
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
