"""Both sides say whether a session happened, each privately.

The manager's answer is how they marked the session; the rep is asked in a DM of their own
after the session ends. The record keeps both. Neither side is ever shown the other's answer
or told they disagree: a disagreement is only counted, in an aggregate for workspace admins.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import CoachingPair, CoachingSession
from bot.domain.coaching import cadence as cad
from bot.domain.coaching import nudges, rows
from bot.domain.coaching.kinds import CoachingKind
from bot.domain.kernel.deps import Part
from bot.domain.kernel.errors import NotAllowed
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.storage import guarded

ANSWERS = {"held": "yes", "skipped": "no"}  # a manager's mark, as their answer
ASKED_ABOUT = ("planned", "held", "skipped")  # a moved session has a new one to ask about


def rep_subject(session_id: int) -> str:
    """The subject of the rep's own question, apart from the session's nudges, so the
    manager marking the session never cancels it."""
    return f"coaching:session:{session_id}:rep"


def queue_rep_checks(session: Session, pair: CoachingPair, now: datetime, since: datetime) -> int:
    """Ask the rep, once per session that ended since `since`, whether it happened."""
    paused = rows.paused_until(session, pair)
    ended = session.scalars(
        select(CoachingSession).where(
            CoachingSession.pair_id == pair.id,
            CoachingSession.status.in_(ASKED_ABOUT),
            CoachingSession.rep_says.is_(None),
            CoachingSession.ends_at >= since,
            CoachingSession.ends_at <= now - cad.CHECK_AFTER_END,
        )
    ).all()
    rep_tz = rows.rep_tz(session, pair)
    queued = 0
    for row in ended:
        if paused is not None and row.occurrence < paused and row.status == "planned":
            continue
        ref = nudges.SessionRef(
            row.id,
            pair.manager_id,
            pair.rep_id,
            row.starts_at.isoformat(),
            pair.length_minutes,
            rep_tz,
        )
        notice = Notice(
            f"coaching:session:{row.id}:rep_check",
            pair.team_id,
            pair.rep_id,
            CoachingKind.REP_CHECK,
            rep_subject(row.id),
            {"ref": asdict(ref)},
            row.ends_at + cad.CHECK_AFTER_END,
            useful_until=row.ends_at + cad.CHECK_USEFUL_FOR,
        )
        queued += int(enqueue(session, notice, now))
    return queued


class AttendanceService(Part):
    """The rep's side of "did it happen?", and the admins' count of disagreements."""

    @guarded
    def rep_says(self, team_id: str, rep_id: str, session_id: int, happened: bool) -> None:
        """Record the rep's own answer. Answering again changes it."""
        with self._sessions.begin() as session:
            row, pair = rows.session_for(session, team_id, session_id, rep_id)
            if pair.rep_id != rep_id:
                raise NotAllowed("This question was for the rep in the session.")
            row.rep_says = "yes" if happened else "no"

    def mismatches(self, team_id: str, user_id: str) -> int | None:
        """For a workspace admin: how many sessions the two sides remember differently.

        None for anyone else: the count is never shown to a manager or a rep.
        """
        if not self._admins.is_admin(team_id, user_id):
            return None
        with self._sessions() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(CoachingSession)
                    .where(
                        CoachingSession.team_id == team_id,
                        CoachingSession.manager_says.is_not(None),
                        CoachingSession.rep_says.is_not(None),
                        CoachingSession.manager_says != CoachingSession.rep_says,
                    )
                )
                or 0
            )
