"""The messages a new request causes, and when each is due: the ask, its nudges, the rep's
confirmation and the account follow-up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.coachme.dto import RequestSummary
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.kernel import wallclock
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.people import PeopleService

NUDGE_AFTER_WORKDAYS = (2, 4)
NUDGE_GAP_WORKDAYS = 2  # at most one more nudge, this many working days after the last


def queue_request_notices(
    session: Session,
    people: PeopleService,
    req: RequestSummary,
    rep_tz: str,
    now: datetime,
    expires: datetime,
) -> None:
    """Queue everything a request sends, in the session that stores it."""
    for ask in req.asks:
        person = people.get(req.team_id, ask.user_id)
        _queue_ask(session, req, ask.id, ask.user_id, person.tz if person else "UTC", now, expires)
    enqueue(
        session,
        Notice(
            f"request:{req.id}:sent",
            req.team_id,
            req.rep_user_id,
            CoachmeKind.REQUEST_SENT,
            f"request:{req.id}",
            {"request": req.to_payload()},
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
                {"request": req.to_payload()},
                due,
            ),
            now,
        )


def _queue_ask(
    session: Session,
    req: RequestSummary,
    ask_id: int,
    user_id: str,
    tz: str,
    now: datetime,
    expires: datetime,
) -> None:
    # All of an ask's messages share its subject, so answering or declining cancels the rest.
    subject = f"ask:{ask_id}"
    payload = req.to_payload()
    enqueue(
        session,
        Notice(
            f"ask:{ask_id}:dm",
            req.team_id,
            user_id,
            CoachmeKind.FEEDBACK_ASK,
            subject,
            {"request": payload, "ask_id": ask_id},
            now,
        ),
        now,
    )
    for n, workdays in enumerate(NUDGE_AFTER_WORKDAYS, start=1):
        due = wallclock.workdays_later(now, workdays, tz)
        if due >= expires:
            continue
        enqueue(
            session,
            Notice(
                f"ask:{ask_id}:nudge:{n}",
                req.team_id,
                user_id,
                CoachmeKind.FEEDBACK_ASK_NUDGE,
                subject,
                {"request": payload, "ask_id": ask_id, "nudge": n},
                due,
                useful_until=expires,
            ),
            now,
        )
