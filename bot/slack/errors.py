"""The one place where a listener's error becomes words on the right surface."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse

from bot.domain.kernel.errors import DomainError
from bot.slack.blockkit import Message, context
from bot.slack.gateway import Gateway
from bot.slack.send_errors import SlackSendError

log = logging.getLogger(__name__)

SORRY = (
    "Something went wrong on my side. Nothing you entered is lost; please try again in a minute."
)


def _user_and_channel(body: dict[str, Any]) -> tuple[str | None, str | None]:
    user = body.get("user")
    user_id = user.get("id") if isinstance(user, dict) else body.get("user_id")
    channel = body.get("channel")
    channel_id = channel.get("id") if isinstance(channel, dict) else body.get("channel_id")
    return (str(user_id) if user_id else None, str(channel_id) if channel_id else None)


def tell(gateway: Gateway, body: dict[str, Any], text: str) -> None:
    """Show `text` privately to the person behind `body`: ephemeral in place, else a DM."""
    user_id, channel_id = _user_and_channel(body)
    if not user_id:
        return
    message = Message(text=text, blocks=[context(text)])
    try:
        if channel_id:
            gateway.ephemeral(channel_id, user_id, message)
        else:
            gateway.post(user_id, message)
    except SlackSendError as exc:
        log.warning("could not tell a user about an error: %s", exc.error)


def report(gateway: Gateway, error: Exception, body: dict[str, Any]) -> None:
    """Domain errors become a clear private note; anything else is logged and apologised for."""
    if isinstance(error, DomainError):
        tell(gateway, body, error.message)
        return
    log.error("listener failed", exc_info=error)
    tell(gateway, body, SORRY)


def install_error_handling(app: App, gateway: Gateway) -> None:
    """Route errors raised outside a listener (in Bolt's middleware) through `report`.

    Listeners registered through the kit's `Listeners` report their own errors, so what
    arrives here is Bolt itself tripping over a request's shape (an action_id that is not a
    string, say): a bad request, answered 400 rather than Bolt's default 500.
    """

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        report(gateway, error, body)
        return BoltResponse(status=400, body="")
