"""Pulse check-ins: the question posted in a channel, its answers, schedules and settings.

An anonymous pulse's answers carry no user id. While it is open, a salted hash stops a person
answering twice; the salt and every hash are deleted when it closes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UTCDateTime


class PulseSettings(Base):
    """Workspace-wide pulse settings, changed by admins."""

    __tablename__ = "pulse_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    threshold: Mapped[int] = mapped_column(Integer, default=5)
    pool_runs: Mapped[int] = mapped_column(Integer, default=0)  # 0: pooling off
    updated_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class PulseSchedule(Base):
    """A recurring pulse: which question, in which channel, on which local weekday and time."""

    __tablename__ = "pulse_schedules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    channel_id: Mapped[str] = mapped_column(String(32), index=True)
    created_by: Mapped[str] = mapped_column(String(32))
    question_key: Mapped[str] = mapped_column(String(80))
    question_text: Mapped[str] = mapped_column(String(300))
    answer_type: Mapped[str] = mapped_column(String(8))
    labels: Mapped[list[Any]] = mapped_column(JSON)
    scale_labels: Mapped[list[Any]] = mapped_column(JSON)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    open_hours: Mapped[int] = mapped_column(Integer)
    every_weeks: Mapped[int] = mapped_column(Integer, default=1)  # 1 or 2
    # 1: monthly, on the first `weekday` of each month (every_weeks is then unused).
    every_months: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weekday: Mapped[int] = mapped_column(Integer)  # Monday = 0
    local_time: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    tz: Mapped[str] = mapped_column(String(64))
    first_date: Mapped[date] = mapped_column(Date)  # fixes which weeks a fortnightly one runs
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Pulse(Base):
    """One run of a question in one channel."""

    __tablename__ = "pulses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    channel_id: Mapped[str] = mapped_column(String(32), index=True)
    started_by: Mapped[str] = mapped_column(String(32))
    schedule_id: Mapped[int | None] = mapped_column(
        ForeignKey("pulse_schedules.id", ondelete="SET NULL"), nullable=True
    )
    question_key: Mapped[str] = mapped_column(String(80), index=True)
    question_text: Mapped[str] = mapped_column(String(300))
    answer_type: Mapped[str] = mapped_column(String(8))
    labels: Mapped[list[Any]] = mapped_column(JSON)
    scale_labels: Mapped[list[Any]] = mapped_column(JSON)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    threshold: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    post_key: Mapped[str] = mapped_column(String(200))  # outbox key of the channel message
    # Random, per pulse, only while open: the key of the de-duplication hashes.
    salt: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The pulse whose published result includes this one (itself, or a later pooled one).
    result_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PulseAnswer(Base):
    """One person's current answer. Anonymous answers have no user id and, once closed, no hash."""

    __tablename__ = "pulse_answers"
    __table_args__ = (
        UniqueConstraint("pulse_id", "user_id"),
        UniqueConstraint("pulse_id", "voter_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pulse_id: Mapped[int] = mapped_column(ForeignKey("pulses.id", ondelete="CASCADE"), index=True)
    choice: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # named pulses only
    voter_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)  # while open


class PulseComment(Base):
    """An optional anonymous comment on a pulse: text only, no author, no time."""

    __tablename__ = "pulse_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pulse_id: Mapped[int] = mapped_column(ForeignKey("pulses.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)


class PulseCommentLink(Base):
    """The one link from a comment to its writer, kept only so the pulse's owner can reply
    without learning who wrote it; deleted `forget_at` (a while after the pulse closes)."""

    __tablename__ = "pulse_comment_links"
    __table_args__ = (UniqueConstraint("pulse_id", "user_id"),)

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("pulse_comments.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    pulse_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(32))
    forget_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
