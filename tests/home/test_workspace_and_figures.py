"""The admin's workspace settings from the App Home, and the figures each role sees."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.domain.kernel.clock import ManualClock
from tests import payloads
from tests.coachme.coachme_steps import dms_to, submit_answer, submit_request
from tests.conftest import COACH, OUTSIDER, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.home.home_helpers import T, click_on_home, open_home

ADMIN = "U_ADM"


def _workspace_values(
    admins: list[str], threshold: str, lead: str, days: list[str]
) -> dict[str, dict[str, dict[str, object]]]:
    return {
        "home_admins": {"home_admins": payloads.users(admins)},
        "home_threshold": {"home_threshold": payloads.number(threshold)},
        "home_lead": {"home_lead": payloads.static(lead)},
        "home_workspace_days": {"home_workspace_days": payloads.checkboxes(days)},
    }


def _submit(server: AppServer, user: str, **kw: object) -> dict[str, object]:
    values = _workspace_values(**kw)  # type: ignore[arg-type]
    reply = server.post(payloads.view_submission("home_workspace", values, user_id=user))
    assert reply.status == 200
    server.settle()
    return json.loads(reply.body) if reply.body else {}


def test_an_admin_changes_workspace_settings_from_the_home(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    click_on_home(server, "home_workspace_settings", ADMIN)
    modal = slack.wait_for("views.open")[0]["view"]
    assert modal["callback_id"] == "home_workspace"
    answer = _submit(
        server, ADMIN, admins=[COACH], threshold="7", lead="morning", days=["0", "1", "2", "3"]
    )
    assert answer == {}
    c = server.container
    ws = c.workspace.view(T)
    assert (ws.reminder_lead, ws.working_days) == ("morning", (0, 1, 2, 3))
    assert set(ws.admins) == {ADMIN, COACH}
    assert c.pulses.settings(T).threshold == 7
    assert c.admins.is_admin(T, COACH)
    # New pairs start with the default lead; people's nudge days follow the workspace's.
    assert c.coaching.add_rep(T, COACH, REP).lead == "morning"
    assert c.notifications.prefs(T, REP).working_days == (0, 1, 2, 3)
    # Removing a recorded admin takes effect; nobody removes themselves.
    _submit(server, ADMIN, admins=[], threshold="7", lead="morning", days=["0"])
    assert c.workspace.view(T).admins == (ADMIN,)
    assert not c.admins.is_admin(T, COACH)


def test_settings_are_checked_and_only_admins_change_them(
    server: AppServer, slack: FakeSlack
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    answer = _submit(server, ADMIN, admins=[], threshold="2", lead="2h", days=["0"])
    assert answer["response_action"] == "errors"
    assert "home_threshold" in answer["errors"]  # type: ignore[operator]
    answer = _submit(server, ADMIN, admins=[], threshold="5", lead="2h", days=[])
    assert "home_workspace_days" in answer["errors"]  # type: ignore[operator]
    answer = _submit(server, OUTSIDER, admins=[OUTSIDER], threshold="5", lead="2h", days=["0"])
    assert "Only workspace admins" in json.dumps(answer["errors"])
    assert not server.container.admins.is_admin(T, OUTSIDER)
    click_on_home(server, "home_workspace_settings", OUTSIDER)
    assert slack.calls_to("views.open") == []


def test_rep_and_admin_figures(server: AppServer, slack: FakeSlack, clock: ManualClock) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    submit_request(server, followup=payloads.radio("6"))
    ask_id = int(
        next(
            e["value"]
            for m in dms_to(slack, COACH)
            for b in m.get("blocks", [])
            for e in b.get("elements", [])
            if e.get("action_id") == "give_feedback"
        )
    )
    clock.advance(timedelta(hours=3))
    submit_answer(server, ask_id)
    rep = open_home(server, slack, REP)
    assert "1 open · 1 answered · 1 piece of feedback received" in rep
    assert "Account follow-ups coming up" in rep
    assert "2026-09-02" in rep
    coach = open_home(server, slack, COACH)
    assert "Acme renewal" not in coach.split("Your requests")[1]  # not the coach's own
    clock.advance(timedelta(days=5))
    admin = open_home(server, slack, ADMIN)
    assert "Requests answered within 2 working days: 100% (1 of 1)" in admin
    assert PEER not in admin and REP not in admin
