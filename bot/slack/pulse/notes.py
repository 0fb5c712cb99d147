"""Private pulse notes: answer receipts, lists, confirmations, help and what to fix."""

from __future__ import annotations

from typing import Any

from bot.domain.pulse.dto import AnswerReceipt, PulseView, ScheduleView, SettingsView
from bot.domain.pulse.rules import DURATIONS
from bot.slack.blockkit import Blocks, Message, button, clip, context, escape, section, slack_date
from bot.slack.pulse.ids import PulseAction, PulseCommand

INVITE = "/invite @coachbot"


def answer_receipt(r: AnswerReceipt) -> Message:
    """The private confirmation of a click."""
    verb = "changed your answer to" if r.changed else "answered"
    text = (
        f"Got it: you {verb} *{escape(r.label)}*. "
        f"You can change it until {slack_date(r.closes_at, r.tz)}."
    )
    return Message(text=text, blocks=[section(text)])


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
    """Ephemeral: /pulse was typed outside a channel."""
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
        nxt = f" Next: {slack_date(s.next_at, s.tz)}." if s.next_at else ""
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
    """Ephemeral: the recurring pulse is set up, and when it first goes out."""
    nxt = f" The first one goes out {slack_date(s.next_at, s.tz)}." if s.next_at else ""
    text = f"Done: “{escape(s.question_text)}” will be posted {s.when}.{nxt}"
    return Message(text=text, blocks=[section(text)])


def schedule_stopped(s: ScheduleView) -> Message:
    """Ephemeral: the recurring pulse will not be posted again."""
    text = f"Stopped: “{escape(s.question_text)}” won't be posted again. Past results stay."
    return Message(text=text, blocks=[section(text)])


def settings_saved(s: SettingsView) -> Message:
    """The settings as saved."""
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
