"""Enterprise Grid: a workspace's token is found by org and workspace, or from the org-wide
install, for requests' workspaces and scheduled sends alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine

from bot.config import slack_settings_given
from bot.domain.kernel.clock import ManualClock
from tests.fakes.slack_api import FakeSlack
from tests.installs.oauth_helpers import oauth_container


def _install(c_store: object, **fields: object) -> None:
    base = {"app_id": "A0001", "user_id": "U_INSTALLER", "bot_id": "B1", "bot_user_id": "UBOT"}
    c_store.save(Installation(**{**base, **fields}))  # type: ignore[attr-defined,arg-type]


def test_tokens_are_found_per_workspace_and_org_wide(
    slack: FakeSlack, sqlite_engine: Engine, clock: ManualClock
) -> None:
    c = oauth_container(slack, sqlite_engine, clock)
    assert c.installs is not None
    store = c.installs.installations
    _install(
        store, enterprise_id="E1", team_id=None, bot_token="xoxb-org", is_enterprise_install=True
    )
    _install(store, enterprise_id="E2", team_id="T_OWN", bot_token="xoxb-own")
    _install(store, enterprise_id=None, team_id="T_PLAIN", bot_token="xoxb-plain")
    c.served.remember("T_IN_ORG", "E1")
    c.served.remember("T_OWN", "E2")
    tokens = c.gateway.tokens

    def token(team: str) -> str | None:
        client = tokens.client_for(team)
        return None if client is None else client.token

    assert token("T_IN_ORG") == "xoxb-org"
    assert token("T_OWN") == "xoxb-own"
    assert token("T_PLAIN") == "xoxb-plain"
    assert token("T_STRANGER") is None  # never seen, never installed
    c.installs.forget("E1", None)
    assert token("T_IN_ORG") is None
    assert token("T_OWN") == "xoxb-own"


def test_oauth_settings_alone_count_as_slack_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_CLIENT_ID", "1111.2222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "secret")
    assert slack_settings_given()  # so `coachbot run` serves Slack, not the sandbox
