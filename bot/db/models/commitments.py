"""A rep's own if-then plan, made from the "one thing to try next time" of some feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UTCDateTime


class Commitment(Base):
    """ "When <situation>, I will <action>", in the rep's words, and whether they tried it.

    Seen only by the rep and, before a coaching session, their coach. `outcome` is None until
    the rep answers a check-in: tried | not_yet | not_fit.
    """

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    rep_id: Mapped[str] = mapped_column(String(32), index=True)
    ask_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_asks.id", ondelete="CASCADE"), unique=True
    )
    situation: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True, index=True)
    # The rep's answer to "may I tell the person who suggested it?"; None until asked.
    share_thanks: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
