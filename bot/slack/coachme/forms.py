"""Parsers of the /coachme modals (the builders' inverse), and where each form field's
error is shown."""

from __future__ import annotations

from bot.domain.coachme.rules import AnswerForm, RequestForm
from bot.slack.coachme.ids import CoachmeBlock
from bot.slack.forms import Values, checked_of, selected_of, text_of, users_of
from bot.slack.forms import user_of as picked_user

# The domain names a field by its form attribute; Slack puts the inline error on the block
# that asks for it. Each pair mirrors a read in the parsers below.
FIELD_BLOCKS: dict[str, str] = {
    "deal_name": CoachmeBlock.DEAL,
    "amount": CoachmeBlock.AMOUNT,
    "stage": CoachmeBlock.STAGE,
    "loss_reason": CoachmeBlock.LOSS_REASON,
    "what_happened": CoachmeBlock.WHAT_HAPPENED,
    "do_differently": CoachmeBlock.DO_DIFFERENTLY,
    "help_with": CoachmeBlock.HELP_WITH,
    "coach_user_id": CoachmeBlock.COACH,
    "peer_user_ids": CoachmeBlock.PEERS,
    "followup_months": CoachmeBlock.FOLLOWUP,
    "selling_skills": CoachmeBlock.SELLING_SKILLS,
    "customer_knowledge": CoachmeBlock.CUSTOMER_KNOWLEDGE,
    "our_org": CoachmeBlock.OUR_ORG,
    "try_next": CoachmeBlock.TRY_NEXT,
    "go_deeper": CoachmeBlock.GO_DEEPER,
}


def request_form(values: Values) -> RequestForm:
    """Read the /coachme modal."""
    followup = selected_of(values, CoachmeBlock.FOLLOWUP)
    return RequestForm(
        deal_name=text_of(values, CoachmeBlock.DEAL),
        amount=text_of(values, CoachmeBlock.AMOUNT),
        stage=selected_of(values, CoachmeBlock.STAGE),
        loss_reason=selected_of(values, CoachmeBlock.LOSS_REASON),
        what_happened=text_of(values, CoachmeBlock.WHAT_HAPPENED),
        do_differently=text_of(values, CoachmeBlock.DO_DIFFERENTLY),
        help_with=text_of(values, CoachmeBlock.HELP_WITH),
        coach_user_id=picked_user(values, CoachmeBlock.COACH),
        peer_user_ids=users_of(values, CoachmeBlock.PEERS),
        followup_months=int(followup) if followup and followup.isdigit() else None,
    )


def answer_form(values: Values) -> AnswerForm:
    """Read the feedback modal."""
    return AnswerForm(
        selling_skills=text_of(values, CoachmeBlock.SELLING_SKILLS),
        customer_knowledge=text_of(values, CoachmeBlock.CUSTOMER_KNOWLEDGE),
        our_org=text_of(values, CoachmeBlock.OUR_ORG),
        try_next=text_of(values, CoachmeBlock.TRY_NEXT),
        go_deeper="yes" in checked_of(values, CoachmeBlock.GO_DEEPER),
    )
