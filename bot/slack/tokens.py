"""Which token speaks for which workspace.

One bot token from the environment serves a single workspace (`SingleToken`); with OAuth,
each workspace's token comes from the installation store and is refreshed shortly before it
expires when token rotation is on (`Installations`). The gateway asks `client_for(team_id)`
before every call it makes for a workspace, so requests and scheduled sends alike use that
workspace's own, current token.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError, SlackTokenRotationError
from slack_sdk.oauth.installation_store import Installation, InstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator

log = logging.getLogger(__name__)


def make_client(token: str | None, base_url: str, *, timeout: int = 10) -> WebClient:
    """A WebClient with no automatic retries: only the outbox knows whether to try again."""
    client = WebClient(token=token, base_url=base_url, timeout=timeout)
    client.retry_handlers.clear()
    return client


class TokenSource(Protocol):
    """Hands out a WebClient carrying the right token for a workspace."""

    def client_for(self, team_id: str) -> WebClient | None:
        """The client for `team_id`, or None when coachbot may not speak for it."""
        ...

    def client_for_token(self, token: str) -> WebClient:
        """A client for a token Bolt already found (and rotated) for a request."""
        ...


class _ClientCache:
    """One WebClient per token, so connections and settings are shared between calls."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._clients: dict[str, WebClient] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> WebClient:
        with self._lock:
            client = self._clients.get(token)
            if client is None:
                if len(self._clients) > 1000:  # rotated tokens pile up; start afresh
                    self._clients.clear()
                client = self._clients[token] = make_client(token, self.base_url)
            return client


class SingleToken:
    """SLACK_BOT_TOKEN serves every request and every send."""

    def __init__(self, client: WebClient) -> None:
        self.client = client
        self._cache = _ClientCache(client.base_url)

    def client_for(self, team_id: str) -> WebClient | None:
        return self.client

    def client_for_token(self, token: str) -> WebClient:
        return self.client if token == self.client.token else self._cache.get(token)


class Enterprises(Protocol):
    def enterprise_of(self, team_id: str) -> str | None: ...


class Installations:
    """Tokens from the installation store, per workspace, refreshed before they expire.

    A workspace of an Enterprise Grid org is looked up by org and workspace first, then as
    part of an org-wide install. A workspace with no installation (never installed,
    uninstalled, or its tokens revoked) gets no client: nothing is sent for it.
    """

    def __init__(
        self,
        store: InstallationStore,
        enterprises: Enterprises,
        base_url: str,
        rotator: TokenRotator | None = None,
        rotate_minutes: int = 120,
    ) -> None:
        self.store = store
        self._enterprises = enterprises
        self._cache = _ClientCache(base_url)
        self._rotator = rotator
        self._rotate_minutes = rotate_minutes

    def installation_for(self, team_id: str) -> Installation | None:
        """The newest installation serving `team_id`, its bot token fresh, or None."""
        enterprise = self._enterprises.enterprise_of(team_id)
        found = self.store.find_installation(enterprise_id=enterprise, team_id=team_id)
        if found is None and enterprise is not None:
            found = self.store.find_installation(
                enterprise_id=enterprise, team_id=None, is_enterprise_install=True
            )
        if found is None or not found.bot_token:
            return None
        if self._rotator is not None and found.bot_refresh_token:
            try:
                fresh = self._rotator.perform_token_rotation(
                    installation=found, minutes_before_expiration=self._rotate_minutes
                )
            except (SlackTokenRotationError, SlackApiError, SlackClientError, OSError) as exc:
                log.error("could not refresh a workspace's token: %s", type(exc).__name__)
                return None
            if fresh is not None:
                self.store.save(fresh)
                found = fresh
        return found

    def client_for(self, team_id: str) -> WebClient | None:
        found = self.installation_for(team_id)
        return None if found is None or not found.bot_token else self._cache.get(found.bot_token)

    def client_for_token(self, token: str) -> WebClient:
        return self._cache.get(token)
