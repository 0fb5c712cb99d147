"""Private calendar feeds: each manager and rep can subscribe to their coaching sessions.

A feed is reached by a secret token in its URL. Only a SHA-256 hash of the token is stored,
so the database alone can't be used to read anyone's calendar; a new link replaces the old
one, and turning the feed off deletes it. Each session keeps one event (one UID) for life:
moving it bumps the event's SEQUENCE, and a skipped or paused session shows as cancelled.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.db.models import CalendarFeed, CoachingPair, CoachingSession, Person
from bot.domain.coaching import cadence as cad
from bot.domain.coaching import ics, rows
from bot.domain.kernel.deps import Part
from bot.domain.kernel.storage import guarded

PAST = timedelta(days=60)
AHEAD = timedelta(days=120)
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
DESCRIPTION = (
    "Your regular coaching session, kept by coachbot. Bring two or three opportunities worth "
    "going deep on; the prep DM has the details."
)


def hash_token(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _name(session: Session, team_id: str, user_id: str, fallback: str) -> str:
    person = session.get(Person, (team_id, user_id))
    return person.display_name if person is not None and person.display_name else fallback


def _root(session: Session, row: CoachingSession) -> tuple[CoachingSession, int]:
    """The first session of a chain of moves, and how many moves led to `row`."""
    depth, current, seen = 0, row, {row.id}
    while current.replaces_id is not None:
        earlier = session.get(CoachingSession, current.replaces_id)
        if earlier is None or earlier.id in seen:
            break
        seen.add(earlier.id)
        current, depth = earlier, depth + 1
    return current, depth


def _uid(pair: CoachingPair, occurrence: object) -> str:
    return f"coaching-{pair.team_id}-{pair.id}-{occurrence}@coachbot"


def _events(session: Session, pair: CoachingPair, user_id: str, now: datetime) -> list[ics.Event]:
    other = pair.rep_id if pair.manager_id == user_id else pair.manager_id
    who = _name(session, pair.team_id, other, "your rep" if other == pair.rep_id else "your coach")
    summary = f"Coaching with {who}"
    paused = rows.paused_until(session, pair)
    stored = session.scalars(
        select(CoachingSession).where(
            CoachingSession.pair_id == pair.id,
            CoachingSession.starts_at >= now - PAST,
            CoachingSession.starts_at < now + AHEAD,
        )
    ).all()
    events: list[ics.Event] = []
    for row in stored:
        if row.status == "moved":
            continue  # its replacement carries the same event
        root, moves = _root(session, row)
        off = row.status == "skipped" or (
            row.status == "planned" and paused is not None and row.occurrence < paused
        )
        events.append(
            ics.Event(
                _uid(pair, root.occurrence),
                moves + int(off),
                row.starts_at,
                row.ends_at,
                summary,
                DESCRIPTION,
                cancelled=off,
            )
        )
    taken = {row.occurrence for row in stored}
    for occ in cad.occurrences(rows.cadence_of(pair), now, now + AHEAD):
        if occ.occurrence in taken or (paused is not None and occ.occurrence < paused):
            continue
        events.append(
            ics.Event(
                _uid(pair, occ.occurrence), 0, occ.starts_at, occ.ends_at, summary, DESCRIPTION
            )
        )
    return sorted(events, key=lambda e: e.start)


class CalendarService(Part):
    """Issues, revokes and serves each person's private calendar feed."""

    @guarded
    def issue(self, team_id: str, user_id: str) -> str:
        """A new secret token for `user_id`'s feed; any earlier link stops working."""
        token = secrets.token_urlsafe(32)
        now = self._clock.now()
        with self._sessions.begin() as session:
            feed = session.get(CalendarFeed, (team_id, user_id))
            if feed is None:
                session.add(
                    CalendarFeed(
                        team_id=team_id,
                        user_id=user_id,
                        token_hash=hash_token(token),
                        created_at=now,
                    )
                )
            else:
                feed.token_hash, feed.created_at = hash_token(token), now
        return token

    @guarded
    def revoke(self, team_id: str, user_id: str) -> bool:
        """Turn the feed off. True when there was one."""
        with self._sessions.begin() as session:
            result = session.execute(
                delete(CalendarFeed).where(
                    CalendarFeed.team_id == team_id, CalendarFeed.user_id == user_id
                )
            )
            return bool(getattr(result, "rowcount", 0))

    def has_feed(self, team_id: str, user_id: str) -> bool:
        """True when `user_id` has a feed turned on."""
        with self._sessions() as session:
            return session.get(CalendarFeed, (team_id, user_id)) is not None

    def ics_for(self, token: str) -> str | None:
        """The feed behind `token`, as iCalendar text; None for an unknown or revoked one."""
        if not TOKEN_SHAPE.match(token):
            return None
        now = self._clock.now()
        with self._sessions() as session:
            feed = session.scalar(
                select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token))
            )
            if feed is None:
                return None
            pairs = session.scalars(
                select(CoachingPair)
                .where(
                    CoachingPair.team_id == feed.team_id,
                    or_(
                        CoachingPair.manager_id == feed.user_id,
                        CoachingPair.rep_id == feed.user_id,
                    ),
                )
                .order_by(CoachingPair.id)
            ).all()
            events = [e for p in pairs for e in _events(session, p, feed.user_id, now)]
            return ics.calendar("Coaching sessions (coachbot)", events, now)
