"""From feedback to a habit: the rep turns "one thing to try next time" into their own
if-then plan, and is asked twice, spaced, whether they got to try it.

A plan is private to the rep; their coach sees it before a coaching session (through
`SessionPrep`) and only as counts in the Home tab. The person whose suggestion it was hears
that it was tried only if the rep says so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import Commitment, FeedbackAsk, FeedbackRequest, Person
from bot.domain.coachme.base import FeedbackBase
from bot.domain.coachme.kinds import CoachmeKind
from bot.domain.kernel import wallclock
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import Notice, cancel_pending, enqueue
from bot.domain.kernel.storage import guarded

# Spaced: once after about a week and once after about three, in the rep's working hours.
CHECK_INS = (timedelta(days=7), timedelta(days=21))
OUTCOMES = ("tried", "not_yet", "not_fit")
SETTLED = ("tried", "not_fit")  # an answer that makes a later check-in pointless
PLAN_MAX = 300


@dataclass(frozen=True)
class PlanView:
    """A rep's plan as the rep (and their coach) sees it. JSON-safe."""

    id: int
    ask_id: int
    rep_id: str
    giver_id: str
    deal_name: str
    situation: str
    action: str
    outcome: str | None

    @property
    def sentence(self) -> str:
        """The plan in the rep's own words: "When …, I will …"."""
        return f"When {self.situation}, I will {self.action}"

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> PlanView:
        """Rebuild from `to_payload` output."""
        return cls(**data)


@dataclass(frozen=True)
class OutcomeCounts:
    """How a coach's reps' plans are going, as counts only: never a score or a ranking."""

    plans: int
    tried: int
    not_yet: int
    not_fit: int
    waiting: int


def _trim(text: str | None, prefix: str) -> str:
    words = " ".join((text or "").split())
    if words.lower().startswith(prefix):
        words = words[len(prefix) :].lstrip(" ,")
    return words.rstrip(".")


def _view(session: Session, row: Commitment) -> PlanView:
    ask = session.get_one(FeedbackAsk, row.ask_id)
    return PlanView(
        row.id,
        row.ask_id,
        row.rep_id,
        ask.user_id,
        ask.request.deal_name,
        row.situation,
        row.action,
        row.outcome,
    )


def subject_of(commitment_id: int) -> str:
    """The outbox subject of every check-in about a plan."""
    return f"commitment:{commitment_id}"


class Committing(FeedbackBase):
    """The rep's plans: drafting, confirming, answering check-ins, thanking the giver."""

    def _own_ask(self, session: Session, team_id: str, rep_id: str, ask_id: int) -> FeedbackAsk:
        ask = session.get(FeedbackAsk, ask_id)
        if ask is None or ask.request.team_id != team_id or ask.answer is None:
            raise NotFound("That feedback is no longer here.")
        if ask.request.rep_user_id != rep_id:
            raise NotAllowed("Only the person who asked for this feedback can make it a plan.")
        return ask

    @guarded
    def draft_plan(self, team_id: str, rep_id: str, ask_id: int) -> PlanView:
        """The plan to confirm or rewrite: the saved one, or one drafted from the suggestion."""
        with self._sessions() as session:
            ask = self._own_ask(session, team_id, rep_id, ask_id)
            row = session.scalar(select(Commitment).where(Commitment.ask_id == ask_id))
            if row is not None:
                return _view(session, row)
            assert ask.answer is not None
            stage = ask.request.stage.replace("_", " ")
            return PlanView(
                0,
                ask_id,
                rep_id,
                ask.user_id,
                ask.request.deal_name,
                f"I'm at the {stage} stage of my next deal like {ask.request.deal_name}",
                _trim(ask.answer.try_next, "i will"),
                None,
            )

    @guarded
    def commit(
        self, team_id: str, rep_id: str, ask_id: int, situation: str | None, action: str | None
    ) -> PlanView:
        """Save the rep's plan in their words and queue the two spaced check-ins."""
        when, will = _trim(situation, "when"), _trim(action, "i will")
        errors = {}
        if not when:
            errors["situation"] = "Say when: the moment you'll notice it's time."
        if not will:
            errors["action"] = "Say what you'll do in that moment."
        for key, text in (("situation", when), ("action", will)):
            if len(text) > PLAN_MAX:
                errors[key] = f"Keep it under {PLAN_MAX} characters."
        if errors:
            raise InvalidInput(errors)
        now = self._clock.now()
        person = self._people.get(team_id, rep_id)
        tz = person.tz if person else "UTC"
        with self._sessions.begin() as session:
            self._own_ask(session, team_id, rep_id, ask_id)
            row = session.scalar(select(Commitment).where(Commitment.ask_id == ask_id))
            if row is None:
                row = Commitment(
                    team_id=team_id, rep_id=rep_id, ask_id=ask_id, revision=0, confirmed_at=now
                )
                session.add(row)
            row.situation, row.action = when, will
            row.revision += 1
            session.flush()
            plan = _view(session, row)
            cancel_pending(session, subject_of(row.id))
            if row.outcome not in SETTLED:
                for n, after in enumerate(CHECK_INS, start=1):
                    due = wallclock.next_working_moment(row.confirmed_at + after, tz)
                    if due <= now:
                        continue
                    key = f"commitment:{row.id}:r{row.revision}:checkin:{n}"
                    payload = {"plan": plan.to_payload(), "weeks": after.days // 7}
                    notice = Notice(
                        key,
                        team_id,
                        rep_id,
                        CoachmeKind.PLAN_CHECKIN,
                        subject_of(row.id),
                        payload,
                        due,
                    )
                    enqueue(session, notice, now)
            return plan

    @guarded
    def record_outcome(self, team_id: str, rep_id: str, plan_id: int, outcome: str) -> PlanView:
        """The rep's one-click answer to "did you get to try it?"."""
        if outcome not in OUTCOMES:
            raise InvalidInput({"outcome": "Choose one of the answers."})
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.get(Commitment, plan_id)
            if row is None or row.team_id != team_id:
                raise NotFound("That plan is no longer here.")
            if row.rep_id != rep_id:
                raise NotAllowed("Only the person whose plan it is can answer this.")
            row.outcome, row.answered_at = outcome, now
            if outcome in SETTLED:
                cancel_pending(session, subject_of(row.id))
            return _view(session, row)

    @guarded
    def share_thanks(self, team_id: str, rep_id: str, plan_id: int, share: bool) -> PlanView:
        """With the rep's consent, tell the person who suggested it that it was tried."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = session.get(Commitment, plan_id)
            if row is None or row.team_id != team_id or row.rep_id != rep_id:
                raise NotFound("That plan is no longer here.")
            plan = _view(session, row)
            if row.share_thanks is None:
                row.share_thanks = share
                if share and row.outcome == "tried":
                    ask = session.get_one(FeedbackAsk, row.ask_id)
                    payload = {
                        "rep_id": rep_id,
                        "deal_name": plan.deal_name,
                        "suggestion": ask.answer.try_next if ask.answer else plan.action,
                    }
                    key = f"commitment:{row.id}:thanks"
                    notice = Notice(
                        key, team_id, ask.user_id, CoachmeKind.PLAN_THANKS, key, payload, now
                    )
                    enqueue(session, notice, now)
            return plan

    def outcome_counts(self, team_id: str, coach_id: str) -> OutcomeCounts:
        """Counts of the plans of the reps `coach_id` coaches."""
        with self._sessions() as session:
            reps = select(Person.user_id).where(
                Person.team_id == team_id, Person.coach_user_id == coach_id
            )
            rows = session.execute(
                select(Commitment.outcome, func.count())
                .where(Commitment.team_id == team_id, Commitment.rep_id.in_(reps))
                .group_by(Commitment.outcome)
            ).all()
        by = {outcome: int(n) for outcome, n in rows}
        return OutcomeCounts(
            plans=sum(by.values()),
            tried=by.get("tried", 0),
            not_yet=by.get("not_yet", 0),
            not_fit=by.get("not_fit", 0),
            waiting=by.get(None, 0),
        )


def open_plans(session: Session, team_id: str, rep_id: str, limit: int = 3) -> list[PlanView]:
    """The rep's plans not yet tried or set aside, newest first."""
    rows = session.scalars(
        select(Commitment)
        .join(FeedbackAsk, FeedbackAsk.id == Commitment.ask_id)
        .join(FeedbackRequest, FeedbackRequest.id == FeedbackAsk.request_id)
        .where(
            Commitment.team_id == team_id,
            Commitment.rep_id == rep_id,
            (Commitment.outcome.is_(None)) | (Commitment.outcome == "not_yet"),
        )
        .order_by(Commitment.confirmed_at.desc(), Commitment.id.desc())
        .limit(limit)
    ).all()
    return [_view(session, r) for r in rows]
