"""Installing by OAuth into several workspaces, each served with its own token; a workspace
that never installed is not served; installs outlive a restart; uninstall deletes."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from sqlalchemy import Engine, func, select

from bot.app import NOT_INSTALLED
from bot.container import Container
from bot.db.models.installs import slack_bots, slack_installations
from bot.domain.kernel.clock import ManualClock
from tests.coachme.coachme_steps import request_values
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.installs.oauth_helpers import get, install, oauth_container, rows_of, token_of
from tests.payloads import event_callback, slash_command, view_submission

TEAM_A, TEAM_B, TEAM_C = "TA0001", "TB0002", "TC0003"
ROOT = Path(__file__).resolve().parents[2]


def _coachme(server: AppServer, team: str) -> None:
    reply = server.post(slash_command("/coachme", "Acme", user_id=REP, team_id=team))
    assert reply.status == 200
    server.settle()


def _ask(server: AppServer, team: str) -> None:
    """A rep in `team` asks their coach for feedback: rows, and a DM through the outbox."""
    view = f"V{uuid.uuid4().hex[:10].upper()}"
    body = view_submission("coachme_request", request_values(), REP, view_id=view, team_id=team)
    assert server.post(body).status == 200
    server.settle()


def _data_rows(c: Container, team: str) -> dict[str, int]:
    """Rows of what people did (not installs, nor the events log)."""
    return {
        table: n
        for table, n in rows_of(c, team).items()
        if not table.startswith("slack_") and table != "seen_events"
    }


def _two_installed(server: AppServer, slack: FakeSlack) -> None:
    slack.add_workspace(TEAM_A, "Alpha Sales")
    slack.add_workspace(TEAM_B, "Beta Sales")
    for team, name in ((TEAM_A, "Alpha Sales"), (TEAM_B, "Beta Sales")):
        page = install(server, slack, team)
        assert page.status == 200, page.body
        assert "coachbot is installed" in page.body
        assert name in page.body


def test_two_workspaces_install_and_each_is_served_with_its_own_token(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    _two_installed(oauth_server, slack)
    slack.reset_calls()
    _coachme(oauth_server, TEAM_A)
    _coachme(oauth_server, TEAM_B)
    assert slack.tokens_used("views.open") == [token_of(slack, TEAM_A), token_of(slack, TEAM_B)]
    # Bolt checked each workspace's own token before serving it.
    assert set(slack.tokens_used("auth.test")) == {token_of(slack, TEAM_A), token_of(slack, TEAM_B)}


def test_the_install_asked_for_the_manifests_scopes_and_checked_the_state(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    slack.add_workspace(TEAM_A, "Alpha Sales")
    slack.oauth.redirect_url = f"{oauth_server.url}/slack/oauth_redirect"
    start = get(f"{oauth_server.url}/slack/install?team={TEAM_A}")
    asked = parse_qs(urlsplit(start.headers["location"]).query)["scope"][0].split(",")
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert asked == manifest["oauth_config"]["scopes"]["bot"]
    consent = get(start.headers["location"])
    # Coming back without the browser's state cookie fails, kindly, and installs nothing.
    page = get(consent.headers["location"])
    assert page.status == 400
    assert "coachbot was not installed" in page.body
    assert "/slack/install" in page.body
    with oauth_server.container.sessions() as session:
        assert session.scalar(select(func.count()).select_from(slack_installations)) == 0


def test_a_workspace_that_never_installed_is_not_served(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    _two_installed(oauth_server, slack)
    slack.reset_calls()
    _coachme(oauth_server, TEAM_C)
    _ask(oauth_server, TEAM_C)
    assert slack.calls_to("views.open") == []
    assert slack.calls_to("chat.postMessage") == []
    assert rows_of(oauth_server.container, TEAM_C) == {}
    told = [r for r in slack.wait_for_replies(1) if "isn't installed" in str(r.get("text"))]
    assert told and told[0]["text"] == NOT_INSTALLED


def test_installs_survive_a_restart(
    oauth_server: AppServer, slack: FakeSlack, sqlite_engine: Engine, clock: ManualClock
) -> None:
    _two_installed(oauth_server, slack)
    oauth_server.close()
    again = AppServer(oauth_container(slack, sqlite_engine, clock))
    try:
        slack.reset_calls()
        _coachme(again, TEAM_B)
        assert slack.tokens_used("views.open") == [token_of(slack, TEAM_B)]
    finally:
        again.close()


def test_scheduled_sends_use_each_workspaces_own_token(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    _two_installed(oauth_server, slack)
    slack.fail_always("chat.postMessage", "internal_error")  # hold the DMs in the outbox
    _ask(oauth_server, TEAM_A)
    _ask(oauth_server, TEAM_B)
    slack.clear_failures()
    slack.reset_calls()
    c = oauth_server.container
    c.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
    sent = c.delivery.run().sent
    used = slack.tokens_used("chat.postMessage")
    assert sent == len(used) == 6  # the coach, the peer and the rep's confirmation, twice
    assert used.count(token_of(slack, TEAM_A)) == used.count(token_of(slack, TEAM_B)) == 3


def test_uninstall_stops_serving_and_deletes_only_that_workspace(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    _two_installed(oauth_server, slack)
    _ask(oauth_server, TEAM_A)
    _ask(oauth_server, TEAM_B)
    c = oauth_server.container
    before_b = rows_of(c, TEAM_B)
    assert {"feedback_requests", "outbox", "people", "slack_installations"} <= set(before_b)
    assert set(rows_of(c, TEAM_A)) == set(before_b)

    gone = oauth_server.post_json(event_callback({"type": "app_uninstalled"}, team_id=TEAM_A))
    assert gone.status == 200
    oauth_server.settle()

    assert rows_of(c, TEAM_A) == {}
    assert rows_of(c, TEAM_B) == before_b
    slack.reset_calls()
    _coachme(oauth_server, TEAM_A)
    assert slack.calls_to("views.open") == []
    _coachme(oauth_server, TEAM_B)
    assert slack.tokens_used("views.open") == [token_of(slack, TEAM_B)]


def test_a_reinstall_after_uninstall_starts_clean_with_a_new_token(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    _two_installed(oauth_server, slack)
    first = token_of(slack, TEAM_A)
    _ask(oauth_server, TEAM_A)
    oauth_server.post_json(event_callback({"type": "app_uninstalled"}, team_id=TEAM_A))
    oauth_server.settle()
    assert install(oauth_server, slack, TEAM_A).status == 200
    fresh = {"slack_installations", "slack_bots", "workspaces"}
    assert set(rows_of(oauth_server.container, TEAM_A)) == fresh
    slack.reset_calls()
    _coachme(oauth_server, TEAM_A)
    assert slack.tokens_used("views.open") == [token_of(slack, TEAM_A)]
    assert token_of(slack, TEAM_A) != first


def test_revoked_tokens_are_not_used_and_nothing_is_deleted(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    _two_installed(oauth_server, slack)
    _ask(oauth_server, TEAM_B)
    c = oauth_server.container
    kept = _data_rows(c, TEAM_B)
    event = {"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}}
    assert oauth_server.post_json(event_callback(event, team_id=TEAM_B)).status == 200
    oauth_server.settle()
    slack.oauth.revoke_team(TEAM_B)

    assert _data_rows(c, TEAM_B) == kept
    with c.sessions() as session:
        for table in (slack_installations, slack_bots):
            query = select(func.count()).select_from(table).where(table.c.team_id == TEAM_B)
            assert session.scalar(query) == 0
    slack.reset_calls()
    _coachme(oauth_server, TEAM_B)
    assert slack.calls_to("views.open") == []
    assert slack.calls_to("auth.test") == []  # the revoked token was not even tried


def test_one_workspace_never_sees_anothers_data(oauth_server: AppServer, slack: FakeSlack) -> None:
    _two_installed(oauth_server, slack)
    _ask(oauth_server, TEAM_A)  # the same person ids exist in both workspaces
    slack.reset_calls()
    for team in (TEAM_A, TEAM_B):
        opened = {"type": "app_home_opened", "user": COACH, "tab": "home"}
        assert oauth_server.post_json(event_callback(opened, team_id=team)).status == 200
        oauth_server.settle()
    homes = slack.calls_to("views.publish")
    assert slack.tokens_used("views.publish") == [token_of(slack, TEAM_A), token_of(slack, TEAM_B)]
    assert "Acme renewal" in str(homes[0]["view"])
    assert "Acme renewal" not in str(homes[1]["view"])
