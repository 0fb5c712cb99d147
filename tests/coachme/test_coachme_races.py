"""Replays, double clicks and two decisions at once: one request, one outcome, one message."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import FeedbackRequest
from tests.coachme.coachme_steps import (
    answer_values,
    button_value,
    dms_to,
    request_values,
    submit_request,
)
from tests.conftest import COACH, PEER, REP, AppServer
from tests.fakes.slack_api import FakeSlack
from tests.payloads import block_action, view_submission


def _requests(c: Container) -> int:
    with c.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(FeedbackRequest)) or 0)


def _at_once(calls: list[Callable[[], object]]) -> None:
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> None:
        barrier.wait()
        call()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_a_replayed_submission_makes_one_request(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    for _ in range(3):
        assert submit_request(server, view_id="V_SAME").status == 200
    assert _requests(container) == 1
    assert len(dms_to(slack, COACH)) == 1
    assert len(dms_to(slack, PEER)) == 1


def test_five_submits_of_one_view_at_once_make_one_request(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    body = view_submission("coachme_request", request_values(), user_id=REP, view_id="V_DBL")
    _at_once([lambda: server.post(body) for _ in range(5)])
    server.settle()
    assert _requests(container) == 1
    assert len(dms_to(slack, COACH)) == 1


def test_two_forms_make_two_requests(server: AppServer, container: Container) -> None:
    submit_request(server)
    submit_request(server)
    assert _requests(container) == 2


def test_decline_and_send_at_once_tell_the_rep_one_thing(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    submit_request(server, peers={"type": "multi_users_select", "selected_users": []})
    ask_id = int(button_value(dms_to(slack, COACH)[0], "give_feedback"))
    answer = view_submission(
        "feedback_answer",
        answer_values(),
        user_id=COACH,
        private_metadata=json.dumps({"ask_id": ask_id}),
    )
    decline = block_action("cant_now", str(ask_id), user_id=COACH, channel_id=f"D{COACH}")
    _at_once([lambda: server.post(answer), lambda: server.post(decline)])
    server.settle()
    answered = container.outbox.status_of(f"ask:{ask_id}:answer")
    declined = container.outbox.status_of(f"ask:{ask_id}:declined")
    assert sorted(s for s in (answered, declined) if s is not None) == ["sent"]


def test_feedback_after_a_decline_is_not_delivered(
    server: AppServer, slack: FakeSlack, container: Container
) -> None:
    submit_request(server, peers={"type": "multi_users_select", "selected_users": []})
    ask_id = int(button_value(dms_to(slack, COACH)[0], "give_feedback"))
    server.post(block_action("cant_now", str(ask_id), user_id=COACH, channel_id=f"D{COACH}"))
    server.settle()
    reply = server.post(
        view_submission(
            "feedback_answer",
            answer_values(),
            user_id=COACH,
            private_metadata=json.dumps({"ask_id": ask_id}),
        )
    )
    server.settle()
    assert reply.status == 200
    assert container.outbox.status_of(f"ask:{ask_id}:answer") is None
    assert container.outbox.status_of(f"ask:{ask_id}:declined") == "sent"


def test_a_stale_button_gets_kind_words_not_a_form_error(
    server: AppServer, slack: FakeSlack
) -> None:
    server.post(block_action("give_feedback", "not-an-id", user_id=COACH, channel_id=f"D{COACH}"))
    server.settle()
    (reply,) = slack.wait_for_replies()
    assert "older message" in reply["text"]
    assert "Please fix" not in reply["text"]
    assert slack.calls_to("views.open") == []
