"""The one place where a listener's error becomes words on the right surface."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.context.respond import Respond

from bot.domain.kernel.errors import DomainError
from bot.slack.blockkit import Message, clip, context
from bot.slack.gateway import Gateway
from bot.slack.send_errors import SlackSendError

log = logging.getLogger(__name__)

SORRY = (
    "Something went wrong on my side. Nothing you entered is lost; please try again in a minute."
)
TEXT_MAX = 3000


def _user_and_channel(body: dict[str, Any]) -> tuple[str | None, str | None]:
    user = body.get("user")
    user_id = user.get("id") if isinstance(user, dict) else body.get("user_id")
    channel = body.get("channel")
    channel_id = channel.get("id") if isinstance(channel, dict) else body.get("channel_id")
    return (
        str(user_id) if isinstance(user_id, str) and user_id else None,
        str(channel_id) if isinstance(channel_id, str) and channel_id else None,
    )


def response_url_of(body: dict[str, Any]) -> str | None:
    """The URL Slack gave a command or click for answering it, wherever it was typed."""
    url = body.get("response_url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        return url
    return None


def whisper(respond: Respond, message: Message, *, replace: bool = False) -> bool:
    """Answer a command or click privately through its response_url; False if that failed.

    The response_url works in any conversation, DMs with other people included, where
    chat.postEphemeral cannot post. `replace` puts the answer in place of the message clicked.
    A missing, forged or expired response_url loses only this answer, so it is logged, not
    raised.
    """
    url = respond.response_url
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        log.warning("no usable response_url to answer through")
        return False
    try:
        reply = respond(
            text=clip(message.text, TEXT_MAX),
            blocks=message.blocks,
            response_type="ephemeral",
            replace_original=replace,
        )
    except Exception as exc:
        log.warning("could not answer through the response_url: %s", type(exc).__name__)
        return False
    if reply.status_code >= 300:
        log.warning("the response_url answered %s", reply.status_code)
        return False
    return True


def tell(gateway: Gateway, body: dict[str, Any], text: str) -> None:
    """Show `text` privately to the person behind `body`.

    Through the request's response_url when it has one; else ephemeral in place, else a DM.
    """
    user_id, channel_id = _user_and_channel(body)
    message = Message(text=text, blocks=[context(text)])
    url = response_url_of(body)
    if url is not None and whisper(Respond(response_url=url), message):
        return
    try:
        if not user_id:
            return
        elif channel_id:
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
    if isinstance(error, SlackSendError):
        # Slack refused a call (an expired trigger, a conversation we cannot post in): worth
        # noting, but nothing of ours is broken.
        log.warning("a listener's Slack call was refused: %s", error.error)
    else:
        log.error("listener failed", exc_info=error)
    tell(gateway, body, SORRY)


def install_error_handling(app: App, gateway: Gateway) -> None:
    """Route errors raised outside a listener (in Bolt's middleware) through `report`.

    Listeners registered through the kit's `Listeners` report their own errors, so what
    arrives here is Bolt itself tripping over a request's shape (an action_id that is not a
    string, say): a signed request no Slack client sends, answered 400 rather than Bolt's
    default 500, with nobody to tell.
    """

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> BoltResponse:
        if isinstance(error, DomainError):
            payload = body if isinstance(body, dict) else {}
            team = payload.get("team")
            team_id = team.get("id") if isinstance(team, dict) else payload.get("team_id")
            with gateway.acting_for(team_id if isinstance(team_id, str) else ""):
                report(gateway, error, payload)
        else:
            log.warning("refused a request Bolt could not route: %r", error)
        return BoltResponse(status=400, body="")
