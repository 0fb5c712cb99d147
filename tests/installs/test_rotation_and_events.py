"""Token rotation for requests and scheduled sends; Slack's event retries handled once across
processes; the installation tables are exactly the ones slack_sdk's stores expect."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData

from bot.container import Container
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.outbox import Notice, enqueue
from tests.conftest import REP, AppServer, _container
from tests.fakes.slack_api import FakeSlack
from tests.installs.oauth_helpers import install, token_of
from tests.payloads import event_callback, slash_command

TEAM = "TR0001"


def _send_one(c: Container, key: str) -> None:
    now = c.clock.now()
    with c.sessions.begin() as session:
        payload = {"deal_name": key, "rep_user_id": "U_X"}
        enqueue(session, Notice(key, TEAM, REP, "feedback_thanks", key, payload, now), now)
    assert c.delivery.run().sent == 1


def test_an_expiring_token_is_refreshed_before_a_request_is_served(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    slack.add_workspace(TEAM, "Rotating Sales")
    slack.oauth.token_lifetime = 60  # expires well inside the refresh window
    assert install(oauth_server, slack, TEAM).status == 200
    first = token_of(slack, TEAM)
    slack.reset_calls()
    oauth_server.post(slash_command("/coachme", "Acme", user_id=REP, team_id=TEAM))
    oauth_server.settle()
    assert slack.oauth.refreshes == 1
    assert slack.tokens_used("views.open") == [token_of(slack, TEAM)]
    assert token_of(slack, TEAM) != first
    # The refreshed token was saved: the next request uses it without refreshing again.
    oauth_server.post(slash_command("/coachme", "Acme", user_id=REP, team_id=TEAM))
    oauth_server.settle()
    assert slack.oauth.refreshes == 1
    assert slack.tokens_used("views.open")[-1] == token_of(slack, TEAM)


def test_an_expiring_token_is_refreshed_before_a_scheduled_send(
    oauth_server: AppServer, slack: FakeSlack
) -> None:
    slack.add_workspace(TEAM, "Rotating Sales")
    slack.oauth.token_lifetime = 60
    assert install(oauth_server, slack, TEAM).status == 200
    first = token_of(slack, TEAM)
    slack.reset_calls()
    c = oauth_server.container
    _send_one(c, "rotate:1")
    assert slack.oauth.refreshes == 1
    assert slack.tokens_used("chat.postMessage") == [token_of(slack, TEAM)]
    assert token_of(slack, TEAM) != first
    _send_one(c, "rotate:2")
    assert slack.oauth.refreshes == 1
    assert slack.tokens_used("chat.postMessage")[-1] == token_of(slack, TEAM)


def test_a_retried_event_is_handled_once_across_processes(
    server: AppServer, slack: FakeSlack, sqlite_engine: Engine, clock: ManualClock
) -> None:
    other = AppServer(_container(slack, sqlite_engine, clock))
    try:
        body = event_callback({"type": "app_home_opened", "user": REP, "tab": "home"})
        for target in (server, other, server):  # Slack retries, reaching any process
            assert target.post_json(body).status == 200
            target.settle()
        assert len(slack.calls_to("views.publish")) == 1
        fresh = event_callback({"type": "app_home_opened", "user": REP, "tab": "home"})
        other.post_json(fresh)
        other.settle()
        assert len(slack.calls_to("views.publish")) == 2
    finally:
        other.close()


def test_seen_events_are_forgotten_after_a_day(server: AppServer, slack: FakeSlack) -> None:
    c = server.container
    server.post_json(event_callback({"type": "app_home_opened", "user": REP, "tab": "home"}))
    server.settle()
    assert c.served.purge_seen_events() == 0
    c.clock.advance(timedelta(days=1, minutes=1))  # type: ignore[attr-defined]
    assert c.served.purge_seen_events() == 1


def _store_tables(engine: Engine) -> MetaData:
    """The tables slack_sdk's stores would create, gathered in one MetaData."""
    merged = MetaData()
    for table in (
        *SQLAlchemyInstallationStore("1.2", engine).metadata.sorted_tables,
        *SQLAlchemyOAuthStateStore(600, engine).metadata.sorted_tables,
    ):
        table.to_metadata(merged)
    return merged


def test_migrations_create_the_stores_tables_as_the_stores_define_them(
    db_engine: Engine,
) -> None:
    expected = _store_tables(db_engine)
    names = set(expected.tables)
    assert names == {"slack_installations", "slack_bots", "slack_oauth_states"}

    def only_theirs(name: str | None, type_: str, parent: dict[str, Any]) -> bool:
        return type_ != "table" or name in names

    with db_engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": only_theirs}
        )
        assert compare_metadata(ctx, expected) == []
