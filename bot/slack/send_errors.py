"""How a failed Web API call is sorted: permanent, ambiguous (Slack may have performed it),
or a rate limit with a time to come back."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

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
    """A call failed. `permanent`: no retry can help. `ambiguous`: Slack may have performed
    it anyway. `retry_after`: Slack asked us to wait this many seconds."""

    def __init__(
        self,
        error: str,
        permanent: bool,
        *,
        ambiguous: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(error)
        self.error = error
        self.permanent = permanent
        self.ambiguous = ambiguous
        self.retry_after = retry_after


def api_error(exc: SlackApiError) -> SlackSendError:
    """Sort an error answer from the Web API."""
    error = str(exc.response.get("error", "unknown_error"))
    status = int(getattr(exc.response, "status_code", 200))
    if status == 429:
        headers = getattr(exc.response, "headers", {}) or {}
        raw = headers.get("Retry-After") or headers.get("retry-after") or "1"
        wait = float(raw[0] if isinstance(raw, list) else raw)
        return SlackSendError("ratelimited", permanent=False, retry_after=wait)
    if status >= 500:
        return SlackSendError(error, permanent=False, ambiguous=True)
    permanent = error in PERMANENT_ERRORS or 400 <= status < 500
    return SlackSendError(error, permanent)


def transport_error(exc: Exception) -> SlackSendError:
    """Sort a failure to get any answer (a timeout, a refused or reset connection)."""
    # A refused connection never reached Slack; anything else (a timeout, a reset) may have.
    refused = isinstance(exc, ConnectionRefusedError) or isinstance(
        getattr(exc, "reason", None), ConnectionRefusedError
    )
    return SlackSendError(type(exc).__name__, permanent=False, ambiguous=not refused)
