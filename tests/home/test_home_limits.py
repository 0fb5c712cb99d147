"""The fullest App Home (a manager who is an admin, with every list at its longest) fits
Slack's limits and keeps every section, the last one included; the modals fit too."""

from __future__ import annotations

from datetime import date, time

from bot.domain.coaching.figures import Maturity, RepLine, TeamReport
from bot.domain.coachme.overview import RepOverview
from bot.domain.digest.service import Digest, PulseLine
from bot.domain.kernel.notifications import Backoff, PrefsView, QuietHours, Topic
from bot.domain.kernel.workspace import WorkspaceView
from bot.domain.pulse.trends import TeamTrend, TrendPoint
from bot.slack.bids import blocks as bids
from bot.slack.bids.ids import BidAction
from bot.slack.coaching import home as coaching_home
from bot.slack.coachme import home as coachme_home
from bot.slack.digest.blocks import digest_message
from bot.slack.home import admin, notifications
from bot.slack.home.blocks import home_view
from bot.slack.pulse import home as pulse_home
from tests.app.test_blocks_limits import (
    assert_escaped,
    fits_message,
    fits_view,
    full_store,
    overview,
    request,
    user_text,
)
from tests.blockkit import check_view

PREFS = PrefsView(
    frozenset({Topic.BIDS, Topic.PREP}),
    QuietHours(time(22), time(7)),
    (0, 1, 2),
    Backoff.PAUSED,
    date(2026, 4, 1),
)
WS = WorkspaceView("2h", (0, 1, 2, 3, 4), tuple(f"U_ADMIN_{i:04d}" for i in range(60)))
LEADS = {"2h": "2 hours before", "morning": "The morning of", "day_before": "The day before"}


def test_fullest_home_fits_and_keeps_every_section() -> None:
    view_of_team = overview(60)
    report = TeamReport(
        tuple(
            RepLine(p.rep_id, True, p.next_start, p.tz, 30, 7, 8, None) for p in view_of_team.reps
        ),
        420,
        480,
        Maturity.FORMAL,
    )
    trend = TeamTrend(
        "C1",
        user_text(300),
        "options",
        tuple(TrendPoint("2026-03-02", 9999, None, user_text(80)) for _ in range(6)),
    )
    store = full_store()
    rep = coachme_home.rep_summary(
        RepOverview(999, 999, 9999, tuple((user_text(150), date(2027, 1, 1)) for _ in range(5)))
    )
    view = home_view(
        [(i, request(i)) for i in range(40)],
        [request(i) for i in range(40)],
        coaching_home.rep_blocks(view_of_team),
        coaching_home.manager_blocks(view_of_team, report) + pulse_home.trend_blocks([trend] * 4),
        admin.admin_section(WS, 50, admin.AdminFigures(9999, 9999, 9999, 9999, 9999), LEADS),
        notifications.home_section(PREFS),
        bids.home_section(store, "U_ME"),
        mine_summary=rep,
    )
    rendered = fits_view(view)
    assert_escaped(rendered)
    last = view["blocks"][-1]
    assert last["type"] == "actions"
    assert last["elements"][0]["action_id"] == BidAction.BROWSE


def test_home_modals_and_digest_fit() -> None:
    check_view(notifications.prefs_modal(PREFS))
    check_view(admin.workspace_modal(WS, 50, LEADS))
    digest = Digest(
        "2026-03-09", 99, 999, 999, 9999, 999, (PulseLine(user_text(300), "4.2 of 5", -0.4),) * 3
    )
    assert "-0.4 since the last run" in fits_message(digest_message(digest))
    fits_message(notifications.backoff_message(3))
