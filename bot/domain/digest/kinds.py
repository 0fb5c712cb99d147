"""The one kind of message the weekly digest sends."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.kernel.notifications import Topic


class DigestKind(StrEnum):
    WEEKLY = "manager_digest"


TOPICS: dict[str, Topic] = {DigestKind.WEEKLY: Topic.DIGEST}
