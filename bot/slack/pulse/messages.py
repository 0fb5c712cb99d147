"""The pulse's messages in its channel: the question, the reminder, the result, the closed post."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.pulse.dto import PulseView
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    clip,
    context,
    escape,
    mention,
    section,
    slack_date,
)
from bot.slack.pulse.ids import PulseAction

BAR_WIDTH = 12
NOT_ENOUGH = "Not enough answers to keep them anonymous, so this pulse shows no results."


def _who_sees(p: PulseView) -> str:
    if p.anonymous:
        return (
            ":lock: *Anonymous.* Nobody, including "
            f"{mention(p.started_by)}, can see who answered what. Results appear in this "
            f"thread when it closes, and only if at least {p.threshold} people answer."
        )
    return ":bust_in_silhouette: *Named.* The results in this thread will show who answered what."


def _answer_buttons(p: PulseView) -> dict[str, Any]:
    return actions(
        *[
            button(label, f"{PulseAction.ANSWER}:{i}", f"{p.id}:{i}")
            for i, label in enumerate(p.labels)
        ],
        block_id=f"pulse_answers:{p.id}",
    )


def _scale_hint(p: PulseView) -> list[dict[str, Any]]:
    if p.answer_type != "scale":
        return []
    low, high = p.scale_labels
    return [context(f"1 = {escape(low)}  ·  5 = {escape(high)}")]


def question_message(p: PulseView) -> Message:
    """The pulse in the channel: the question, who sees what, one button per answer."""
    closes = datetime.fromisoformat(p.closes_at)
    blocks: Blocks = [
        section(f":wave: *Quick pulse from {mention(p.started_by)}*\n{escape(p.question_text)}"),
        *_scale_hint(p),
        _answer_buttons(p),
        context(
            _who_sees(p),
            f"One answer each; you can change yours until {slack_date(closes)}.",
        ),
        actions(
            button("Close now", PulseAction.CLOSE, str(p.id)),
            block_id=f"pulse_close:{p.id}",
        ),
    ]
    return Message(text=f"Quick pulse: {escape(clip(p.question_text, 200))}", blocks=blocks)


def reminder_message(p: PulseView) -> Message:
    """The one reminder before close, to the whole channel."""
    closes = datetime.fromisoformat(p.closes_at)
    blocks: Blocks = [
        section(
            f":hourglass_flowing_sand: This pulse closes {slack_date(closes)}. "
            f"If you haven't answered yet, one click does it:\n*{escape(p.question_text)}*"
        ),
        *_scale_hint(p),
        _answer_buttons(p),
        context(_who_sees(p).replace("in this thread", "in the pulse's thread")),
    ]
    return Message(text=f"Pulse closing soon: {escape(clip(p.question_text, 200))}", blocks=blocks)


def closed_message(p: PulseView) -> Message:
    """The channel message once closed: no buttons, no counts."""
    blocks: Blocks = [
        section(f"*Pulse from {mention(p.started_by)}*\n{escape(p.question_text)}"),
        context("This pulse has closed. Anything it can show is in the thread."),
    ]
    return Message(text=f"Closed pulse: {escape(clip(p.question_text, 200))}", blocks=blocks)


def _bar(n: int, total: int) -> str:
    filled = round(BAR_WIDTH * n / total) if total else 0
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _share(counts: list[int], i: int) -> float:
    total = sum(counts)
    return counts[i] / total if total else 0.0


def _change(p: PulseView, result: dict[str, Any], previous: dict[str, Any] | None) -> str | None:
    if not previous:
        return None
    if p.answer_type == "scale" and result["average"] is not None and previous["average"]:
        delta = result["average"] - previous["average"]
        arrow = "up" if delta > 0.05 else "down" if delta < -0.05 else "about the same"
        sign = f"{delta:+.1f}" if arrow != "about the same" else "±0"
        return f"Since last time: {arrow} ({sign}, was {previous['average']:.1f})."
    counts, before = result["counts"], previous["counts"]
    top = max(range(len(counts)), key=lambda i: counts[i])
    now_pct, was_pct = round(100 * _share(counts, top)), round(100 * _share(before, top))
    return f"Since last time: “{escape(p.labels[top])}” {now_pct}% (was {was_pct}%)."


def result_message(payload: dict[str, Any]) -> Message:
    """Results in the thread, or only "not enough answers" below the threshold."""
    p = PulseView.from_payload(payload["pulse"])
    if not payload.get("shown"):
        return Message(text=NOT_ENOUGH, blocks=[section(f":lock: {NOT_ENOUGH}")])
    result = payload["result"]
    counts: list[int] = result["counts"]
    total = int(result["total"])
    named: list[list[str]] | None = payload.get("named")
    lines = []
    for i, label in enumerate(p.labels):
        pct = round(100 * _share(counts, i))
        line = f"`{_bar(counts[i], total)}` {escape(label)}: {counts[i]} ({pct}%)"
        if named and named[i]:
            shown = ", ".join(escape(name) for name in named[i][:20])
            more = len(named[i]) - 20
            line += f" · {shown}" + (f" and {more} more" if more > 0 else "")
        lines.append(line)
    pooled = int(payload.get("pooled_runs") or 1)
    head = f"*Results: {escape(p.question_text)}*\n{total} answers"
    if pooled > 1:
        head += f", pooled over the last {pooled} runs to keep them anonymous"
    blocks: Blocks = [section(head), section("\n".join(lines))]
    facts = []
    if p.answer_type == "scale" and result["average"] is not None:
        facts.append(f"Average: *{result['average']:.1f}* out of 5.")
    change = _change(p, result, payload.get("previous"))
    if change:
        facts.append(change)
    if facts:
        blocks.append(context(*facts))
    text = f"Pulse results: {total} answers to “{escape(clip(p.question_text, 150))}”"
    return Message(text=text, blocks=blocks)
