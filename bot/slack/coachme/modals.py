"""The /coachme modals: the rep's request form and the feedback form. Pure builders."""

from __future__ import annotations

import json
from typing import Any

from bot.content.loader import bucket, loss_reflection_questions
from bot.domain.coachme.dto import RequestSummary
from bot.domain.coachme.rules import (
    ANSWER_MAX,
    DEAL_MAX,
    FOLLOWUP_MONTHS,
    LONG_MAX,
    LOSS_REASONS,
    STAGES,
)
from bot.slack.blockkit import (
    Blocks,
    clip,
    divider,
    header,
    input_block,
    mention,
    modal,
    option,
    section,
    static_select,
    text_input,
)
from bot.slack.coachme.ids import CoachmeBlock, CoachmeCallback
from bot.slack.coachme.reflection import reflection_blocks


def request_modal(
    deal_name: str = "", coach_user_id: str | None = None, channel_id: str | None = None
) -> dict[str, Any]:
    """The /coachme form: the deal, the rep's own reflection first, then whom to ask."""
    questions = loss_reflection_questions()
    coach_element: dict[str, Any] = {
        "type": "users_select",
        "action_id": CoachmeBlock.COACH,
        "placeholder": {"type": "plain_text", "text": "Your coach or manager"},
    }
    if coach_user_id:
        coach_element["initial_user"] = coach_user_id
    peers_element = {
        "type": "multi_users_select",
        "action_id": CoachmeBlock.PEERS,
        "max_selected_items": 3,
        "placeholder": {"type": "plain_text", "text": "Up to three colleagues"},
    }
    followup_element = {
        "type": "radio_buttons",
        "action_id": CoachmeBlock.FOLLOWUP,
        "options": [option(f"In {m} months", str(m)) for m in FOLLOWUP_MONTHS],
    }
    blocks: Blocks = [
        section(
            "Asking right after a loss is what the best reps do. Start with your own "
            "take; the people you pick will see it before they answer."
        ),
        text_input(
            CoachmeBlock.DEAL, "Deal or account", initial=deal_name[:DEAL_MAX], max_length=DEAL_MAX
        ),
        text_input(
            CoachmeBlock.AMOUNT, "Amount", optional=True, max_length=20, placeholder="e.g. 25000"
        ),
        static_select(CoachmeBlock.STAGE, "Stage it was lost at", list(STAGES.items())),
        static_select(CoachmeBlock.LOSS_REASON, "Main reason", list(LOSS_REASONS.items())),
        divider(),
        text_input(
            CoachmeBlock.WHAT_HAPPENED,
            "What happened?",
            multiline=True,
            max_length=LONG_MAX,
            hint=questions[0],
        ),
        text_input(
            CoachmeBlock.DO_DIFFERENTLY,
            "What would you do differently?",
            multiline=True,
            max_length=LONG_MAX,
            hint=questions[1],
        ),
        text_input(
            CoachmeBlock.HELP_WITH,
            "The one thing you want help with",
            multiline=True,
            max_length=LONG_MAX,
        ),
        divider(),
        input_block(CoachmeBlock.COACH, "Ask your coach", coach_element, optional=True),
        input_block(CoachmeBlock.PEERS, "And peers", peers_element, optional=True),
        input_block(
            CoachmeBlock.FOLLOWUP,
            "Remind me to check back with this account",
            followup_element,
            optional=True,
            hint='Many losses are a "not now". I\'ll DM you on that date.',
        ),
    ]
    metadata = json.dumps({"channel": channel_id}) if channel_id else ""
    return modal(
        "Learn from a loss",
        blocks,
        callback_id=CoachmeCallback.COACHME_REQUEST,
        submit="Ask for feedback",
        private_metadata=metadata,
    )


def feedback_modal(req: RequestSummary, ask_id: int) -> dict[str, Any]:
    """The feedback form, built on the three coaching buckets."""
    blocks: Blocks = [
        header(clip(f"{req.deal_name}", 150)),
        *reflection_blocks(req),
        divider(),
        section("Real, honest and kind. Fill in whichever areas apply."),
    ]
    for key, block_id in (
        ("selling_skills", CoachmeBlock.SELLING_SKILLS),
        ("customer_knowledge", CoachmeBlock.CUSTOMER_KNOWLEDGE),
        ("our_org", CoachmeBlock.OUR_ORG),
    ):
        info = bucket(key)
        blocks.append(
            text_input(
                block_id,
                str(info["title"]),
                multiline=True,
                optional=True,
                max_length=ANSWER_MAX,
                hint=str(info["help"]),
            )
        )
    blocks.append(
        text_input(
            CoachmeBlock.TRY_NEXT,
            "One thing to try next time",
            multiline=True,
            max_length=ANSWER_MAX,
        )
    )
    blocks.append(
        input_block(
            CoachmeBlock.GO_DEEPER,
            "Next coaching session",
            {
                "type": "checkboxes",
                "action_id": CoachmeBlock.GO_DEEPER,
                "options": [option("Let's go deeper on this together", "yes")],
            },
            optional=True,
        )
    )
    return modal(
        "Feedback",
        blocks,
        callback_id=CoachmeCallback.FEEDBACK_ANSWER,
        submit="Send",
        private_metadata=json.dumps({"ask_id": ask_id}),
    )


def feedback_sent_modal(rep_user_id: str) -> dict[str, Any]:
    """Replaces the feedback form once it is sent."""
    return notice_modal(
        "Feedback sent", f"Sent to {mention(rep_user_id)}. Thank you for making the time."
    )


def notice_modal(title: str, text: str) -> dict[str, Any]:
    """A small read-only modal for a clear "no" where a modal was expected."""
    return modal(title, [section(text)], callback_id="notice", close="Close")
