"""How each kind of pulse message reaches Slack: posts, thread replies, the chart, the edit."""

from __future__ import annotations

from bot.domain.kernel.kinds import Kind
from bot.domain.kernel.outbox import OutboxItem
from bot.domain.pulse.service import PulseView
from bot.slack.delivery import Delivery
from bot.slack.gateway import Gateway, Sent
from bot.slack.pulse import blocks
from bot.slack.pulse.chart import trend_png


def _view(item: OutboxItem) -> PulseView:
    return PulseView.from_payload(item.payload["pulse"])


def _thread(item: OutboxItem) -> tuple[str, str | None]:
    thread = item.payload.get("thread") or {}
    return str(thread.get("channel") or item.recipient), thread.get("ts")


def send_question(gateway: Gateway, item: OutboxItem) -> Sent:
    return gateway.post(item.recipient, blocks.question_message(_view(item)))


def send_reminder(gateway: Gateway, item: OutboxItem) -> Sent:
    return gateway.post(item.recipient, blocks.reminder_message(_view(item)))


def send_result(gateway: Gateway, item: OutboxItem) -> Sent:
    channel, ts = _thread(item)
    return gateway.post(channel, blocks.result_message(item.payload), thread_ts=ts)


def send_chart(gateway: Gateway, item: OutboxItem) -> Sent:
    channel, ts = _thread(item)
    png = trend_png(_view(item), list(item.payload["trend"]))
    return gateway.upload_file(channel, ts, "pulse-trend.png", png, "Trend across runs")


def send_closed(gateway: Gateway, item: OutboxItem) -> Sent:
    channel, ts = _thread(item)
    if ts is None:
        return Sent(channel=channel, ts="")
    gateway.update(channel, ts, blocks.closed_message(_view(item)))
    return Sent(channel=channel, ts=ts)


def send_undeliverable(gateway: Gateway, item: OutboxItem) -> Sent:
    return gateway.post(item.recipient, blocks.undeliverable_dm(item.payload))


def register_pulse_senders(delivery: Delivery) -> None:
    """Teach `delivery` every pulse kind."""
    delivery.add_sender(Kind.PULSE_QUESTION, send_question)
    delivery.add_sender(Kind.PULSE_REMINDER, send_reminder)
    delivery.add_sender(Kind.PULSE_RESULT, send_result)
    delivery.add_sender(Kind.PULSE_CHART, send_chart)
    delivery.add_sender(Kind.PULSE_CLOSED, send_closed)
    delivery.add_sender(Kind.PULSE_UNDELIVERABLE, send_undeliverable)
