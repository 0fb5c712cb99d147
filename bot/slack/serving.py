"""Bolt middleware run on every authorized request: remember the workspace (and its Grid
org) for the scheduler, and drop a Slack event that any process has already handled."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.domain.kernel.errors import StorageUnavailable
from bot.domain.kernel.served import ServedWorkspaces

log = logging.getLogger(__name__)

# Events about losing access: the workspace is on its way out, not to be remembered.
_LEAVING = {"app_uninstalled", "tokens_revoked"}


def serving_middleware(
    served: ServedWorkspaces,
) -> Callable[..., BoltResponse | None]:
    """A Bolt global middleware bound to `served`."""

    def serve(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        team = context.team_id or ""
        event = body.get("event") if body.get("type") == "event_callback" else None
        event_type = event.get("type") if isinstance(event, dict) else None
        try:
            if team and event_type not in _LEAVING:
                served.remember(team, context.enterprise_id)
            event_id = body.get("event_id") if event_type else None
            repeat = (
                isinstance(event_id, str)
                and bool(event_id)
                and not served.first_sighting(event_id, team)
            )
            if repeat:
                log.info("dropped a repeat delivery of an event already handled")
                return BoltResponse(status=200, body="")
        except StorageUnavailable:
            pass  # the listener meets the same outage and reports it where the person is
        return next()

    return serve
