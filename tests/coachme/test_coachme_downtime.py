"""Back after a long outage: one nudge per ask, in the person's working hours, never a flood."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from tests.coachme.coachme_steps import dms_to, submit_request
from tests.conftest import COACH, PEER, AppServer
from tests.fakes.slack_api import FakeSlack


def test_six_days_down_sends_one_nudge_per_person_in_working_hours(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    # Tuesday 15:00 in New York: the request goes out.
    clock.set(datetime(2026, 3, 3, 20, 0, tzinfo=UTC))
    submit_request(server)
    asks_sent = {u: len(dms_to(slack, u)) for u in (COACH, PEER)}
    assert asks_sent == {COACH: 1, PEER: 1}
    # Down for six days; back on Sunday at 03:00 New York time.
    back = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)
    clock.set(back)
    tick(container)
    assert len(dms_to(slack, COACH)) == 1, "nothing goes out on a Sunday night"
    # Tick through the next day, every half hour: Monday brings one nudge each.
    sent_at: dict[str, list[datetime]] = {COACH: [], PEER: []}
    while clock.now() < back + timedelta(days=1, hours=12):
        clock.advance(timedelta(minutes=30))
        before = {u: len(dms_to(slack, u)) for u in sent_at}
        tick(container)
        for user in sent_at:
            if len(dms_to(slack, user)) > before[user]:
                sent_at[user].append(clock.now())
    assert [len(v) for v in sent_at.values()] == [1, 1]
    zones = {COACH: "America/New_York", PEER: "Europe/Berlin"}
    for user, times in sent_at.items():
        local = times[0].astimezone(ZoneInfo(zones[user]))
        assert local.weekday() < 5
        assert 9 <= local.hour < 17, (user, local)
