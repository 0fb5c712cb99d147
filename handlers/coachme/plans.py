"""A rep's if-then plan: drafting it from feedback, and the one-click check-in answers."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.container import Container
from bot.slack.coachme import plans
from bot.slack.coachme.ids import CoachmeAction, CoachmeBlock, CoachmeCallback
from bot.slack.errors import whisper
from bot.slack.forms import int_value, metadata_of, text_of
from bot.slack.kit import button_id, submit, team_of, trigger_of, user_of, values_of, view_of

OUTCOME_OF = {
    CoachmeAction.PLAN_TRIED: "tried",
    CoachmeAction.PLAN_NOT_YET: "not_yet",
    CoachmeAction.PLAN_NOT_FIT: "not_fit",
}


def register(app: App, c: Container) -> None:
    """Attach the plan listeners."""
    on = c.listeners(app)

    @on.action(CoachmeAction.MAKE_PLAN)
    def make_plan(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        plan = c.feedback.draft_plan(team_of(body), user_of(body), button_id(body))
        c.gateway.open_view(trigger_of(body), plans.plan_modal(plan))

    @on.view(CoachmeCallback.PLAN)
    def save_plan(ack: Ack, body: dict[str, Any]) -> None:
        ask_id = int_value(metadata_of(view_of(body)).get("ask_id"))
        if ask_id is None:
            ack(
                response_action="errors",
                errors={CoachmeBlock.PLAN_WILL: "This form is out of date."},
            )
            return
        values = values_of(body)
        plan = submit(
            ack,
            CoachmeBlock.PLAN_WILL,
            lambda: c.feedback.commit(
                team_of(body),
                user_of(body),
                ask_id,
                text_of(values, CoachmeBlock.PLAN_WHEN),
                text_of(values, CoachmeBlock.PLAN_WILL),
            ),
            blocks=plans.PLAN_BLOCKS,
        )
        if plan is None:
            return
        ack(response_action="update", view=plans.plan_saved_modal(plan))

    def answer(ack: Ack, body: dict[str, Any], respond: Respond, action: str) -> None:
        ack()
        plan = c.feedback.record_outcome(
            team_of(body), user_of(body), button_id(body), OUTCOME_OF[CoachmeAction(action)]
        )
        whisper(respond, plans.outcome_note(plan), replace=True)

    @on.action(CoachmeAction.PLAN_TRIED)
    def tried(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        answer(ack, body, respond, CoachmeAction.PLAN_TRIED)

    @on.action(CoachmeAction.PLAN_NOT_YET)
    def not_yet(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        answer(ack, body, respond, CoachmeAction.PLAN_NOT_YET)

    @on.action(CoachmeAction.PLAN_NOT_FIT)
    def not_fit(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        answer(ack, body, respond, CoachmeAction.PLAN_NOT_FIT)

    def consent(ack: Ack, body: dict[str, Any], respond: Respond, share: bool) -> None:
        ack()
        plan = c.feedback.share_thanks(team_of(body), user_of(body), button_id(body), share)
        whisper(respond, plans.shared_note(plan, share), replace=True)

    @on.action(CoachmeAction.PLAN_SHARE)
    def share(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        consent(ack, body, respond, True)

    @on.action(CoachmeAction.PLAN_KEEP)
    def keep(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        consent(ack, body, respond, False)
