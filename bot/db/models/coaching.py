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


class CoachingPause(Base):
    """A person away until `until` (their sessions before that date are paused)."""

    __tablename__ = "coaching_pauses"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    until: Mapped[date] = mapped_column(Date)
