"""From a lost deal to a plan: the rep's if-then plan from feedback, spaced check-ins in
working hours that stop once answered, the plan in both sides' prep, counts in the coach's
Home, thanks to the giver only with consent, and who may see or touch a plan."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import Commitment, OutboxMessage
from bot.domain.kernel import wallclock
from bot.domain.kernel.clock import ManualClock
from bot.scheduler import tick
from handlers.home.listeners import publish_home
from tests.coaching.coaching_helpers import weekly
from tests.coachme.coachme_steps import (
    all_text,
    button_value,
    click,
    dms_to,
    open_feedback_form,
    submit_answer,
    submit_request,
)
from tests.conftest import COACH, OUTSIDER, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import plain, view_submission

TEAM = "T0001"
WHEN = "a buyer asks for pricing before I know who signs"
WILL = "ask who else has to say yes before I send a number"


def _feedback_to_rep(server: AppServer, slack: FakeSlack) -> dict[str, Any]:
    submit_request(server)
    ask_id, _ = open_feedback_form(server, slack)
    submit_answer(server, ask_id)
    return next(m for m in dms_to(slack, REP) if "sent feedback" in m["text"])


def _save_plan(server: AppServer, slack: FakeSlack, delivered: dict[str, Any]) -> dict[str, Any]:
    ask_id = button_value(delivered, "coachme_make_plan")
    click(server, "coachme_make_plan", ask_id, REP)
    view = slack.calls_to("views.open")[-1]["view"]
    reply = server.post(
        view_submission(
            "coachme_plan",
            {"plan_when": {"plan_when": plain(WHEN)}, "plan_will": {"plan_will": plain(WILL)}},
            user_id=REP,
            private_metadata=view["private_metadata"],
        )
    )
    server.settle()
    assert reply.status == 200
    return dict(json.loads(reply.body))


def _first_checkin(
    server: AppServer, slack: FakeSlack, c: Container, clock: ManualClock
) -> dict[str, Any]:
    """Make a plan, let a week pass: the first "did you get to try it?" DM."""
    _save_plan(server, slack, _feedback_to_rep(server, slack))
    clock.advance(timedelta(days=7, hours=1))
    tick(c)
    return next(m for m in dms_to(slack, REP) if "Did you get to try it" in all_text(m))


def _checkins(c: Container) -> list[OutboxMessage]:
    with c.sessions() as s:
        return list(
            s.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.kind == "plan_checkin")
                .order_by(OutboxMessage.due_at)
            )
        )


def test_feedback_becomes_the_reps_plan_in_one_click_prefilled_with_the_suggestion(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    delivered = _feedback_to_rep(server, slack)
    click(server, "coachme_make_plan", button_value(delivered, "coachme_make_plan"), REP)
    view = slack.calls_to("views.open")[-1]["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["plan_will"]["element"]["initial_value"] == (
        "Ask who signs before you send pricing"
    )
    assert "Acme renewal" in blocks["plan_when"]["element"]["initial_value"]
    saved = _save_plan(server, slack, delivered)
    assert saved["response_action"] == "update"
    assert f"When {WHEN}, I will {WILL}" in json.dumps(saved["view"])


def test_two_spaced_check_ins_in_working_hours_quote_the_reps_words_and_stop_once_answered(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    _save_plan(server, slack, _feedback_to_rep(server, slack))
    checkins = _checkins(container)
    assert len(checkins) == 2
    start = clock.now()
    for row, days in zip(checkins, (7, 21), strict=True):
        local = row.due_at.astimezone(wallclock.zone("America/New_York"))
        assert local.weekday() < 5 and 9 <= local.hour < 17, local
        assert timedelta(days=days) <= row.due_at - start < timedelta(days=days + 3)

    clock.advance(timedelta(days=7, hours=1))
    tick(container)
    [first] = [m for m in dms_to(slack, REP) if "Did you get to try it" in all_text(m)]
    assert f"When {WHEN}, I will {WILL}." in all_text(first)
    click(server, "coachme_plan_tried", button_value(first, "coachme_plan_tried"), REP)
    note = slack.wait_for_replies()[-1]
    assert note["replace_original"] is True
    assert "May I tell <@U_COACH>" in json.dumps(note["blocks"])

    clock.advance(timedelta(days=20))
    tick(container)
    asked = [m for m in dms_to(slack, REP) if "Did you get to try it" in all_text(m)]
    assert len(asked) == 1  # the three-week check-in was cancelled by the answer
    assert [r.status for r in _checkins(container)] == ["sent", "cancelled"]


def test_not_yet_keeps_the_later_check_in(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    first = _first_checkin(server, slack, container, clock)
    click(server, "coachme_plan_not_yet", button_value(first, "coachme_plan_not_yet"), REP)
    clock.advance(timedelta(days=15))
    tick(container)
    asked = [m for m in dms_to(slack, REP) if "Did you get to try it" in all_text(m)]
    assert len(asked) == 2
    assert "About 3 weeks ago" in asked[1]["text"]


def test_the_giver_hears_it_was_tried_only_with_the_reps_consent(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    first = _first_checkin(server, slack, container, clock)
    plan_id = button_value(first, "coachme_plan_tried")
    click(server, "coachme_plan_tried", plan_id, REP)
    assert not [m for m in dms_to(slack, COACH) if "tried what you suggested" in m["text"]]
    click(server, "coachme_plan_share", plan_id, REP)
    click(server, "coachme_plan_share", plan_id, REP)  # a double click tells them once
    thanks = [m for m in dms_to(slack, COACH) if "tried what you suggested" in m["text"]]
    assert len(thanks) == 1
    assert "Ask who signs before you send pricing" in all_text(thanks[0])


def test_keeping_it_private_tells_nobody(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    first = _first_checkin(server, slack, container, clock)
    plan_id = button_value(first, "coachme_plan_tried")
    click(server, "coachme_plan_tried", plan_id, REP)
    click(server, "coachme_plan_keep", plan_id, REP)
    click(server, "coachme_plan_share", plan_id, REP)  # the first answer stands
    assert not [m for m in dms_to(slack, COACH) if "tried what you suggested" in m["text"]]


def test_the_plan_is_in_the_next_prep_for_both_sides_and_nobody_else(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    _save_plan(server, slack, _feedback_to_rep(server, slack))
    weekly(container)  # Tuesdays 10:00 New York; the rep's prep is due Monday 10:00, now
    tick(container)
    sentence = f"When {WHEN}, I will {WILL}"
    prep = next(m for m in dms_to(slack, REP) if "coaching_add_priorities" in all_text(m))
    assert sentence in all_text(prep)
    clock.advance(timedelta(hours=22))  # Tuesday 08:00: the manager's reminder
    tick(container)
    reminder = next(m for m in dms_to(slack, COACH) if "Coaching with" in m["text"])
    assert sentence in all_text(reminder)
    # The peer who also gave feedback, and anyone else, never see the rep's plan.
    for other in (PEER, OUTSIDER):
        assert not [m for m in dms_to(slack, other) if WHEN in all_text(m)]


def test_only_the_rep_can_make_or_answer_their_plan(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    delivered = _feedback_to_rep(server, slack)
    ask_id = button_value(delivered, "coachme_make_plan")
    opened = len(slack.calls_to("views.open"))
    click(server, "coachme_make_plan", ask_id, OUTSIDER)
    assert len(slack.calls_to("views.open")) == opened
    assert "Only the person who asked" in json.dumps(slack.wait_for_replies()[-1])
    _save_plan(server, slack, delivered)
    with container.sessions() as s:
        plan_id = str(s.scalar(select(Commitment.id)))
    for who in (OUTSIDER, COACH):
        click(server, "coachme_plan_tried", plan_id, who)
    with container.sessions() as s:
        assert s.scalar(select(Commitment.outcome)) is None


def test_outcomes_reach_the_coachs_home_as_counts_only(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    weekly(container)
    first = _first_checkin(server, slack, container, clock)
    click(server, "coachme_plan_tried", button_value(first, "coachme_plan_tried"), REP)
    publish_home(container, TEAM, COACH)
    home = json.dumps(slack.calls_to("views.publish")[-1]["view"])
    assert "Plans made from feedback:* 1" in home
    assert "1 tried \\u00b7 0 not yet \\u00b7 0 didn't fit \\u00b7 0 not asked yet" in home
    assert WHEN not in home and WILL not in home  # the words stay in the prep
    publish_home(container, TEAM, OUTSIDER)
    assert "Plans made" not in json.dumps(slack.calls_to("views.publish")[-1]["view"])


def test_forget_me_deletes_the_reps_plans_and_their_check_ins(
    any_db_container: Container, slack: FakeSlack
) -> None:
    server = AppServer(any_db_container)
    try:
        _save_plan(server, slack, _feedback_to_rep(server, slack))
    finally:
        server.close()
    any_db_container.privacy.forget_user(TEAM, REP)
    with any_db_container.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Commitment)) == 0
        assert (
            s.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == "plan_checkin")
            )
            == 0
        )


def test_a_rewritten_plan_keeps_its_dates_and_the_check_ins_quote_the_new_words(
    server: AppServer, slack: FakeSlack, container: Container, clock: ManualClock
) -> None:
    delivered = _feedback_to_rep(server, slack)
    _save_plan(server, slack, delivered)
    before = [r.due_at for r in _checkins(container)]
    ask_id = button_value(delivered, "coachme_make_plan")
    plan = container.feedback.commit(TEAM, REP, int(ask_id), "the CFO joins", "ask about budget")
    assert plan.sentence == "When the CFO joins, I will ask about budget"
    rows = _checkins(container)
    waiting = [r for r in rows if r.status == "pending"]
    assert [r.due_at for r in waiting] == before
    assert all("ask about budget" in json.dumps(r.payload) for r in waiting)
    assert {r.status for r in rows} == {"pending", "cancelled"}
