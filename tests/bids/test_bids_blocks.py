"""The bid builders stay inside Slack's Block Kit limits, even with long or odd input."""

from __future__ import annotations

from bot.domain.bids.dto import BidCount, BidHome, BidPrompt
from bot.domain.bids.rules import SIZES
from bot.slack.bids import blocks as views
from bot.slack.home.blocks import home_view
from tests.blockkit import check_message, check_view


def _prompt(i: int, text: str = "Ask how their weekend went <!channel> & listen.") -> BidPrompt:
    return BidPrompt(
        i, f"k-{i}", text, SIZES[i % 3], ("anytime", "after_loss"), "library", None, i % 4 != 0
    )


def test_messages_fit_and_escape_user_text() -> None:
    long = _prompt(1, "x" * 200)
    for msg in (
        views.bid_message(long, "large", "after_loss"),
        views.bid_message(None, "small", "before_session"),
        views.tried_message(long),
        views.outcome_noted(BidCount(long, toward=3, away=1), "toward"),
        views.help_message("z" * 500),
        views.suggestion_dm(long, "U_REP", "Acme <script>"),
    ):
        check_message(msg.text, msg.blocks)
    assert "<!channel>" not in str(views.bid_message(_prompt(2), None, None).blocks)


def test_views_fit_with_a_large_store() -> None:
    counts = [BidCount(_prompt(i), toward=i) for i in range(200)]
    check_view(views.browse_modal(counts, True, "U_ADM"))
    check_view(views.add_modal(True))
    check_view(views.add_modal(False))
    check_view(views.added_modal(_prompt(3)))
    home = BidHome(
        active=150,
        retired_count=50,
        tried=900,
        top=tuple(counts[:5]),
        retired=tuple(c.prompt for c in counts[:5]),
        mine=tuple(c.prompt for c in counts[:5]),
        is_admin=True,
    )
    view = home_view([], [], views.home_section(home, "U_ADM"))
    check_view(view)
    assert len(view["blocks"]) < 100
