"""Sends due outbox messages through the gateway and records what happened."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.kernel.outbox import DeliveryCounts, OutboxItem, collecting
from bot.domain.kernel.people import PeopleService
from bot.domain.kernel.preferences import Verdict
from bot.domain.kernel.sending import OutboxService
from bot.slack.blockkit import Message
from bot.slack.gateway import Gateway, Sent
from bot.slack.send_errors import SlackSendError

log = logging.getLogger(__name__)

# How one kind of message reaches Slack. Most render a Message and post it (`posting`); a kind
# that is more than one plain post (a thread reply, a file, an edit) sends itself.
Sender = Callable[[Gateway, OutboxItem], Sent]
Renderer = Callable[[dict[str, Any]], Message]
# Whether a message of a kind goes to a recipient now (team, recipient, kind): their choices.
Gate = Callable[[str, str, str], Verdict]


def post_item(
    gateway: Gateway,
    item: OutboxItem,
    message: Message,
    *,
    channel: str | None = None,
    thread_ts: str | None = None,
) -> Sent:
    """Post an outbox message, tagged with its key, looking for it first when in doubt."""
    return gateway.post(
        channel or item.recipient,
        message,
        thread_ts=thread_ts,
        key=item.key,
        look_first=item.look_first,
    )


def posting(render: Renderer) -> Sender:
    """A sender that renders the payload and posts it to the recipient."""

    def send(gateway: Gateway, item: OutboxItem) -> Sent:
        return post_item(gateway, item, render(item.payload))

    return send


def worker_name() -> str:
    """Identifies this process in claims, for debugging two schedulers."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Counts:
    """What one delivery run did, counted as it goes."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, outcome: str) -> None:
        self.sent += outcome == "sent"
        self.retried += outcome == "retry"
        self.failed += outcome == "failed"

    def frozen(self) -> DeliveryCounts:
        return DeliveryCounts(sent=self.sent, retried=self.retried, failed=self.failed)


class Delivery:
    """Claims due messages, renders them and sends them, once each."""

    def __init__(
        self,
        outbox: OutboxService,
        gateway: Gateway,
        people: PeopleService,
        senders: Mapping[str, Sender],
        gate: Gate | None = None,
    ) -> None:
        self._outbox = outbox
        self._gate = gate
        self._gateway = gateway
        self._people = people
        self._senders = dict(senders)
        self.worker = worker_name()

    def run(self, *, budget_seconds: float = 25.0) -> DeliveryCounts:
        """Send everything due now, a small batch at a time, for up to `budget_seconds`
        (what is left waits for the next tick)."""
        counts = Counts()
        deadline = time.monotonic() + budget_seconds
        while time.monotonic() < deadline:
            batch = self._outbox.claim_due(self.worker)
            if not batch:
                break
            self._send_batch(batch, counts)
        return counts.frozen()

    def run_keys(self, keys: Iterable[str]) -> DeliveryCounts:
        """Send the messages with `keys` that are due now (what one request produced), and
        the follow-ups their sending produces (e.g. "I couldn't reach X")."""
        counts = Counts()
        wanted = list(keys)
        # A failure can queue a follow-up; a few rounds send those too.
        for _round in range(3):
            if not wanted:
                break
            batch = self._outbox.claim_due(self.worker, limit=len(wanted), keys=wanted)
            if not batch:
                break
            wanted = self._send_batch(batch, counts)
        return counts.frozen()

    def _send_batch(self, batch: list[OutboxItem], counts: Counts) -> list[str]:
        with collecting() as follow_ups:
            for item in batch:
                counts.add(self._send(item))
        return follow_ups

    def _send(self, item: OutboxItem) -> str:
        if self._gate is not None:
            verdict = self._gate(item.team_id, item.recipient, item.kind)
            if verdict.later is not None:
                self._outbox.postpone(item, self.worker, verdict.later)
                return "later"
            if not verdict.send:
                self._outbox.mark_muted(item, self.worker)
                return "muted"
        if not self._outbox.start_send(item, self.worker):
            return "lost"  # the lease ran out and another sender has it now
        sender = self._senders.get(item.kind)
        if sender is None:
            self._outbox.mark_failed(item, f"no sender for {item.kind}")
            return "failed"
        if item.recipient.startswith(("U", "W")):
            person = self._people.get(item.team_id, item.recipient)
            if person is not None and not person.reachable:
                self._outbox.mark_failed(item, "user_disabled")
                return "failed"
        try:
            with self._gateway.acting_for(item.team_id):
                sent = sender(self._gateway, item)
        except SlackSendError as exc:
            if exc.permanent:
                log.warning("outbox %s (%s) failed for good: %s", item.id, item.kind, exc.error)
                self._outbox.mark_failed(item, exc.error)
                return "failed"
            log.info("outbox %s (%s) will retry: %s", item.id, item.kind, exc.error)
            again = self._outbox.mark_retry(
                item, exc.error, ambiguous=exc.ambiguous, retry_after=exc.retry_after
            )
            return "retry" if again else "failed"
        except (KeyError, TypeError, ValueError) as exc:
            log.error(
                "outbox %s (%s) has a payload that cannot render: %s",
                item.id,
                item.kind,
                type(exc).__name__,
            )
            self._outbox.mark_failed(item, f"render: {type(exc).__name__}")
            return "failed"
        self._outbox.mark_sent(item, sent.channel, sent.ts)
        return "sent"
