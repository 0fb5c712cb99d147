"""Every coaching, pulse, bid, privacy and Home builder stays inside Slack's Block Kit limits at
the largest inputs the app accepts, and user-written text can neither ping nor link."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.domain.bids.dto import BidCount, BidHome, BidPrompt
from bot.domain.bids.outcomes import HOME_LIST, HOME_TOP
from bot.domain.bids.rules import MOMENTS, TEXT_MAX
from bot.domain.coaching.dto import Overview, PairView, SessionView
from bot.domain.coaching.nudges import (
    DeeperOffer,
    OpenRequest,
    Reminder,
    SessionRef,
    StreakOffer,
    bucket_questions,
)
from bot.domain.coachme.dto import AskSummary, RequestSummary
from bot.domain.coachme.rules import DEAL_MAX, LONG_MAX
from bot.domain.pulse.dto import AnswerReceipt, PulseView, ScheduleView, SettingsView
from bot.domain.pulse.rules import MAX_OPTIONS, OPTION_MAX, QUESTION_MAX, bank
from bot.slack import privacy
from bot.slack.bids import blocks as bids
from bot.slack.bids.ids import BidAction
from bot.slack.blockkit import Message
from bot.slack.chart_png import chart_png
from bot.slack.charts import LABEL_MAX, TITLE_MAX, alt_text, chart_block
from bot.slack.coaching import home as coaching_home
from bot.slack.coaching import modals as coaching_modals
from bot.slack.coaching import nudges as coaching_nudges
from bot.slack.coaching import replies as coaching_replies
from bot.slack.coaching.ids import CoachingAction
from bot.slack.home.blocks import home_view
from bot.slack.pulse import messages as pulse_messages
from bot.slack.pulse import modals as pulse_modals
from bot.slack.pulse import notes as pulse_notes
from bot.slack.pulse.chart import trend_chart
from tests.blockkit import check_message, check_view
from tests.pulse.pulse_helpers import PNG_SIGNATURE

PING = "<!channel> <@U1> "
ESCAPED = "&lt;!channel&gt; &lt;@U1&gt;"
WHEN = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the night Europe's clocks go back
LONG_ZONE = "America/Argentina/ComodRivadavia"


def user_text(n: int) -> str:
    """`n` characters of user text that tries to ping everyone and mention someone."""
    return (PING + "&<>" * n)[:n]


def mrkdwn_of(node: Any) -> list[str]:
    """Every mrkdwn text in `node`: where Slack turns `<!channel>` into a ping. (Plain text,
    as on buttons and options, shows such text as typed, so it must not be escaped.)"""
    if isinstance(node, list):
        return [t for item in node for t in mrkdwn_of(item)]
    if not isinstance(node, dict):
        return []
    if node.get("type") == "mrkdwn":
        return [str(node["text"])]
    return [t for value in node.values() for t in mrkdwn_of(value)]


def fits_message(msg: Message) -> str:
    """Check `msg`; return what Slack reads as mrkdwn (the fallback text is mrkdwn too)."""
    check_message(msg.text, msg.blocks)
    return "\n".join([msg.text, *mrkdwn_of(msg.blocks)])


def fits_view(view: dict[str, Any]) -> str:
    """Check `view`, option groups included (each group is checked as its own option list)."""
    flat = copy.deepcopy(view)
    for block in flat["blocks"]:
        element = block.get("element") or block.get("accessory") or {}
        if "option_groups" in element:
            groups = element.pop("option_groups")
            assert 1 <= len(groups) <= 100
            for group in groups:
                assert 0 < len(group["label"]["text"]) <= 75
                check_message("x", [{**block, "element": {**element, "options": group["options"]}}])
            element["options"] = [o for g in groups for o in g["options"]][:100]
    check_view(flat)
    return "\n".join(mrkdwn_of(view["blocks"]))


def assert_escaped(rendered: str) -> None:
    assert "<!channel>" not in rendered
    assert "<@U1>" not in rendered
    assert ESCAPED in rendered


# -- coaching ------------------------------------------------------------------------------


def pair(i: int, scheduled: bool = True) -> PairView:
    return PairView(
        id=i,
        team_id="T0001",
        manager_id="U_MANAGER_WITH_A_LONG_ID",
        rep_id=f"U_REP_{i:06d}",
        every_weeks=4 if scheduled else 0,
        weekday=6,
        start_time="23:45",
        length_minutes=90,
        lead="day_before",
        tz=LONG_ZONE,
        paused_until=date(2027, 12, 31),
        days_since_held=9999,
        next_start=WHEN,
    )


def overview(reps: int = 60) -> Overview:
    return Overview(
        reps=tuple(pair(i, scheduled=i % 2 == 0) for i in range(reps)),
        my_coach=pair(999),
        paused_until=date(2027, 12, 31),
    )


def ref() -> SessionRef:
    return SessionRef(
        session_id=123456789,
        manager_id="U_MANAGER_WITH_A_LONG_ID",
        rep_id="U_REP_000001",
        starts_at=WHEN.isoformat(),
        length_minutes=90,
        tz=LONG_ZONE,
    )


def big_reminder() -> Reminder:
    return Reminder(
        ref=ref(),
        days_since_held=9999,
        requests=tuple(OpenRequest(user_text(DEAL_MAX), user_text(LONG_MAX)) for _ in range(3)),
        deeper=tuple(DeeperOffer(user_text(DEAL_MAX), f"U_COACH_{i}") for i in range(3)),
        questions=tuple(bucket_questions(7)),
        bid=user_text(TEXT_MAX),
        priorities="\n".join(user_text(200) for _ in range(3)),
    )


def session_view() -> SessionView:
    return SessionView(
        id=123456789,
        pair_id=1,
        manager_id="U_MANAGER_WITH_A_LONG_ID",
        rep_id="U_REP_000001",
        starts_at=WHEN,
        tz=LONG_ZONE,
        status="planned",
        priorities="x" * 600,
    )


def test_coaching_messages_fit_at_maximum_sizes() -> None:
    reminder = coaching_nudges.manager_reminder(big_reminder())
    offer = StreakOffer(1, "U_REP_000001", WHEN.isoformat(), LONG_ZONE, ("skipped", "moved"))
    messages = [
        coaching_replies.help_message(),
        coaching_replies.notice("n" * 5000),
        coaching_replies.list_message(overview()),
        coaching_replies.list_message(Overview((), None, None)),
        coaching_replies.cadence_saved(pair(1)),
        coaching_replies.cadence_saved(pair(2, scheduled=False)),
        reminder,
        coaching_nudges.check_dm(ref()),
        coaching_nudges.rep_prep(ref()),
        coaching_nudges.streak_nudge(offer),
        coaching_nudges.quiet_note("U_REP_000001", 9999, True),
        coaching_nudges.quiet_note("U_REP_000001", 9999, False),
        coaching_replies.booked(session_view()),
    ]
    messages += [
        coaching_nudges.without_buttons(reminder.text, reminder.blocks, o)
        for o in coaching_nudges.MARKED_WORDS
    ]
    for msg in messages:
        fits_message(msg)
    # Sixty reps still fit one message, and every listed rep keeps its button.
    listed = coaching_replies.list_message(overview())
    buttons = [b for b in listed.blocks if b.get("accessory", {}).get("type") == "button"]
    assert len(buttons) == 40
    assert all(b["accessory"]["action_id"] == CoachingAction.SET_CADENCE for b in buttons)


def test_coaching_reminder_escapes_everything_people_wrote() -> None:
    rendered = fits_message(coaching_nudges.manager_reminder(big_reminder()))
    assert_escaped(rendered)
    # The whole text of the bid is user-written too (a personal or workspace prompt).
    bid_only = Reminder(ref(), None, (), (), (), PING + "say hi")
    assert_escaped(fits_message(coaching_nudges.manager_reminder(bid_only)))


def test_coaching_modals_fit_at_maximum_sizes() -> None:
    for view in (
        coaching_modals.add_rep_modal(),
        coaching_modals.cadence_modal(pair(1)),
        coaching_modals.cadence_modal(pair(2, scheduled=False)),
        coaching_modals.prep_modal(session_view()),
        coaching_modals.prep_saved("U_MANAGER_WITH_A_LONG_ID"),
        coaching_modals.reschedule_modal(session_view()),
        coaching_modals.pause_modal(123456789, date(2027, 12, 31)),
        coaching_modals.done_modal("A title far longer than a modal allows", "d" * 5000),
    ):
        fits_view(view)


# -- pulse ---------------------------------------------------------------------------------


def pulse_view(answer_type: str = "options", anonymous: bool = True) -> PulseView:
    labels = {
        "options": tuple(f"{i}" + user_text(OPTION_MAX - 1) for i in range(MAX_OPTIONS)),
        "scale": ("1", "2", "3", "4", "5"),
        "yes_no": ("Yes", "No"),
    }[answer_type]
    return PulseView(
        id=987654321,
        team_id="T0001",
        channel_id="C_TEAM",
        started_by="U_STARTER",
        question_text=user_text(QUESTION_MAX),
        answer_type=answer_type,
        labels=labels,
        scale_labels=(user_text(60), user_text(60)),
        anonymous=anonymous,
        threshold=50,
        closes_at=(WHEN + timedelta(days=7)).isoformat(),
        status="open",
    )


def schedule(i: int) -> ScheduleView:
    return ScheduleView(
        id=100000 + i,
        channel_id="C_TEAM",
        created_by="U_STARTER",
        question_text=user_text(QUESTION_MAX),
        anonymous=i % 2 == 0,
        every_weeks=1 + i % 2,
        weekday=i % 7,
        local_time="23:59",
        tz=LONG_ZONE,
        open_hours=168,
        next_at=WHEN if i % 3 else None,
    )


def result_payload(p: PulseView, named: bool) -> dict[str, Any]:
    n = len(p.labels)
    counts = [9999] * n
    return {
        "pulse": p.to_payload(),
        "shown": True,
        "result": {"counts": counts, "total": sum(counts), "average": 3.0},
        "pooled_runs": 6,
        "previous": {"counts": list(range(n)), "total": sum(range(n)), "average": 4.2},
        "named": [[f"U_VOTER_{i:05d}" for i in range(200)] for _ in range(n)] if named else None,
    }


@pytest.mark.parametrize("answer_type", ["options", "scale", "yes_no"])
def test_pulse_messages_fit_and_escape_the_question_everywhere(answer_type: str) -> None:
    p = pulse_view(answer_type)
    for msg in (
        pulse_messages.question_message(p),
        pulse_messages.reminder_message(p),
        pulse_messages.closed_message(p),
        pulse_messages.result_message(result_payload(p, named=False)),
        pulse_messages.result_message(result_payload(pulse_view(answer_type, False), True)),
        pulse_notes.schedule_saved(schedule(1)),
        pulse_notes.schedule_stopped(schedule(2)),
    ):
        # The question goes to a whole channel: not even the notification text may ping.
        assert_escaped(fits_message(msg))
    hidden = {"pulse": p.to_payload(), "shown": False}
    assert "<!channel>" not in fits_message(pulse_messages.result_message(hidden))


def test_pulse_answer_labels_are_escaped_where_mrkdwn_and_kept_as_typed_on_buttons() -> None:
    p = pulse_view("options")
    buttons = pulse_messages.question_message(p).blocks[1]["elements"]
    assert [b["text"]["text"] for b in buttons] == list(p.labels)
    receipt = AnswerReceipt(p.id, p.labels[0], True, WHEN, LONG_ZONE)
    assert_escaped(fits_message(pulse_notes.answer_receipt(receipt)))
    payload = result_payload(p, named=False)
    assert_escaped(pulse_messages.result_message(payload).blocks[1]["text"]["text"])


def test_pulse_lists_and_notes_fit() -> None:
    many = [schedule(i) for i in range(40)]
    open_now = [pulse_view() for _ in range(15)]
    listed = pulse_notes.schedule_list(many, open_now)
    assert_escaped(fits_message(listed))
    stops = [b["accessory"] for b in listed.blocks if "accessory" in b]
    assert len(stops) == 20
    for msg in (
        pulse_notes.schedule_list([], []),
        pulse_notes.settings_saved(SettingsView(50, 6)),
        pulse_notes.settings_saved(SettingsView(3, 0)),
        *(
            pulse_notes.undeliverable_dm({"pulse": pulse_view().to_payload(), "error": error})
            for error in ("e" * 5000, "not_in_channel")
        ),
        pulse_notes.not_in_channel(),
        pulse_notes.not_a_channel(),
        pulse_notes.help_message(),
    ):
        fits_message(msg)


def test_pulse_modals_fit_with_the_whole_bank() -> None:
    start = json.dumps(pulse_modals.start_modal("C" * 40, 50))
    fits_view(pulse_modals.start_modal("C" * 40, 50))
    for q in bank().values():
        assert q.key in start
    fits_view(pulse_modals.schedule_modal("C" * 40, LONG_ZONE))
    fits_view(pulse_modals.settings_modal(SettingsView(10, 6)))


@pytest.mark.parametrize("answer_type", ["options", "scale"])
def test_trend_chart_draws_thirty_six_runs(answer_type: str) -> None:
    p = pulse_view(answer_type)
    points = [
        {
            "date": (date(2026, 1, 1) + timedelta(weeks=i)).isoformat(),
            "pooled_runs": 1,
            "counts": [i % 7] * len(p.labels),
            "total": (i % 7) * len(p.labels),
            "average": 1 + (i % 5) if answer_type == "scale" else None,
        }
        for i in range(36)
    ]
    chart = trend_chart(p, points)
    assert chart.drawable
    png = chart_png(chart)
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > 1000
    block = chart_block(chart)
    assert len(block["title"]) <= TITLE_MAX
    categories = block["chart"]["axis_config"]["categories"]
    assert len(categories) == 20 and len(set(categories)) == 20  # the newest runs Slack draws
    assert all(len(s["name"]) <= LABEL_MAX for s in block["chart"]["series"])
    assert all(len(c) <= LABEL_MAX for c in categories)
    assert categories[-1] in alt_text(chart)


# -- bids ----------------------------------------------------------------------------------


def prompt(i: int, scope: str = "workspace", active: bool = True) -> BidPrompt:
    return BidPrompt(
        id=100000 + i,
        key=f"key-{i}-" + "k" * 50,
        text=user_text(TEXT_MAX),
        size=("small", "medium", "large")[i % 3],
        moments=MOMENTS,
        scope=scope,
        owner_user_id="U_ME",
        active=active,
    )


def test_bid_messages_fit_and_escape_the_prompt_everywhere() -> None:
    p = prompt(1)
    for msg in (
        bids.bid_message(p, "large", "after_tough_feedback"),
        bids.tried_message(p),
        bids.suggestion_dm(p, "U_REP_000001", user_text(DEAL_MAX)),
    ):
        assert_escaped(fits_message(msg))
    for msg in (
        bids.bid_message(None, "medium", "after_tough_feedback"),
        bids.help_message(),
        bids.help_message(PING * 100),
    ):
        assert "<!channel>" not in fits_message(msg)
    for outcome in ("toward", "away", "against", "too_soon"):
        fits_message(bids.outcome_noted(BidCount(p, 999999, 999999, 999999, 999999), outcome))


def test_bid_modals_fit() -> None:
    counts = [BidCount(prompt(i, active=i % 3 != 0), toward=i, away=i) for i in range(300)]
    for is_admin in (True, False):
        browse = bids.browse_modal(counts, is_admin, "U_ME")
        assert_escaped(fits_view(browse))
        assert "coachbot bids export" in json.dumps(browse["blocks"][-1])
    fits_view(bids.add_modal(True))
    fits_view(bids.add_modal(False))
    assert_escaped(fits_view(bids.added_modal(prompt(2))))


# -- privacy and the whole Home ------------------------------------------------------------


def test_privacy_modals_fit() -> None:
    confirm = privacy.forget_me_modal()
    assert "your name and time zone" in fits_view(confirm)
    assert confirm["submit"]["text"] == "Delete my data"
    fits_view(privacy.forgotten_modal())


def request(i: int) -> RequestSummary:
    return RequestSummary(
        id=i,
        team_id="T0001",
        rep_user_id="U_REP_000001",
        deal_name=user_text(DEAL_MAX),
        amount="999,999,999,999.99",
        stage="Negotiation",
        loss_reason="Went with a competitor",
        what_happened=user_text(LONG_MAX),
        do_differently=user_text(LONG_MAX),
        help_with=user_text(LONG_MAX),
        followup_on="2027-01-31",
        status="open",
        asks=tuple(AskSummary(j, f"U_PEER_{j:04d}", "peer", "unreachable") for j in range(10)),
    )


def full_store() -> BidHome:
    """The bid store's Home part at its longest."""
    counts = [BidCount(prompt(i), toward=99999, away=99999) for i in range(20)]
    return BidHome(
        active=99999,
        retired_count=99999,
        tried=9999999,
        top=tuple(counts[:HOME_TOP]),
        retired=tuple(prompt(i, active=False) for i in range(HOME_LIST)),
        mine=tuple(prompt(i, scope="personal") for i in range(HOME_LIST)),
        is_admin=True,
    )


def test_full_home_fits_and_keeps_every_section() -> None:
    store = full_store()
    view = home_view(
        [(i, request(i)) for i in range(40)],
        [request(i) for i in range(40)],
        coaching_home.home_blocks(overview(60)),
        bids.home_section(store, "U_ME"),
    )
    rendered = fits_view(view)
    assert_escaped(rendered)
    # Nothing was cut off the end: the last section's own button is still there.
    last = view["blocks"][-1]
    assert last["type"] == "actions"
    assert last["elements"][0]["action_id"] == BidAction.BROWSE
