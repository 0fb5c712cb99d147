"""Sending a chart: Slack's native chart block where the workspace takes it, else a PNG.

Both carry the numbers in words. The native chart is an ordinary post (tagged with its outbox
key, looked for before it is posted again); a workspace that answers `invalid_blocks` is
remembered by the gateway and gets the PNG through files upload v2 from then on.
"""

from __future__ import annotations

import logging

from bot.domain.kernel.outbox import OutboxItem
from bot.slack.blockkit import Message, context
from bot.slack.chart_png import chart_png
from bot.slack.charts import Chart, alt_text, chart_block
from bot.slack.delivery import post_item
from bot.slack.gateway import Gateway, Sent
from bot.slack.send_errors import SlackSendError

log = logging.getLogger(__name__)

CHART_BLOCK = "data_visualization"


def send_chart(
    gateway: Gateway,
    item: OutboxItem,
    chart: Chart,
    *,
    channel: str,
    thread_ts: str | None,
    filename: str,
) -> Sent:
    """Post `chart` in `channel` (in the thread when given); nothing for a single point."""
    if not chart.drawable:
        return Sent(channel=channel, ts="")
    words = alt_text(chart)
    refused = (item.team_id, CHART_BLOCK)
    if refused not in gateway.refused_blocks:
        message = Message(text=words, blocks=[chart_block(chart), context(words)])
        try:
            return post_item(gateway, item, message, channel=channel, thread_ts=thread_ts)
        except SlackSendError as exc:
            if exc.error != "invalid_blocks":
                raise
            log.info("native charts not available in a workspace; sending PNG charts there")
            gateway.refused_blocks.add(refused)
    return gateway.upload_file(
        channel, thread_ts, filename, chart_png(chart), chart.title, alt_text=words
    )
