"""Done means: the digest arrives once a week in the manager's morning and stops after
opt-out; a manager who ignores reminders is asked once and then hears less."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.notifications import Backoff, PrefsForm, Topic
from bot.scheduler import tick
from tests import payloads
from tests.coaching.coaching_helpers import weekly
from tests.conftest import COACH, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.home.home_helpers import T, dms, live

NEW_YORK = ZoneInfo("America/New_York")
DIGEST = "Your coaching week"
REMINDER = "Coaching with <@U_REP>"
ASKED = "Fewer coaching reminders?"


def _first_arrival(c: Container, slack: FakeSlack, clock: ManualClock, hours: int) -> datetime:
    """Tick every 30 minutes until a new digest arrives (within `hours`); when it did."""
    before = len(dms(slack, COACH, DIGEST))
    for _ in range(hours * 2):
        clock.advance(timedelta(minutes=30))
        tick(c)
        if len(dms(slack, COACH, DIGEST)) > before:
            return clock.now().astimezone(NEW_YORK)
    raise AssertionError("no digest arrived")


def _click(server: AppServer, action_id: str, value: str | None = None) -> None:
    body = payloads.block_action(action_id, value, COACH, channel_id="DU_COACH")
    assert server.post(body).status == 200
    server.settle()


def test_digest_once_a_week_in_the_morning_until_opt_out(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    weekly(c)
    live(c, clock, 24 * 6)  # the first week: nothing to report yet, so no digest
    assert dms(slack, COACH, DIGEST) == []
    arrived = _first_arrival(c, slack, clock, 24)
    assert (arrived.strftime("%a %H:%M"), arrived.date().isoformat()) == ("Mon 09:00", "2026-03-09")
    digest = dms(slack, COACH, DIGEST)[0]
    assert "0 of 1 planned sessions held" in str(digest["blocks"])
    live(c, clock, 24 * 6, step=timedelta(hours=2))
    assert len(dms(slack, COACH, DIGEST)) == 1  # once a week, however often the job runs
    arrived = _first_arrival(c, slack, clock, 24)
    assert arrived.strftime("%a %H:%M") == "Mon 09:00"

    _click(server, "digest_opt_out")
    reply = slack.wait_for_replies()[-1]
    assert reply["replace_original"] is True
    assert "no more weekly digests" in reply["text"]
    live(c, clock, 24 * 14, step=timedelta(hours=2))
    assert len(dms(slack, COACH, DIGEST)) == 2


def test_digest_comes_on_the_managers_first_working_day(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    weekly(c)
    form = c.notifications.prefs(T, COACH)
    assert form.working_days == (0, 1, 2, 3, 4)
    c.notifications.save(
        T, COACH, PrefsForm(("coaching", "digest"), None, None, ("1", "2", "3", "4"))
    )
    live(c, clock, 24 * 6)
    arrived = _first_arrival(c, slack, clock, 48)
    assert arrived.strftime("%a %H:%M") == "Tue 09:00"


def test_ignored_reminders_ask_once_then_hear_less(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    weekly(c)
    live(c, clock, 24 * 21, step=timedelta(hours=2))
    assert len(dms(slack, COACH, REMINDER)) == 3
    asked = dms(slack, COACH, ASKED)
    assert len(asked) == 1
    assert "The last 3 coaching reminders" in str(asked[0]["blocks"])
    # Until they answer, reminders are held back.
    live(c, clock, 24 * 7, step=timedelta(hours=2))
    assert len(dms(slack, COACH, REMINDER)) == 3

    _click(server, "home_backoff", "keep")
    assert "Reminders stay" in slack.wait_for_replies()[-1]["text"]
    live(c, clock, 24 * 7, step=timedelta(hours=2))
    assert len(dms(slack, COACH, REMINDER)) == 4
    # Ignored again: asked only once, ever.
    live(c, clock, 24 * 21, step=timedelta(hours=2))
    assert len(dms(slack, COACH, ASKED)) == 1


def test_digest_only_stops_reminders_and_keeps_the_digest(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = server.container
    weekly(c)
    c.notifications.set_topic(T, COACH, Topic.DIGEST, on=False)
    live(c, clock, 24 * 21, step=timedelta(hours=2))
    assert len(dms(slack, COACH, ASKED)) == 1
    assert dms(slack, COACH, DIGEST) == []  # they had turned it off
    _click(server, "home_backoff", "digest")
    assert "one digest each Monday" in slack.wait_for_replies()[-1]["text"]
    live(c, clock, 24 * 14, step=timedelta(hours=2))
    assert len(dms(slack, COACH, REMINDER)) == 3
    # Chosen on a Monday morning: this week's digest, then one each following Monday.
    assert len(dms(slack, COACH, DIGEST)) == 3
    assert c.notifications.prefs(T, COACH).backoff == Backoff.DIGEST
