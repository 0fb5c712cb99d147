"""The one way out to Slack's Web API: pacing, error sorting and finding what was posted.

Writes are never retried here or by the Web API client: a write whose outcome is unclear (a
timeout, a 5xx) is reported as ambiguous, and the outbox, which knows what it meant to send,
decides, after looking for the message by the outbox key carried in its metadata.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.blockkit import FALLBACK_TEXT_MAX, Message, clip
from bot.slack.pacing import Pacer
from bot.slack.send_errors import SlackSendError, api_error, transport_error
from bot.slack.tokens import SingleToken, TokenSource, make_client

log = logging.getLogger(__name__)

# The metadata event type that carries an outbox key on every message the bot posts.
OUTBOX_EVENT = "coachbot_outbox"
LOOKBACK = 200  # recent messages searched for a post whose outcome was never heard
READ_TRIES = 2  # reads are safe to repeat; writes never are
NO_TOKEN_WAIT = 600.0  # seconds a message for a workspace without a token waits to retry
ALT_TEXT_MAX = 1000  # an image's description, for screen readers


@dataclass(frozen=True)
class Sent:
    channel: str
    ts: str


__all__ = ["Gateway", "Sent", "make_client"]


@dataclass(frozen=True)
class _Acting:
    """The workspace the calls in this context are made for, and its client (None: no token)."""

    team_id: str
    client: WebClient | None


_acting: ContextVar[_Acting | None] = ContextVar("gateway_acting", default=None)


class Gateway:
    """Outbound Slack calls used by jobs and delivery. Every failure becomes SlackSendError.

    Calls are made for the workspace bound with `acting_for` (a request's, or an outbox
    message's), with that workspace's token; outside any binding, with the single bot token.
    """

    def __init__(self, tokens: TokenSource | WebClient, pacer: Pacer | None = None) -> None:
        if isinstance(tokens, WebClient):
            tokens = SingleToken(tokens)
        self.tokens: TokenSource = tokens
        self._pacer = pacer or Pacer(0.0)
        self._dm_channels: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        # (workspace, block type) pairs Slack refused as invalid_blocks: not tried again here.
        self.refused_blocks: set[tuple[str, str]] = set()

    @property
    def client(self) -> WebClient:
        """The client for the workspace being served; raises when it has no token."""
        acting = _acting.get()
        if acting is None and isinstance(self.tokens, SingleToken):
            return self.tokens.client
        if acting is None or acting.client is None:
            # No installation (or its tokens were revoked): wait, in case it comes back.
            raise SlackSendError("not_installed", permanent=False, retry_after=NO_TOKEN_WAIT)
        return acting.client

    @property
    def team_id(self) -> str:
        """The workspace the current calls are for ("" outside any binding)."""
        acting = _acting.get()
        return acting.team_id if acting is not None else ""

    @contextmanager
    def acting_for(self, team_id: str, token: str | None = None) -> Iterator[None]:
        """Make the calls inside the block for `team_id`, with `token` when the caller
        already has one (Bolt found it for the request), else the workspace's own."""
        client = self.tokens.client_for_token(token) if token else self.tokens.client_for(team_id)
        reset = _acting.set(_Acting(team_id, client))
        try:
            yield
        finally:
            _acting.reset(reset)

    def _call(self, method: str, **args: Any) -> dict[str, Any]:
        """A write (JSON body), tried once."""
        try:
            response = self.client.api_call(method, json=args)
        except SlackApiError as exc:
            raise api_error(exc) from None
        except (SlackClientError, OSError) as exc:
            raise transport_error(exc) from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    def read(self, method: str, **args: Any) -> dict[str, Any]:
        """A read (form fields), tried again once when its outcome was unclear."""
        for attempt in range(READ_TRIES):
            try:
                response = self.client.api_call(method, params=args)
            except SlackApiError as exc:
                error = api_error(exc)
            except (SlackClientError, OSError) as exc:
                error = transport_error(exc)
            else:
                return dict(response.data) if isinstance(response.data, dict) else {}
            if error.permanent or error.retry_after or attempt == READ_TRIES - 1:
                raise error
        raise AssertionError("unreachable")

    def dm_channel(self, user_id: str) -> str:
        """The DM channel with `user_id`, opened once and remembered."""
        remembered = (self.team_id, user_id)
        with self._lock:
            known = self._dm_channels.get(remembered)
        if known:
            return known
        data = self.read("conversations.open", users=user_id)
        channel = str(data["channel"]["id"])
        with self._lock:
            self._dm_channels[remembered] = channel
        return channel

    def post(
        self,
        channel: str,
        message: Message,
        *,
        thread_ts: str | None = None,
        key: str | None = None,
        look_first: bool = False,
    ) -> Sent:
        """Post `message` in `channel` (a user id DMs that user).

        `key` tags the post with the outbox key in its metadata; with `look_first`, the
        conversation (or thread) is searched for a post with that key first, and a post found
        there is returned instead of posting again.
        """
        if channel.startswith(("U", "W")):
            channel = self.dm_channel(channel)
        if key and look_first:
            found = self.find_posted(channel, key, thread_ts)
            if found is not None:
                return found
        self._pacer.wait(f"{self.team_id}:post")
        args: dict[str, Any] = {
            "channel": channel,
            "text": clip(message.text, FALLBACK_TEXT_MAX),
            "blocks": message.blocks,
            "unfurl_links": False,
        }
        if thread_ts:
            args["thread_ts"] = thread_ts
        if key:
            args["metadata"] = {"event_type": OUTBOX_EVENT, "event_payload": {"key": key}}
        data = self._call("chat.postMessage", **args)
        return Sent(channel=str(data.get("channel", channel)), ts=str(data.get("ts", "")))

    def find_posted(self, channel: str, key: str, thread_ts: str | None = None) -> Sent | None:
        """The bot's recent post in `channel` (or the thread) tagged with outbox `key`.

        None when there is none, or when the workspace has not granted the history scopes:
        then the caller posts again (at least once, rather than maybe never).
        """
        method = "conversations.replies" if thread_ts else "conversations.history"
        args: dict[str, Any] = {"channel": channel, "limit": LOOKBACK, "include_all_metadata": 1}
        if thread_ts:
            args["ts"] = thread_ts
        try:
            data = self.read(method, **args)
        except SlackSendError as exc:
            if exc.permanent:
                log.warning("cannot look for an unconfirmed post (%s); posting it again", exc.error)
                return None
            raise
        for msg in data.get("messages") or []:
            meta = msg.get("metadata") or {}
            payload = meta.get("event_payload") or {}
            if meta.get("event_type") == OUTBOX_EVENT and payload.get("key") == key:
                return Sent(channel=channel, ts=str(msg.get("ts", "")))
        return None

    def update(self, channel: str, ts: str, message: Message) -> None:
        """Replace a message the bot posted."""
        self._call(
            "chat.update",
            channel=channel,
            ts=ts,
            text=clip(message.text, FALLBACK_TEXT_MAX),
            blocks=message.blocks,
        )

    def ephemeral(self, channel: str, user_id: str, message: Message) -> None:
        """A message only `user_id` sees, in `channel`."""
        self._call(
            "chat.postEphemeral",
            channel=channel,
            user=user_id,
            text=clip(message.text, FALLBACK_TEXT_MAX),
            blocks=message.blocks,
        )

    def open_view(self, trigger_id: str, view: dict[str, Any]) -> str:
        """Open a modal; returns its view id."""
        data = self._call("views.open", trigger_id=trigger_id, view=view)
        return str(data.get("view", {}).get("id", ""))

    def update_view(self, view_id: str, view: dict[str, Any]) -> None:
        self._call("views.update", view_id=view_id, view=view)

    def publish_home(self, user_id: str, view: dict[str, Any]) -> None:
        self._call("views.publish", user_id=user_id, view=view)

    def upload_file(
        self,
        channel: str,
        thread_ts: str | None,
        filename: str,
        content: bytes,
        title: str,
        *,
        alt_text: str | None = None,
    ) -> Sent:
        """Share a file (a chart, a report) in `channel` (a user id: their DM), in a thread when
        `thread_ts` is given. Files upload v2: an upload URL, the bytes, then completion."""
        if channel.startswith(("U", "W")):
            channel = self.dm_channel(channel)
        self._pacer.wait(f"{self.team_id}:files")
        args: dict[str, Any] = {
            "channel": channel,
            "filename": filename,
            "content": content,
            "title": title,
        }
        if thread_ts:
            args["thread_ts"] = thread_ts
        if alt_text:
            args["alt_txt"] = clip(alt_text, ALT_TEXT_MAX)
        try:
            response = self.client.files_upload_v2(**args)
        except SlackApiError as exc:
            raise api_error(exc) from None
        except (SlackClientError, OSError) as exc:
            raise transport_error(exc) from None
        files = response.get("files") or [{}]
        return Sent(channel=channel, ts=str(files[0].get("id", "")))

    def is_member(self, channel: str) -> bool:
        """Whether the bot is in `channel`; a channel the bot cannot see counts as no."""
        try:
            data = self.read("conversations.info", channel=channel)
        except SlackSendError as exc:
            if exc.error in {"channel_not_found", "not_in_channel"}:
                return False
            raise
        return bool(data.get("channel", {}).get("is_member", False))
