"""How a report reaches an admin: a CSV file in their DM, through the files upload path.

The rows are read at sending time from the report service the composition root hands in, so
the outbox message carries only which report was asked for.
"""

from __future__ import annotations

from typing import Protocol

from bot.domain.kernel.outbox import OutboxItem
from bot.domain.kernel.reports import REPORT_FILE
from bot.domain.kernel.tables import Table
from bot.slack.delivery import Sender
from bot.slack.gateway import Gateway, Sent
from bot.slack.reports.words import file_title


class Reports(Protocol):
    def build(self, name: str, team_id: str | None = None) -> Table: ...


def senders(reports: Reports) -> dict[str, Sender]:
    """The sender of report files, reading each report from `reports`."""

    def send_report_file(gateway: Gateway, item: OutboxItem) -> Sent:
        name = str(item.payload["report"])
        table = reports.build(name, item.team_id)
        content = table.to_csv().encode("utf-8")
        title = file_title(name, len(table.rows))
        return gateway.upload_file(
            item.recipient, None, str(item.payload["filename"]), content, title
        )

    return {REPORT_FILE: send_report_file}
