"""Messages, modals and the Home section of the bid-for-connection store. Pure builders."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.bids.dto import BidCount, BidHome, BidPrompt
from bot.domain.bids.rules import MOMENT_LABELS, MOMENTS, OUTCOME_LABELS, SIZE_LABELS, TEXT_MAX
from bot.slack.bids.ids import BidAction, BidBlock, BidCallback, BidCommand
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    context,
    divider,
    escape,
    header,
    input_block,
    mention,
    modal,
    option,
    section,
    static_select,
    text_input,
)

OUTCOME_ACTIONS = {
    "toward": BidAction.OUTCOME_TOWARD,
    "away": BidAction.OUTCOME_AWAY,
    "against": BidAction.OUTCOME_AGAINST,
    "too_soon": BidAction.OUTCOME_TOO_SOON,
}
BROWSE_MAX = 90


def another_value(prompt_id: int | None, size: str | None, moment: str | None) -> str:
    """What "Another one" carries: the prompt on screen and the filter that found it."""
    return json.dumps({"p": prompt_id, "s": size, "m": moment}, separators=(",", ":"))


def _labels(prompt: BidPrompt) -> str:
    moments = ", ".join(MOMENT_LABELS[m].lower() for m in prompt.moments if m in MOMENT_LABELS)
    return f"{SIZE_LABELS.get(prompt.size, prompt.size)} bid · {moments}"


def _filter_words(size: str | None, moment: str | None) -> str:
    parts = []
    if size:
        parts.append(SIZE_LABELS[size].lower())
    if moment:
        parts.append(MOMENT_LABELS[moment].lower())
    return " ".join(parts)


def _try_actions(prompt: BidPrompt, size: str | None, moment: str | None) -> dict[str, Any]:
    """The Another-one button (keeping the filter that found `prompt`) and I-tried-it."""
    return actions(
        button("Another one", BidAction.ANOTHER, another_value(prompt.id, size, moment)),
        button("I tried it", BidAction.TRIED, str(prompt.id), style="primary"),
    )


def bid_message(prompt: BidPrompt | None, size: str | None, moment: str | None) -> Message:
    """One prompt, privately, with "Another one" and "I tried it"."""
    if prompt is None:
        wanted = _filter_words(size, moment)
        text = (
            f"I don't have a {wanted} bid for you right now. Try `{BidCommand.BID}` on its own, "
            f"or add one of your own with `{BidCommand.BID} add`."
        )
        return Message(text=text, blocks=[section(text)])
    text = f"Try this: {escape(prompt.text)}"
    return Message(
        text=text,
        blocks=[
            section(f"*Try this*\n>{escape(prompt.text)}"),
            context(
                _labels(prompt),
                "Small and easy to clear is the point. If they turn toward it, go a size up.",
            ),
            _try_actions(prompt, size, moment),
        ],
    )


def tried_message(prompt: BidPrompt) -> Message:
    """One tap: how did the bid go?"""
    text = "How did it go? One tap is enough."
    return Message(
        text=text,
        blocks=[
            section(f">{escape(prompt.text)}\n{text}"),
            actions(
                *(
                    button(OUTCOME_LABELS[o], OUTCOME_ACTIONS[o], f"{prompt.id}:{o}")
                    for o in OUTCOME_ACTIONS
                )
            ),
            context("Only totals per prompt are shown, never who tried what."),
        ],
    )


def outcome_noted(count: BidCount, outcome: str) -> Message:
    """Thanks for answering, with what the workspace has learned about this bid."""
    lead = {
        "toward": "Lovely. That's how trust gets built, one small bid at a time.",
        "away": "Noted. A miss is normal; try another small one in a day or two.",
        "against": "Sorry that stung. Stay small and kind; it often lands the second time.",
        "too_soon": "Fair enough. Give it time.",
    }[outcome]
    tally = (
        f"People here have tried this bid {count.tried} time{'s' if count.tried != 1 else ''}; "
        f"{count.toward} turned toward it."
    )
    return Message(
        text=lead,
        blocks=[
            section(lead),
            context(tally),
            actions(
                button("Another one", BidAction.ANOTHER, another_value(count.prompt.id, None, None))
            ),
        ],
    )


def help_message(unknown: str | None = None) -> Message:
    """What /bid does."""
    sizes = " · ".join(SIZE_LABELS)
    moments = " · ".join(["before (a 1:1)", "loss", "feedback", "anytime"])
    lines = []
    if unknown:
        lines.append(f"I didn't catch `{escape(unknown[:40])}`. Here's what I understand:")
    lines += [
        f"*{BidCommand.BID}* gives you one small bid for connection: an easy move that invites "
        "a warmer exchange with your rep or your coach. Only you see it.",
        f"• `{BidCommand.BID} large` picks a size: {sizes}",
        f"• `{BidCommand.BID} loss` picks a moment: {moments}",
        f"• `{BidCommand.BID} add` adds a prompt of your own",
        "You won't see the same prompt twice until you've seen all that fit. Start small; go "
        "bigger once they turn toward you.",
    ]
    text = "\n".join(lines)
    return Message(
        text=text,
        blocks=[
            section(text),
            actions(button("Add a prompt", BidAction.OPEN_ADD)),
        ],
    )


def add_modal(can_share: bool) -> dict[str, Any]:
    """The form to add a prompt; admins can also share it with everyone."""
    moments_element = {
        "type": "checkboxes",
        "action_id": BidBlock.MOMENTS,
        "options": [option(MOMENT_LABELS[m], m) for m in MOMENTS],
    }
    blocks: Blocks = [
        section("A bid is a small move toward the other person. The smaller, the easier to clear."),
        text_input(
            BidBlock.TEXT,
            "What to say or do",
            multiline=True,
            max_length=TEXT_MAX,
            placeholder="Ask how their kid's game went, and listen to the answer.",
        ),
        static_select(
            BidBlock.SIZE, "Size", [(s, SIZE_LABELS[s]) for s in SIZE_LABELS], initial="small"
        ),
        input_block(BidBlock.MOMENTS, "Good moments for it", moments_element),
    ]
    if can_share:
        audience = {
            "type": "radio_buttons",
            "action_id": BidBlock.AUDIENCE,
            "options": [option("Just me", "me"), option("Everyone in this workspace", "everyone")],
            "initial_option": option("Just me", "me"),
        }
        blocks.append(input_block(BidBlock.AUDIENCE, "Who gets it", audience))
    else:
        blocks.append(context("It's yours alone. Workspace admins can add prompts for everyone."))
    return modal("Add a bid", blocks, callback_id=BidCallback.ADD_PROMPT, submit="Add")


def added_modal(prompt: BidPrompt) -> dict[str, Any]:
    """Confirmation after adding."""
    who = "everyone here" if prompt.scope == "workspace" else "you"
    text = f"Added for {who}:\n>{escape(prompt.text)}"
    return modal("Bid added", [section(text)], callback_id=BidCallback.ADDED, close="Done")


def _count_line(c: BidCount) -> str:
    if not c.tried:
        return "not tried yet"
    return f"tried {c.tried}× · {c.toward} toward · {c.away} away · {c.against} against"


def _prompt_row(c: BidCount, is_admin: bool, user_id: str | None = None) -> dict[str, Any]:
    p = c.prompt
    text = f"{escape(p.text)}\n_{SIZE_LABELS.get(p.size, p.size)} · {_count_line(c)}_"
    may_change = is_admin or (p.scope == "personal" and p.owner_user_id == user_id)
    accessory = None
    if may_change and p.active:
        accessory = button("Retire", BidAction.RETIRE, str(p.id))
    elif may_change:
        accessory = button("Restore", BidAction.RESTORE, str(p.id))
    return section(text, accessory=accessory)


def home_section(home: BidHome, user_id: str) -> Blocks:
    """The store on the Home tab: a summary, the bids that land best, and retired ones."""
    blocks: Blocks = [
        divider(),
        header("Bids for connection"),
        section(
            f"{home.active} prompts ready, {home.tried} tries recorded here. "
            f"Type `{BidCommand.BID}` for one, just for you.",
            accessory=button("Add a prompt", BidAction.OPEN_ADD),
        ),
    ]
    if home.top:
        blocks.append(context("*What lands here* (totals only, never who tried what)"))
        blocks += [_prompt_row(c, home.is_admin, user_id) for c in home.top]
    else:
        blocks.append(context("No tries recorded yet. Tap *I tried it* after a bid to start."))
    if home.mine:
        blocks.append(context("*Your own prompts*"))
        blocks += [_prompt_row(BidCount(p), home.is_admin, user_id) for p in home.mine]
    if home.is_admin and home.retired:
        blocks.append(context(f"*Retired* ({home.retired_count})"))
        blocks += [_prompt_row(BidCount(p), True, user_id) for p in home.retired]
    blocks.append(actions(button("See every prompt", BidAction.BROWSE)))
    return blocks


def browse_modal(counts: list[BidCount], is_admin: bool, user_id: str) -> dict[str, Any]:
    """Every prompt a person can see, with counts; admins get retire and restore."""
    shown = counts[:BROWSE_MAX]
    blocks: Blocks = [
        context(
            f"{sum(1 for c in counts if c.prompt.active)} active · "
            f"{sum(1 for c in counts if not c.prompt.active)} retired"
            + ("" if is_admin else " · only admins can retire shared prompts")
        )
    ]
    blocks += [_prompt_row(c, is_admin, user_id) for c in shown]
    if len(counts) > len(shown):
        blocks.append(context("More prompts than fit here: `coachbot bids export` lists them all."))
    return modal("Bid prompts", blocks, callback_id=BidCallback.BROWSE, close="Close")


def suggestion_dm(prompt: BidPrompt, rep_user_id: str, deal_name: str) -> Message:
    """After a coach's feedback on a lost deal: one small bid to keep the relationship warm."""
    text = (
        f"Thanks for your honest take to {mention(rep_user_id)} on *{escape(deal_name)}*. "
        "Tough feedback lands better with a small, warm move alongside it. One idea:"
    )
    return Message(
        text=f"A bid to try with {mention(rep_user_id)}: {escape(prompt.text)}",
        blocks=[
            section(text),
            section(f">{escape(prompt.text)}"),
            _try_actions(prompt, prompt.size, None),
        ],
    )
