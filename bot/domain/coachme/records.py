"""Reading and settling the stored rows of a request, shared by every part of the service."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from bot.db.models import FeedbackAsk, FeedbackRequest
from bot.domain.coachme.dto import AskSummary, RequestSummary
from bot.domain.coachme.rules import LOSS_REASONS, STAGES
from bot.domain.kernel.errors import AlreadyDone, NotAllowed, NotFound

ALREADY_ANSWERED = "You've already sent your feedback on this one. Thank you!"
ALREADY_DECLINED = "You've let them know you can't get to this one right now; nothing more to do."


def summarize(req: FeedbackRequest) -> RequestSummary:
    """The request row (with its asks loaded) as plain data, labels spelled out."""
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


def ask_of(session: Session, ask_id: int, user_id: str) -> FeedbackAsk:
    """The ask `ask_id`, with its request, if it was sent to `user_id`."""
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


def ensure_answerable(ask: FeedbackAsk) -> None:
    """Refuse an ask already answered or declined, or one whose request has closed."""
    if ask.status == "answered":
        raise AlreadyDone(ALREADY_ANSWERED)
    if ask.status == "declined":
        raise AlreadyDone(ALREADY_DECLINED)
    if ask.request.status == "expired" or ask.status == "expired":
        raise AlreadyDone("This request has closed; a quick DM to the rep still helps.")


def decide(session: Session, ask: FeedbackAsk, status: str, now: datetime) -> bool:
    """Move a pending ask to `status` in one conditional update; False if another decision
    (an answer, a decline) got there first. Whoever wins, the rep hears only one of them."""
    won = session.execute(
        update(FeedbackAsk)
        .where(FeedbackAsk.id == ask.id, FeedbackAsk.status == "pending")
        .values(status=status, responded_at=now)
    )
    if int(getattr(won, "rowcount", 0) or 0) != 1:
        session.refresh(ask)
        return False
    session.refresh(ask)
    return True


def close_if_done(req: FeedbackRequest) -> None:
    """Close a request once nobody it was sent to is still pending."""
    if all(a.status != "pending" for a in req.asks):
        req.status = "closed"
