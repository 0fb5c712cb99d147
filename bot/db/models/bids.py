"""Bid-for-connection prompts: the shared library, workspace prompts, and how they are used."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UTCDateTime

# Built-in prompts belong to no workspace; they carry this team_id so uninstalls never touch them.
LIBRARY_TEAM = ""


class BidPromptRow(Base):
    """A prompt. Built-ins have team_id "" and a stable key; workspace prompts have a team."""

    __tablename__ = "bid_prompts"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(String(400))
    size: Mapped[str] = mapped_column(String(8))
    # Space-separated moment names: small, portable, and easy to filter in Python.
    moments: Mapped[str] = mapped_column(String(120))
    # None: everyone in the workspace (and every built-in); a user id: only that person.
    owner_user_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    added_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # For built-ins: False once a newer library no longer ships the prompt.
    in_library: Mapped[bool] = mapped_column(Boolean, default=True)
    # For workspace prompts: False once retired (built-ins retire per workspace, below).
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BidRetirement(Base):
    """A workspace has retired a built-in prompt. Deleting the row restores it."""

    __tablename__ = "bid_retirements"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    prompt_id: Mapped[int] = mapped_column(
        ForeignKey("bid_prompts.id", ondelete="CASCADE"), primary_key=True
    )
    retired_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    retired_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BidView(Base):
    """A prompt a person has been shown in their current round (the rotation)."""

    __tablename__ = "bid_views"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    prompt_id: Mapped[int] = mapped_column(
        ForeignKey("bid_prompts.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Increases with each prompt shown to the person, so "the last one" is never a tie.
    seq: Mapped[int] = mapped_column(Integer, default=0)


class BidOutcome(Base):
    """Someone tried a prompt and said how it went. Shown only as per-prompt counts."""

    __tablename__ = "bid_outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    prompt_id: Mapped[int] = mapped_column(
        ForeignKey("bid_prompts.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
