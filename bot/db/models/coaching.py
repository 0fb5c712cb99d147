"""Protected coaching time: who coaches whom on what cadence, and each session's fate."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UTCDateTime


class CoachingPair(Base):
    """A manager and one of their reps, and the rhythm of their coaching sessions.

    The start time is wall-clock in `tz` (the manager's zone), so 10:00 stays 10:00 across
    daylight-saving changes. `every_weeks` is 0 until a cadence has been chosen.
    """

    __tablename__ = "coaching_pairs"
    __table_args__ = (UniqueConstraint("team_id", "rep_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    manager_id: Mapped[str] = mapped_column(String(32), index=True)
    rep_id: Mapped[str] = mapped_column(String(32))
    every_weeks: Mapped[int] = mapped_column(Integer, default=0)
    weekday: Mapped[int] = mapped_column(Integer, default=1)  # Monday is 0
    start_time: Mapped[str] = mapped_column(String(5), default="10:00")  # HH:MM local
    length_minutes: Mapped[int] = mapped_column(Integer, default=30)
    lead: Mapped[str] = mapped_column(String(16), default="2h")
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    anchor: Mapped[date] = mapped_column(Date)  # first session's date; fixes the fortnight
    paused_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CoachingSession(Base):
    """One occurrence of a pair's cadence, keyed by its planned local date."""

    __tablename__ = "coaching_sessions"
    __table_args__ = (UniqueConstraint("pair_id", "occurrence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_pairs.id", ondelete="CASCADE"), index=True
    )
    occurrence: Mapped[date] = mapped_column(Date)
    # Who the session was with, kept when a rep moves to another manager.
    manager_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # planned | held | moved | skipped
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)
    rescheduled: Mapped[bool] = mapped_column(default=False)
    priorities: Mapped[str] = mapped_column(Text, default="")
    marked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Set once the manager let its reminder go by without a word (counted towards back-off).
    reminder_ignored: Mapped[bool] = mapped_column(default=False)
    # Each side's own answer to "did it happen?" ("yes" / "no"), asked privately. Never shown
    # to the other side; a disagreement is only ever counted, for admins.
    # The session this one was moved from, so a calendar keeps one event across moves.
    replaces_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    manager_says: Mapped[str | None] = mapped_column(String(4), nullable=True)
    rep_says: Mapped[str | None] = mapped_column(String(4), nullable=True)


class CoachingPause(Base):
    """A person away until `until` (their sessions before that date are paused)."""

    __tablename__ = "coaching_pauses"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    until: Mapped[date] = mapped_column(Date)


class AgendaItem(Base):
    """A shared agenda line of a pair: a talking point added before a session, or an action
    item noted after one. Open until either of the two marks it done, so it is carried into
    every session's prep until then."""

    __tablename__ = "coaching_agenda_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("coaching_pairs.id", ondelete="CASCADE"), index=True
    )
    added_by: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))  # topic | action
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CalendarFeed(Base):
    """A person's private calendar feed: only a hash of its secret token is kept."""

    __tablename__ = "calendar_feeds"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
