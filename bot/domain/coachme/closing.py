"""How asks and requests close without an answer: a week passes, or a DM can't be delivered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.db.models import FeedbackAsk, FeedbackRequest
from bot.domain.coachme.base import FeedbackBase
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.coachme.records import close_if_done, summarize
from bot.domain.kernel.outbox import Notice, OutboxItem, cancel_pending, enqueue


class Closing(FeedbackBase):
    """Expiry, run by a job, and the outbox's hook for an unreachable person."""

    def expire_due(self) -> int:
        """Close requests older than their lifetime and tell each rep who didn't answer."""
        now = self._clock.now()
        count = 0
        with self._sessions.begin() as session:
            due = session.scalars(
                select(FeedbackRequest)
                .where(FeedbackRequest.status == "open", FeedbackRequest.expires_at <= now)
                .options(selectinload(FeedbackRequest.asks))
            ).all()
            for req in due:
                req.status = "expired"
                for ask in req.asks:
                    if ask.status == "pending":
                        ask.status = "expired"
                        cancel_pending(session, f"ask:{ask.id}")
                summary = summarize(req)
                enqueue(
                    session,
                    Notice(
                        f"request:{req.id}:expired",
                        req.team_id,
                        req.rep_user_id,
                        CoachmeKind.REQUEST_EXPIRED,
                        f"request:{req.id}",
                        {"request": summary.to_payload()},
                        now,
                    ),
                    now,
                )
                count += 1
        return count

    def ask_unreachable(
        self, session: Session, item: OutboxItem, error: str, now: datetime
    ) -> None:
        """Outbox hook: the DM to a person asked could not be delivered."""
        ask_id = int(item.payload["ask_id"])
        ask = session.get(FeedbackAsk, ask_id)
        if ask is None:
            return
        ask.status = "unreachable"
        cancel_pending(session, f"ask:{ask.id}")
        close_if_done(ask.request)
        enqueue(
            session,
            Notice(
                f"ask:{ask.id}:unreachable",
                item.team_id,
                ask.request.rep_user_id,
                CoachmeKind.ASK_UNREACHABLE,
                f"request:{ask.request_id}",
                {"user_id": ask.user_id, "deal_name": ask.request.deal_name, "reason": error},
                now,
            ),
            now,
        )
