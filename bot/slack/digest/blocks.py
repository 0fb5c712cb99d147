"""The weekly manager digest as a DM. Pure: plain data in, Block Kit out."""

from __future__ import annotations

from bot.domain.digest.service import Digest
from bot.slack.blockkit import Message, actions, button, context, escape, header, section
from bot.slack.digest.ids import DigestAction


def _held(held: int, planned: int) -> str:
    if planned == 0:
        return "no sessions were planned"
    return f"{held} of {planned} planned sessions held"


def digest_message(d: Digest) -> Message:
    """Last week's coaching, requests waiting, and the team's pulse, with a one-click opt-out."""
    lines = [
        f"*Last week:* {_held(d.held, d.planned)}.",
        f"*Last 8 weeks:* {_held(d.held_8w, d.planned_8w)}.",
    ]
    if d.waiting:
        lines.append(
            f"*Waiting on you:* {d.waiting} feedback request{'s' if d.waiting != 1 else ''}. "
            "Reps who ask right after a loss learn fastest; a short, honest answer is enough."
        )
    else:
        lines.append("*Waiting on you:* no feedback requests.")
    for p in d.pulses:
        change = ""
        if p.change is not None:
            change = f" ({'+' if p.change >= 0 else ''}{p.change:.1f} since the last run)"
        lines.append(f"*Team pulse,* {escape(p.question)}: {escape(p.latest)}{change}")
    if not d.pulses:
        lines.append("*Team pulse:* no published results yet.")
    text = "Your coaching week"
    return Message(
        text=text,
        blocks=[
            header(text),
            section("\n".join(lines)),
            actions(button("Stop the weekly digest", DigestAction.OPT_OUT)),
            context("One digest a week, on your first working morning. Nobody else sees it."),
        ],
    )
