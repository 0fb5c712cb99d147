"""People stay fresh; deactivated people are not messaged; uninstall deletes everything."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.container import Container
from bot.db.base import Base
from bot.db.models.bids import LIBRARY_TEAM
from bot.domain.kernel.clock import ManualClock
from tests.coachme.coachme_steps import dms_to, submit_request
from tests.conftest import COACH, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import event_callback


def test_people_are_looked_up_once_then_refreshed_when_stale(
    any_db_container: Container, slack: FakeSlack, clock: ManualClock
) -> None:
    c = any_db_container
    first = c.people.get("T0001", COACH)
    assert first is not None
    assert first.tz == "America/New_York"
    assert first.display_name
    c.people.get("T0001", COACH)
    assert len(slack.calls_to("users.info")) == 1
    clock.advance(timedelta(hours=25))
    slack.add_user(COACH, "Casey Coach", tz="Asia/Kolkata")
    assert c.people.get("T0001", COACH).tz == "Asia/Kolkata"  # type: ignore[union-attr]
    assert len(slack.calls_to("users.info")) == 2


def test_user_change_event_updates_zone_and_deactivation(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    assert container.people.get("T0001", COACH) is not None  # someone coachbot works with
    event = {
        "type": "user_change",
        "user": {
            "id": COACH,
            "team_id": "T0001",
            "name": "casey",
            "deleted": True,
            "tz": "Australia/Sydney",
            "profile": {"display_name": "Casey"},
        },
    }
    assert server.post_json(event_callback(event)).status == 200
    server.settle()
    person = container.people.get("T0001", COACH)
    assert person is not None
    assert person.tz == "Australia/Sydney"
    assert not person.reachable
    submit_request(server, peers={"type": "multi_users_select", "selected_users": []})
    assert dms_to(slack, COACH) == []


def test_uninstall_deletes_every_row_of_the_workspace(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    submit_request(server)
    assert dms_to(slack, COACH)
    reply = server.post_json(event_callback({"type": "app_uninstalled"}))
    assert reply.status == 200
    server.settle()
    with container.sessions() as session:
        for table in Base.metadata.sorted_tables:
            query = select(func.count()).select_from(table)
            if "team_id" in table.c:
                # The built-in bid library (read when the Home refreshed) is no workspace's.
                query = query.where(table.c.team_id != LIBRARY_TEAM)
            assert session.scalar(query) == 0, table.name


def test_home_tab_shows_waiting_asks_and_own_requests_only(
    server: AppServer, slack: FakeSlack
) -> None:
    submit_request(server)
    for user in (COACH, REP, "U_OUT"):
        server.post_json(event_callback({"type": "app_home_opened", "user": user, "tab": "home"}))
        server.settle()
    views = {c["user_id"]: str(c["view"]) for c in slack.calls_to("views.publish")}
    assert "Acme renewal" in views[COACH]
    assert "give_feedback" in views[COACH]
    assert "Acme renewal" in views[REP]
    assert "Acme renewal" not in views["U_OUT"]
    assert "haven't asked" in views["U_OUT"]


def _user_change(user_id: str, tz: str, updated: int | None) -> dict[str, object]:
    user: dict[str, object] = {
        "id": user_id,
        "team_id": "T0001",
        "name": user_id.lower(),
        "tz": tz,
        "profile": {"display_name": user_id},
    }
    if updated is not None:
        user["updated"] = updated
    return {"type": "user_change", "user": user}


def test_a_stale_user_change_arriving_late_does_not_win(
    server: AppServer, container: Container
) -> None:
    assert container.people.get("T0001", COACH) is not None
    newer = _user_change(COACH, "Asia/Tokyo", 1_800_000_200)
    older = _user_change(COACH, "Europe/Paris", 1_800_000_100)
    assert server.post_json(event_callback(newer)).status == 200
    server.settle()
    assert server.post_json(event_callback(older)).status == 200  # a retry, delivered late
    server.settle()
    person = container.people.get("T0001", COACH)
    assert person is not None
    assert person.tz == "Asia/Tokyo"


def test_a_member_coachbot_does_not_work_with_is_not_stored(
    server: AppServer, container: Container
) -> None:
    event = _user_change("U_STRANGER", "Asia/Tokyo", 1_800_000_000)
    assert server.post_json(event_callback(event)).status == 200
    server.settle()
    with container.sessions() as session:
        from bot.db.models import Person

        assert session.get(Person, ("T0001", "U_STRANGER")) is None


def test_first_contact_from_many_threads_at_once_never_fails(
    any_db_container: Container, slack: FakeSlack
) -> None:
    import threading

    c = any_db_container
    slack.add_user("U_NEW", "Nia New", tz="Asia/Kolkata")
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def first_request() -> None:
        barrier.wait()
        try:
            person = c.people.get("T0001", "U_NEW")
            assert person is not None
            assert person.tz == "Asia/Kolkata"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first_request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
