"""The admin's export buttons on the App Home: a CSV report, as a file in their DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_bolt.context.respond import Respond

from bot.container import Container
from bot.slack.errors import whisper
from bot.slack.kit import team_of, trigger_of, user_of
from bot.slack.reports import words
from bot.slack.reports.ids import REPORT_OF, ReportAction


def click_id(body: dict[str, Any]) -> str:
    """What names this click, so a click Slack delivers twice sends one file."""
    acts = body.get("actions")
    first = acts[0] if isinstance(acts, list) and acts and isinstance(acts[0], dict) else {}
    stamp = first.get("action_ts")
    return stamp if isinstance(stamp, str) and stamp else trigger_of(body)


def register(app: App, c: Container) -> None:
    """Attach one listener per export button."""
    on = c.listeners(app)

    def export(action: ReportAction) -> None:
        name = REPORT_OF[action]

        @on.action(action)
        def export_clicked(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
            ack()
            team, user = team_of(body), user_of(body)
            if not c.admins.is_admin(team, user):
                whisper(respond, words.refused_note())
                return
            sent = c.reports.send_to_admin(team, user, name, click_id(body))
            # Send it now (not after this returns), so the note can say it has arrived.
            counts = c.delivery.run_keys([sent.key])
            done = counts.sent > 0 or c.outbox.status_of(sent.key) == "sent"
            note = words.sent_note(name) if done else words.queued_note(name)
            whisper(respond, note)

    for action in ReportAction:
        export(action)
