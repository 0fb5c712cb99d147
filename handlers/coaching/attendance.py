"""The rep's one-click answer to "did your coaching session happen?"."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.container import Container
from bot.slack.coaching import attendance
from bot.slack.coaching.ids import CoachingAction
from bot.slack.errors import whisper
from bot.slack.kit import button_id, team_of, user_of


def register(app: App, c: Container) -> None:
    """Attach the listeners for the rep's side of "did it happen?"."""
    on = c.listeners(app)

    def answer(happened: bool) -> Any:
        def handler(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
            ack()
            c.coaching.rep_says(team_of(body), user_of(body), button_id(body), happened)
            whisper(respond, attendance.rep_answered(happened), replace=True)

        return handler

    on.action(CoachingAction.REP_SAYS_YES)(answer(True))
    on.action(CoachingAction.REP_SAYS_NO)(answer(False))
