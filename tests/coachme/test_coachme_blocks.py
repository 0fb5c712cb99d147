"""Every /coachme message and modal stays inside Slack's Block Kit limits, even at maximum
input sizes, user text can neither ping nor link, and every form field has a block to show
its error on."""

from __future__ import annotations

from dataclasses import fields

from bot.domain.coachme.dto import AnswerSummary, AskSummary, RequestSummary
from bot.domain.coachme.rules import AnswerForm, RequestForm
from bot.slack.coachme import messages, modals
from bot.slack.coachme.forms import FIELD_BLOCKS
from bot.slack.home.blocks import home_view
from tests.blockkit import check_message, check_view

LONG = "<!channel> " + "x" * 2100


def big_request(asks: int = 4) -> RequestSummary:
    return RequestSummary(
        id=1,
        team_id="T",
        rep_user_id="U1",
        deal_name="D" * 150,
        amount="999,999,999,999.99",
        stage="Negotiation",
        loss_reason="Went with a competitor",
        what_happened=LONG,
        do_differently=LONG,
        help_with=LONG,
        followup_on="2027-01-31",
        status="open",
        asks=tuple(AskSummary(i, f"U{i}", "peer", "expired") for i in range(asks)),
    )


def test_messages_fit_at_maximum_sizes() -> None:
    req = big_request()
    answer = AnswerSummary(
        1, "U2", "U1", "D" * 150, "y" * 1500, "y" * 1500, "y" * 1500, "z" * 1500, True
    )
    delivered = messages.feedback_delivered(answer)
    for msg in (
        messages.ask_dm(req, 1),
        messages.nudge_dm(req, 1),
        messages.request_sent(req),
        messages.ask_unreachable("U2", "D" * 150),
        messages.ask_declined("U2", req),
        messages.feedback_delivered(answer),
        messages.feedback_thanks("U1", "D" * 150),
        messages.request_expired(req),
        messages.account_followup(req),
        messages.help_message(),
        messages.thanks_sent(),
        messages.thanked({"text": delivered.text, "blocks": delivered.blocks}),
        messages.declined_note("U1"),
    ):
        check_message(msg.text, msg.blocks)


def test_modals_fit_at_maximum_sizes() -> None:
    check_view(modals.request_modal("D" * 400, "U2", "C1"))
    check_view(modals.feedback_modal(big_request(), 123456))
    check_view(modals.notice_modal("A very long title that will not fit", "x" * 5000))
    check_view(modals.feedback_sent_modal("U1"))
    check_view(
        home_view([(i, big_request()) for i in range(30)], [big_request() for _ in range(30)])
    )


def test_user_text_cannot_ping_or_link() -> None:
    msg = messages.ask_dm(big_request(), 1)
    rendered = str(msg.blocks)
    assert "<!channel>" not in rendered
    assert "&lt;!channel&gt;" in rendered


def test_thanks_replaces_only_the_buttons_of_the_feedback() -> None:
    answer = AnswerSummary(1, "U2", "U1", "Acme", "Listen.", "", "", "Ask why.", False)
    delivered = messages.feedback_delivered(answer)
    thanked = messages.thanked({"text": delivered.text, "blocks": delivered.blocks})
    assert thanked.text == delivered.text
    assert [b for b in thanked.blocks if b["type"] == "actions"] == []
    # Everything but the thanks button stays, the offer to make it a plan included.
    assert thanked.blocks[:-1] == [b for b in delivered.blocks if b["type"] != "actions"]
    assert "Make it my plan" in str(thanked.blocks[-2])
    assert "Thanks sent" in str(thanked.blocks[-1])


def test_each_form_field_has_a_block_to_show_its_error_on() -> None:
    for form, view in (
        (RequestForm, modals.request_modal()),
        (AnswerForm, modals.feedback_modal(big_request(), 1)),
    ):
        inputs = {b["block_id"] for b in view["blocks"] if b["type"] == "input"}
        assert {FIELD_BLOCKS[f.name] for f in fields(form)} == inputs
