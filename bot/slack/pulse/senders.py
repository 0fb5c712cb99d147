"""How each kind of pulse message reaches Slack: posts, thread replies, the chart, the edit."""

from __future__ import annotations

from bot.domain.kernel.outbox import OutboxItem
from bot.domain.pulse.dto import PulseView
from bot.domain.pulse.kinds import PulseKind
from bot.slack.chart_delivery import send_chart as send_any_chart
from bot.slack.delivery import Sender
from bot.slack.gateway import Gateway, Sent
from bot.slack.pulse import messages, notes
from bot.slack.pulse.chart import trend_chart


def _view(item: OutboxItem) -> PulseView:
    return PulseView.from_payload(item.payload["pulse"])


def _thread(item: OutboxItem) -> tuple[str, str | None]:
    thread = item.payload.get("thread") or {}
    return str(thread.get("channel") or item.recipient), thread.get("ts")


def send_question(gateway: Gateway, item: OutboxItem) -> Sent:
    return gateway.post(item.recipient, messages.question_message(_view(item)))


def send_reminder(gateway: Gateway, item: OutboxItem) -> Sent:
    return gateway.post(item.recipient, messages.reminder_message(_view(item)))


def send_result(gateway: Gateway, item: OutboxItem) -> Sent:
    channel, ts = _thread(item)
    return gateway.post(channel, messages.result_message(item.payload), thread_ts=ts)


def send_chart(gateway: Gateway, item: OutboxItem) -> Sent:
    channel, ts = _thread(item)
    chart = trend_chart(_view(item), list(item.payload["trend"]))
    return send_any_chart(
        gateway, item, chart, channel=channel, thread_ts=ts, filename="pulse-trend.png"
    )


def send_closed(gateway: Gateway, item: OutboxItem) -> Sent:
    channel, ts = _thread(item)
    if ts is None:
        return Sent(channel=channel, ts="")
    gateway.update(channel, ts, messages.closed_message(_view(item)))
    return Sent(channel=channel, ts=ts)


def send_undeliverable(gateway: Gateway, item: OutboxItem) -> Sent:
    return gateway.post(item.recipient, notes.undeliverable_dm(item.payload))


SENDERS: dict[str, Sender] = {
    PulseKind.QUESTION: send_question,
    PulseKind.REMINDER: send_reminder,
    PulseKind.RESULT: send_result,
    PulseKind.CHART: send_chart,
    PulseKind.CLOSED: send_closed,
    PulseKind.UNDELIVERABLE: send_undeliverable,
}
