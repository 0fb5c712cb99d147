"""Done means: a manager sets a weekly Tuesday 10:00 session in Slack, the preview shows the
nudges at the right local times across a daylight-saving change, the tick sends exactly one
reminder and one prep DM with working buttons, and "held" shows in the days-since count."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot import cli
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests import payloads
from tests.coaching.coaching_helpers import blocks_text, button_value, posts_to
from tests.conftest import BOT_TOKEN, COACH, REP, SIGNING_SECRET, AppServer
from tests.fakes.slack_api import FakeSlack

TUESDAY_10 = {
    "coaching_every": {"coaching_every": payloads.static("1")},
    "coaching_weekday": {"coaching_weekday": payloads.static("1")},
    "coaching_start": {"coaching_start": {"type": "timepicker", "selected_time": "10:00"}},
    "coaching_length": {"coaching_length": payloads.static("30")},
    "coaching_lead": {"coaching_lead": payloads.static("2h")},
}


def _set_up_in_slack(server: AppServer, slack: FakeSlack) -> None:
    reply = server.post(payloads.slash_command("/coaching", "add <@U_REP|riley>", user_id=COACH))
    assert reply.status == 200
    opened = slack.wait_for("views.open")[0]["view"]
    assert opened["callback_id"] == "coaching_cadence"
    reply = server.post(
        payloads.view_submission(
            "coaching_cadence",
            TUESDAY_10,
            user_id=COACH,
            private_metadata=opened["private_metadata"],
        )
    )
    assert reply.status == 200
    answer = json.loads(reply.body)
    assert answer["response_action"] == "update"
    assert "Every week, Tuesday 10:00" in json.dumps(answer["view"])
    assert "Tue 3 Mar, 10:00" in json.dumps(answer["view"])


def _preview(
    server: AppServer,
    slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> list[str]:
    url = server.container.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("SLACK_API_URL", slack.base_url)
    monkeypatch.setenv("DATABASE_URL", url)
    code = cli.main(["schedule", "preview", "--days", "10", "--from", "2026-03-02T15:00:00Z"])
    assert code == 0
    return capsys.readouterr().out.splitlines()


def test_weekly_tuesday_from_slack_to_held(
    server: AppServer,
    slack: FakeSlack,
    clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = server.container
    _set_up_in_slack(server, slack)
    assert c.people.get(payloads.TEAM_ID, REP).coach_user_id == COACH  # type: ignore[union-attr]

    # New York springs forward on Sunday 8 March: 10:00 stays 10:00 local.
    lines = _preview(server, slack, monkeypatch, capsys)
    reminders = [ln for ln in lines if "reminder" in ln]
    assert len(reminders) == 2
    assert reminders[0].startswith("Tue 2026-03-03 08:00 EST")
    assert reminders[1].startswith("Tue 2026-03-10 08:00 EDT")
    assert all(f"to {COACH}" in ln for ln in reminders)
    preps = [ln for ln in lines if "prep DM" in ln]
    assert [p[:24] for p in preps] == ["Mon 2026-03-02 10:00 EST", "Mon 2026-03-09 10:00 EDT"]
    assert all(f"to {REP}" in ln for ln in preps)
    checks = [ln for ln in lines if "did it happen?" in ln]
    assert checks[0].startswith("Tue 2026-03-03 10:45 EST")

    # Monday 10:00: the rep's prep DM goes out, once.
    tick(c)
    tick(c)
    assert len(posts_to(slack, REP)) == 1
    assert posts_to(slack, COACH) == []
    prep = posts_to(slack, REP)[0]
    session_id = button_value(prep, "coaching_add_priorities")

    # The rep's button opens the modal; what they add lands in the manager's reminder.
    server.post(payloads.block_action("coaching_add_priorities", session_id, user_id=REP))
    modal = slack.wait_for("views.open", count=2)[1]["view"]
    assert modal["callback_id"] == "coaching_prep"
    reply = server.post(
        payloads.view_submission(
            "coaching_prep",
            {
                "coaching_priorities": {
                    "coaching_priorities": payloads.plain("Acme renewal\nGlobex")
                }
            },
            user_id=REP,
            private_metadata=modal["private_metadata"],
        )
    )
    assert json.loads(reply.body)["response_action"] == "update"

    # Tuesday 08:00 EST: the manager's reminder, once, with the rep's opportunities.
    clock.set(datetime(2026, 3, 3, 13, 0, tzinfo=UTC))
    tick(c)
    tick(c)
    assert len(posts_to(slack, COACH)) == 1
    assert len(posts_to(slack, REP)) == 1
    reminder = posts_to(slack, COACH)[0]
    text = blocks_text(reminder)
    assert "Acme renewal" in text
    assert "No session marked as held yet." in text
    assert "Customer and selling skills" in text
    assert "Small bid to open with" in text
    assert button_value(reminder, "coaching_held") == session_id

    # Held, from the reminder: the buttons go, and the count starts.
    server.post(
        payloads.block_action("coaching_held", session_id, user_id=COACH, channel_id="DU_COACH")
    )
    updated = slack.wait_for("chat.update")[0]
    assert "Marked as held" in blocks_text(updated)
    # The session's buttons go; what's left is the offer to note action items.
    assert "coaching_skip" not in blocks_text(updated)
    assert "coaching_held" not in blocks_text(updated)
    assert "coaching_action_items" in blocks_text(updated)

    clock.set(datetime(2026, 3, 3, 16, 0, tzinfo=UTC))  # after the end: no "did it happen?"
    tick(c)
    assert len(posts_to(slack, COACH)) == 1
    clock.advance(timedelta(days=3))
    mine = c.coaching.overview(payloads.TEAM_ID, COACH)
    assert mine.reps[0].days_since_held == 3

    # Next Tuesday's reminder (08:00 EDT = 12:00 UTC) carries the count.
    clock.set(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    tick(c)
    assert len(posts_to(slack, COACH)) == 2
    assert "Last held session: 7 days ago." in blocks_text(posts_to(slack, COACH)[1])
