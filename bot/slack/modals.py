"""How every modal submission answers a domain error: inline, on the field, modal kept open."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from slack_bolt import Ack

from bot.domain.kernel.errors import DomainError, InvalidInput

T = TypeVar("T")
ERROR_MAX = 150  # Slack shows at most this much of an inline field error


def submit(
    ack: Ack,
    fallback_block: str,
    call: Callable[[], T],
    *,
    blocks: Mapping[str, str] | None = None,
    quiet: tuple[type[DomainError], ...] = (),
) -> T | None:
    """Run a submission's one service call.

    On InvalidInput each field's message goes on its block (`blocks` maps domain field names
    to block ids where they differ); any other domain error goes on `fallback_block`, so the
    person's words stay in the modal. Errors of a `quiet` type just close the modal. Returns
    None when the modal was answered here; the caller acks on success.
    """
    try:
        return call()
    except quiet:
        ack()
    except InvalidInput as exc:
        known = blocks or {}
        errors: dict[str, str] = {}
        for name, message in exc.fields.items():
            errors.setdefault(str(known.get(name, name)), message[:ERROR_MAX])
        ack(response_action="errors", errors=errors)
    except DomainError as exc:
        ack(response_action="errors", errors={fallback_block: exc.message[:ERROR_MAX]})
    return None
