"""The admin's export buttons: a CSV file in the admin's DM; a kind no for everyone else."""

from __future__ import annotations

import csv
import io
import logging

import pytest

from bot.slack.reports.ids import ReportAction
from tests.conftest import COACH, AppServer
from tests.fakes.slack_api import FakeSlack, Reply
from tests.payloads import block_action
from tests.reports.report_helpers import DEAL, REFLECTION, requests_done

ADMIN = "U_ADMIN"


def _home_click(action: str, user: str) -> str:
    return block_action(action, user_id=user, channel_id=None, message_ts=None)


@pytest.mark.parametrize("action", list(ReportAction))
def test_an_admin_gets_the_report_as_a_file_in_their_dm(
    server: AppServer, slack: FakeSlack, action: ReportAction
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    requests_done(server.container, server.container.clock)  # type: ignore[arg-type]
    assert server.post(_home_click(action, ADMIN)).status == 200
    server.settle()
    done = slack.calls_to("files.completeUploadExternal")
    assert len(done) == 1
    assert done[0]["channel_id"] == "D" + ADMIN  # the admin's own DM, nowhere else
    content = next(iter(slack.uploads.values())).decode()
    rows = list(csv.reader(io.StringIO(content)))
    expected = server.container.reports.build(
        action.value.removeprefix("export_").replace("_", "-")
    )
    assert rows[0] == list(expected.columns)
    assert len(rows) == 1 + len(expected.rows)
    reply = slack.wait_for_replies()[0]
    assert reply["response_type"] == "ephemeral"
    assert "in your DM" in reply["text"]
    assert DEAL not in content and REFLECTION not in content


def test_the_requests_file_has_the_rows_that_were_done(server: AppServer, slack: FakeSlack) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    requests_done(server.container, server.container.clock)  # type: ignore[arg-type]
    server.post(_home_click(ReportAction.EXPORT_REQUESTS, ADMIN))
    server.settle()
    content = next(iter(slack.uploads.values())).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [r["created_on"] for r in rows] == ["2026-03-02", "2026-03-03", "2026-04-07"]
    [done] = slack.calls_to("files.completeUploadExternal")
    assert done["files"][0]["title"] == "coachbot requests report (3 rows)"
    assert "one header row" in slack.wait_for_replies()[0]["text"]
    # The outbox keeps which report was sent, never a copy of its rows.
    assert _payloads(server.container) == [
        {"report": "requests", "filename": "coachbot-requests-2026-04-07.csv"}
    ]


def test_someone_who_is_not_an_admin_is_told_kindly_and_gets_nothing(
    server: AppServer, slack: FakeSlack
) -> None:
    assert server.post(_home_click(ReportAction.EXPORT_SESSIONS, COACH)).status == 200
    server.settle()
    assert slack.calls_to("files.getUploadURLExternal") == []
    assert slack.uploads == {}
    reply = slack.wait_for_replies()[0]
    assert reply["hook"].endswith(COACH)
    assert "for workspace admins" in reply["text"]


def test_the_same_click_delivered_twice_sends_one_file(server: AppServer, slack: FakeSlack) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    click = _home_click(ReportAction.EXPORT_PULSES, ADMIN)
    server.post(click)
    server.settle()
    server.post(click)  # Slack retried the same request
    server.settle()
    assert len(slack.calls_to("files.completeUploadExternal")) == 1
    assert len(slack.uploads) == 1


def test_a_slow_slack_leaves_the_file_queued_and_says_so(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    slack.script("files.getUploadURLExternal", Reply.rate_limited(retry_after=1))
    server.post(_home_click(ReportAction.EXPORT_SESSIONS, ADMIN))
    server.settle()
    assert slack.uploads == {}
    assert "queued" in slack.wait_for_replies()[0]["text"]
    c = server.container
    [key] = [k for k in _outbox_keys(c) if k.startswith("report:")]
    assert c.outbox.status_of(key) == "pending"  # the scheduler's delivery sends it later


def _payloads(c: object) -> list[dict[str, object]]:
    from sqlalchemy import select

    from bot.db.models import OutboxMessage

    with c.sessions() as s:  # type: ignore[attr-defined]
        query = select(OutboxMessage.payload).where(OutboxMessage.kind == "report_file")
        return [dict(p) for p in s.scalars(query)]


def _outbox_keys(c: object) -> list[str]:
    from sqlalchemy import select

    from bot.db.models import OutboxMessage

    with c.sessions() as s:  # type: ignore[attr-defined]
        return list(s.scalars(select(OutboxMessage.key)))


def test_each_handled_request_logs_one_line_without_words(
    server: AppServer, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    with caplog.at_level(logging.INFO, logger="coachbot.requests"):
        server.post(_home_click(ReportAction.EXPORT_LOSS_REASONS, ADMIN))
        server.settle()
    lines = [r.getMessage() for r in caplog.records if r.name == "coachbot.requests"]
    assert len(lines) == 1
    assert lines[0].startswith("action export_loss_reasons ok in ")
    assert lines[0].endswith(" ms")
    assert ADMIN not in lines[0]
