"""Sends due outbox messages through the gateway and records what happened."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bot.domain.kernel.outbox import DeliveryCounts, OutboxItem, OutboxService, collecting
from bot.domain.kernel.people import PeopleService
from bot.slack.blockkit import Message
from bot.slack.gateway import Gateway, Sent, SlackSendError

log = logging.getLogger(__name__)

# How one kind of message reaches Slack. Most render a Message and post it (`posting`); a kind
# that is more than one plain post (a thread reply, a file, an edit) sends itself.
Sender = Callable[[Gateway, OutboxItem], Sent]
Renderer = Callable[[dict[str, Any]], Message]


def posting(render: Renderer) -> Sender:
    """A sender that renders the payload and posts it to the recipient."""

    def send(gateway: Gateway, item: OutboxItem) -> Sent:
        return gateway.post(item.recipient, render(item.payload))

    return send


def worker_name() -> str:
    """Identifies this process in claims, for debugging two schedulers."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Delivery:
    """Claims due messages, renders them and sends them, once each."""

    def __init__(
        self,
        outbox: OutboxService,
        gateway: Gateway,
        people: PeopleService,
        senders: Mapping[str, Sender],
    ) -> None:
        self._outbox = outbox
        self._gateway = gateway
        self._people = people
        self._senders = dict(senders)
        self.worker = worker_name()

    def run(self, *, limit: int = 100) -> DeliveryCounts:
        """Send everything due now."""
        return self._rounds(None, limit)

    def run_keys(self, keys: Iterable[str]) -> DeliveryCounts:
        """Send the messages with `keys` that are due now (what one request produced), and
        the follow-ups their sending produces (e.g. "I couldn't reach X")."""
        return self._rounds(list(keys), limit=100)

    def _rounds(self, keys: list[str] | None, limit: int) -> DeliveryCounts:
        sent = retried = failed = 0
        # A failure can queue a follow-up (e.g. "couldn't reach X"); a few rounds send those too.
        for _round in range(3):
            if keys is not None and not keys:
                break
            batch = self._outbox.claim_due(self.worker, limit=limit, keys=keys)
            if not batch:
                break
            with collecting() as follow_ups:
                for item in batch:
                    outcome = self._send(item)
                    sent += outcome == "sent"
                    retried += outcome == "retry"
                    failed += outcome == "failed"
            if keys is not None:
                keys = follow_ups
        return DeliveryCounts(sent=sent, retried=retried, failed=failed)

    def _send(self, item: OutboxItem) -> str:
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
            sent = sender(self._gateway, item)
        except SlackSendError as exc:
            if exc.permanent:
                log.warning("outbox %s (%s) failed for good: %s", item.id, item.kind, exc.error)
                self._outbox.mark_failed(item, exc.error)
                return "failed"
            log.info("outbox %s (%s) will retry: %s", item.id, item.kind, exc.error)
            return "retry" if self._outbox.mark_retry(item, exc.error) else "failed"
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
