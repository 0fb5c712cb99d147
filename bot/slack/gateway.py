"""The one way out to Slack's Web API: retries, pacing and error sorting live here."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.domain.kernel.people import Profile
from bot.slack.blockkit import Message, clip

log = logging.getLogger(__name__)

# Errors that no retry will fix: the person or channel cannot receive this message.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "users_not_found",
        "account_inactive",
        "user_disabled",
        "cannot_dm_bot",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_blocks",
        "msg_too_long",
        "no_text",
        "restricted_action",
        "team_access_not_granted",
        "missing_scope",
        "not_authed",
        "invalid_auth",
        "token_revoked",
        "ekm_access_denied",
        "messages_tab_disabled",
    }
)


class SlackSendError(Exception):
    """Slack refused a call. `permanent` says whether trying again could help."""

    def __init__(self, error: str, permanent: bool) -> None:
        super().__init__(error)
        self.error = error
        self.permanent = permanent


@dataclass(frozen=True)
class Sent:
    channel: str
    ts: str


class Pacer:
    """Spaces out posts so a burst of nudges stays inside Slack's per-workspace limits."""

    def __init__(self, min_interval: float) -> None:
        self._min_interval = min_interval
        self._lock = threading.Lock()
        self._next_at = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next_at - now
            self._next_at = max(now, self._next_at) + self._min_interval
        if delay > 0:
            time.sleep(delay)


def make_client(token: str, base_url: str, *, max_retries: int = 2) -> WebClient:
    """A WebClient that waits out 429s and retries brief outages."""
    client = WebClient(token=token, base_url=base_url, timeout=10)
    client.retry_handlers.extend(
        [
            RateLimitErrorRetryHandler(max_retry_count=max_retries),
            ServerErrorRetryHandler(max_retry_count=max_retries),
            ConnectionErrorRetryHandler(max_retry_count=max_retries),
        ]
    )
    return client


class Gateway:
    """Outbound Slack calls used by jobs and delivery. Every failure becomes SlackSendError."""

    def __init__(self, client: WebClient, pacer: Pacer | None = None) -> None:
        self.client = client
        self._pacer = pacer or Pacer(0.0)
        self._dm_channels: dict[str, str] = {}
        self._lock = threading.Lock()

    def _call(self, method: str, *, form: bool = False, **args: Any) -> dict[str, Any]:
        # Read methods such as users.info take form fields; writes take JSON.
        try:
            if form:
                response = self.client.api_call(method, params=args)
            else:
                response = self.client.api_call(method, json=args)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            status = int(getattr(exc.response, "status_code", 200))
            permanent = error in PERMANENT_ERRORS or (400 <= status < 500 and status != 429)
            raise SlackSendError(error, permanent) from None
        except (SlackClientError, OSError) as exc:
            raise SlackSendError(type(exc).__name__, permanent=False) from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    def dm_channel(self, user_id: str) -> str:
        """The DM channel with `user_id`, opened once and remembered."""
        with self._lock:
            known = self._dm_channels.get(user_id)
        if known:
            return known
        data = self._call("conversations.open", form=True, users=user_id)
        channel = str(data["channel"]["id"])
        with self._lock:
            self._dm_channels[user_id] = channel
        return channel

    def post(self, channel: str, message: Message, *, thread_ts: str | None = None) -> Sent:
        """Post `message` in `channel` (a user id DMs that user)."""
        if channel.startswith(("U", "W")):
            channel = self.dm_channel(channel)
        self._pacer.wait()
        args: dict[str, Any] = {
            "channel": channel,
            "text": clip(message.text, 3000),
            "blocks": message.blocks,
            "unfurl_links": False,
        }
        if thread_ts:
            args["thread_ts"] = thread_ts
        data = self._call("chat.postMessage", **args)
        return Sent(channel=str(data.get("channel", channel)), ts=str(data.get("ts", "")))

    def update(self, channel: str, ts: str, message: Message) -> None:
        """Replace a message the bot posted."""
        self._call(
            "chat.update",
            channel=channel,
            ts=ts,
            text=clip(message.text, 3000),
            blocks=message.blocks,
        )

    def ephemeral(self, channel: str, user_id: str, message: Message) -> None:
        """A message only `user_id` sees, in `channel`."""
        self._call(
            "chat.postEphemeral",
            channel=channel,
            user=user_id,
            text=clip(message.text, 3000),
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
        self, channel: str, thread_ts: str | None, filename: str, content: bytes, title: str
    ) -> Sent:
        """Share a file (such as a chart) in `channel`, in a thread when `thread_ts` is given."""
        self._pacer.wait()
        args: dict[str, Any] = {
            "channel": channel,
            "filename": filename,
            "content": content,
            "title": title,
        }
        if thread_ts:
            args["thread_ts"] = thread_ts
        try:
            response = self.client.files_upload_v2(**args)
        except SlackApiError as exc:
            error = str(exc.response.get("error", "unknown_error"))
            status = int(getattr(exc.response, "status_code", 200))
            permanent = error in PERMANENT_ERRORS or (400 <= status < 500 and status != 429)
            raise SlackSendError(error, permanent) from None
        except (SlackClientError, OSError) as exc:
            raise SlackSendError(type(exc).__name__, permanent=False) from None
        files = response.get("files") or [{}]
        return Sent(channel=channel, ts=str(files[0].get("id", "")))

    def is_member(self, channel: str) -> bool:
        """Whether the bot is in `channel`; a channel the bot cannot see counts as no."""
        try:
            data = self._call("conversations.info", form=True, channel=channel)
        except SlackSendError as exc:
            if exc.error in {"channel_not_found", "not_in_channel"}:
                return False
            raise
        return bool(data.get("channel", {}).get("is_member", False))

    def profile(self, user_id: str) -> Profile | None:
        """The person as Slack describes them, or None if Slack doesn't know them."""
        try:
            data = self._call("users.info", form=True, user=user_id)
        except SlackSendError as exc:
            if exc.error in {"user_not_found", "users_not_found"}:
                return None
            raise
        return profile_from_user(data.get("user", {}))


def profile_from_user(user: dict[str, Any]) -> Profile:
    """A Profile from a Slack user object (users.info or a user_change event)."""
    prof = user.get("profile") or {}
    name = (
        prof.get("display_name")
        or prof.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user.get("id")
        or "someone"
    )
    return Profile(
        team_id=str(user.get("team_id") or ""),
        user_id=str(user.get("id")),
        display_name=str(name),
        tz=str(user.get("tz") or "UTC"),
        is_deleted=bool(user.get("deleted")),
        is_bot=bool(user.get("is_bot")) or user.get("id") == "USLACKBOT",
        is_workspace_admin=bool(user.get("is_admin") or user.get("is_owner")),
    )


class SlackDirectory:
    """The domain's Directory, answered by users.info; a Slack outage yields None."""

    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    def lookup(self, team_id: str, user_id: str) -> Profile | None:
        try:
            profile = self._gateway.profile(user_id)
        except SlackSendError as exc:
            log.warning("users.info failed for a user: %s", exc.error)
            return None
        # Enterprise Grid users carry their home team; we key people by the installing team.
        return None if profile is None else replace(profile, team_id=team_id)
