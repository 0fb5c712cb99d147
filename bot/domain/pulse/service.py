"""Pulse check-ins: post a question in a channel, take one answer per person, publish safely."""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import OutboxMessage, Pulse, PulseAnswer, PulseSettings
from bot.domain.kernel.admins import AdminService
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.errors import AlreadyDone, InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import Notice, OutboxItem, OutboxService, cancel_pending, enqueue
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.storage import guarded
from bot.domain.pulse import results as pulse_results
from bot.domain.pulse.kinds import PulseKind
from bot.domain.pulse.rules import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    POOL_CHOICES,
    PulseForm,
    Question,
    clean_duration,
    clean_question,
)

REMIND_LEAD_MAX = timedelta(hours=4)


@dataclass(frozen=True)
class PulseView:
    """A pulse as the channel sees it. JSON-safe, so it can ride in a message payload."""

    id: int
    team_id: str
    channel_id: str
    started_by: str
    question_text: str
    answer_type: str
    labels: tuple[str, ...]
    scale_labels: tuple[str, str]
    anonymous: bool
    threshold: int
    closes_at: str  # ISO instant, UTC
    status: str

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        data = asdict(self)
        data["labels"] = list(self.labels)
        data["scale_labels"] = list(self.scale_labels)
        return data

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> PulseView:
        """Rebuild from `to_payload` output."""
        scale = tuple(data["scale_labels"])
        return cls(
            **{
                **data,
                "labels": tuple(data["labels"]),
                "scale_labels": (str(scale[0]), str(scale[1])),
            }
        )


@dataclass(frozen=True)
class AnswerReceipt:
    """What the person who clicked is told privately."""

    pulse_id: int
    label: str
    changed: bool
    closes_at: datetime
    tz: str


@dataclass(frozen=True)
class SettingsView:
    threshold: int
    pool_runs: int


def view_of(p: Pulse) -> PulseView:
    """The plain view of a pulse row."""
    scale = p.scale_labels
    return PulseView(
        id=p.id,
        team_id=p.team_id,
        channel_id=p.channel_id,
        started_by=p.started_by,
        question_text=p.question_text,
        answer_type=p.answer_type,
        labels=tuple(str(x) for x in p.labels),
        scale_labels=(str(scale[0]), str(scale[1])),
        anonymous=p.anonymous,
        threshold=p.threshold,
        closes_at=p.closes_at.isoformat(),
        status=p.status,
    )


def subject_of(pulse_id: int) -> str:
    """The outbox subject of every message about one pulse."""
    return f"pulse:{pulse_id}"


def read_settings(session: Session, team_id: str) -> SettingsView:
    """The workspace's pulse settings (defaults when never set)."""
    row = session.get(PulseSettings, team_id)
    if row is None:
        return SettingsView(DEFAULT_THRESHOLD, 0)
    return SettingsView(max(MIN_THRESHOLD, row.threshold), row.pool_runs)


def open_pulse(
    session: Session,
    *,
    team_id: str,
    channel_id: str,
    started_by: str,
    question: Question,
    anonymous: bool,
    hours: int,
    now: datetime,
    post_key: Callable[[int], str],
    schedule_id: int | None = None,
) -> Pulse | None:
    """Store a new open pulse and queue its channel message under `post_key(id)`.

    Returns None (and adds nothing) when a message with that key exists already: that is how
    two schedulers agree that only one of them posts a recurring pulse.
    """
    settings = read_settings(session, team_id)
    closes_at = now + timedelta(hours=hours)
    lead = min(timedelta(hours=hours) / 4, REMIND_LEAD_MAX)
    with session.begin_nested() as nested:
        pulse = Pulse(
            team_id=team_id,
            channel_id=channel_id,
            started_by=started_by,
            schedule_id=schedule_id,
            **question.columns(),
            anonymous=anonymous,
            threshold=settings.threshold,
            status="open",
            opened_at=now,
            closes_at=closes_at,
            remind_at=closes_at - lead,
            post_key="",
            salt=secrets.token_hex(32) if anonymous else None,
        )
        session.add(pulse)
        session.flush()
        pulse.post_key = post_key(pulse.id)
        view = view_of(pulse)
        added = enqueue(
            session,
            Notice(
                pulse.post_key,
                team_id,
                channel_id,
                PulseKind.QUESTION,
                subject_of(pulse.id),
                {"pulse": view.to_payload()},
                now,
                useful_until=closes_at,
            ),
            now,
        )
        if not added:
            nested.rollback()
            return None
    return pulse


class PulseService:
    """Owns pulses, their answers, the workspace settings and what closing publishes."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        people: PeopleService,
        admins: AdminService,
        outbox: OutboxService,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._people = people
        self._admins = admins
        outbox.on_permanent_failure(PulseKind.QUESTION, self.question_undeliverable)

    # -- settings -----------------------------------------------------------------------

    def settings(self, team_id: str) -> SettingsView:
        """The workspace's threshold and pooling."""
        with self._sessions() as session:
            return read_settings(session, team_id)

    @guarded
    def update_settings(
        self, team_id: str, user_id: str, threshold: int | None, pool_runs: int | None
    ) -> SettingsView:
        """An admin changes the threshold (never below 3) and pooling."""
        self._admins.require_admin(team_id, user_id)
        errors: dict[str, str] = {}
        if threshold is None or threshold < MIN_THRESHOLD or threshold > 50:
            errors["pulse_threshold"] = (
                f"Pick at least {MIN_THRESHOLD}; fewer would let people work out who said what."
            )
        if pool_runs not in POOL_CHOICES:
            errors["pulse_pool"] = "Choose how many runs to pool, or off."
        if errors:
            raise InvalidInput(errors)
        assert threshold is not None
        assert pool_runs is not None
        with self._sessions.begin() as session:
            row = session.get(PulseSettings, team_id)
            if row is None:
                row = PulseSettings(team_id=team_id)
                session.add(row)
            row.threshold = threshold
            row.pool_runs = pool_runs
            row.updated_by = user_id
            row.updated_at = self._clock.now()
        return SettingsView(threshold, pool_runs)

    def is_admin(self, team_id: str, user_id: str) -> bool:
        """Whether `user_id` may change pulse settings."""
        return self._admins.is_admin(team_id, user_id)

    # -- starting -----------------------------------------------------------------------

    @guarded
    def start(self, team_id: str, user_id: str, channel_id: str, form: PulseForm) -> PulseView:
        """Check the form, store the pulse and queue its message to the channel."""
        question, errors = clean_question(form)
        hours = clean_duration(form.duration_hours, errors)
        if not channel_id.startswith(("C", "G")):
            errors["pulse_bank"] = "Pulses go in a channel; run /pulse there."
        if question is None or errors:
            raise InvalidInput(errors)
        now = self._clock.now()
        with self._sessions.begin() as session:
            pulse = open_pulse(
                session,
                team_id=team_id,
                channel_id=channel_id,
                started_by=user_id,
                question=question,
                anonymous=form.anonymous,
                hours=hours,
                now=now,
                post_key=lambda pid: f"pulse:{pid}:question",
            )
            assert pulse is not None  # a fresh id cannot collide
            return view_of(pulse)

    def question_undeliverable(
        self, session: Session, item: OutboxItem, error: str, now: datetime
    ) -> None:
        """Outbox hook: the channel message failed for good; tell the starter what to do."""
        pulse_id = int(item.payload["pulse"]["id"])
        pulse = session.get(Pulse, pulse_id)
        if pulse is None:
            return
        pulse.status = "failed"
        pulse.salt = None
        cancel_pending(session, subject_of(pulse.id))
        enqueue(
            session,
            Notice(
                f"pulse:{pulse.id}:undeliverable",
                pulse.team_id,
                pulse.started_by,
                PulseKind.UNDELIVERABLE,
                subject_of(pulse.id),
                {"pulse": view_of(pulse).to_payload(), "error": error},
                now,
            ),
            now,
        )

    # -- answering ----------------------------------------------------------------------

    @staticmethod
    def _voter_hash(salt: str, team_id: str, user_id: str) -> str:
        return hmac.new(salt.encode(), f"{team_id}:{user_id}".encode(), hashlib.sha256).hexdigest()

    @guarded
    def answer(self, team_id: str, pulse_id: int, user_id: str, choice: int) -> AnswerReceipt:
        """Record or change `user_id`'s answer while the pulse is open."""
        now = self._clock.now()
        person = self._people.get(team_id, user_id)
        tz = person.tz if person else "UTC"
        for attempt in range(2):
            try:
                return self._answer_once(team_id, pulse_id, user_id, choice, now, tz)
            except IntegrityError:
                # Two clicks raced to insert; the second now finds the first and updates it.
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _answer_once(
        self, team_id: str, pulse_id: int, user_id: str, choice: int, now: datetime, tz: str
    ) -> AnswerReceipt:
        with self._sessions.begin() as session:
            pulse = session.get(Pulse, pulse_id)
            if pulse is None or pulse.team_id != team_id:
                raise NotFound("That pulse is no longer here.")
            if pulse.status != "open" or pulse.closes_at <= now:
                raise AlreadyDone("This pulse has closed, so answers can't change now.")
            if not 0 <= choice < len(pulse.labels):
                raise InvalidInput({"choice": "That button is out of date."})
            if pulse.anonymous:
                assert pulse.salt is not None
                where = PulseAnswer.voter_hash == self._voter_hash(pulse.salt, team_id, user_id)
            else:
                where = PulseAnswer.user_id == user_id
            row = session.scalar(select(PulseAnswer).where(PulseAnswer.pulse_id == pulse.id, where))
            changed = row is not None and row.choice != choice
            if row is None:
                session.add(
                    PulseAnswer(
                        team_id=team_id,
                        pulse_id=pulse.id,
                        choice=choice,
                        user_id=None if pulse.anonymous else user_id,
                        voter_hash=(
                            self._voter_hash(pulse.salt, team_id, user_id)
                            if pulse.anonymous and pulse.salt
                            else None
                        ),
                    )
                )
            else:
                row.choice = choice
            session.flush()
            return AnswerReceipt(
                pulse_id=pulse.id,
                label=str(pulse.labels[choice]),
                changed=changed,
                closes_at=pulse.closes_at,
                tz=tz,
            )

    # -- closing ------------------------------------------------------------------------

    @guarded
    def close_early(self, team_id: str, pulse_id: int, user_id: str) -> PulseView:
        """The starter or an admin closes the pulse now; results follow in the thread."""
        with self._sessions() as session:
            pulse = session.get(Pulse, pulse_id)
            if pulse is None or pulse.team_id != team_id:
                raise NotFound("That pulse is no longer here.")
            starter = pulse.started_by
        if user_id != starter and not self._admins.is_admin(team_id, user_id):
            raise NotAllowed(
                f"Only <@{starter}>, who started this pulse, or a workspace admin can close it "
                "early. It closes on its own when the time is up."
            )
        now = self._clock.now()
        with self._sessions.begin() as session:
            pulse = session.get_one(Pulse, pulse_id, with_for_update=True)
            if pulse.status != "open":
                raise AlreadyDone("This pulse is already closed; the results are in its thread.")
            self._close(session, pulse, now)
            return view_of(pulse)

    def close_due(self) -> int:
        """Close every pulse whose time is up and queue its results. Returns how many."""
        now = self._clock.now()
        with self._sessions() as session:
            due = list(
                session.scalars(
                    select(Pulse.id).where(Pulse.status == "open", Pulse.closes_at <= now)
                )
            )
        closed = 0
        for pulse_id in due:
            with self._sessions.begin() as session:
                pulse = session.get_one(Pulse, pulse_id, with_for_update=True)
                if pulse.status != "open":
                    continue  # closed by another process meanwhile
                self._close(session, pulse, now)
                closed += 1
        return closed

    def _close(self, session: Session, pulse: Pulse, now: datetime) -> None:
        pulse.status = "closed"
        pulse.closed_at = now
        pulse.remind_at = None
        cancel_pending(
            session, subject_of(pulse.id), kinds=[PulseKind.QUESTION, PulseKind.REMINDER]
        )
        if pulse.anonymous:
            self._forget_voters(session, pulse)
        settings = read_settings(session, pulse.team_id)
        ids = pulse_results.decide(session, pulse, settings.pool_runs)
        thread = self._thread_of(session, pulse)
        view = view_of(pulse)
        payload: dict[str, Any] = {"pulse": view.to_payload(), "thread": thread, "shown": False}
        if ids is not None:
            previous = pulse_results.trend(session, pulse)[-1:]
            for run_id in ids:
                session.get_one(Pulse, run_id).result_id = pulse.id
            session.flush()
            result = pulse_results.tally(session, ids, len(pulse.labels))
            payload.update(
                shown=True,
                result=result.to_payload(pulse.answer_type),
                pooled_runs=len(ids),
                previous=previous[0] if previous else None,
                named=None if pulse.anonymous else pulse_results.named_answers(session, pulse),
            )
        enqueue(
            session,
            Notice(
                f"pulse:{pulse.id}:result",
                pulse.team_id,
                pulse.channel_id,
                PulseKind.RESULT,
                subject_of(pulse.id),
                payload,
                now,
            ),
            now,
        )
        if ids is not None:
            # Queued after the result, so the chart lands under it in the thread.
            enqueue(
                session,
                Notice(
                    f"pulse:{pulse.id}:chart",
                    pulse.team_id,
                    pulse.channel_id,
                    PulseKind.CHART,
                    subject_of(pulse.id),
                    {
                        "pulse": view.to_payload(),
                        "thread": thread,
                        "trend": pulse_results.trend(session, pulse),
                    },
                    now,
                ),
                now,
            )
        if thread is not None:
            enqueue(
                session,
                Notice(
                    f"pulse:{pulse.id}:closed",
                    pulse.team_id,
                    pulse.channel_id,
                    PulseKind.CLOSED,
                    subject_of(pulse.id),
                    {"pulse": view.to_payload(), "thread": thread},
                    now,
                ),
                now,
            )

    @staticmethod
    def _forget_voters(session: Session, pulse: Pulse) -> None:
        # Keep only the choices, rewritten in a random order so row ids no longer
        # reflect who answered first.
        choices = list(
            session.scalars(select(PulseAnswer.choice).where(PulseAnswer.pulse_id == pulse.id))
        )
        session.execute(delete(PulseAnswer).where(PulseAnswer.pulse_id == pulse.id))
        random.SystemRandom().shuffle(choices)
        for choice in choices:
            session.add(PulseAnswer(team_id=pulse.team_id, pulse_id=pulse.id, choice=choice))
        pulse.salt = None
        session.flush()

    @staticmethod
    def _thread_of(session: Session, pulse: Pulse) -> dict[str, str] | None:
        row = session.execute(
            select(OutboxMessage.channel, OutboxMessage.ts).where(
                OutboxMessage.key == pulse.post_key, OutboxMessage.status == "sent"
            )
        ).first()
        if row is None or not row[0] or not row[1]:
            return None
        return {"channel": str(row[0]), "ts": str(row[1])}

    # -- reminding ----------------------------------------------------------------------

    def remind_due(self) -> int:
        """Queue the one reminder before close, to the whole channel. Returns how many."""
        now = self._clock.now()
        count = 0
        with self._sessions.begin() as session:
            due = session.scalars(
                select(Pulse).where(
                    Pulse.status == "open",
                    Pulse.remind_at.is_not(None),
                    Pulse.remind_at <= now,
                    Pulse.closes_at > now,
                )
            ).all()
            for pulse in due:
                pulse.remind_at = None
                count += enqueue(
                    session,
                    Notice(
                        f"pulse:{pulse.id}:reminder",
                        pulse.team_id,
                        pulse.channel_id,
                        PulseKind.REMINDER,
                        subject_of(pulse.id),
                        {"pulse": view_of(pulse).to_payload()},
                        now,
                        useful_until=pulse.closes_at,
                    ),
                    now,
                )
        return count

    def open_in_channel(self, team_id: str, channel_id: str) -> list[PulseView]:
        """Pulses still open in a channel, oldest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(Pulse)
                .where(
                    Pulse.team_id == team_id,
                    Pulse.channel_id == channel_id,
                    Pulse.status == "open",
                )
                .order_by(Pulse.opened_at)
            )
            return [view_of(p) for p in rows]
