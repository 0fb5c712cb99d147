"""Anonymous pulse comments in Slack: the comment form, the comments in the thread, and the
owner's private reply. Pure builders."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.pulse.comments import COMMENT_MAX, LINK_DAYS
from bot.domain.pulse.dto import PulseView
from bot.slack.blockkit import (
    Blocks,
    Message,
    button,
    clip,
    context,
    escape,
    mention,
    modal,
    quote,
    section,
    text_input,
)
from bot.slack.pulse.ids import PulseAction, PulseBlock, PulseCallback

MAX_SHOWN = 40


def comment_modal(pulse_id: int, threshold: int) -> dict[str, Any]:
    """An optional anonymous comment on the pulse."""
    return modal(
        "Anonymous comment",
        [
            text_input(
                PulseBlock.COMMENT,
                "Anything to add?",
                multiline=True,
                max_length=COMMENT_MAX,
            ),
            context(
                f"No name and no time are kept with it. Comments show in the thread only if "
                f"at least {threshold} people comment, in random order. The person who started "
                "the pulse can reply to a comment privately, without ever learning who wrote "
                "it. Commenting again replaces your comment."
            ),
        ],
        callback_id=PulseCallback.COMMENT,
        submit="Send",
        private_metadata=json.dumps({"pulse_id": pulse_id}),
    )


def comment_saved_modal(new: bool) -> dict[str, Any]:
    """After a comment was saved."""
    said = "Thanks, your comment is in." if new else "Thanks, your comment is updated."
    return modal(
        "Anonymous comment",
        [section(f"{said} It shows only if enough people comment.")],
        callback_id=PulseCallback.COMMENT,
        close="Done",
    )


def comments_message(payload: dict[str, Any]) -> Message:
    """In the thread at close: the comments, or why none are shown."""
    p = PulseView.from_payload(payload["pulse"])
    shown: list[dict[str, Any]] = list(payload.get("comments") or [])
    if not shown:
        text = (
            f"A few comments came in, fewer than {p.threshold}, so they stay unread to keep "
            "them anonymous, and have been deleted."
        )
        return Message(text=text, blocks=[section(f":lock: {text}")])
    blocks: Blocks = [section(f"*Comments* ({len(shown)}, in random order)")]
    for c in shown[:MAX_SHOWN]:
        quoted = "\n".join("> " + ln for ln in escape(str(c["text"])).splitlines() or [""])
        blocks.append(
            section(
                clip(quoted, 2900),
                accessory=button("Reply privately", PulseAction.REPLY, str(c["id"])),
            )
        )
    blocks.append(
        context(
            f"Only {mention(p.started_by)} can reply, privately, for {LINK_DAYS} days; "
            "they never learn who wrote a comment."
        )
    )
    return Message(text=f"{len(shown)} comments on the pulse", blocks=blocks)


def reply_modal(comment_id: int, comment: str) -> dict[str, Any]:
    """The owner's private reply to one comment."""
    return modal(
        "Reply privately",
        [
            quote("The comment", comment),
            text_input(PulseBlock.REPLY, "Your reply", multiline=True, max_length=COMMENT_MAX),
            context(
                "I'll send it to whoever wrote the comment. You won't learn who it is, unless "
                "they choose to tell you."
            ),
        ],
        callback_id=PulseCallback.REPLY,
        submit="Send",
        private_metadata=json.dumps({"comment_id": comment_id}),
    )


def reply_sent_modal() -> dict[str, Any]:
    """After the reply is on its way; it says nothing about who gets it."""
    return modal(
        "Reply privately",
        [section("Sent to whoever wrote the comment. Their name stays private.")],
        callback_id=PulseCallback.REPLY,
        close="Done",
    )


def reply_dm(payload: dict[str, Any]) -> Message:
    """To the comment's writer: the owner's reply, and that the owner doesn't know who."""
    text = (
        f"{mention(str(payload['owner_id']))} replied to the anonymous comment you left on "
        f"the pulse “{escape(clip(str(payload['question']), 150))}”."
    )
    return Message(
        text=text,
        blocks=[
            section(text),
            quote("You wrote", str(payload["comment"])),
            quote("Their reply", str(payload["reply"])),
            context("They don't know it was you. If you'd like to talk, it's your call."),
        ],
    )
