"""A rep's request for feedback after a lost deal, who was asked, and what came back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, UTCDateTime


class FeedbackRequest(Base):
    __tablename__ = "feedback_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    rep_user_id: Mapped[str] = mapped_column(String(32), index=True)
    deal_name: Mapped[str] = mapped_column(String(150))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2), nullable=True)
    stage: Mapped[str] = mapped_column(String(40))
    loss_reason: Mapped[str] = mapped_column(String(40))
    what_happened: Mapped[str] = mapped_column(Text)
    do_differently: Mapped[str] = mapped_column(Text)
    help_with: Mapped[str] = mapped_column(Text)
    followup_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    followup_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    # The form submission that created it: a replayed or double Submit finds this request.
    submission_key: Mapped[str | None] = mapped_column(String(80), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    asks: Mapped[list[FeedbackAsk]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="FeedbackAsk.id"
    )


class FeedbackAsk(Base):
    """One person asked for feedback on one request."""

    __tablename__ = "feedback_asks"
    __table_args__ = (UniqueConstraint("request_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_requests.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    role: Mapped[str] = mapped_column(String(8))  # coach | peer
    status: Mapped[str] = mapped_column(String(16), default="pending")
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    request: Mapped[FeedbackRequest] = relationship(back_populates="asks")
    answer: Mapped[FeedbackAnswer | None] = relationship(
        back_populates="ask", cascade="all, delete-orphan", uselist=False
    )


class FeedbackAnswer(Base):
    """The feedback itself; one per ask, so a double submit cannot deliver twice."""

    __tablename__ = "feedback_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ask_id: Mapped[int] = mapped_column(
        ForeignKey("feedback_asks.id", ondelete="CASCADE"), unique=True
    )
    selling_skills: Mapped[str] = mapped_column(Text, default="")
    customer_knowledge: Mapped[str] = mapped_column(Text, default="")
    our_org: Mapped[str] = mapped_column(Text, default="")
    try_next: Mapped[str] = mapped_column(Text)
    go_deeper: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    thanked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    ask: Mapped[FeedbackAsk] = relationship(back_populates="answer")
