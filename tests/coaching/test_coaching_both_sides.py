"""Both sides say whether a session happened, each privately: the record keeps both answers,
and a disagreement shows only as a count in an admin's Home, never to either person."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.container import Container
from bot.db.models import CoachingSession
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from handlers.home.listeners import publish_home
from tests import payloads
from tests.coaching.coaching_helpers import blocks_text, button_value, posts_to, weekly
from tests.conftest import COACH, OUTSIDER, REP, AppServer
from tests.fakes.slack_api import FakeSlack

TEAM = payloads.TEAM_ID
ADMIN = "U_ADMIN"
# Tuesday 3 March 2026, 10:50 in New York: the 10:00-10:30 session ended 20 minutes ago.
AFTER_SESSION = datetime(2026, 3, 3, 15, 50, tzinfo=UTC)


def _rep_question(slack: FakeSlack) -> dict[str, object]:
    found = [p for p in posts_to(slack, REP) if "Did it happen?" in str(p.get("text"))]
    assert len(found) == 1
    return found[0]


def _click(server: AppServer, action: str, value: str, user: str) -> None:
    server.post(payloads.block_action(action, value, user_id=user, channel_id=f"D{user}"))
    server.settle()


def _answers(c: Container) -> tuple[str | None, str | None]:
    with c.sessions() as s:
        row = s.scalars(select(CoachingSession)).one()
        return row.manager_says, row.rep_says


def test_both_are_asked_privately_and_a_mismatch_is_only_an_admin_count(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    slack.add_user(ADMIN, "Ada Admin", is_admin=True)
    weekly(container)
    clock.set(AFTER_SESSION)
    tick(container)
    check = next(p for p in posts_to(slack, COACH) if "How did it go?" in str(p.get("text")))
    question = _rep_question(slack)
    session_id = button_value(question, "coaching_rep_says_no")
    assert "isn't shown to your coach" in blocks_text(question)

    _click(server, "coaching_rep_says_no", session_id, REP)
    answered = slack.wait_for_replies()[-1]
    assert answered["replace_original"] is True
    _click(server, "coaching_held", button_value(check, "coaching_held"), COACH)
    assert _answers(container) == ("yes", "no")  # the record keeps both

    # Neither person hears of the other's answer, in a DM or in their Home.
    for person in (COACH, REP):
        for post in posts_to(slack, person):
            assert "differently" not in json.dumps(post)
        publish_home(container, TEAM, person)
        home = json.dumps(slack.calls_to("views.publish")[-1]["view"])
        assert "Coaching records" not in home and "differently" not in home
    publish_home(container, TEAM, ADMIN)
    home = json.dumps(slack.calls_to("views.publish")[-1]["view"])
    assert "*1* coaching sessions where the manager and the rep answered" in home
    assert REP not in home and COACH not in home  # no names, no session


def test_the_rep_is_asked_even_when_the_manager_marked_it_first(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    weekly(container)
    clock.set(datetime(2026, 3, 3, 13, 0, tzinfo=UTC))  # Tuesday 08:00: the reminder
    tick(container)
    reminder = next(p for p in posts_to(slack, COACH) if "Coaching with" in str(p.get("text")))
    _click(server, "coaching_held", button_value(reminder, "coaching_held"), COACH)
    clock.set(AFTER_SESSION)
    tick(container)
    tick(container)
    question = _rep_question(slack)  # once, however many ticks
    _click(server, "coaching_rep_says_yes", button_value(question, "coaching_rep_says_yes"), REP)
    assert _answers(container) == ("yes", "yes")
    assert container.coaching.mismatches(TEAM, COACH) is None  # only admins get a count


def test_only_the_rep_answers_the_reps_question(
    server: AppServer, slack: FakeSlack, clock: ManualClock, container: Container
) -> None:
    weekly(container)
    clock.set(AFTER_SESSION)
    tick(container)
    session_id = button_value(_rep_question(slack), "coaching_rep_says_no")
    for who in (COACH, OUTSIDER):
        _click(server, "coaching_rep_says_no", session_id, who)
    assert _answers(container) == (None, None)
