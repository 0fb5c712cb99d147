"""Installing coachbot by OAuth: Bolt's own flow, with installations and OAuth state kept in
the project's database through slack_sdk's SQLAlchemy stores, and pages a person can read.

The stores' tables are created by the project's migrations (bot/db/models/installs.py),
never by the stores at run time. Scopes come from manifest.yml, the one place they are kept.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.config import Settings
from bot.slack.tokens import Enterprises, Installations, make_client

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.yml"
STATE_SECONDS = 600  # an install started and not finished within ten minutes starts over
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

# Why an install did not finish, in words for the person who tried.
_FAILURES = {
    "access_denied": "The install was cancelled in Slack, so nothing was added.",
    "invalid_browser": "This page was opened in a different browser from the one that "
    "started the install.",
    "invalid_state": "This install link has expired or was already used.",
    "invalid_code": "Slack did not confirm the install.",
    "missing_code": "Slack did not confirm the install.",
    "storage_error": "coachbot could not save the install.",
}


def manifest_path() -> Path:
    """manifest.yml beside the source tree, or in the working directory (a container)."""
    beside = Path(__file__).resolve().parents[2] / MANIFEST_NAME
    return beside if beside.exists() else Path.cwd() / MANIFEST_NAME


def bot_scopes(path: Path | None = None) -> list[str]:
    """The bot scopes manifest.yml asks for."""
    data = yaml.safe_load((path or manifest_path()).read_text(encoding="utf-8"))
    return [str(scope) for scope in data["oauth_config"]["scopes"]["bot"]]


@dataclass
class InstallStores:
    """The installation and OAuth state stores, on the project's database."""

    installations: SQLAlchemyInstallationStore
    states: SQLAlchemyOAuthStateStore
    rotator: TokenRotator

    def forget(self, enterprise_id: str | None, team_id: str | None) -> None:
        """Delete a workspace's (or, with no team, an org-wide) installation and bot tokens."""
        self.installations.delete_installation(enterprise_id=enterprise_id, team_id=team_id)
        self.installations.delete_bot(enterprise_id=enterprise_id, team_id=team_id)


def install_stores(settings: Settings, engine: Engine) -> InstallStores:
    """The stores for OAuth mode; settings must carry the client id and secret."""
    if settings.slack_client_id is None or settings.slack_client_secret is None:
        raise ValueError("OAuth needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    return InstallStores(
        installations=SQLAlchemyInstallationStore(settings.slack_client_id, engine),
        states=SQLAlchemyOAuthStateStore(STATE_SECONDS, engine),
        rotator=TokenRotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret.get_secret_value(),
            client=make_client(None, settings.slack_api_url),
        ),
    )


def installation_tokens(
    settings: Settings, stores: InstallStores, enterprises: Enterprises
) -> Installations:
    """Per-workspace tokens from the store, rotated before they expire."""
    return Installations(
        stores.installations,
        enterprises,
        settings.slack_api_url,
        rotator=stores.rotator,
        rotate_minutes=settings.token_rotation_minutes,
    )


class Installed(Protocol):
    """Told of each new install: its workspace and Grid org."""

    def __call__(self, team_id: str, enterprise_id: str | None, *, fresh: bool) -> None: ...


def oauth_settings(
    settings: Settings, stores: InstallStores, on_installed: Installed
) -> OAuthSettings:
    """Bolt's OAuth flow: /slack/install and /slack/oauth_redirect, state checked against the
    database and a cookie, and token rotation through the same rotator the scheduler uses."""
    if settings.slack_client_id is None or settings.slack_client_secret is None:
        raise ValueError("OAuth needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    oauth = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=bot_scopes(),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False,
        authorization_url=settings.slack_authorize_url,
        installation_store=stores.installations,
        state_store=stores.states,
        state_expiration_seconds=STATE_SECONDS,
        token_rotation_expiration_minutes=settings.token_rotation_minutes,
        callback_options=CallbackOptions(
            success=lambda args: _installed(args, on_installed), failure=_not_installed
        ),
        logger=logging.getLogger("bolt.oauth"),
    )
    # Bolt's authorize refreshes tokens with a client of its own that only knows slack.com;
    # this one follows SLACK_API_URL like every other call.
    if oauth.authorize.token_rotator is not None:  # type: ignore[attr-defined]
        oauth.authorize.token_rotator = stores.rotator  # type: ignore[attr-defined]
    return oauth


def _page(title: str, body: str, status: int) -> BoltResponse:
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;"
        "padding:0 1em;line-height:1.5;color:#1d1c1d}h1{font-size:1.5em}</style>"
        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return BoltResponse(
        status=status, body=page, headers={"Content-Type": "text/html; charset=utf-8"}
    )


def _installed(args: SuccessArgs, on_installed: Installed) -> BoltResponse:
    found = args.installation
    if found.team_id:
        on_installed(found.team_id, found.enterprise_id, fresh=True)
    where = found.team_name or found.enterprise_name or "your workspace"
    log.info("installed into a workspace")
    return _page(
        "coachbot is installed",
        f"<p>coachbot is now part of <strong>{html.escape(where)}</strong>.</p>"
        "<p>Back in Slack, a rep can type <code>/coachme</code> after a lost deal, a manager "
        "<code>/coaching add @rep</code>, and anyone <code>/pulse</code> or <code>/bid</code>. "
        "The coachbot Home tab shows what is waiting for you.</p>"
        "<p>You can close this page.</p>",
        200,
    )


def _not_installed(args: FailureArgs) -> BoltResponse:
    why = _FAILURES.get(args.reason, "Slack and coachbot could not finish the install.")
    log.info("an install did not finish: %s", args.reason)
    return _page(
        "coachbot was not installed",
        f"<p>{html.escape(why)}</p>"
        f"<p><a href='{INSTALL_PATH}'>Start the install again</a>. If it keeps failing, "
        "ask whoever runs coachbot for your company to check its logs.</p>",
        args.suggested_status_code,
    )
