"""The /coachme messages: DMs to the people asked and to the rep, and the help text. Pure:
plain data in, Block Kit out."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.content.loader import bucket
from bot.domain.coachme.dto import AnswerSummary, RequestSummary
from bot.domain.coachme.rules import DEAL_MAX
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    clip,
    context,
    escape,
    mention,
    quote,
    section,
    slack_day,
)
from bot.slack.coachme.ids import CoachmeAction, CoachmeCommand
from bot.slack.coachme.reflection import reflection_blocks


def _names(user_ids: list[str]) -> str:
    mentions = [mention(u) for u in user_ids]
    if len(mentions) <= 1:
        return "".join(mentions)
    return ", ".join(mentions[:-1]) + " and " + mentions[-1]


def _answer_buttons(ask_id: int) -> dict[str, Any]:
    return actions(
        button("Give feedback", CoachmeAction.GIVE_FEEDBACK, str(ask_id), style="primary"),
        button("Can't right now", CoachmeAction.CANT_NOW, str(ask_id)),
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


# -- to the people asked ------------------------------------------------------------------


def ask_dm(req: RequestSummary, ask_id: int) -> Message:
    """The DM to a person asked: who, which deal, the reflection, and two buttons."""
    deal = escape(req.deal_name)
    text = f"{mention(req.rep_user_id)} lost *{deal}* and would value your honest take."
    return Message(
        text=clip(text, 3000),
        blocks=[
            section(text),
            *reflection_blocks(req),
            _answer_buttons(ask_id),
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
            _answer_buttons(ask_id),
        ],
    )


def declined_note(rep_user_id: str) -> Message:
    """Replaces the ask DM once its reader says they can't right now."""
    note = f"No problem. I've let {mention(rep_user_id)} know you can't right now."
    return Message(text=note, blocks=[context(note)])


def feedback_thanks(rep_user_id: str, deal_name: str) -> Message:
    """Tells the coach their feedback landed."""
    text = f"{mention(rep_user_id)} read your feedback on *{escape(deal_name)}* and says thanks."
    return Message(text=text, blocks=[section(text)])


# -- to the rep ---------------------------------------------------------------------------


def request_sent(req: RequestSummary) -> Message:
    """The rep's private confirmation, naming who was asked."""
    names = _names([a.user_id for a in req.asks])
    text = f"Sent. I asked {names} about *{escape(req.deal_name)}*. Their answers will land here."
    extra = []
    if req.followup_on:
        day = slack_day(date.fromisoformat(req.followup_on))
        extra.append(f"I'll remind you to check back with the account on {day}.")
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


def thanked(delivered: dict[str, Any]) -> Message:
    """The delivered feedback message as Slack holds it, its buttons swapped for the note."""
    kept = [b for b in delivered.get("blocks", []) if b.get("type") != "actions"]
    done = thanks_sent()
    return Message(text=delivered.get("text", "") or done.text, blocks=kept + done.blocks)


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
