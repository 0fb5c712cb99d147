"""The builders of plans, shared agendas, both sides' answers, calendar links and pulse
comments stay inside Block Kit's limits at the largest inputs, and escape what people wrote."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.coaching.agenda import ITEM_MAX, MAX_OPEN_SHOWN, PairAgenda
from bot.domain.coaching.nudges import AgendaLine, Reminder
from bot.domain.coachme.commitments import PLAN_MAX, OutcomeCounts, PlanView
from bot.domain.coachme.rules import ANSWER_MAX, DEAL_MAX
from bot.domain.pulse.comments import COMMENT_MAX
from bot.domain.pulse.rules import QUESTION_MAX
from bot.slack.blockkit import Message
from bot.slack.coaching import agenda, attendance, home_sections
from bot.slack.coaching import nudges as coaching_nudges
from bot.slack.coachme import plans
from bot.slack.pulse import comments
from bot.slack.pulse import messages as pulse_messages
from tests.app.test_blocks_limits import (
    assert_escaped,
    big_reminder,
    fits_message,
    fits_view,
    pulse_view,
    ref,
    user_text,
)

WHEN = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)


def plan(outcome: str | None = None) -> PlanView:
    return PlanView(
        123456789,
        987654321,
        "U_REP_000001",
        "U_COACH_00001",
        user_text(DEAL_MAX),
        user_text(PLAN_MAX),
        user_text(PLAN_MAX),
        outcome,
    )


def lines() -> tuple[AgendaLine, ...]:
    return tuple(
        AgendaLine(i, "action" if i % 2 else "topic", user_text(ITEM_MAX), "U_REP_000001")
        for i in range(MAX_OPEN_SHOWN)
    )


def test_plan_messages_fit_and_escape_the_reps_words() -> None:
    views = [plans.plan_modal(plan()), plans.plan_saved_modal(plan())]
    for view in views:
        assert_escaped(fits_view(view))
    messages = [plans.checkin_dm(plan(), w) for w in (1, 3)]
    messages += [plans.outcome_note(plan(o)) for o in ("tried", "not_yet", "not_fit")]
    messages += [plans.shared_note(plan("tried"), s) for s in (True, False)]
    messages.append(plans.thanks_dm("U_REP_000001", user_text(DEAL_MAX), user_text(ANSWER_MAX)))
    for msg in messages:
        assert_escaped(fits_message(msg))
    counts = OutcomeCounts(99999, 99999, 99999, 99999, 99999)
    fits_message(Message("x", plans.home_section(counts)))


def test_prep_and_reminder_fit_with_plans_and_a_full_agenda() -> None:
    sentences = tuple(plan().sentence for _ in range(3))
    full = Reminder(**{**big_reminder().__dict__, "plans": sentences, "agenda": lines()})
    reminder = coaching_nudges.manager_reminder(full)
    assert_escaped(fits_message(reminder))
    assert_escaped(fits_message(coaching_nudges.rep_prep(ref(), sentences, lines())))
    held = coaching_nudges.without_buttons(
        reminder.text, reminder.blocks, "held", [agenda.action_items_block(1)]
    )
    fits_message(held)
    fits_message(agenda.without_line({"text": reminder.text, "blocks": reminder.blocks}, 3))
    for kind in ("topic", "action"):
        fits_view(agenda.agenda_modal(1, kind))
    fits_view(agenda.added_modal())
    home = agenda.home_section([PairAgenda(i, f"U_{i}", lines()) for i in range(20)])
    assert len(home) <= 50
    assert_escaped(fits_message(Message("x", home)))


def test_attendance_and_calendar_fit() -> None:
    for msg in (
        attendance.rep_check_dm(ref()),
        attendance.rep_answered(True),
        attendance.rep_answered(False),
    ):
        fits_message(msg)
    fits_message(Message("x", attendance.admin_section(99999)))
    assert attendance.admin_section(None) == []
    url = home_sections.feed_url("https://" + "a" * 200 + ".example.com", "T" * 43)
    for view in (
        home_sections.link_modal(url),
        home_sections.off_modal(),
        home_sections.not_set_up_modal(),
    ):
        fits_view(view)


def test_comments_fit_and_escape_what_people_wrote() -> None:
    p = pulse_view()
    many = [{"id": i, "text": user_text(COMMENT_MAX) + "\nline two"} for i in range(60)]
    shown = comments.comments_message({"pulse": p.to_payload(), "comments": many})
    assert_escaped(fits_message(shown))
    fits_message(comments.comments_message({"pulse": p.to_payload(), "hidden": 3}))
    reply = {
        "owner_id": "U_OWNER",
        "question": user_text(QUESTION_MAX),
        "comment": user_text(COMMENT_MAX),
        "reply": user_text(COMMENT_MAX),
    }
    assert_escaped(fits_message(comments.reply_dm(reply)))
    for view in (
        comments.comment_modal(1, 99),
        comments.comment_saved_modal(True),
        comments.reply_modal(1, user_text(COMMENT_MAX)),
        comments.reply_sent_modal(),
    ):
        fits_view(view)


def test_a_withheld_result_fits_and_shows_no_count_per_answer() -> None:
    p = pulse_view()
    for shape in ("alike", "one_sided"):
        msg = pulse_messages.result_message(
            {"pulse": p.to_payload(), "shown": True, "shape": shape, "total": 7, "pooled_runs": 2}
        )
        fits_message(msg)
        assert all(label not in str(msg.blocks) for label in p.labels if len(label) > 3)
