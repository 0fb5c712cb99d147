"""Done means: a rep, a manager, a second manager and an admin each open the App Home and see
their own view, and no one sees another manager's team."""

from __future__ import annotations

import json

import pytest

from bot.domain.kernel.clock import ManualClock
from tests.coaching.coaching_helpers import button_value, posts_to, weekly
from tests.conftest import COACH, OUTSIDER, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.home.home_helpers import T, live, open_home

MGR2, REP2, ADMIN = "U_MGR2", "U_ROBIN", "U_ADM"


@pytest.fixture
def teams(server: AppServer, slack: FakeSlack) -> AppServer:
    """Two managers, one rep each, and a Slack admin who coaches nobody."""
    slack.add_user(MGR2, "Morgan Manager", tz="Europe/Berlin")
    slack.add_user(REP2, "Robin Second", tz="Europe/Berlin")
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    weekly(server.container)
    weekly(server.container, manager=MGR2, rep=REP2, weekday=2)
    return server


def test_each_role_sees_its_own_home(teams: AppServer, slack: FakeSlack) -> None:
    rep = open_home(teams, slack, REP)
    assert "Your coach: <@U_COACH>" in rep
    assert "Next session" in rep
    assert "Your notifications" in rep
    assert "Your team's coaching" not in rep
    assert "Workspace (admins)" not in rep

    manager = open_home(teams, slack, COACH)
    assert "Your team's coaching" in manager
    assert "<@U_REP>" in manager
    assert "Coaching maturity" in manager
    assert "Your team's pulse" in manager
    assert "Workspace (admins)" not in manager

    second = open_home(teams, slack, MGR2)
    assert "<@U_ROBIN>" in second
    admin = open_home(teams, slack, ADMIN)
    assert "Workspace (admins)" in admin
    assert "Pairs with a regular time: 100% (2 of 2)" in admin
    for action in ("export_sessions", "export_requests", "export_loss_reasons", "export_pulses"):
        assert f'"action_id": "{action}"' in admin


def test_no_one_sees_another_managers_team(teams: AppServer, slack: FakeSlack) -> None:
    first = open_home(teams, slack, COACH)
    second = open_home(teams, slack, MGR2)
    admin = open_home(teams, slack, ADMIN)
    for name_or_id in (REP, "Riley Rep"):
        assert name_or_id not in second
        assert name_or_id not in admin  # adoption is totals only, never a per-rep table
    for name_or_id in (REP2, "Robin Second"):
        assert name_or_id not in first
        assert name_or_id not in admin


def test_a_manager_who_is_an_admin_sees_both(teams: AppServer, slack: FakeSlack) -> None:
    c = teams.container
    c.workspace.update(T, ADMIN, "2h", ("0", "1", "2", "3", "4"), [COACH])
    view = open_home(teams, slack, COACH)
    assert "Your team's coaching" in view
    assert "Workspace (admins)" in view
    assert "<@U_ROBIN>" not in view


def test_empty_states_say_how_to_start(server: AppServer, slack: FakeSlack) -> None:
    view = open_home(server, slack, OUTSIDER)
    assert "You haven't asked for feedback yet" in view
    assert "No regular coaching session yet" in view
    assert "Coaching a team? Add a rep with `/coaching add @rep`" in view
    assert "No account follow-ups planned" in view
    assert "You get every kind of nudge" in view


def test_admin_empty_state_and_recorded_admins(server: AppServer, slack: FakeSlack) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    view = open_home(server, slack, ADMIN)
    assert "No coaching yet. Ask a manager to try `/coaching add @rep`" in view
    # Someone the admin recorded is an admin too, and sees the section.
    server.container.workspace.update(T, ADMIN, "2h", ("0", "1", "2", "3", "4"), [OUTSIDER])
    assert "Workspace (admins)" in open_home(server, slack, OUTSIDER)


def test_held_sessions_raise_the_teams_maturity(
    teams: AppServer, slack: FakeSlack, clock: ManualClock
) -> None:
    c = teams.container
    assert "Coaching maturity: Ad hoc" in open_home(teams, slack, COACH)
    marked: set[str] = set()
    for _ in range(3):
        live(c, clock, 24 * 7)
        for post in posts_to(slack, COACH):
            if "coaching_held" in json.dumps(post.get("blocks", [])):
                session_id = button_value(post, "coaching_held")
                if session_id not in marked:
                    c.coaching.mark(T, COACH, int(session_id), "held")
                    marked.add(session_id)
    assert len(marked) == 3
    view = open_home(teams, slack, COACH)
    assert "3 of 3 held in the last 8 weeks" in view
    assert "Coaching maturity: Formal" in view
    assert "Next: 9 in 10 held for eight weeks" in view
