"""The shared agenda in Slack: its lines in a prep, the modal to add some, the Home section.
Pure: plain data in, Block Kit out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.domain.coaching.agenda import ITEM_MAX, MAX_AT_ONCE, PairAgenda
from bot.domain.coaching.nudges import AgendaLine
from bot.slack.blockkit import (
    Blocks,
    Message,
    actions,
    button,
    context,
    escape,
    header,
    mention,
    modal,
    section,
    text_input,
)
from bot.slack.coaching.ids import CoachingAction, CoachingBlock, CoachingCallback

KIND_WORDS = {"topic": "Talking point", "action": "Action item"}
BLOCK_PREFIX = "agenda:"
HOME_PAIRS = 4  # the Home tab is shared with every other section: keep this one short


def agenda_lines(items: Sequence[AgendaLine]) -> Blocks:
    """Each open line with a Done button; what isn't done comes back next time."""
    if not items:
        return []
    blocks: Blocks = [section("*On the agenda* (carried forward until done)")]
    for item in items:
        blocks.append(
            {
                **section(
                    f"• _{KIND_WORDS.get(item.kind, 'Item')}_ from {mention(item.added_by)}: "
                    f"{escape(item.text)}",
                    accessory=button("Done", CoachingAction.AGENDA_DONE, str(item.id)),
                ),
                "block_id": f"{BLOCK_PREFIX}{item.id}",
            }
        )
    return blocks


def add_button(session_id: int) -> dict[str, Any]:
    """ "Add a talking point", for a prep DM or a reminder."""
    return button("Add a talking point", CoachingAction.AGENDA_ADD, str(session_id))


def action_items_block(session_id: int) -> dict[str, Any]:
    """Offered once a session is marked held."""
    return actions(
        button("Note action items", CoachingAction.ACTION_ITEMS, str(session_id)),
        block_id="coaching_action_items",
    )


def agenda_modal(pair_id: int, kind: str = "topic") -> dict[str, Any]:
    """Add talking points (before a session) or action items (after it), one per line."""
    label = "Action items" if kind == "action" else "Talking points"
    return modal(
        label,
        [
            text_input(
                CoachingBlock.AGENDA,
                f"{label}, one per line",
                multiline=True,
                max_length=MAX_AT_ONCE * (ITEM_MAX + 1),
                hint="Both of you see these in the prep until one of you marks them done.",
            )
        ],
        callback_id=CoachingCallback.AGENDA,
        submit="Add",
        private_metadata=json.dumps({"pair_id": pair_id, "kind": kind}),
    )


def added_modal() -> dict[str, Any]:
    """Shown once lines were added."""
    return modal(
        "Agenda",
        [section("Added. You'll both see it in the prep until one of you marks it done.")],
        callback_id=CoachingCallback.AGENDA,
        close="Done",
    )


def without_line(message: dict[str, Any], item_id: int) -> Message:
    """A prep message as Slack holds it, minus the line just marked done."""
    kept = [b for b in message.get("blocks", []) if b.get("block_id") != f"{BLOCK_PREFIX}{item_id}"]
    return Message(text=str(message.get("text") or "Coaching agenda"), blocks=kept)


def home_section(agendas: Sequence[PairAgenda]) -> Blocks:
    """For the Home tab: each pair's open agenda, and a button to add to it."""
    if not agendas:
        return []
    blocks: Blocks = [header("Shared agendas")]
    for agenda in agendas[:HOME_PAIRS]:
        blocks.append(
            section(
                f"With {mention(agenda.other_id)}",
                accessory=button(
                    "Add a talking point", CoachingAction.AGENDA_ADD_PAIR, str(agenda.pair_id)
                ),
            )
        )
        blocks += agenda_lines(agenda.items)[1:]
    blocks.append(context("Only the two of you see a shared agenda."))
    return blocks
