"""What the App Home and the weekly digest read of /coachme: counts and dates, no reflections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from bot.db.models import FeedbackAnswer, FeedbackAsk, FeedbackRequest
from bot.domain.coachme.base import FeedbackBase
from bot.domain.kernel import wallclock
from bot.domain.kernel.storage import guarded

ANSWER_WITHIN_WORKDAYS = 2


@dataclass(frozen=True)
class RepOverview:
    """A rep's own requests in numbers, and the account follow-ups coming up."""

    open_requests: int
    answered_requests: int
    feedback_received: int
    followups: tuple[tuple[str, date], ...]  # (deal, date), soonest first


@dataclass(frozen=True)
class AnswerSpeed:
    """Requests answered within two working days, of those whose two days have passed."""

    in_time: int
    counted: int


def _deadline(created: datetime) -> datetime:
    """Two working days after `created`, at the same time of day (UTC)."""
    day = wallclock.add_workdays(created.date(), ANSWER_WITHIN_WORKDAYS)
    return datetime.combine(day, created.timetz())


class Overviewing(FeedbackBase):
    """Read-only summaries for the Home tab, the admin's adoption figures and the digest."""

    @guarded
    def rep_overview(self, team_id: str, rep_user_id: str) -> RepOverview:
        """The rep's own requests: open, answered, feedback received, follow-ups ahead."""
        person = self._people.get(team_id, rep_user_id)
        today = wallclock.local_date(self._clock.now(), person.tz if person else "UTC")
        mine = (FeedbackRequest.team_id == team_id) & (FeedbackRequest.rep_user_id == rep_user_id)
        with self._sessions() as session:
            open_n = session.scalar(
                select(func.count()).where(mine, FeedbackRequest.status == "open")
            )
            answered_n = session.scalar(
                select(func.count(func.distinct(FeedbackRequest.id)))
                .join(FeedbackAsk)
                .where(mine, FeedbackAsk.status == "answered")
            )
            received = session.scalar(
                select(func.count())
                .select_from(FeedbackAnswer)
                .join(FeedbackAsk)
                .join(FeedbackRequest)
                .where(mine)
            )
            followups = session.execute(
                select(FeedbackRequest.deal_name, FeedbackRequest.followup_on)
                .where(mine, FeedbackRequest.followup_on >= today)
                .order_by(FeedbackRequest.followup_on)
                .limit(5)
            ).all()
        return RepOverview(
            int(open_n or 0),
            int(answered_n or 0),
            int(received or 0),
            tuple((deal, on) for deal, on in followups if on is not None),
        )

    @guarded
    def answer_speed(self, team_id: str, since: datetime | None = None) -> AnswerSpeed:
        """Workspace-wide: how many requests got a first answer within two working days."""
        now = self._clock.now()
        query = (
            select(FeedbackRequest.created_at, func.min(FeedbackAsk.responded_at))
            .outerjoin(
                FeedbackAsk,
                (FeedbackAsk.request_id == FeedbackRequest.id) & (FeedbackAsk.status == "answered"),
            )
            .where(FeedbackRequest.team_id == team_id)
            .group_by(FeedbackRequest.id, FeedbackRequest.created_at)
        )
        if since is not None:
            query = query.where(FeedbackRequest.created_at >= since)
        in_time = counted = 0
        with self._sessions() as session:
            for created, first_answer in session.execute(query):
                deadline = _deadline(created)
                if first_answer is not None and first_answer <= deadline:
                    in_time += 1
                    counted += 1
                elif deadline <= now:
                    counted += 1
        return AnswerSpeed(in_time, counted)
