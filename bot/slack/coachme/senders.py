"""How each kind of /coachme message is rendered for delivery."""

from __future__ import annotations

from typing import Any

from bot.domain.coachme.commitments import PlanView
from bot.domain.coachme.dto import AnswerSummary, RequestSummary
from bot.domain.coachme.kinds import CoachmeKind
from bot.slack.coachme import messages as coachme
from bot.slack.coachme import plans
from bot.slack.delivery import Sender, posting


def _req(payload: dict[str, Any]) -> RequestSummary:
    return RequestSummary.from_payload(payload["request"])


SENDERS: dict[str, Sender] = {
    CoachmeKind.FEEDBACK_ASK: posting(lambda p: coachme.ask_dm(_req(p), int(p["ask_id"]))),
    CoachmeKind.FEEDBACK_ASK_NUDGE: posting(lambda p: coachme.nudge_dm(_req(p), int(p["ask_id"]))),
    CoachmeKind.REQUEST_SENT: posting(lambda p: coachme.request_sent(_req(p))),
    CoachmeKind.ASK_UNREACHABLE: posting(
        lambda p: coachme.ask_unreachable(p["user_id"], p["deal_name"])
    ),
    CoachmeKind.ASK_DECLINED: posting(lambda p: coachme.ask_declined(p["user_id"], _req(p))),
    CoachmeKind.FEEDBACK_DELIVERED: posting(
        lambda p: coachme.feedback_delivered(AnswerSummary(**p))
    ),
    CoachmeKind.FEEDBACK_THANKS: posting(
        lambda p: coachme.feedback_thanks(p["rep_user_id"], p["deal_name"])
    ),
    CoachmeKind.REQUEST_EXPIRED: posting(lambda p: coachme.request_expired(_req(p))),
    CoachmeKind.ACCOUNT_FOLLOWUP: posting(lambda p: coachme.account_followup(_req(p))),
    CoachmeKind.PLAN_CHECKIN: posting(
        lambda p: plans.checkin_dm(PlanView.from_payload(p["plan"]), int(p["weeks"]))
    ),
    CoachmeKind.PLAN_THANKS: posting(
        lambda p: plans.thanks_dm(p["rep_id"], p["deal_name"], p["suggestion"])
    ),
}
