"""Composing a person's App Home from each feature's published part, by role.

Everyone sees their own requests, coaching and notification settings. A manager (anyone
coaching a rep) also sees their own team only; an admin also sees the workspace settings,
adoption in totals and the exports. Roles add up: a manager who is an admin sees both.
"""

from __future__ import annotations

from typing import Any

from bot.container import Container
from bot.domain.coaching.dto import Overview
from bot.slack.bids import blocks as bid_views
from bot.slack.blockkit import Blocks
from bot.slack.coaching import home as coaching_views
from bot.slack.coachme import home as coachme_views
from bot.slack.home.admin import AdminFigures, admin_section
from bot.slack.home.blocks import home_view
from bot.slack.home.notifications import home_section as notification_section
from bot.slack.pulse import home as pulse_views


def manager_part(c: Container, team_id: str, user_id: str, overview: Overview) -> Blocks:
    """The manager's own team, their team's pulse, and its coaching maturity."""
    if not overview.reps:
        return coaching_views.manager_blocks(overview, None)
    report = c.coaching.team_report(team_id, user_id)
    blocks = coaching_views.manager_blocks(overview, report)
    return blocks + pulse_views.trend_blocks(c.pulses.team_trends(team_id, user_id))


def admin_part(c: Container, team_id: str) -> Blocks:
    """Workspace settings, adoption in aggregate and the exports."""
    adoption = c.coaching.adoption(team_id)
    speed = c.feedback.answer_speed(team_id)
    figures = AdminFigures(
        adoption.pairs, adoption.scheduled, adoption.on_cadence, speed.in_time, speed.counted
    )
    threshold = c.pulses.settings(team_id).threshold
    return admin_section(c.workspace.view(team_id), threshold, figures, c.leads)


def build_home(c: Container, team_id: str, user_id: str) -> dict[str, Any]:
    """`user_id`'s Home tab, with the parts their roles give them."""
    overview = c.coaching.overview(team_id, user_id)
    is_manager = bool(overview.reps)
    sections: list[Blocks] = []
    if not is_manager or overview.my_coach is not None or overview.paused_until is not None:
        # A manager with no coach of their own needs no "ask your manager" hint.
        sections.append(coaching_views.rep_blocks(overview))
    if is_manager or overview.my_coach is None:
        # Someone not coached yet may be a manager about to start: show how.
        sections.append(manager_part(c, team_id, user_id, overview))
    if c.admins.is_admin(team_id, user_id):
        sections.append(admin_part(c, team_id))
    sections.append(notification_section(c.notifications.prefs(team_id, user_id)))
    sections.append(bid_views.home_section(c.bids.home(team_id, user_id), user_id))
    return home_view(
        c.feedback.open_asks_for(team_id, user_id),
        c.feedback.requests_of(team_id, user_id),
        *sections,
        mine_summary=coachme_views.rep_summary(c.feedback.rep_overview(team_id, user_id)),
    )


def publish_home(c: Container, team_id: str, user_id: str) -> None:
    """Render and publish `user_id`'s Home tab."""
    c.gateway.publish_home(user_id, build_home(c, team_id, user_id))
