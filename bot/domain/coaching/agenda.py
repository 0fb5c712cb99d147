"""A pair's shared agenda: talking points either side adds before a session, action items
noted once it was held, and every open line carried into each prep until one of them marks
it done. Only the two people in the pair see or change it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import AgendaItem, CoachingPair, CoachingSession
from bot.domain.coaching import rows
from bot.domain.coaching.dto import MessageUpdate
from bot.domain.coaching.nudges import AgendaLine
from bot.domain.kernel.deps import Part
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.storage import guarded

KINDS = ("topic", "action")
ITEM_MAX = 200
MAX_AT_ONCE = 5
MAX_OPEN_SHOWN = 10


@dataclass(frozen=True)
class PairAgenda:
    """One pair's open agenda, from one side's point of view."""

    pair_id: int
    other_id: str  # the rep, for a manager; the coach, for a rep
    items: tuple[AgendaLine, ...]


def _line(item: AgendaItem) -> AgendaLine:
    return AgendaLine(item.id, item.kind, item.text, item.added_by)


def open_lines(session: Session, pair_id: int) -> list[AgendaLine]:
    """The pair's open agenda, oldest first (what has waited longest leads)."""
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.pair_id == pair_id, AgendaItem.done_at.is_(None))
        .order_by(AgendaItem.created_at, AgendaItem.id)
        .limit(MAX_OPEN_SHOWN)
    )
    return [_line(i) for i in items]


def _pair_of_member(session: Session, team_id: str, pair_id: int, user_id: str) -> CoachingPair:
    pair = session.get(CoachingPair, pair_id)
    if pair is None or pair.team_id != team_id:
        raise NotFound("That coaching pair is no longer set up.")
    if user_id not in (pair.manager_id, pair.rep_id):
        raise NotAllowed("Only the two people in these sessions share their agenda.")
    return pair


def _refresh_reminder(session: Session, pair: CoachingPair, now: datetime) -> MessageUpdate | None:
    """Put the open agenda in the next session's reminder; the sent one to update, if any."""
    upcoming = session.scalar(
        select(CoachingSession.id)
        .where(
            CoachingSession.pair_id == pair.id,
            CoachingSession.status == "planned",
            CoachingSession.ends_at > now,
        )
        .order_by(CoachingSession.starts_at)
    )
    if upcoming is None:
        return None
    lines = [asdict(a) for a in open_lines(session, pair.id)]
    return rows.update_reminder(session, upcoming, {"agenda": lines})


class AgendaService(Part):
    """Adds, lists and closes the lines of each pair's shared agenda."""

    @guarded
    def add(
        self, team_id: str, user_id: str, pair_id: int, text: str | None, kind: str = "topic"
    ) -> MessageUpdate | None:
        """Add one line per line of `text` (up to five). Returns the sent reminder to update."""
        lines = [ln.strip(" -•*\t") for ln in (text or "").splitlines()]
        picked = [ln for ln in lines if ln][:MAX_AT_ONCE]
        if kind not in KINDS:
            raise InvalidInput({"agenda": "Choose a talking point or an action item."})
        if not picked:
            raise InvalidInput({"agenda": "Write at least one line."})
        if any(len(ln) > ITEM_MAX for ln in picked):
            raise InvalidInput({"agenda": f"Keep each line under {ITEM_MAX} characters."})
        now = self._clock.now()
        with self._sessions.begin() as session:
            pair = _pair_of_member(session, team_id, pair_id, user_id)
            for ln in picked:
                session.add(
                    AgendaItem(
                        team_id=team_id,
                        pair_id=pair.id,
                        added_by=user_id,
                        kind=kind,
                        text=ln,
                        created_at=now,
                    )
                )
            session.flush()
            return _refresh_reminder(session, pair, now)

    def pair_of_session(self, team_id: str, user_id: str, session_id: int) -> int:
        """The pair a session belongs to, if `user_id` is one of its two people."""
        with self._sessions() as session:
            return rows.session_for(session, team_id, session_id, user_id)[1].id

    @guarded
    def done(self, team_id: str, user_id: str, item_id: int) -> AgendaLine:
        """Mark a line done: it is no longer carried forward."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            item = session.get(AgendaItem, item_id)
            if item is None or item.team_id != team_id:
                raise NotFound("That agenda item is no longer here.")
            _pair_of_member(session, team_id, item.pair_id, user_id)
            if item.done_at is None:
                item.done_at = now
            return _line(item)

    def for_user(self, team_id: str, user_id: str) -> list[PairAgenda]:
        """The open agenda of every pair `user_id` is in, as a coach or as a rep."""
        with self._sessions() as session:
            pairs = session.scalars(
                select(CoachingPair)
                .where(
                    CoachingPair.team_id == team_id,
                    (CoachingPair.manager_id == user_id) | (CoachingPair.rep_id == user_id),
                )
                .order_by(CoachingPair.id)
            ).all()
            return [
                PairAgenda(
                    p.id,
                    p.rep_id if p.manager_id == user_id else p.manager_id,
                    tuple(open_lines(session, p.id)),
                )
                for p in pairs
            ]
