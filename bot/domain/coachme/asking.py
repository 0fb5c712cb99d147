"""The rep asks: a lost-deal reflection stored with the people it goes to."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bot.db.models import FeedbackAsk, FeedbackRequest
from bot.domain.coachme.base import FeedbackBase
from bot.domain.coachme.dto import RequestSummary
from bot.domain.coachme.notices import queue_request_notices
from bot.domain.coachme.records import summarize
from bot.domain.coachme.rules import CleanRequest, RequestForm, clean_request
from bot.domain.kernel import wallclock
from bot.domain.kernel.errors import InvalidInput
from bot.domain.kernel.storage import guarded

REQUEST_LIFETIME = timedelta(days=7)


class Asking(FeedbackBase):
    """Opening, storing and listing a rep's requests."""

    def default_coach(self, team_id: str, rep_user_id: str) -> str | None:
        """The rep's coach, when known, to preselect in the form."""
        # Read from our own records only: this runs before views.open, whose trigger id
        # lasts three seconds, so it must not wait on a users.info round trip.
        return self._people.coach_of(team_id, rep_user_id)

    @guarded
    def create_request(
        self,
        team_id: str,
        rep_user_id: str,
        form: RequestForm,
        submission_key: str | None = None,
    ) -> RequestSummary:
        """Validate and store a request, and queue a DM to each person asked.

        People who cannot be messaged (deactivated, bots, unknown) are refused inline, so a
        request is only stored with people who can answer. `submission_key` names the form
        submission (its view): a replay of the same submission, however many at once,
        returns the request the first one stored and sends nothing more.
        """
        if submission_key is not None:
            earlier = self._submitted(submission_key)
            if earlier is not None:
                return earlier
        clean, errors = clean_request(form, rep_user_id)
        if clean is None:
            raise InvalidInput(errors)
        errors = self._unaskable(team_id, clean)
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
        try:
            return self._store(team_id, rep_user_id, clean, rep_tz, followup_on, submission_key)
        except IntegrityError:
            # The same submission, stored a moment ago by a concurrent replay.
            earlier = self._submitted(submission_key) if submission_key else None
            if earlier is None:
                raise
            return earlier

    def _submitted(self, submission_key: str) -> RequestSummary | None:
        with self._sessions() as session:
            req = session.scalar(
                select(FeedbackRequest)
                .where(FeedbackRequest.submission_key == submission_key)
                .options(selectinload(FeedbackRequest.asks))
            )
            return summarize(req) if req is not None else None

    def _store(
        self,
        team_id: str,
        rep_user_id: str,
        clean: CleanRequest,
        rep_tz: str,
        followup_on: date | None,
        submission_key: str | None,
    ) -> RequestSummary:
        now = self._clock.now()
        with self._sessions.begin() as session:
            req = FeedbackRequest(
                team_id=team_id,
                submission_key=submission_key,
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
            summary = summarize(req)
            queue_request_notices(
                session, self._people, summary, rep_tz, now, now + REQUEST_LIFETIME
            )
        return summary

    def _unaskable(self, team_id: str, clean: CleanRequest) -> dict[str, str]:
        """An error per form field naming a bot or a deactivated person."""
        errors: dict[str, str] = {}
        picked = (("coach_user_id", [clean.coach_user_id]), ("peer_user_ids", clean.peer_user_ids))
        for field_name, ids in picked:
            for uid in ids:
                if uid is None:
                    continue
                person = self._people.get(team_id, uid)
                if person is not None and person.is_bot:
                    errors[field_name] = "That's a bot; pick a person."
                elif person is not None and person.is_deleted:
                    errors[field_name] = f"{person.display_name} is deactivated; pick someone else."
        return errors

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
            return [summarize(r) for r in rows]
