"""How a report reaches an admin: a CSV file in their DM, through the files upload path."""

from __future__ import annotations

from bot.domain.kernel.outbox import OutboxItem
from bot.domain.kernel.reports import REPORT_FILE
from bot.slack.delivery import Sender
from bot.slack.gateway import Gateway, Sent
from bot.slack.reports.words import file_title


def send_report_file(gateway: Gateway, item: OutboxItem) -> Sent:
    payload = item.payload
    content = str(payload["csv"]).encode("utf-8")
    title = file_title(str(payload["report"]), int(payload["rows"]))
    return gateway.upload_file(item.recipient, None, str(payload["filename"]), content, title)


SENDERS: dict[str, Sender] = {REPORT_FILE: send_report_file}
