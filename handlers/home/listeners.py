"""The App Home tab."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.slack.bids import blocks as bid_views
from bot.slack.coaching import agenda as agenda_views
from bot.slack.coaching import attendance as attendance_views
from bot.slack.coaching import home as coaching_views
from bot.slack.coaching import home_sections
from bot.slack.coachme import messages as coachme_views
from bot.slack.coachme import plans as plan_views
from bot.slack.home.blocks import home_view
from bot.slack.ids import Action, Event
from bot.slack.kit import user_of


def publish_home(c: Container, team_id: str, user_id: str) -> None:
    """Render and publish `user_id`'s Home tab."""
    view = home_view(
        c.feedback.open_asks_for(team_id, user_id),
        c.feedback.requests_of(team_id, user_id),
        coaching_views.home_blocks(c.coaching.overview(team_id, user_id)),
        bid_views.home_section(c.bids.home(team_id, user_id), user_id),
        plan_views.home_section(c.feedback.outcome_counts(team_id, user_id)),
        attendance_views.admin_section(c.coaching.mismatches(team_id, user_id)),
        agenda_views.home_section(c.coaching.agenda.for_user(team_id, user_id)),
        home_sections.calendar_section(
            c.coaching.calendar.has_feed(team_id, user_id), c.settings.public_url is not None
        ),
    )
    c.gateway.publish_home(user_id, view)


def register(app: App, c: Container) -> None:
    """Attach the Home listeners."""
    on = c.listeners(app)

    @on.event(Event.APP_HOME_OPENED)
    def home_opened(event: dict[str, Any], body: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        publish_home(c, str(body.get("team_id") or ""), str(event["user"]))

    @on.action(Action.SHOW_HELP)
    def show_help(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        msg = coachme_views.help_message()
        c.gateway.post(user_of(body), msg)
