"""Moving a rep who already has a coach to another one: who may, and what is kept.

A move re-points the existing pair, so the sessions already held stay where they are (each
still names the manager it was with), and the rep and both managers hear about it once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession, OutboxMessage
from bot.domain.coaching import rows
from bot.domain.coaching.kinds import CoachingKind
from bot.domain.kernel.errors import NotAllowed
from bot.domain.kernel.outbox import Notice, cancel_pending, enqueue

# A move note is news for a few days; after that it would only confuse.
USEFUL_FOR = timedelta(days=3)
# Pair-level notes meant for the old manager (a quiet note, a catch-up offer).
OLD_MANAGERS_NOTES = (CoachingKind.QUIET, CoachingKind.STREAK)


@dataclass(frozen=True)
class Move:
    """One move, as told to one of its people (`role` is rep, old or new)."""

    role: str
    rep_id: str
    old_manager_id: str
    new_manager_id: str
    actor_id: str


def refuse(current_id: str, rep_id: str) -> NotAllowed:
    """The answer for someone who may not move `rep_id` away from `current_id`."""
    return NotAllowed(
        f"<@{current_id}> coaches <@{rep_id}> now. Only they or a workspace admin can move "
        "them. If this should change, a quick word with them is the way to start."
    )


def move_pair(
    session: Session, pair: CoachingPair, new_manager_id: str, actor_id: str, tz: str, now: datetime
) -> None:
    """Re-point `pair` to `new_manager_id`, keeping its history, and tell its three people.

    The cadence starts over unscheduled, as for a new pair: the new manager picks the time.
    """
    old_manager_id = pair.manager_id
    rows.drop_future(session, pair, now)
    cancel_pending(session, f"coaching:pair:{pair.id}", kinds=OLD_MANAGERS_NOTES)
    # Sessions from before managers were recorded on them belong to the manager leaving now.
    session.execute(
        update(CoachingSession)
        .where(CoachingSession.pair_id == pair.id, CoachingSession.manager_id.is_(None))
        .values(manager_id=old_manager_id)
    )
    pair.manager_id = new_manager_id
    rows.start_over(pair, tz, now, session)
    session.flush()
    _tell(session, pair, old_manager_id, actor_id, now)


def _tell(
    session: Session, pair: CoachingPair, old_manager_id: str, actor_id: str, now: datetime
) -> None:
    # Numbered per pair, so a rep moved back and forth is told every time, and once each time.
    prefix = f"coaching:pair:{pair.id}:moved:"
    n = (
        session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.key.like(prefix + "%:rep"), OutboxMessage.team_id == pair.team_id
            )
        )
        or 0
    )
    recipients = {"rep": pair.rep_id, "old": old_manager_id, "new": pair.manager_id}
    for role, recipient in recipients.items():
        told = Move(role, pair.rep_id, old_manager_id, pair.manager_id, actor_id)
        enqueue(
            session,
            Notice(
                f"{prefix}{n}:{role}",
                pair.team_id,
                recipient,
                CoachingKind.MOVED,
                f"{prefix}{n}",
                asdict(told),
                now,
                useful_until=now + USEFUL_FOR,
            ),
            now,
        )


def move_subjects_naming(session: Session, team_id: str, user_id: str) -> list[str]:
    """The subjects of move notes that name `user_id`, so forgetting them can go too."""
    found = session.execute(
        select(OutboxMessage.subject, OutboxMessage.payload).where(
            OutboxMessage.team_id == team_id, OutboxMessage.kind == CoachingKind.MOVED
        )
    ).all()
    return sorted({subject for subject, payload in found if user_id in payload.values()})
