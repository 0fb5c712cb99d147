"""Views and messages of pulse check-ins. Pure: plain data in, Block Kit out."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.domain.kernel import wallclock
from bot.domain.pulse.rules import (
    ANSWER_TYPES,
    DEFAULT_DURATION,
    DURATIONS,
    MIN_THRESHOLD,
    POOL_CHOICES,
    WEEKDAYS,
    bank,
)
from bot.domain.pulse.schedule import ScheduleView
from bot.domain.pulse.service import AnswerReceipt, PulseView, SettingsView
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    clip,
    context,
    escape,
    input_block,
    mention,
    modal,
    option,
    plain,
    section,
    static_select,
    text_input,
)
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback, PulseCommand

THEMES = {
    "customers": "Conversations with customers",
    "self": "How you're doing",
    "coach": "You and your coach",
    "pipeline": "Pipeline",
    "coaching_happened": "Coaching this week",
    "stretch": "Growth and stretch",
}
INVITE = "/invite @coachbot"
BAR_WIDTH = 12


def slack_time(instant: datetime, fallback_tz: str = "UTC") -> str:
    """A time every reader sees in their own zone (Slack formats the token per reader)."""
    fallback = instant.astimezone(wallclock.zone(fallback_tz)).strftime("%a %d %b %H:%M %Z")
    return f"<!date^{int(instant.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def local_time(instant: datetime, tz: str) -> str:
    """E.g. "Friday 17:00" in `tz`."""
    return instant.astimezone(wallclock.zone(tz)).strftime("%A %H:%M")


# -- modals ------------------------------------------------------------------------------


def _bank_select(optional: bool) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for q in bank().values():
        groups.setdefault(q.theme, []).append(option(q.text, q.key))
    element = {
        "type": "static_select",
        "action_id": PulseBlock.BANK,
        "placeholder": plain("Pick a question", 150),
        "option_groups": [
            {"label": plain(THEMES.get(theme, theme.title()), 75), "options": opts[:100]}
            for theme, opts in groups.items()
        ],
    }
    return input_block(PulseBlock.BANK, "A question from the bank", element, optional=optional)


def _question_blocks() -> Blocks:
    choices = [
        option("Anonymous: nobody sees who answered what", "anonymous"),
        option("Named: results show who answered what", "named"),
    ]
    privacy: dict[str, Any] = {
        "type": "radio_buttons",
        "action_id": PulseBlock.PRIVACY,
        "options": choices,
        "initial_option": choices[0],
    }
    return [
        _bank_select(optional=True),
        text_input(
            PulseBlock.CUSTOM,
            "…or write your own question",
            optional=True,
            max_length=150,
            placeholder="How ready do you feel for Thursday's pitch?",
        ),
        static_select(
            PulseBlock.TYPE,
            "How people answer your own question",
            list(ANSWER_TYPES.items()),
            optional=True,
        ),
        text_input(
            PulseBlock.OPTIONS,
            "Options (for “a few options”), one per line",
            multiline=True,
            optional=True,
            max_length=200,
        ),
        input_block(PulseBlock.PRIVACY, "Who sees what", privacy),
        static_select(
            PulseBlock.DURATION,
            "Stays open for",
            [(str(h), label) for h, label in DURATIONS.items()],
            initial=str(DEFAULT_DURATION),
        ),
    ]


def start_modal(channel_id: str, threshold: int) -> dict[str, Any]:
    """The /pulse form."""
    blocks = [
        context(
            "Everyone in the channel can answer with one click. Anonymous results show only "
            f"when at least {threshold} people answer."
        ),
        *_question_blocks(),
    ]
    return modal(
        "Pulse check-in",
        blocks,
        callback_id=PulseCallback.START,
        submit="Post it",
        private_metadata=json.dumps({"channel": channel_id}),
    )


def schedule_modal(channel_id: str, tz: str) -> dict[str, Any]:
    """The /pulse schedule form."""
    time_element = {
        "type": "timepicker",
        "action_id": PulseBlock.TIME,
        "initial_time": "09:30",
    }
    blocks = [
        context("The question is posted here on the day and time you pick, in the zone you pick."),
        *_question_blocks(),
        static_select(
            PulseBlock.EVERY,
            "How often",
            [("1", "Every week"), ("2", "Every two weeks")],
            initial="1",
        ),
        static_select(
            PulseBlock.WEEKDAY,
            "On",
            [(str(i), day) for i, day in enumerate(WEEKDAYS)],
            initial="4",
        ),
        input_block(PulseBlock.TIME, "At", time_element),
        text_input(PulseBlock.TZ, "Time zone", initial=tz, max_length=64),
    ]
    return modal(
        "Recurring pulse",
        blocks,
        callback_id=PulseCallback.SCHEDULE,
        submit="Save",
        private_metadata=json.dumps({"channel": channel_id}),
    )


def settings_modal(current: SettingsView) -> dict[str, Any]:
    """The /pulse settings form (admins only)."""
    pool = [("0", "Off: a run below the minimum shows nothing")] + [
        (str(n), f"Pool up to {n} runs of the same question") for n in POOL_CHOICES if n
    ]
    blocks = [
        section(
            "Anonymous results stay hidden until enough people answer, so nobody can work out "
            "who said what. Small teams can pool a few runs of the same question into one result."
        ),
        static_select(
            PulseBlock.THRESHOLD,
            "Minimum answers to show a result",
            [(str(n), str(n)) for n in range(MIN_THRESHOLD, 11)],
            initial=str(current.threshold),
        ),
        static_select(
            PulseBlock.POOL, "Pooling for small teams", pool, initial=str(current.pool_runs)
        ),
    ]
    return modal("Pulse settings", blocks, callback_id=PulseCallback.SETTINGS, submit="Save")


# -- channel messages --------------------------------------------------------------------


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
            f"One answer each; you can change yours until {slack_time(closes)}.",
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
            f":hourglass_flowing_sand: This pulse closes {slack_time(closes)}. "
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


def answer_receipt(r: AnswerReceipt) -> Message:
    """The private confirmation of a click."""
    verb = "changed your answer to" if r.changed else "answered"
    text = (
        f"Got it: you {verb} *{escape(r.label)}*. "
        f"You can change it until {local_time(r.closes_at, r.tz)}."
    )
    return Message(text=text, blocks=[section(text)])


NOT_ENOUGH = "Not enough answers to keep them anonymous, so this pulse shows no results."


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
            line += " " + ", ".join(mention(u) for u in named[i][:20])
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


def undeliverable_dm(payload: dict[str, Any]) -> Message:
    """To the starter: the pulse could not be posted."""
    p = PulseView.from_payload(payload["pulse"])
    where = f"<#{p.channel_id}>"
    if payload.get("error") in {"not_in_channel", "channel_not_found"}:
        text = (
            f"I couldn't post your pulse in {where} because I'm not in that channel. "
            f"Type `{INVITE}` there, then run `/pulse` again."
        )
    else:
        text = (
            f"I couldn't post your pulse in {where} (Slack said `{payload.get('error')}`). "
            "Please try `/pulse` again in a moment."
        )
    return Message(text=text, blocks=[section(text)])


def not_in_channel() -> Message:
    """Ephemeral: the bot has to be invited first."""
    text = (
        "I'm not in this channel yet, so I can't post a pulse here. "
        f"Type `{INVITE}` in this channel, then run `/pulse` again."
    )
    return Message(text=text, blocks=[section(text)])


def not_a_channel() -> Message:
    text = "Pulses are for channels. Run `/pulse` in your team's channel."
    return Message(text=text, blocks=[section(text)])


def schedule_list(items: list[ScheduleView], open_now: list[PulseView]) -> Message:
    """Recurring pulses in a channel, each with a Stop button; plus pulses open now."""
    blocks: Blocks = []
    if not items:
        blocks.append(
            section("No recurring pulses in this channel. `/pulse schedule` sets one up.")
        )
    for s in items[:20]:
        privacy = "anonymous" if s.anonymous else "named"
        nxt = f" Next: {slack_time(s.next_at, s.tz)}." if s.next_at else ""
        blocks.append(
            section(
                f"*#{s.id}* {escape(s.question_text)}\n"
                f"{s.when}, {privacy}, open {DURATIONS.get(s.open_hours, f'{s.open_hours} hours')}."
                f"{nxt}",
                accessory=button("Stop", PulseAction.STOP_SCHEDULE, str(s.id)),
            )
        )
    if open_now:
        names = "; ".join(escape(clip(p.question_text, 80)) for p in open_now[:10])
        blocks.append(context(f"Open right now: {names}"))
    return Message(text="Recurring pulses in this channel", blocks=blocks)


def schedule_saved(s: ScheduleView) -> Message:
    nxt = f" The first one goes out {slack_time(s.next_at, s.tz)}." if s.next_at else ""
    text = f"Done: “{escape(s.question_text)}” will be posted {s.when}.{nxt}"
    return Message(text=text, blocks=[section(text)])


def schedule_stopped(s: ScheduleView) -> Message:
    text = f"Stopped: “{escape(s.question_text)}” won't be posted again. Past results stay."
    return Message(text=text, blocks=[section(text)])


def settings_saved(s: SettingsView) -> Message:
    pool = f"pooling up to {s.pool_runs} runs" if s.pool_runs else "no pooling"
    text = f"Saved: anonymous results need at least {s.threshold} answers, {pool}."
    return Message(text=text, blocks=[section(text)])


def help_message() -> Message:
    """What /pulse does."""
    cmd = PulseCommand.PULSE
    text = (
        "*Pulse check-ins* ask your channel one short question; everyone answers with one click.\n"
        f"• `{cmd}`: post a question now (from the bank or your own)\n"
        f"• `{cmd} schedule`: post one every week or two, at a local time\n"
        f"• `{cmd} list`: recurring pulses in this channel\n"
        f"• `{cmd} stop [#id]`: stop a recurring pulse\n"
        f"• `{cmd} settings`: minimum answers and pooling (admins)\n"
        "Anonymous answers are stored without names, and results show only when enough "
        "people answer."
    )
    return Message(text=text, blocks=[section(text)])
