"""Views and messages of the /coachme loop. Pure: plain data in, Block Kit out."""

from __future__ import annotations

import json
from typing import Any

from bot.content.loader import bucket, loss_reflection_questions
from bot.domain.coachme.dto import AnswerSummary, RequestSummary
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
    Message,
    actions,
    button,
    clip,
    context,
    divider,
    escape,
    header,
    input_block,
    mention,
    modal,
    option,
    quote,
    section,
    static_select,
    text_input,
)
from bot.slack.coachme.ids import CoachmeAction, CoachmeBlock, CoachmeCallback, CoachmeCommand


def _names(user_ids: list[str]) -> str:
    mentions = [mention(u) for u in user_ids]
    if len(mentions) <= 1:
        return "".join(mentions)
    return ", ".join(mentions[:-1]) + " and " + mentions[-1]


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
        input_block(CoachmeBlock.PEERS, "And peers (optional)", peers_element, optional=True),
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


def help_message() -> Message:
    """What /coachme does and how to use it."""
    text = (
        f"*{CoachmeCommand.COACHME} [deal name]* opens a short form for a deal you just lost.\n"
        "1. You reflect first: what happened, what you'd change, where you want help.\n"
        "2. I send it privately to your coach and up to three peers you pick.\n"
        "3. Their feedback comes back to you here, in a DM.\n"
        "4. If you like, I'll remind you to check back with the account in 3, 6 or 12 months."
    )
    return Message(
        text=text,
        blocks=[
            section(text),
            actions(button("Start a reflection", CoachmeAction.OPEN_COACHME, style="primary")),
            context("Only you and the people you ask can see a request and its feedback."),
        ],
    )


def _request_blocks(req: RequestSummary) -> Blocks:
    facts = [f"*Stage:* {escape(req.stage)}", f"*Reason:* {escape(req.loss_reason)}"]
    if req.amount:
        facts.insert(0, f"*Amount:* {escape(req.amount)}")
    return [
        context("  ·  ".join(facts)),
        quote("What happened", req.what_happened),
        quote("What I'd do differently", req.do_differently),
        quote("Where I'd like your help", req.help_with),
    ]


def ask_dm(req: RequestSummary, ask_id: int) -> Message:
    """The DM to a person asked: who, which deal, the reflection, and two buttons."""
    deal = escape(req.deal_name)
    text = f"{mention(req.rep_user_id)} lost *{deal}* and would value your honest take."
    return Message(
        text=clip(text, 3000),
        blocks=[
            section(text),
            *_request_blocks(req),
            actions(
                button("Give feedback", CoachmeAction.GIVE_FEEDBACK, str(ask_id), style="primary"),
                button("Can't right now", CoachmeAction.CANT_NOW, str(ask_id)),
            ),
            context("Candid and kind beats polished. Only the rep sees your answer."),
        ],
    )


def nudge_dm(req: RequestSummary, ask_id: int) -> Message:
    """A gentle second look at an unanswered request."""
    text = (
        f"{mention(req.rep_user_id)}'s question on *{escape(req.deal_name)}* is still open. "
        "Even two sentences help while the deal is fresh."
    )
    return Message(
        text=text,
        blocks=[
            section(text),
            quote("Where they'd like your help", req.help_with),
            actions(
                button("Give feedback", CoachmeAction.GIVE_FEEDBACK, str(ask_id), style="primary"),
                button("Can't right now", CoachmeAction.CANT_NOW, str(ask_id)),
            ),
        ],
    )


def request_sent(req: RequestSummary) -> Message:
    """The rep's private confirmation, naming who was asked."""
    names = _names([a.user_id for a in req.asks])
    text = f"Sent. I asked {names} about *{escape(req.deal_name)}*. Their answers will land here."
    extra = []
    if req.followup_on:
        extra.append(f"I'll remind you to check back with the account on {req.followup_on}.")
    extra.append("Asking was the hard part; nicely done.")
    return Message(text=text, blocks=[section(text), context(*extra)])


def ask_unreachable(user_id: str, deal_name: str) -> Message:
    """Tell the rep one person could not be reached."""
    text = (
        f"I couldn't reach {mention(user_id)} about *{escape(deal_name)}*: Slack says their "
        "account can't receive messages. Your request to everyone else still stands."
    )
    return Message(
        text=text,
        blocks=[
            section(text),
            actions(button("Ask someone else", CoachmeAction.OPEN_COACHME, deal_name[:DEAL_MAX])),
        ],
    )


def ask_declined(user_id: str, req: RequestSummary) -> Message:
    """Tell the rep someone can't help right now, without drama."""
    text = (
        f"{mention(user_id)} can't give feedback on *{escape(req.deal_name)}* right now. "
        "It happens; a quick chat later may work better for them."
    )
    return Message(text=text, blocks=[section(text)])


def feedback_delivered(ans: AnswerSummary) -> Message:
    """The feedback, delivered to the rep, with a one-click thanks."""
    text = f"{mention(ans.coach_user_id)} sent feedback on *{escape(ans.deal_name)}*."
    blocks: Blocks = [section(text)]
    for key, body in (
        ("selling_skills", ans.selling_skills),
        ("customer_knowledge", ans.customer_knowledge),
        ("our_org", ans.our_org),
    ):
        if body:
            blocks.append(quote(str(bucket(key)["title"]), body))
    blocks.append(quote("One thing to try next time", ans.try_next))
    if ans.go_deeper:
        blocks.append(context("They'd like to go deeper on this in your next coaching session."))
    blocks.append(
        actions(button("Say thanks", CoachmeAction.SAY_THANKS, str(ans.ask_id), style="primary"))
    )
    return Message(text=text, blocks=blocks)


def thanks_sent() -> Message:
    """Replaces the thanks button once pressed."""
    return Message(text="Thanks sent.", blocks=[context("Thanks sent. :raised_hands:")])


def feedback_thanks(rep_user_id: str, deal_name: str) -> Message:
    """Tells the coach their feedback landed."""
    text = f"{mention(rep_user_id)} read your feedback on *{escape(deal_name)}* and says thanks."
    return Message(text=text, blocks=[section(text)])


def request_expired(req: RequestSummary) -> Message:
    """Closes a request after seven days, naming who didn't answer, without blame."""
    waiting = [a.user_id for a in req.asks if a.status == "expired"]
    text = f"Your request on *{escape(req.deal_name)}* has closed after a week."
    detail = (
        f"{_names(waiting)} didn't get to it; a short chat in your next 1:1 may work better."
        if waiting
        else "Everyone you asked has responded."
    )
    return Message(
        text=text,
        blocks=[
            section(f"{text} {detail}"),
            actions(button("Start a new reflection", CoachmeAction.OPEN_COACHME)),
        ],
    )


def account_followup(req: RequestSummary) -> Message:
    """The "check back with this account" reminder, months later."""
    text = (
        f"A while ago you lost *{escape(req.deal_name)}* ({escape(req.loss_reason)}). "
        "Things change: a short, friendly check-in today could reopen the door."
    )
    return Message(
        text=text,
        blocks=[
            section(text),
            quote("What you wanted to do differently", req.do_differently),
            context("Try asking what has changed for them since you last spoke."),
        ],
    )


def feedback_modal(req: RequestSummary, ask_id: int) -> dict[str, Any]:
    """The feedback form, built on the three coaching buckets."""
    blocks: Blocks = [
        header(clip(f"{req.deal_name}", 150)),
        *_request_blocks(req),
        divider(),
        section("Real, honest and kind. Fill in whichever areas apply."),
    ]
    for key in ("selling_skills", "customer_knowledge", "our_org"):
        info = bucket(key)
        blocks.append(
            text_input(
                key,
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


def notice_modal(title: str, text: str) -> dict[str, Any]:
    """A small read-only modal for a clear "no" where a modal was expected."""
    return modal(title, [section(text)], callback_id="notice", close="Close")
