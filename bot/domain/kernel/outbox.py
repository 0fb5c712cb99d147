"""The outbox: messages are stored first and sent by whoever claims them, once in effect.

Services enqueue inside their own transaction, so a request and the messages it causes are
committed together. A sender claims a small batch with a conditional update under a short
lease (two processes never take the same row), marks each message `sending` just before the
Slack call (renewing the lease of its batch), and records the outcome. So a sender killed at
any point leaves at most one message in doubt: rows it had claimed but not started go back to
`pending`, and the one it was sending becomes `doubt`. A message in doubt, or one whose send
had an ambiguous outcome (a timeout, a 5xx), is only sent again after the conversation has
been searched for it: every post carries its outbox key in Slack message metadata.

Statuses: pending -> claimed -> sending -> sent | pending (retry) | doubt | failed;
pending -> missed (its moment passed) | cancelled.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import OutboxMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """A message to send: what (`kind`), to whom, about what, and when."""

    key: str
    team_id: str
    recipient: str
    kind: str
    subject: str
    payload: dict[str, Any]
    due_at: datetime
    useful_until: datetime | None = None


@dataclass(frozen=True)
class OutboxItem:
    """A claimed message, ready to render and send."""

    id: int
    key: str
    team_id: str
    recipient: str
    kind: str
    subject: str
    payload: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    look_first: bool = False  # an earlier try may have reached Slack: search before posting


# Statuses of a message waiting to be claimed; `doubt` is looked for before it is posted.
WAITING = ("pending", "doubt")


def rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class DeliveryCounts:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    missed: int = 0


# The keys enqueued by the request (or job step) running in this context, when it collects.
_produced: ContextVar[list[str] | None] = ContextVar("outbox_produced", default=None)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """Collect the keys of every message enqueued inside the block, so that whoever ran it
    can send exactly those messages (and not everything else that happens to be due)."""
    keys: list[str] = []
    token = _produced.set(keys)
    try:
        yield keys
    finally:
        _produced.reset(token)


def enqueue(session: Session, notice: Notice, now: datetime) -> bool:
    """Add `notice` unless its key is already known. Returns True when it was added."""
    exists = session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == notice.key))
    if exists is not None:
        return False
    row = OutboxMessage(
        key=notice.key,
        team_id=notice.team_id,
        recipient=notice.recipient,
        kind=notice.kind,
        subject=notice.subject,
        payload=notice.payload,
        due_at=notice.due_at,
        useful_until=notice.useful_until,
        status="pending",
        attempts=0,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False  # another process added the same key a moment ago
    produced = _produced.get()
    if produced is not None:
        produced.append(notice.key)
    return True


def cancel_pending(session: Session, subject: str, kinds: Iterable[str] | None = None) -> int:
    """Cancel unsent messages about `subject` (optionally only some kinds)."""
    stmt = update(OutboxMessage).where(
        OutboxMessage.subject == subject, OutboxMessage.status == "pending"
    )
    if kinds is not None:
        stmt = stmt.where(OutboxMessage.kind.in_(list(kinds)))
    return rowcount(session.execute(stmt.values(status="cancelled")))
