"""A manager's Home shows their team's pulse trend: published results only, in totals, and
never another manager's channel."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.kernel.clock import ManualClock
from tests.coaching.coaching_helpers import weekly
from tests.conftest import COACH, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.home.home_helpers import T, open_home
from tests.pulse.pulse_helpers import VOTERS, add_voters, start_direct

MGR2, REP2 = "U_MGR2", "U_ROBIN"


def _run(server: AppServer, clock: ManualClock, voters: list[str], choice: int) -> None:
    c = server.container
    pulse = start_direct(c, COACH)
    for voter in voters:
        c.pulses.answer(T, pulse.id, voter, choice)
    clock.advance(timedelta(hours=25))
    c.pulses.close_due()
    c.delivery.run()


def test_manager_sees_published_team_pulse_only(
    server: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    add_voters(slack)
    slack.add_user(MGR2, "Morgan Manager")
    slack.add_user(REP2, "Robin Second")
    weekly(server.container)
    weekly(server.container, manager=MGR2, rep=REP2)
    _run(server, clock, VOTERS[:5], 3)  # 5 answers: published
    _run(server, clock, VOTERS[:2], 1)  # 2 answers: below the minimum, never shown
    _run(server, clock, VOTERS[:6], 4)  # 6 answers: published
    view = open_home(server, slack, COACH)
    assert "Your team's pulse" in view
    assert "4.0 → 5.0 (of 5), 6 answers last time" in view
    assert "2.0" not in view.split("Your team's pulse")[1].split("Your notifications")[0]
    for voter in VOTERS:
        assert voter not in view
    other = open_home(server, slack, MGR2)
    assert "No team pulse yet" in other
    assert "C_TEAM" not in other
