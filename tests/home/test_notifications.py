"""Notification controls: chosen on the App Home, applied by delivery. A muted kind is not
sent; a nudge due in quiet hours or on a day off waits for the next allowed moment."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from bot.db.models import OutboxMessage
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.notifications import PrefsView, QuietHours, next_allowed
from bot.scheduler import tick
from tests import payloads
from tests.coaching.coaching_helpers import posts_to, weekly
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.home.home_helpers import T, click_on_home, dms, live, published_for

ALL_TOPICS = ["coaching", "prep", "feedback_nudges", "followups", "bids", "digest"]
WEEKDAYS = ["0", "1", "2", "3", "4"]


def _save_prefs(
    server: AppServer,
    user: str,
    topics: list[str],
    quiet: tuple[str | None, str | None] = (None, None),
    days: list[str] = WEEKDAYS,
    extra: dict[str, dict[str, dict[str, object]]] | None = None,
) -> dict[str, object]:
    def picker(value: str | None) -> dict[str, object]:
        return {"type": "timepicker", "selected_time": value}

    values = {
        "home_topics": {"home_topics": payloads.checkboxes(topics)},
        "home_quiet_start": {"home_quiet_start": picker(quiet[0])},
        "home_quiet_end": {"home_quiet_end": picker(quiet[1])},
        "home_working_days": {"home_working_days": payloads.checkboxes(days)},
        **(extra or {}),
    }
    reply = server.post(payloads.view_submission("home_notifications", values, user_id=user))
    assert reply.status == 200
    server.settle()
    return json.loads(reply.body) if reply.body else {}


def test_the_form_opens_from_the_home_and_saves(server: AppServer, slack: FakeSlack) -> None:
    click_on_home(server, "home_edit_notifications", REP)
    modal = slack.wait_for("views.open")[0]["view"]
    assert modal["callback_id"] == "home_notifications"
    assert _save_prefs(server, REP, ["coaching", "digest"], ("21:00", "07:30")) == {}
    prefs = server.container.notifications.prefs(T, REP)
    assert prefs.muted == {"prep", "feedback_nudges", "followups", "bids"}
    assert prefs.quiet == QuietHours(time(21, 0), time(7, 30))
    # The Home is published again after the change, and says so.
    home = published_for(slack, REP)
    assert "quiet 21:00–07:30" in home
    assert "Turned off:" in home


def test_half_a_quiet_window_is_refused_on_the_field(server: AppServer) -> None:
    answer = _save_prefs(server, REP, ALL_TOPICS, ("22:00", None))
    assert answer["response_action"] == "errors"
    assert "home_quiet_end" in answer["errors"]  # type: ignore[operator]
    answer = _save_prefs(server, REP, ALL_TOPICS, days=[])
    assert "home_working_days" in answer["errors"]  # type: ignore[index,operator]
    assert server.container.notifications.prefs(T, REP).quiet is None


def test_a_muted_kind_is_not_sent(server: AppServer, slack: FakeSlack, clock: ManualClock) -> None:
    _save_prefs(server, REP, [t for t in ALL_TOPICS if t != "prep"])
    c = server.container
    weekly(c)  # Tuesday 10:00; the rep's prep note would be due now, Monday 10:00
    live(c, clock, 30)
    assert dms(slack, REP, "opportunit") == []
    assert dms(slack, COACH, "Coaching with <@U_REP>")  # the manager's reminder still went
    with c.sessions() as session:
        statuses = dict(session.execute(select(OutboxMessage.kind, OutboxMessage.status)).all())
    assert statuses["coaching_prep"] == "muted"


def test_quiet_hours_move_a_nudge_to_their_end(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    _save_prefs(server, COACH, ALL_TOPICS, ("06:00", "09:30"))
    c = server.container
    weekly(c)  # reminder due Tuesday 08:00 New York, inside the quiet hours
    until = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)  # Tuesday 09:00 New York
    while clock.now() < until:
        clock.advance(timedelta(minutes=30))
        tick(c)
    assert posts_to(slack, COACH) == []
    clock.advance(timedelta(minutes=30))  # 09:30: the quiet hours are over
    tick(c)
    assert [p["text"] for p in posts_to(slack, COACH)] == [
        "Coaching with <@U_REP> at "
        "<!date^1772550000^{date_short_pretty} at {time}|Tue 3 Mar, 10:00 EST>"
    ]


def test_next_allowed_moment_across_midnight_and_days_off() -> None:
    prefs = PrefsView(frozenset(), QuietHours(time(22, 0), time(7, 0)), (0, 1, 2, 3))
    tz = "Europe/Berlin"
    thursday_23 = datetime(2026, 3, 5, 22, 0, tzinfo=UTC)  # 23:00 Berlin, quiet
    # Friday is a day off, so the next moment is Monday 07:00 Berlin.
    assert next_allowed(thursday_23, tz, prefs) == datetime(2026, 3, 9, 6, 0, tzinfo=UTC)
    wednesday_noon = datetime(2026, 3, 4, 11, 0, tzinfo=UTC)
    assert next_allowed(wednesday_noon, tz, prefs) == wednesday_noon


def test_the_back_off_answer_can_be_changed_in_the_form(
    server: AppServer, slack: FakeSlack
) -> None:
    c = server.container
    c.notifications.answer_backoff(T, COACH, "digest")
    click_on_home(server, "home_edit_notifications", COACH)
    modal = json.dumps(slack.wait_for("views.open")[0]["view"])
    assert "home_backoff_choice" in modal
    assert "Weekly digest only" in modal
    values_extra = {"home_backoff_choice": {"home_backoff_choice": payloads.static("keep")}}
    _save_prefs(server, COACH, ALL_TOPICS, extra=values_extra)
    assert c.notifications.prefs(T, COACH).backoff == "keep"
    assert "Coaching reminders:" not in published_for(slack, COACH)
