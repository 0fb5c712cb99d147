"""The OAuth side of the fake Slack: the consent page, ``oauth.v2.access`` (code and
refresh-token grants), and which workspace each token it issued belongs to.

The consent page at ``/oauth/v2/authorize`` approves at once (a person clicking "Allow")
for the workspace named by the ``team`` query parameter (Bolt passes on
``/slack/install?team=T...``), and redirects to the app's redirect URL with a one-time code.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

JSONDict = dict[str, Any]

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
APP_ID = "A0001"


@dataclass
class Grant:
    team_id: str
    team_name: str
    enterprise_id: str | None
    org_wide: bool
    scopes: str


@dataclass
class IssuedToken:
    team_id: str | None  # None: an org-wide install's token (any workspace of the org)
    enterprise_id: str | None
    expires_at: float | None
    revoked: bool = False


@dataclass
class OAuthWorld:
    """What the fake knows about installs; owned by a FakeSlack (always used under its lock)."""

    redirect_url: str = ""  # where the consent page sends the browser back
    token_lifetime: int | None = None  # seconds; set to turn token rotation on
    refreshed_lifetime: int = 43_200
    tokens: dict[str, IssuedToken] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # refresh token -> access token
    codes: dict[str, Grant] = field(default_factory=dict)
    team_names: dict[str, str] = field(default_factory=dict)
    enterprises: dict[str, str] = field(default_factory=dict)  # team -> Grid org
    refreshes: int = 0
    _serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def authorize(self, query: str) -> tuple[int, dict[str, str], bytes]:
        """The consent page: approve and redirect back with a code (or ``error``)."""
        params = {k: v[0] for k, v in parse_qs(query).items()}
        back: dict[str, str] = {"state": params.get("state", "")}
        team = params.get("team", "")
        if params.get("client_id") != CLIENT_ID or not team:
            back["error"] = "access_denied"
        else:
            code = f"code-{next(self._serial)}"
            enterprise = self.enterprises.get(team)
            org_wide = params.get("org_wide") == "1"
            self.codes[code] = Grant(
                team, self.team_names.get(team, team), enterprise, org_wide, params.get("scope", "")
            )
            back["code"] = code
        target = params.get("redirect_uri") or self.redirect_url
        return 302, {"Location": f"{target}?{urlencode(back)}"}, b""

    def access(self, params: JSONDict) -> JSONDict:
        """``oauth.v2.access``: trade a code, or a refresh token, for a bot token."""
        if params.get("client_id") != CLIENT_ID or params.get("client_secret") != CLIENT_SECRET:
            return {"ok": False, "error": "invalid_client_id"}
        if params.get("grant_type") == "refresh_token":
            return self._refresh(str(params.get("refresh_token", "")))
        grant = self.codes.pop(str(params.get("code", "")), None)
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        team = None if grant.org_wide else grant.team_id
        _, body = self._issue(team, grant.enterprise_id, self.token_lifetime)
        body.update(
            {
                "app_id": APP_ID,
                "scope": grant.scopes,
                "bot_user_id": "UBOT",
                "team": None if grant.org_wide else {"id": grant.team_id, "name": grant.team_name},
                "enterprise": {"id": grant.enterprise_id, "name": "Grid Org"}
                if grant.enterprise_id
                else None,
                "is_enterprise_install": grant.org_wide,
                "authed_user": {"id": "U_INSTALLER"},
            }
        )
        return body

    def _refresh(self, refresh_token: str) -> JSONDict:
        old = self.refresh_tokens.pop(refresh_token, None)
        issued = self.tokens.get(old or "")
        if issued is None or issued.revoked:
            return {"ok": False, "error": "invalid_refresh_token"}
        self.refreshes += 1
        _, body = self._issue(issued.team_id, issued.enterprise_id, self.refreshed_lifetime)
        return body

    def _issue(
        self, team: str | None, enterprise: str | None, lifetime: int | None
    ) -> tuple[str, JSONDict]:
        n = next(self._serial)
        token = f"xoxb-{team or enterprise}-{n}"
        expires_at = time.time() + lifetime if lifetime is not None else None
        self.tokens[token] = IssuedToken(team, enterprise, expires_at)
        body: JSONDict = {"ok": True, "access_token": token, "token_type": "bot"}
        if lifetime is not None:
            refresh = f"xoxe-1-{team or enterprise}-{n}"
            self.refresh_tokens[refresh] = token
            body.update({"refresh_token": refresh, "expires_in": lifetime})
        return token, body

    def check(self, token: str | None) -> str | None:
        """The error a call with ``token`` gets, or None when it may go ahead."""
        issued = self.tokens.get(token or "")
        if issued is None:
            return None  # a token the fake did not issue (single-workspace tests)
        if issued.revoked:
            return "token_revoked"
        if issued.expires_at is not None and issued.expires_at < time.time():
            return "token_expired"
        return None

    def team_of(self, token: str | None, default: str) -> str:
        issued = self.tokens.get(token or "")
        if issued is None:
            return default
        return issued.team_id or issued.enterprise_id or default

    def revoke_team(self, team_id: str) -> None:
        for issued in self.tokens.values():
            if issued.team_id == team_id:
                issued.revoked = True
