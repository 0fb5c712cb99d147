"""The private calendar feed's buttons on the Home tab: get a link, or turn it off."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.container import Container
from bot.slack.coaching import home_sections
from bot.slack.coaching.ids import CoachingAction
from bot.slack.kit import team_of, trigger_of, user_of


def register(app: App, c: Container) -> None:
    """Attach the calendar feed's listeners."""
    on = c.listeners(app)

    @on.action(CoachingAction.CALENDAR_LINK)
    def link(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        public = c.settings.public_url
        if public is None:
            c.gateway.open_view(trigger_of(body), home_sections.not_set_up_modal())
            return
        token = c.coaching.calendar.issue(team_of(body), user_of(body))
        url = home_sections.feed_url(public, token)
        c.gateway.open_view(trigger_of(body), home_sections.link_modal(url))

    @on.action(CoachingAction.CALENDAR_OFF)
    def off(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        c.coaching.calendar.revoke(team_of(body), user_of(body))
        c.gateway.open_view(trigger_of(body), home_sections.off_modal())
