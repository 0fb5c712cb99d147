"""What /coachme brings to a coaching session: a rep's open requests and offers to go deeper.

Read only, and only what the manager was part of: a request is private to the rep and the
people asked, and what peers told the rep stays between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import FeedbackAnswer, FeedbackAsk, FeedbackRequest
from bot.domain.coachme.commitments import open_plans

GO_DEEPER_WINDOW = timedelta(days=30)
MAX_LISTED = 3


# Shaped like coaching's own request and offer lines on purpose: the features share no code,
# and coaching accepts anything with these fields.
@dataclass(frozen=True)
class OpenRequest:
    deal_name: str
    help_with: str


@dataclass(frozen=True)
class DeeperOffer:
    deal_name: str
    coach_user_id: str


class SessionPrep:
    """A rep's /coachme activity as their manager may see it before a coaching session."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def open_requests(self, team_id: str, rep_id: str, manager_id: str) -> list[OpenRequest]:
        """The rep's open requests that were sent to `manager_id`, newest first.

        A request the rep sent only to peers never shows up.
        """
        with self._sessions() as session:
            rows = session.scalars(
                select(FeedbackRequest)
                .join(FeedbackAsk, FeedbackAsk.request_id == FeedbackRequest.id)
                .where(
                    FeedbackRequest.team_id == team_id,
                    FeedbackRequest.rep_user_id == rep_id,
                    FeedbackRequest.status == "open",
                    FeedbackAsk.user_id == manager_id,
                )
                .order_by(FeedbackRequest.created_at.desc())
                .limit(MAX_LISTED)
            )
            return [OpenRequest(r.deal_name, r.help_with) for r in rows]

    def deeper_offers(
        self, team_id: str, rep_id: str, manager_id: str, now: datetime
    ) -> list[DeeperOffer]:
        """Recent answers from `manager_id` to the rep offering to go deeper, newest first.

        Only the manager's own offers: peers' answers are left out.
        """
        with self._sessions() as session:
            rows = session.execute(
                select(FeedbackRequest.deal_name, FeedbackAsk.user_id)
                .join(FeedbackAsk, FeedbackAsk.request_id == FeedbackRequest.id)
                .join(FeedbackAnswer, FeedbackAnswer.ask_id == FeedbackAsk.id)
                .where(
                    FeedbackRequest.team_id == team_id,
                    FeedbackRequest.rep_user_id == rep_id,
                    FeedbackAnswer.go_deeper.is_(True),
                    FeedbackAsk.user_id == manager_id,
                    FeedbackAnswer.created_at >= now - GO_DEEPER_WINDOW,
                )
                .order_by(FeedbackAnswer.created_at.desc())
                .limit(MAX_LISTED)
            )
            return [DeeperOffer(deal, coach) for deal, coach in rows]

    def plans(self, team_id: str, rep_id: str) -> list[str]:
        """The rep's open if-then plans, in their own words, newest first.

        Shown only in the prep of the rep's own sessions: to the rep and their coach.
        """
        with self._sessions() as session:
            return [p.sentence for p in open_plans(session, team_id, rep_id)]
