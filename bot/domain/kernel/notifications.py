"""Which nudges a person gets and when: topics, quiet hours and working days, as plain rules.

Each feature files its message kinds under a topic (`NotificationService.classify`); a person
mutes topics, not kinds, from the App Home. Quiet hours and working days move a nudge to the
next moment the person accepts, turned into UTC through the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.kernel import wallclock
from bot.domain.kernel.errors import InvalidInput

ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS = (0, 1, 2, 3, 4)
# The back-off question, sent once to a manager who let three coaching reminders go by.
BACKOFF_KIND = "notify_backoff"
IGNORED_BEFORE_ASKING = 3
PAUSE_FOR = timedelta(days=28)


class Topic(StrEnum):
    """What a nudge is about, as a person turns it on or off."""

    COACHING = "coaching"  # a manager's session reminders, "did it happen?", catch-up offers
    PREP = "prep"  # a rep's prep note before a session
    FEEDBACK_NUDGES = "feedback_nudges"  # gentle nudges about feedback someone asked for
    FOLLOWUPS = "followups"  # account follow-ups after a "not now" loss
    BIDS = "bids"  # a small bid to try after giving feedback
    DIGEST = "digest"  # the weekly manager digest


class Backoff(StrEnum):
    NONE = ""
    ASKED = "asked"
    KEEP = "keep"
    PAUSED = "paused"
    DIGEST = "digest"


@dataclass(frozen=True)
class QuietHours:
    """Local hours with no nudges; `start` after `end` wraps midnight (22:00 to 07:00)."""

    start: time
    end: time

    def covers(self, at: time) -> bool:
        """True when local time `at` is inside the quiet hours."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end


@dataclass(frozen=True)
class PrefsView:
    """A person's notification choices, with the workspace's working days filled in."""

    muted: frozenset[str]
    quiet: QuietHours | None
    working_days: tuple[int, ...]
    backoff: str = Backoff.NONE
    backoff_until: date | None = None

    def wants(self, topic: str) -> bool:
        """True unless the person turned `topic` off."""
        return topic not in self.muted

    def coaching_held_back(self, today: date) -> bool:
        """True while the answer to the back-off question (or waiting for one) quiets
        coaching reminders."""
        if self.backoff in (Backoff.ASKED, Backoff.DIGEST):
            return True
        return self.backoff == Backoff.PAUSED and (
            self.backoff_until is None or today < self.backoff_until
        )


@dataclass(frozen=True)
class PrefsForm:
    """The notification form, as submitted."""

    topics_on: tuple[str, ...]
    quiet_start: str | None
    quiet_end: str | None
    working_days: tuple[str, ...]
    backoff: str | None = None  # a new answer to the back-off question, when shown


def days_of(text: str | None, default: tuple[int, ...] = WEEKDAYS) -> tuple[int, ...]:
    """Weekday digits ("01234") as a tuple; `default` when empty or unreadable."""
    days = tuple(sorted({int(ch) for ch in (text or "") if ch.isdigit() and int(ch) < 7}))
    return days or default


def days_text(days: tuple[int, ...]) -> str:
    """The stored form of `days`."""
    return "".join(str(d) for d in sorted(set(days)))


def clean_days(raw: tuple[str, ...], field: str = "working_days") -> tuple[int, ...]:
    """Picked weekdays, or InvalidInput naming `field` when none was picked."""
    days = days_of("".join(raw), default=())
    if not days:
        raise InvalidInput({field: "Pick at least one working day."})
    return days


def clean_prefs(form: PrefsForm) -> tuple[frozenset[str], QuietHours | None, tuple[int, ...]]:
    """Muted topics, quiet hours and working days from the form; errors name its fields."""
    errors: dict[str, str] = {}
    unknown = [t for t in form.topics_on if t not in {str(x) for x in Topic}]
    if unknown:
        errors["topics"] = "Pick from the list."
    start = wallclock.parse_hhmm(form.quiet_start) if form.quiet_start else None
    end = wallclock.parse_hhmm(form.quiet_end) if form.quiet_end else None
    quiet = None
    if (start is None) != (end is None):
        errors["quiet_end" if start else "quiet_start"] = "Pick both ends of the quiet hours."
    elif start is not None and end is not None:
        if start == end:
            errors["quiet_end"] = "Pick an end different from the start."
        quiet = QuietHours(start, end)
    try:
        days = clean_days(form.working_days)
    except InvalidInput as exc:
        errors.update(exc.fields)
        days = ()
    if errors:
        raise InvalidInput(errors)
    muted = frozenset(str(t) for t in Topic if str(t) not in form.topics_on)
    return muted, quiet, days


def allowed(instant: datetime, tz: str, prefs: PrefsView) -> bool:
    """True when a nudge may reach the person at `instant`."""
    local = instant.astimezone(wallclock.zone(tz))
    if local.weekday() not in prefs.working_days:
        return False
    return prefs.quiet is None or not prefs.quiet.covers(local.time())


def next_allowed(now: datetime, tz: str, prefs: PrefsView) -> datetime:
    """`now` when a nudge may go out now, else the first moment after it that is allowed:
    the end of the quiet hours, or the morning of the next working day."""
    if allowed(now, tz, prefs):
        return now
    resume = prefs.quiet.end if prefs.quiet is not None else wallclock.MORNING
    day = wallclock.local_date(now, tz)
    for offset in range(15):
        current = day + timedelta(days=offset)
        for at in (resume, wallclock.MORNING):
            candidate = wallclock.at_local(current, at, tz)
            if candidate > now and allowed(candidate, tz, prefs):
                return candidate
    return now  # no allowed moment in two weeks cannot happen with a working day; send
