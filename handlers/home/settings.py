"""Changing things from the App Home: notification controls, the back-off answer, and (for
admins) the workspace settings. The kit publishes the Home again after each."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond

from bot.container import Container
from bot.domain.kernel.errors import InvalidInput
from bot.slack.errors import whisper
from bot.slack.home import admin, notifications
from bot.slack.home.ids import HomeAction, HomeBlock, HomeCallback
from bot.slack.kit import Listeners, action_value, submit, team_of, trigger_of, user_of, values_of


def register(on: Listeners, c: Container) -> None:
    """Attach the Home's settings listeners."""

    @on.action(HomeAction.EDIT_NOTIFICATIONS, refresh=False)
    def edit_notifications(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        prefs = c.notifications.prefs(team_of(body), user_of(body))
        c.gateway.open_view(trigger_of(body), notifications.prefs_modal(prefs))

    @on.view(HomeCallback.NOTIFICATIONS)
    def save_notifications(ack: Ack, body: dict[str, Any]) -> None:
        form = notifications.parse_prefs(values_of(body))
        saved = submit(
            ack,
            HomeBlock.TOPICS,
            lambda: c.notifications.save(team_of(body), user_of(body), form),
            blocks=notifications.FIELD_BLOCKS,
        )
        if saved is not None:
            ack()

    @on.action(HomeAction.BACKOFF)
    def backoff(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        answer = action_value(body) or ""
        c.notifications.answer_backoff(team_of(body), user_of(body), answer)
        whisper(respond, notifications.backoff_reply(answer), replace=True)

    @on.action(HomeAction.WORKSPACE_SETTINGS, refresh=False)
    def edit_workspace(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        team, user = team_of(body), user_of(body)
        c.admins.require_admin(team, user)
        view = admin.workspace_modal(
            c.workspace.view(team), c.pulses.settings(team).threshold, c.leads
        )
        c.gateway.open_view(trigger_of(body), view)

    @on.view(HomeCallback.WORKSPACE)
    def save_workspace(ack: Ack, body: dict[str, Any]) -> None:
        team, user = team_of(body), user_of(body)
        form = admin.parse_workspace(values_of(body))

        def save() -> object:
            # Every field is checked before anything is stored.
            c.admins.require_admin(team, user)
            c.workspace.clean(form.lead, form.days)
            pool = c.pulses.settings(team).pool_runs
            if form.threshold is None:
                raise InvalidInput({"threshold": "Type a whole number, 3 or more."})
            c.pulses.update_settings(team, user, form.threshold, pool)
            return c.workspace.update(team, user, form.lead, form.days, form.admins)

        saved = submit(ack, HomeBlock.ADMINS, save, blocks=admin.FIELD_BLOCKS)
        if saved is not None:
            ack()
