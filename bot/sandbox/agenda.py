"""What the bot will do next, and when: the sandbox's "Next nudge" jumps the clock there.

It reads the bot's own schedule the way an operator would (`coachbot schedule preview` and
the tables of what is queued); the bot itself is not asked to do anything differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.container import Container
from bot.db.models import FeedbackRequest, OutboxMessage, Pulse, PulseSchedule
from bot.domain.pulse.schedule import next_run
from bot.sandbox.people import BY_ID

LOOK_AHEAD = timedelta(days=120)
WHAT = {
    "coaching_prep": "coaching prep DM",
    "coaching_reminder": "coaching reminder",
    "coaching_check": "did-it-happen check",
    "feedback_ask_nudge": "gentle nudge about a feedback request",
}


@dataclass(frozen=True)
class Due:
    when: datetime
    what: str


def _what(kind: str, recipient: str) -> str:
    what = WHAT.get(kind, kind.replace("_", " "))
    person = BY_ID.get(recipient)
    return f"{what} for {person.real_name}" if person else what


def _coaching(c: Container, now: datetime) -> list[Due]:
    return [
        Due(n.due_at, _what(str(n.kind), n.recipient))
        for n in c.coaching.preview(now, LOOK_AHEAD.days)
        if n.due_at > now
    ]


def _queued(c: Container, now: datetime) -> list[Due]:
    out: list[Due] = []
    with c.sessions() as s:
        rows = s.execute(
            select(OutboxMessage.due_at, OutboxMessage.kind, OutboxMessage.recipient).where(
                OutboxMessage.status.in_(("pending", "doubt")), OutboxMessage.due_at > now
            )
        )
        out += [Due(when, _what(str(kind), str(to))) for when, kind, to in rows]
        for remind, closes in s.execute(
            select(Pulse.remind_at, Pulse.closes_at).where(Pulse.status == "open")
        ):
            if remind is not None and remind > now:
                out.append(Due(remind, "pulse reminder"))
            if closes > now:
                out.append(Due(closes, "pulse closes"))
        for expires in s.scalars(
            select(FeedbackRequest.expires_at).where(
                FeedbackRequest.status == "open", FeedbackRequest.expires_at > now
            )
        ):
            out.append(Due(expires, "feedback request closes"))
        for schedule in s.scalars(select(PulseSchedule).where(PulseSchedule.active.is_(True))):
            when = next_run(schedule, now)
            if when is not None and when > now:
                out.append(Due(when, "recurring pulse"))
    return out


def next_due(c: Container, now: datetime) -> Due | None:
    """The first thing due after `now`, within the look-ahead; None when nothing is."""
    found = [d for d in _coaching(c, now) + _queued(c, now) if d.when <= now + LOOK_AHEAD]
    return min(found, key=lambda d: d.when) if found else None
