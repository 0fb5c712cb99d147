"""Each person's notification choices: stored, shown, and applied to every nudge sent.

Delivery asks `NotificationService.verdict` before sending a message: a muted topic is not
sent, and a nudge due in quiet hours or on a day off waits for the next allowed moment.
Messages that answer something the person just did are of no topic and always go.

The back-off: a manager who lets three coaching reminders in a row go by is asked once whether
to keep them, pause them for four weeks, or get the weekly digest only. Until they answer,
and then as they answered, coaching reminders are held back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.db.models import NotificationPrefs
from bot.domain.kernel import wallclock, workspace
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.errors import InvalidInput
from bot.domain.kernel.notifications import (
    BACKOFF_KIND,
    IGNORED_BEFORE_ASKING,
    PAUSE_FOR,
    Backoff,
    PrefsForm,
    PrefsView,
    QuietHours,
    Topic,
    clean_prefs,
    days_of,
    days_text,
    next_allowed,
)
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.storage import guarded

ANSWERS = (Backoff.KEEP, Backoff.PAUSED, Backoff.DIGEST)


@dataclass(frozen=True)
class Verdict:
    """What to do with a message now: send it, drop it, or wait until `later`."""

    send: bool
    later: datetime | None = None


SEND = Verdict(True)
DROP = Verdict(False)


def _row(session: Session, team_id: str, user_id: str, now: datetime) -> NotificationPrefs:
    row = session.get(NotificationPrefs, (team_id, user_id))
    if row is None:
        row = NotificationPrefs(
            team_id=team_id,
            user_id=user_id,
            muted="",
            working_days="",
            reminders_ignored=0,
            backoff=Backoff.NONE,
            updated_at=now,
        )
        session.add(row)
        session.flush()
    return row


def read_prefs(session: Session, team_id: str, user_id: str) -> PrefsView:
    """A person's choices inside the caller's transaction (defaults when never set)."""
    row = session.get(NotificationPrefs, (team_id, user_id))
    default_days = workspace.working_days(session, team_id)
    if row is None:
        return PrefsView(frozenset(), None, default_days)
    start = wallclock.parse_hhmm(row.quiet_start)
    end = wallclock.parse_hhmm(row.quiet_end)
    return PrefsView(
        muted=frozenset(row.muted.split()),
        quiet=QuietHours(start, end) if start and end else None,
        working_days=days_of(row.working_days, default_days),
        backoff=row.backoff,
        backoff_until=row.backoff_until,
    )


def reminder_ignored(session: Session, team_id: str, user_id: str, now: datetime) -> bool:
    """Count a coaching reminder `user_id` let go by. The third in a row queues the back-off
    question, once ever. Returns True when it was queued now."""
    row = _row(session, team_id, user_id, now)
    row.reminders_ignored += 1
    if row.reminders_ignored < IGNORED_BEFORE_ASKING or row.backoff != Backoff.NONE:
        return False
    row.backoff = Backoff.ASKED
    notice = Notice(
        key=f"notify:backoff:{team_id}:{user_id}",
        team_id=team_id,
        recipient=user_id,
        kind=BACKOFF_KIND,
        subject=f"notify:{user_id}",
        payload={"ignored": row.reminders_ignored},
        due_at=now,
    )
    return enqueue(session, notice, now)


def reminder_answered(session: Session, team_id: str, user_id: str) -> None:
    """The manager acted on a session: the run of ignored reminders starts over."""
    row = session.get(NotificationPrefs, (team_id, user_id))
    if row is not None:
        row.reminders_ignored = 0


class NotificationService(Part):
    """Stores notification choices and applies them to what delivery is about to send."""

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self._topics: dict[str, Topic] = {}
        self._backs_off: set[str] = set()

    def classify(self, kind: str, topic: Topic, *, backs_off: bool = False) -> None:
        """File messages of `kind` under `topic` (a feature says which of its kinds are
        nudges); `backs_off`: held back too once a manager let reminders go by."""
        self._topics[kind] = topic
        if backs_off:
            self._backs_off.add(kind)

    def topic_of(self, kind: str) -> Topic | None:
        """The topic of `kind`, or None for a message that always goes."""
        return self._topics.get(kind)

    @guarded
    def prefs(self, team_id: str, user_id: str) -> PrefsView:
        """A person's choices."""
        with self._sessions() as session:
            return read_prefs(session, team_id, user_id)

    def wants(self, team_id: str, user_id: str, topic: Topic) -> bool:
        """True unless the person turned `topic` off."""
        return self.prefs(team_id, user_id).wants(topic)

    @guarded
    def save(self, team_id: str, user_id: str, form: PrefsForm) -> PrefsView:
        """Store what the person picked in the notification form."""
        muted, quiet, days = clean_prefs(form)
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = _row(session, team_id, user_id, now)
            row.muted = " ".join(sorted(muted))
            row.quiet_start = quiet.start.strftime("%H:%M") if quiet else None
            row.quiet_end = quiet.end.strftime("%H:%M") if quiet else None
            row.working_days = days_text(days)
            row.updated_at = now
            if form.backoff in ANSWERS and form.backoff != row.backoff:
                self._settle(row, form.backoff, now)
            return read_prefs(session, team_id, user_id)

    @guarded
    def set_topic(self, team_id: str, user_id: str, topic: Topic, on: bool) -> PrefsView:
        """Turn one topic on or off (the digest's one-click opt-out)."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            row = _row(session, team_id, user_id, now)
            muted = set(row.muted.split())
            muted = muted - {str(topic)} if on else muted | {str(topic)}
            row.muted, row.updated_at = " ".join(sorted(muted)), now
            return read_prefs(session, team_id, user_id)

    @guarded
    def answer_backoff(self, team_id: str, user_id: str, answer: str) -> PrefsView:
        """Settle the back-off question: keep reminders, pause them four weeks, or the
        weekly digest only (which turns the digest on)."""
        if answer not in ANSWERS:
            raise InvalidInput({"answer": "Pick one of the three."})
        now = self._clock.now()
        with self._sessions.begin() as session:
            self._settle(_row(session, team_id, user_id, now), answer, now)
            return read_prefs(session, team_id, user_id)

    def _settle(self, row: NotificationPrefs, answer: str, now: datetime) -> None:
        row.backoff, row.reminders_ignored, row.updated_at = answer, 0, now
        row.backoff_until = None
        if answer == Backoff.PAUSED:
            person = self._people.get(row.team_id, row.user_id)
            tz = person.tz if person else "UTC"
            row.backoff_until = wallclock.local_date(now + PAUSE_FOR, tz)
        if answer == Backoff.DIGEST:
            row.muted = " ".join(sorted(set(row.muted.split()) - {str(Topic.DIGEST)}))

    @guarded
    def verdict(self, team_id: str, recipient: str, kind: str) -> Verdict:
        """Whether a message of `kind` to `recipient` goes now, later or not at all."""
        topic = self._topics.get(kind)
        if topic is None or not recipient.startswith(("U", "W")):
            return SEND
        person = self._people.get(team_id, recipient)
        tz = person.tz if person else "UTC"
        now = self._clock.now()
        prefs = self.prefs(team_id, recipient)
        if not prefs.wants(topic):
            return DROP
        if kind in self._backs_off and prefs.coaching_held_back(wallclock.local_date(now, tz)):
            return DROP
        later = next_allowed(now, tz, prefs)
        if later > now + timedelta(seconds=1):
            return Verdict(False, later)
        return SEND
