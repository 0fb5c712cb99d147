"""/coaching subcommands and the Home section, through signed requests."""

from __future__ import annotations

import json

from bot.domain.kernel.clock import ManualClock
from handlers.coaching.setup import mentioned_user
from tests import payloads
from tests.blockkit import slack_date_token, slack_day_token
from tests.coaching.coaching_helpers import weekly
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack


def _command(server: AppServer, text: str, user: str = COACH) -> None:
    assert server.post(payloads.slash_command("/coaching", text, user_id=user)).status == 200


def test_mentions_are_read_from_escaped_text() -> None:
    assert mentioned_user("<@U123ABC|riley>") == "U123ABC"
    assert mentioned_user("<@W9>") == "W9"
    assert mentioned_user("riley") is None


def test_help_answers_in_the_ack(server: AppServer) -> None:
    reply = server.post(payloads.slash_command("/coaching", "help", user_id=COACH))
    assert "/coaching add @rep" in reply.body


def test_list_shows_cadence_and_days_since(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    weekly(server.container)
    _command(server, "list")
    shown = json.dumps(slack.wait_for_replies()[0]["blocks"])
    assert "Every week, Tuesday 10:00 (30 min)" in shown
    assert "Next: " + slack_date_token("2026-03-03T15:00", "Tue 3 Mar, 10:00 EST") in shown
    assert "No session marked as held yet." in shown


def test_remove_takes_the_rep_off_and_clears_the_coach(server: AppServer, slack: FakeSlack) -> None:
    weekly(server.container)
    _command(server, "remove <@U_REP|riley>")
    slack.wait_for_replies()
    assert server.container.people.get(payloads.TEAM_ID, REP).coach_user_id is None  # type: ignore[union-attr]
    assert server.container.coaching.overview(payloads.TEAM_ID, COACH).reps == ()


def test_mistakes_get_a_clear_private_note(server: AppServer, slack: FakeSlack) -> None:
    replies = [
        server.post(payloads.slash_command("/coaching", text, user_id=COACH)).body
        for text in ("add riley", "add <@U_COACH|me>", "pause next week")
    ]
    assert "Mention the rep" in replies[0]
    assert "your own rep" in replies[1]
    assert "the date you're back" in replies[2]
    _command(server, "add <@U_BOT2|bot>")
    note = json.dumps(slack.wait_for_replies()[0]["blocks"])
    assert "can't get messages" in note
    assert slack.calls_to("views.open") == []


def test_pause_and_resume_by_command(server: AppServer, slack: FakeSlack) -> None:
    weekly(server.container)
    _command(server, "pause 2026-03-20", user=REP)
    [paused] = slack.wait_for_replies()
    # The date reads in each reader's own style ("Mar 20"), like every date coachbot writes.
    assert slack_day_token("2026-03-20", "Fri 20 Mar 2026") in paused["text"]
    overview = server.container.coaching.overview(payloads.TEAM_ID, REP)
    assert overview.paused_until is not None
    assert overview.paused_until.isoformat() == "2026-03-20"
    _command(server, "resume", user=REP)
    slack.wait_for_replies(count=2)
    assert server.container.coaching.overview(payloads.TEAM_ID, REP).paused_until is None


def test_home_tab_shows_reps_and_own_coach(server: AppServer, slack: FakeSlack) -> None:
    weekly(server.container)
    event = {"type": "app_home_opened", "user": COACH, "tab": "home", "channel": "D1"}
    server.post_json(payloads.event_callback(event))
    view = json.dumps(slack.wait_for("views.publish")[0]["view"])
    assert "Your team's coaching" in view
    assert "<@U_REP>: Every week, Tuesday 10:00" in view
    event = {"type": "app_home_opened", "user": REP, "tab": "home", "channel": "D2"}
    server.post_json(payloads.event_callback(event))
    view = json.dumps(slack.wait_for("views.publish", count=2)[1]["view"])
    assert "Your coach: <@U_COACH>" in view
