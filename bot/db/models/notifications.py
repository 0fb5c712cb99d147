"""Per-person notification choices and workspace-wide defaults an admin sets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UTCDateTime


class NotificationPrefs(Base):
    """Which nudges a person gets, when, and how a run of ignored reminders was settled.

    `muted` holds space-separated topic names; quiet hours are local `HH:MM` in the person's
    zone (either may wrap midnight); `working_days` are weekday digits, Monday is 0, and an
    empty value means the workspace's. `backoff` is "" until three coaching reminders in a row
    were ignored, then `asked`, and then the answer: `keep`, `paused` (until `backoff_until`)
    or `digest` (the weekly digest only).
    """

    __tablename__ = "notification_prefs"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    muted: Mapped[str] = mapped_column(String(200), default="")
    quiet_start: Mapped[str | None] = mapped_column(String(5), nullable=True)
    quiet_end: Mapped[str | None] = mapped_column(String(5), nullable=True)
    working_days: Mapped[str] = mapped_column(String(7), default="")
    reminders_ignored: Mapped[int] = mapped_column(Integer, default=0)
    backoff: Mapped[str] = mapped_column(String(8), default="")
    backoff_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WorkspaceSettings(Base):
    """Defaults for the whole workspace: the coaching reminder lead time and working days."""

    __tablename__ = "workspace_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    reminder_lead: Mapped[str] = mapped_column(String(16), default="2h")
    working_days: Mapped[str] = mapped_column(String(7), default="01234")
    updated_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
