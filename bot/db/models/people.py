"""People the bot knows: names, time zones and who coaches whom."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UTCDateTime


class Person(Base):
    __tablename__ = "people"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    is_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    is_workspace_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    coach_user_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Slack's `updated` stamp of the stored profile: an older one arriving later is ignored.
    profile_updated: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
