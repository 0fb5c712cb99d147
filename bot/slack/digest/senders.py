"""How the digest's one kind of message reaches Slack."""

from __future__ import annotations

from bot.domain.digest.kinds import DigestKind
from bot.domain.digest.service import Digest
from bot.slack.delivery import Sender, posting
from bot.slack.digest.blocks import digest_message

SENDERS: dict[str, Sender] = {
    DigestKind.WEEKLY: posting(lambda p: digest_message(Digest.from_payload(p))),
}
