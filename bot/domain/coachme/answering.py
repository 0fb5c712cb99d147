"""The person asked answers, declines, or hears thanks from the rep."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bot.db.models import FeedbackAnswer, FeedbackAsk, FeedbackRequest
from bot.domain.coachme.base import FeedbackBase
from bot.domain.coachme.dto import AnswerSummary, RequestSummary
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.coachme.records import (
    ALREADY_ANSWERED,
    ask_of,
    close_if_done,
    decide,
    ensure_answerable,
    summarize,
)
from bot.domain.coachme.rules import AnswerForm, clean_answer
from bot.domain.kernel.errors import AlreadyDone, DomainError, InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import Notice, cancel_pending, enqueue
from bot.domain.kernel.storage import guarded

log = logging.getLogger(__name__)


class Answering(FeedbackBase):
    """Everything the people asked do with a request."""

    @guarded
    def open_answer(self, team_id: str, ask_id: int, user_id: str) -> RequestSummary:
        """The request behind `ask_id`, if `user_id` may still answer it."""
        with self._sessions() as session:
            ask = ask_of(session, ask_id, user_id)
            ensure_answerable(ask)
            return summarize(ask.request)

    @guarded
    def decline(self, team_id: str, ask_id: int, user_id: str) -> RequestSummary:
        """Record "can't right now" and let the rep know, kindly."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            ask = ask_of(session, ask_id, user_id)
            if ask.status == "declined":
                return summarize(ask.request)  # a double click: said once already
            ensure_answerable(ask)
            if not decide(session, ask, "declined", now):
                ensure_answerable(ask)  # the answer won: say so
                return summarize(ask.request)
            cancel_pending(session, f"ask:{ask.id}")
            close_if_done(ask.request)
            summary = summarize(ask.request)
            enqueue(
                session,
                Notice(
                    f"ask:{ask.id}:declined",
                    team_id,
                    ask.request.rep_user_id,
                    CoachmeKind.ASK_DECLINED,
                    f"request:{ask.request_id}",
                    {"request": summary.to_payload(), "user_id": user_id},
                    now,
                ),
                now,
            )
            return summary

    @guarded
    def submit_answer(
        self, team_id: str, ask_id: int, user_id: str, form: AnswerForm
    ) -> AnswerSummary:
        """Store feedback once and queue it to the rep. A repeat submit delivers nothing."""
        clean, errors = clean_answer(form)
        if clean is None:
            raise InvalidInput(errors)
        now = self._clock.now()
        try:
            with self._sessions.begin() as session:
                ask = ask_of(session, ask_id, user_id)
                ensure_answerable(ask)
                if not decide(session, ask, "answered", now):
                    ensure_answerable(ask)  # a decline or another submit won
                    raise AlreadyDone(ALREADY_ANSWERED)
                answer = AnswerSummary(
                    ask_id=ask.id,
                    coach_user_id=user_id,
                    rep_user_id=ask.request.rep_user_id,
                    deal_name=ask.request.deal_name,
                    selling_skills=clean.selling_skills or "",
                    customer_knowledge=clean.customer_knowledge or "",
                    our_org=clean.our_org or "",
                    try_next=clean.try_next or "",
                    go_deeper=clean.go_deeper,
                )
                ask.answer = FeedbackAnswer(
                    selling_skills=answer.selling_skills,
                    customer_knowledge=answer.customer_knowledge,
                    our_org=answer.our_org,
                    try_next=answer.try_next,
                    go_deeper=answer.go_deeper,
                    created_at=now,
                )
                session.flush()
                cancel_pending(session, f"ask:{ask.id}")
                close_if_done(ask.request)
                enqueue(
                    session,
                    Notice(
                        f"ask:{ask.id}:answer",
                        team_id,
                        answer.rep_user_id,
                        CoachmeKind.FEEDBACK_DELIVERED,
                        f"request:{ask.request_id}",
                        answer.to_payload(),
                        now,
                    ),
                    now,
                )
                role = ask.role
        except IntegrityError:
            # Two submits raced past the status check; the unique answer row kept one.
            raise AlreadyDone(ALREADY_ANSWERED) from None
        if self._bids is not None and role == "coach":
            self._queue_bid(team_id, answer)
        return answer

    def _queue_bid(self, team_id: str, answer: AnswerSummary) -> None:
        # After the answer is stored: a missing suggestion must never cost the feedback.
        assert self._bids is not None
        try:
            prompt = self._bids.suggest(
                team_id, answer.coach_user_id, size="small", moment="after_tough_feedback"
            )
            if prompt is None:
                return
            now = self._clock.now()
            key = f"ask:{answer.ask_id}:bid"
            payload = {
                "prompt": prompt.to_payload(),
                "rep_user_id": answer.rep_user_id,
                "deal_name": answer.deal_name,
            }
            with self._sessions.begin() as session:
                notice = Notice(
                    key, team_id, answer.coach_user_id, self._bids.message_kind, key, payload, now
                )
                enqueue(session, notice, now)
        except DomainError as exc:
            log.warning("no bid suggestion for ask %s: %s", answer.ask_id, exc.message)

    @guarded
    def thank(self, team_id: str, ask_id: int, rep_user_id: str) -> str:
        """The rep says thanks; the coach hears it once. Returns the coach's user id."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            ask = session.get(FeedbackAsk, ask_id)
            if ask is None or ask.answer is None:
                raise NotFound("That feedback is no longer here.")
            if ask.request.rep_user_id != rep_user_id:
                raise NotAllowed("Only the person who asked can send thanks for this.")
            if ask.answer.thanked_at is None:
                ask.answer.thanked_at = now
                enqueue(
                    session,
                    Notice(
                        f"ask:{ask.id}:thanks",
                        team_id,
                        ask.user_id,
                        CoachmeKind.FEEDBACK_THANKS,
                        f"ask:{ask.id}:thanks",
                        {"rep_user_id": rep_user_id, "deal_name": ask.request.deal_name},
                        now,
                    ),
                    now,
                )
            return ask.user_id

    def open_asks_for(self, team_id: str, user_id: str) -> list[tuple[int, RequestSummary]]:
        """Requests waiting on `user_id`'s feedback, oldest first, with the ask id."""
        with self._sessions() as session:
            asks = session.scalars(
                select(FeedbackAsk)
                .join(FeedbackRequest)
                .where(
                    FeedbackRequest.team_id == team_id,
                    FeedbackAsk.user_id == user_id,
                    FeedbackAsk.status == "pending",
                    FeedbackRequest.status == "open",
                )
                .options(selectinload(FeedbackAsk.request).selectinload(FeedbackRequest.asks))
                .order_by(FeedbackRequest.created_at)
            )
            return [(a.id, summarize(a.request)) for a in asks]

    def waiting_on(self, team_id: str, user_id: str) -> int:
        """How many open requests wait on `user_id`'s feedback."""
        return len(self.open_asks_for(team_id, user_id))
