"""The /coachme loop: a rep asks for feedback on a lost deal; the people asked answer."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from bot.db.models import FeedbackAnswer, FeedbackAsk, FeedbackRequest
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.coachme.rules import (
    LOSS_REASONS,
    STAGES,
    AnswerForm,
    RequestForm,
    clean_answer,
    clean_request,
)
from bot.domain.kernel import wallclock
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.errors import AlreadyDone, DomainError, InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import Notice, OutboxItem, cancel_pending, enqueue
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.storage import guarded

REQUEST_LIFETIME = timedelta(days=7)
log = logging.getLogger(__name__)
NUDGE_AFTER_WORKDAYS = (2, 4)


@dataclass(frozen=True)
class AskSummary:
    id: int
    user_id: str
    role: str
    status: str


@dataclass(frozen=True)
class RequestSummary:
    """A request as the people in it see it. JSON-safe, so it can ride in a message payload."""

    id: int
    team_id: str
    rep_user_id: str
    deal_name: str
    amount: str | None
    stage: str
    loss_reason: str
    what_happened: str
    do_differently: str
    help_with: str
    followup_on: str | None
    status: str
    asks: tuple[AskSummary, ...]

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> RequestSummary:
        """Rebuild from `to_payload` output."""
        asks = tuple(AskSummary(**a) for a in data["asks"])
        return cls(**{**data, "asks": asks})


@dataclass(frozen=True)
class AnswerSummary:
    ask_id: int
    coach_user_id: str
    rep_user_id: str
    deal_name: str
    selling_skills: str
    customer_knowledge: str
    our_org: str
    try_next: str
    go_deeper: bool

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)


def _summary(req: FeedbackRequest) -> RequestSummary:
    return RequestSummary(
        id=req.id,
        team_id=req.team_id,
        rep_user_id=req.rep_user_id,
        deal_name=req.deal_name,
        amount=None if req.amount is None else f"{req.amount:,.2f}".removesuffix(".00"),
        stage=STAGES.get(req.stage, req.stage),
        loss_reason=LOSS_REASONS.get(req.loss_reason, req.loss_reason),
        what_happened=req.what_happened,
        do_differently=req.do_differently,
        help_with=req.help_with,
        followup_on=req.followup_on.isoformat() if req.followup_on else None,
        status=req.status,
        asks=tuple(AskSummary(a.id, a.user_id, a.role, a.status) for a in req.asks),
    )


class SuggestedBid(Protocol):
    def to_payload(self) -> dict[str, Any]: ...


class BidSuggester(Protocol):
    """Offers a bid for connection (the bid store implements it), and names the kind of
    message that carries its suggestion, so the bid store renders its own DM."""

    message_kind: str

    def suggest(
        self, team_id: str, user_id: str, size: str | None = ..., moment: str | None = ...
    ) -> SuggestedBid | None: ...


class FeedbackService:
    """Owns requests, asks and answers, and the messages they cause."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        people: PeopleService,
        bids: BidSuggester | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._people = people
        self._bids = bids

    # -- the rep asks -------------------------------------------------------------------

    def default_coach(self, team_id: str, rep_user_id: str) -> str | None:
        """The rep's coach, when known, to preselect in the form."""
        # Read from our own records only: this runs before views.open, whose trigger id
        # lasts three seconds, so it must not wait on a users.info round trip.
        return self._people.coach_of(team_id, rep_user_id)

    @guarded
    def create_request(self, team_id: str, rep_user_id: str, form: RequestForm) -> RequestSummary:
        """Validate and store a request, and queue a DM to each person asked.

        People who cannot be messaged (deactivated, bots, unknown) are refused inline, so a
        request is only stored with people who can answer.
        """
        clean, errors = clean_request(form, rep_user_id)
        if clean is None:
            raise InvalidInput(errors)
        for field_name, ids in (("coach", [clean.coach_user_id]), ("peers", clean.peer_user_ids)):
            for uid in ids:
                if uid is None:
                    continue
                person = self._people.get(team_id, uid)
                if person is not None and person.is_bot:
                    errors[field_name] = "That's a bot; pick a person."
                elif person is not None and person.is_deleted:
                    errors[field_name] = f"{person.display_name} is deactivated; pick someone else."
        if errors:
            raise InvalidInput(errors)

        now = self._clock.now()
        rep = self._people.get(team_id, rep_user_id)
        rep_tz = rep.tz if rep else "UTC"
        followup_on = None
        if clean.followup_months:
            followup_on = wallclock.add_months(
                wallclock.local_date(now, rep_tz), clean.followup_months
            )
        with self._sessions.begin() as session:
            req = FeedbackRequest(
                team_id=team_id,
                rep_user_id=rep_user_id,
                deal_name=clean.deal_name,
                amount=clean.amount,
                stage=clean.stage,
                loss_reason=clean.loss_reason,
                what_happened=clean.what_happened,
                do_differently=clean.do_differently,
                help_with=clean.help_with,
                followup_months=clean.followup_months,
                followup_on=followup_on,
                status="open",
                created_at=now,
                expires_at=now + REQUEST_LIFETIME,
            )
            if clean.coach_user_id:
                req.asks.append(
                    FeedbackAsk(user_id=clean.coach_user_id, role="coach", status="pending")
                )
            for peer in clean.peer_user_ids:
                req.asks.append(FeedbackAsk(user_id=peer, role="peer", status="pending"))
            session.add(req)
            session.flush()
            summary = _summary(req)
            self._queue_request_messages(session, summary, rep_tz, now)
        return summary

    def _queue_request_messages(
        self, session: Session, req: RequestSummary, rep_tz: str, now: datetime
    ) -> None:
        payload = req.to_payload()
        expires = now + REQUEST_LIFETIME
        for ask in req.asks:
            subject = f"ask:{ask.id}"
            enqueue(
                session,
                Notice(
                    f"ask:{ask.id}:dm",
                    req.team_id,
                    ask.user_id,
                    CoachmeKind.FEEDBACK_ASK,
                    subject,
                    {"request": payload, "ask_id": ask.id},
                    now,
                ),
                now,
            )
            person = self._people.get(req.team_id, ask.user_id)
            tz = person.tz if person else "UTC"
            for n, workdays in enumerate(NUDGE_AFTER_WORKDAYS, start=1):
                due = wallclock.workdays_later(now, workdays, tz)
                if due >= expires:
                    continue
                enqueue(
                    session,
                    Notice(
                        f"ask:{ask.id}:nudge:{n}",
                        req.team_id,
                        ask.user_id,
                        CoachmeKind.FEEDBACK_ASK_NUDGE,
                        subject,
                        {"request": payload, "ask_id": ask.id, "nudge": n},
                        due,
                        useful_until=expires,
                    ),
                    now,
                )
        enqueue(
            session,
            Notice(
                f"request:{req.id}:sent",
                req.team_id,
                req.rep_user_id,
                CoachmeKind.REQUEST_SENT,
                f"request:{req.id}",
                {"request": payload},
                now,
            ),
            now,
        )
        if req.followup_on:
            due = wallclock.next_morning_on_or_after(
                datetime.fromisoformat(req.followup_on).date(), rep_tz
            )
            enqueue(
                session,
                Notice(
                    f"request:{req.id}:followup",
                    req.team_id,
                    req.rep_user_id,
                    CoachmeKind.ACCOUNT_FOLLOWUP,
                    f"request:{req.id}:followup",
                    {"request": payload},
                    due,
                ),
                now,
            )

    # -- the person asked answers -------------------------------------------------------

    def _ask_for(self, session: Session, ask_id: int, user_id: str) -> FeedbackAsk:
        ask = session.scalar(
            select(FeedbackAsk)
            .where(FeedbackAsk.id == ask_id)
            .options(selectinload(FeedbackAsk.request).selectinload(FeedbackRequest.asks))
        )
        if ask is None:
            raise NotFound("That request is no longer here; the rep may have removed it.")
        if ask.user_id != user_id:
            raise NotAllowed("Only the people this request was sent to can answer it.")
        return ask

    @guarded
    def open_answer(self, team_id: str, ask_id: int, user_id: str) -> RequestSummary:
        """The request behind `ask_id`, if `user_id` may still answer it."""
        with self._sessions() as session:
            ask = self._ask_for(session, ask_id, user_id)
            self._ensure_answerable(ask)
            return _summary(ask.request)

    @staticmethod
    def _ensure_answerable(ask: FeedbackAsk) -> None:
        if ask.status == "answered":
            raise AlreadyDone("You've already sent your feedback on this one. Thank you!")
        if ask.request.status == "expired" or ask.status == "expired":
            raise AlreadyDone("This request has closed; a quick DM to the rep still helps.")

    @guarded
    def decline(self, team_id: str, ask_id: int, user_id: str) -> RequestSummary:
        """Record "can't right now" and let the rep know, kindly."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            ask = self._ask_for(session, ask_id, user_id)
            self._ensure_answerable(ask)
            if ask.status == "declined":
                return _summary(ask.request)
            ask.status = "declined"
            ask.responded_at = now
            cancel_pending(session, f"ask:{ask.id}")
            self._close_if_done(ask.request)
            summary = _summary(ask.request)
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
                ask = self._ask_for(session, ask_id, user_id)
                self._ensure_answerable(ask)
                ask.answer = FeedbackAnswer(
                    selling_skills=clean.selling_skills or "",
                    customer_knowledge=clean.customer_knowledge or "",
                    our_org=clean.our_org or "",
                    try_next=clean.try_next or "",
                    go_deeper=clean.go_deeper,
                    created_at=now,
                )
                ask.status = "answered"
                ask.responded_at = now
                session.flush()
                cancel_pending(session, f"ask:{ask.id}")
                self._close_if_done(ask.request)
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
            raise AlreadyDone("You've already sent your feedback on this one. Thank you!") from None
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

    @staticmethod
    def _close_if_done(req: FeedbackRequest) -> None:
        if all(a.status != "pending" for a in req.asks):
            req.status = "closed"

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

    # -- time passes --------------------------------------------------------------------

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
                summary = _summary(req)
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
        self._close_if_done(ask.request)
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

    def requests_of(self, team_id: str, rep_user_id: str, limit: int = 10) -> list[RequestSummary]:
        """A rep's most recent requests, newest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(FeedbackRequest)
                .where(
                    FeedbackRequest.team_id == team_id, FeedbackRequest.rep_user_id == rep_user_id
                )
                .options(selectinload(FeedbackRequest.asks))
                .order_by(FeedbackRequest.created_at.desc(), FeedbackRequest.id.desc())
                .limit(limit)
            )
            return [_summary(r) for r in rows]

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
            return [(a.id, _summary(a.request)) for a in asks]
