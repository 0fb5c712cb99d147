"""Anonymous comments on a pulse, and the owner's reply that never reveals who wrote.

A comment is stored as text alone. Its only link to the writer is a separate row, kept so the
pulse's owner can reply: the reply is sent to the writer by the bot, and the owner is never
told who that is. The link is deleted `LINK_DAYS` after the pulse closes, and at once for
comments that are not shown. Comments are shown, shuffled and without names or times, only
when at least the pulse's threshold of people commented; one comment per person.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.db.models import Pulse, PulseComment, PulseCommentLink
from bot.domain.kernel.deps import Part
from bot.domain.kernel.errors import AlreadyDone, InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.outbox import Notice, enqueue
from bot.domain.kernel.storage import guarded
from bot.domain.pulse.kinds import PulseKind

COMMENT_MAX = 500
LINK_DAYS = 14


def _clean(text: str | None, field: str) -> str:
    words = (text or "").strip()
    if not words:
        raise InvalidInput({field: "Write something first."})
    if len(words) > COMMENT_MAX:
        raise InvalidInput({field: f"Keep it under {COMMENT_MAX} characters."})
    return words


def at_close(session: Session, pulse: Pulse, now: datetime) -> dict[str, Any]:
    """What the closing pulse shows of its comments; unshown ones are deleted with their links.

    Returns {"comments": [{"id", "text"}...]} when enough people commented, {"hidden": n}
    when some did but too few, and {} when nobody did.
    """
    ids = list(session.scalars(select(PulseComment.id).where(PulseComment.pulse_id == pulse.id)))
    if not ids:
        return {}
    if not pulse.anonymous or len(ids) < pulse.threshold:
        session.execute(delete(PulseCommentLink).where(PulseCommentLink.comment_id.in_(ids)))
        session.execute(delete(PulseComment).where(PulseComment.id.in_(ids)))
        return {"hidden": len(ids)}
    session.execute(
        update(PulseCommentLink)
        .where(PulseCommentLink.comment_id.in_(ids))
        .values(forget_at=now + timedelta(days=LINK_DAYS))
    )
    rows = [
        {"id": c.id, "text": c.text}
        for c in session.scalars(select(PulseComment).where(PulseComment.id.in_(ids)))
    ]
    random.SystemRandom().shuffle(rows)
    return {"comments": rows}


def forget_links(session: Session, now: datetime) -> int:
    """Delete the links whose time is up. Returns how many."""
    result = session.execute(delete(PulseCommentLink).where(PulseCommentLink.forget_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


class PulseComments(Part):
    """Leaving an anonymous comment, and replying to one."""

    @guarded
    def comment(self, team_id: str, pulse_id: int, user_id: str, text: str | None) -> bool:
        """Leave (or replace) `user_id`'s comment on an open anonymous pulse. True if new."""
        words = _clean(text, "comment")
        with self._sessions.begin() as session:
            pulse = session.get(Pulse, pulse_id)
            if pulse is None or pulse.team_id != team_id:
                raise NotFound("That pulse is no longer here.")
            if pulse.status != "open":
                raise AlreadyDone("This pulse has closed, so it takes no more comments.")
            if not pulse.anonymous:
                raise NotAllowed("Comments are for anonymous pulses.")
            link = session.scalar(
                select(PulseCommentLink).where(
                    PulseCommentLink.pulse_id == pulse_id, PulseCommentLink.user_id == user_id
                )
            )
            if link is not None:
                session.get_one(PulseComment, link.comment_id).text = words
                return False
            row = PulseComment(team_id=team_id, pulse_id=pulse_id, text=words)
            session.add(row)
            session.flush()
            session.add(
                PulseCommentLink(
                    comment_id=row.id,
                    team_id=team_id,
                    pulse_id=pulse_id,
                    user_id=user_id,
                    forget_at=pulse.closes_at + timedelta(days=LINK_DAYS),
                )
            )
            return True

    def owner_of(self, team_id: str, comment_id: int, user_id: str) -> str:
        """The comment's text, if `user_id` started its pulse (only they may reply)."""
        with self._sessions() as session:
            comment, _ = self._owned(session, team_id, comment_id, user_id)
            return comment.text

    @staticmethod
    def _owned(
        session: Session, team_id: str, comment_id: int, user_id: str
    ) -> tuple[PulseComment, Pulse]:
        comment = session.get(PulseComment, comment_id)
        if comment is None or comment.team_id != team_id:
            raise NotFound("That comment is no longer here.")
        pulse = session.get_one(Pulse, comment.pulse_id)
        if pulse.started_by != user_id:
            raise NotAllowed(
                f"Only <@{pulse.started_by}>, who started this pulse, can reply to its comments."
            )
        return comment, pulse

    @guarded
    def reply(self, team_id: str, comment_id: int, owner_id: str, text: str | None) -> None:
        """Send the owner's reply to whoever wrote the comment. The owner learns nothing of who."""
        words = _clean(text, "reply")
        now = self._clock.now()
        with self._sessions.begin() as session:
            comment, pulse = self._owned(session, team_id, comment_id, owner_id)
            link = session.get(PulseCommentLink, comment_id)
            if link is None:
                raise AlreadyDone(
                    f"Replies are possible for {LINK_DAYS} days after a pulse closes; "
                    "this one's time is up."
                )
            digest = hashlib.sha256(words.encode()).hexdigest()[:16]
            key = f"pulse-comment:{comment_id}:reply:{digest}"
            payload = {
                "owner_id": owner_id,
                "question": pulse.question_text,
                "comment": comment.text,
                "reply": words,
            }
            notice = Notice(
                key,
                team_id,
                link.user_id,
                PulseKind.COMMENT_REPLY,
                f"pulse-comment:{comment_id}",
                payload,
                now,
            )
            enqueue(session, notice, now)
