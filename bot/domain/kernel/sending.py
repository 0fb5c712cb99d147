"""Claiming and settling outbox messages: leases, the one message in flight, retries.

See `bot.domain.kernel.outbox` for the statuses and the guarantee they add up to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import OutboxMessage
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.outbox import WAITING, OutboxItem, rowcount

log = logging.getLogger(__name__)

# Short, and renewed at every send: a stopped sender's messages go out again within about a
# lease and a tick of the next start.
CLAIM_LEASE = timedelta(seconds=60)
CLAIM_BATCH = 10
CLAIM_TRIES = 3  # looks past rows other senders are claiming at the same moment
MAX_ATTEMPTS = 8


FailureHook = Callable[[Session, OutboxItem, str, datetime], None]


class OutboxService:
    """Claims, and records the fate of, messages in the outbox."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._failure_hooks: dict[str, FailureHook] = {}

    def on_permanent_failure(self, kind: str, hook: FailureHook) -> None:
        """Run `hook` (in the same transaction) when a message of `kind` cannot be delivered."""
        self._failure_hooks[kind] = hook

    def claim_due(
        self, worker: str, limit: int = CLAIM_BATCH, keys: Iterable[str] | None = None
    ) -> list[OutboxItem]:
        """Claim up to `limit` messages due now (only those with `keys`, when given), taking
        workspaces in turn (each one's oldest first) so that one workspace with a big backlog
        cannot hold up the others; stale ones are marked missed, and what a stopped sender
        held is released.

        Rows another sender is claiming right now are skipped (FOR UPDATE SKIP LOCKED on
        PostgreSQL), and the conditional UPDATE ... RETURNING only takes rows still waiting,
        so batches never overlap.
        """
        now = self._clock.now()
        with self._sessions.begin() as session:
            self._settle_abandoned(session, now)
            session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.status.in_(WAITING),
                    OutboxMessage.due_at <= now,
                    OutboxMessage.useful_until <= now,
                )
                .values(status="missed")
            )
            order: dict[int, int] = {}
            busy: list[int] = []
            for _try in range(CLAIM_TRIES):
                wanted = _in_turn(session, now, limit, keys, busy)
                if not wanted:
                    return []
                free = set(
                    session.scalars(
                        select(OutboxMessage.id)
                        .where(OutboxMessage.id.in_(wanted), OutboxMessage.status.in_(WAITING))
                        .with_for_update(skip_locked=True)
                    )
                )
                order = {row_id: n for n, row_id in enumerate(wanted) if row_id in free}
                if order:
                    break
                busy += wanted  # another sender is taking these: look past them
            if not order:
                return []
            rows = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(list(order)), OutboxMessage.status.in_(WAITING))
                .values(
                    status="claimed",
                    look_first=(OutboxMessage.status == "doubt") | OutboxMessage.look_first,
                    claimed_by=worker,
                    claimed_until=now + CLAIM_LEASE,
                    attempts=OutboxMessage.attempts + 1,
                )
                .returning(
                    OutboxMessage.id,
                    OutboxMessage.key,
                    OutboxMessage.team_id,
                    OutboxMessage.recipient,
                    OutboxMessage.kind,
                    OutboxMessage.subject,
                    OutboxMessage.payload,
                    OutboxMessage.attempts,
                    OutboxMessage.look_first,
                )
            ).all()
        claimed = [
            OutboxItem(
                id=r.id,
                key=r.key,
                team_id=r.team_id,
                recipient=r.recipient,
                kind=r.kind,
                subject=r.subject,
                payload=dict(r.payload),
                attempts=r.attempts,
                look_first=bool(r.look_first),
            )
            for r in rows
        ]
        return sorted(claimed, key=lambda item: order[item.id])

    def _settle_abandoned(self, session: Session, now: datetime) -> None:
        # A lease that ran out belongs to a sender that stopped. What it had claimed but not
        # started was never sent: it simply waits again. The one it was sending may or may
        # not have reached Slack: it waits too, marked to be looked for before posting.
        expired = OutboxMessage.claimed_until < now
        released = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "claimed", expired)
            .values(status="pending", claimed_by=None, claimed_until=None)
        )
        doubted = session.execute(
            update(OutboxMessage)
            .where(
                (OutboxMessage.status == "unknown")
                | ((OutboxMessage.status == "sending") & expired)
            )
            .values(
                status="doubt",
                look_first=True,
                claimed_by=None,
                claimed_until=None,
                last_error="sender stopped before confirming",
            )
        )
        counts = (rowcount(released), rowcount(doubted))
        if any(counts):
            log.warning("outbox: took back %s unsent and %s unconfirmed message(s)", *counts)

    def start_send(self, item: OutboxItem, worker: str) -> bool:
        """Mark `item` as being sent now, and renew the lease of the rest of its batch.

        Returns False when the claim was lost (the lease ran out and someone else took it):
        the caller must not send.
        """
        now = self._clock.now()
        with self._sessions.begin() as session:
            started = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == item.id,
                    OutboxMessage.status == "claimed",
                    OutboxMessage.claimed_by == worker,
                )
                .values(status="sending", claimed_until=now + CLAIM_LEASE)
            )
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.claimed_by == worker, OutboxMessage.status == "claimed")
                .values(claimed_until=now + CLAIM_LEASE)
            )
        return rowcount(started) == 1

    def mark_sent(self, item: OutboxItem, channel: str | None, ts: str | None) -> None:
        """Record that Slack accepted the message."""
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id)
                .values(
                    status="sent",
                    look_first=False,
                    claimed_by=None,
                    claimed_until=None,
                    sent_at=self._clock.now(),
                    channel=channel,
                    ts=ts,
                    last_error=None,
                )
            )

    def mark_retry(
        self,
        item: OutboxItem,
        error: str,
        *,
        ambiguous: bool = False,
        retry_after: float | None = None,
    ) -> bool:
        """Put the message back for a later try. Returns False once it has run out of tries.

        `ambiguous`: Slack may have performed the call (a timeout, a 5xx), so the next try
        looks for the message before posting. `retry_after`: Slack said when to come back.
        """
        now = self._clock.now()
        if item.attempts >= MAX_ATTEMPTS:
            self.mark_failed(item, error)
            return False
        backoff = timedelta(seconds=min(3600, 30 * 2 ** (item.attempts - 1)))
        if retry_after is not None:
            backoff = timedelta(seconds=max(1.0, retry_after))
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id)
                .values(
                    status="pending",
                    look_first=item.look_first or ambiguous,
                    due_at=now + backoff,
                    last_error=error[:500],
                    claimed_by=None,
                    claimed_until=None,
                )
            )
        return True

    def mark_muted(self, item: OutboxItem, worker: str) -> None:
        """Record that the recipient turned this kind of message off: it is never sent."""
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id, OutboxMessage.claimed_by == worker)
                .values(status="muted", claimed_by=None, claimed_until=None)
            )

    def postpone(self, item: OutboxItem, worker: str, until: datetime) -> None:
        """Put a claimed message back until `until` (the recipient's quiet hours), without
        counting a try."""
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id, OutboxMessage.claimed_by == worker)
                .values(
                    status="pending",
                    due_at=until,
                    attempts=OutboxMessage.attempts - 1,
                    claimed_by=None,
                    claimed_until=None,
                )
            )

    def mark_failed(self, item: OutboxItem, error: str) -> None:
        """Record that the message can never be delivered, and let its feature react."""
        now = self._clock.now()
        with self._sessions.begin() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == item.id)
                .values(status="failed", last_error=error[:500])
            )
            hook = self._failure_hooks.get(item.kind)
            if hook is not None:
                hook(session, item, error, now)

    def status_of(self, key: str) -> str | None:
        """The status of the message with `key`, or None when there is none."""
        with self._sessions() as session:
            return session.scalar(select(OutboxMessage.status).where(OutboxMessage.key == key))


def _in_turn(
    session: Session,
    now: datetime,
    limit: int,
    keys: Iterable[str] | None,
    skip: list[int],
) -> list[int]:
    """Ids of up to `limit` waiting messages due now, round-robin across workspaces: every
    workspace's oldest, then every workspace's second oldest, and so on."""
    turn = (
        func.row_number()
        .over(
            partition_by=OutboxMessage.team_id,
            order_by=(OutboxMessage.due_at, OutboxMessage.id),
        )
        .label("turn")
    )
    due = select(OutboxMessage.id, OutboxMessage.due_at, turn).where(
        OutboxMessage.status.in_(WAITING), OutboxMessage.due_at <= now
    )
    if keys is not None:
        due = due.where(OutboxMessage.key.in_(list(keys)))
    if skip:
        due = due.where(OutboxMessage.id.not_in(skip))
    ranked = due.subquery()
    query = select(ranked.c.id).order_by(ranked.c.turn, ranked.c.due_at, ranked.c.id).limit(limit)
    return list(session.scalars(query))
