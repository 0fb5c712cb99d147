"""Every /coachme message and modal stays inside Slack's Block Kit limits, even at maximum
input sizes, and user text can neither ping nor link."""

from __future__ import annotations

from bot.domain.coachme.dto import AnswerSummary, AskSummary, RequestSummary
from bot.slack.coachme import blocks as coachme
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
    for msg in (
        coachme.ask_dm(req, 1),
        coachme.nudge_dm(req, 1),
        coachme.request_sent(req),
        coachme.ask_unreachable("U2", "D" * 150),
        coachme.ask_declined("U2", req),
        coachme.feedback_delivered(answer),
        coachme.feedback_thanks("U1", "D" * 150),
        coachme.request_expired(req),
        coachme.account_followup(req),
        coachme.help_message(),
        coachme.thanks_sent(),
    ):
        check_message(msg.text, msg.blocks)


def test_modals_fit_at_maximum_sizes() -> None:
    check_view(coachme.request_modal("D" * 400, "U2", "C1"))
    check_view(coachme.feedback_modal(big_request(), 123456))
    check_view(coachme.notice_modal("A very long title that will not fit", "x" * 5000))
    check_view(
        home_view([(i, big_request()) for i in range(30)], [big_request() for _ in range(30)])
    )


def test_user_text_cannot_ping_or_link() -> None:
    msg = coachme.ask_dm(big_request(), 1)
    rendered = str(msg.blocks)
    assert "<!channel>" not in rendered
    assert "&lt;!channel&gt;" in rendered
