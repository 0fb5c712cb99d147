"""Settings, read from the environment and an optional `.env` file."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SLACK_API_URL = "https://slack.com/api/"

# How to fix each setting, shown when start-up refuses it.
_FIX_HINTS: dict[str, str] = {
    "slack_bot_token": "set SLACK_BOT_TOKEN to the app's Bot User OAuth Token (starts with xoxb-), "
    "or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to install by OAuth into many workspaces",
    "slack_client_id": "set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET together, from the app's "
    "Basic Information page (App Credentials), or unset both to serve one workspace",
    "slack_client_secret": "set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET together, from the "
    "app's Basic Information page (App Credentials), or unset both to serve one workspace",
    "token_rotation_minutes": "set TOKEN_ROTATION_MINUTES to a whole number between 1 and 720",
    "migrate_on_start": "set MIGRATE_ON_START to true or false",
    "slack_signing_secret": "set SLACK_SIGNING_SECRET to the Signing Secret on the app's "
    "Basic Information page",
    "slack_app_token": "set SLACK_APP_TOKEN to an app-level token (starts with xapp-) "
    "or leave it unset to serve HTTP",
    "slack_api_url": "set SLACK_API_URL to an http(s) URL ending in /api/, or unset it",
    "database_url": "set DATABASE_URL to a SQLAlchemy URL such as sqlite:///coachbot.db "
    "or postgresql+psycopg://user@host/db",
    "port": "set PORT to a whole number between 1 and 65535",
    "log_level": "set LOG_LEVEL to DEBUG, INFO, WARNING or ERROR",
    "tick_seconds": "set TICK_SECONDS to a whole number of seconds between 5 and 3600",
    "web_threads": "set WEB_THREADS to a whole number between 2 and 256",
    "public_url": "set PUBLIC_URL to the https address people reach coachbot at, "
    "e.g. https://coachbot.example.com, or leave it unset",
}


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # Required to talk to Slack; the offline commands (db, export, schedule, bids) need neither.
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    # OAuth installs into many workspaces: both set, or neither (then SLACK_BOT_TOKEN serves one).
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    # Minutes before a rotating token expires at which it is refreshed (token rotation on).
    token_rotation_minutes: int = Field(default=120, ge=1, le=720)
    # False: `run`, `web` and `scheduler` leave the schema to `coachbot db upgrade` (a separate
    # deploy step) and refuse to start while it is behind.
    migrate_on_start: bool = True
    slack_api_url: str = DEFAULT_SLACK_API_URL
    database_url: str = Field(default_factory=lambda: f"sqlite:///{Path.cwd() / 'coachbot.db'}")
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    tick_seconds: int = Field(default=30, ge=5, le=3600)
    web_threads: int = Field(default=16, ge=2, le=256)
    # Where people's calendar apps reach this server (calendar feed links); unset: no feeds.
    public_url: str | None = None

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("must start with xoxb-")
        return value

    @field_validator("slack_signing_secret")
    @classmethod
    def _secret_not_blank(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not value.get_secret_value().startswith("xapp-"):
            raise ValueError("must start with xapp-")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("public_url")
    @classmethod
    def _public_url_shape(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not value.startswith(("http://", "https://")) or " " in value:
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError("must be a SQLAlchemy URL")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("slack_client_id", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("slack_client_secret")
    @classmethod
    def _blank_secret_is_unset(cls, value: SecretStr | None) -> SecretStr | None:
        return None if value is None or not value.get_secret_value().strip() else value

    @property
    def oauth(self) -> bool:
        """True when installs go through OAuth and tokens come from the installation store."""
        return self.slack_client_id is not None and self.slack_client_secret is not None

    @property
    def slack_authorize_url(self) -> str:
        """Slack's OAuth consent page, beside the Web API (`/api/` -> `/oauth/v2/authorize`)."""
        return self.slack_api_url.removesuffix("api/") + "oauth/v2/authorize"

    @property
    def socket_mode(self) -> bool:
        """True when an app-level token is set, so the bot connects over Socket Mode."""
        return self.slack_app_token is not None

    @property
    def bot_token(self) -> str:
        """The bot token ("" offline, where nothing talks to Slack)."""
        return self.slack_bot_token.get_secret_value() if self.slack_bot_token else ""

    @property
    def signing_secret(self) -> str:
        """The signing secret; serving Slack without one is refused at start-up."""
        if self.slack_signing_secret is None:
            raise SettingsError(_missing("slack_signing_secret"))
        return self.slack_signing_secret.get_secret_value()


def _missing(field: str) -> str:
    return f"{field.upper()} is missing: {_FIX_HINTS[field]}."


class _SlackPresence(BaseSettings):
    """Only whether any Slack setting is given at all (from the environment or `.env`)."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_client_id: str = ""
    slack_client_secret: str = ""


class LocalSettings(BaseSettings):
    """What the sandbox reads: the port to serve and how much to log."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    port: int = Field(default=3000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


def slack_settings_given() -> bool:
    """True when any Slack setting is set; with none, `coachbot run` starts the sandbox."""
    given = _SlackPresence()
    return any(
        v.strip()
        for v in (
            given.slack_bot_token,
            given.slack_signing_secret,
            given.slack_app_token,
            given.slack_client_id,
            given.slack_client_secret,
        )
    )


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and how to fix it."""


# What serving Slack needs and the offline commands do not.
SLACK_REQUIRED = ("slack_bot_token", "slack_signing_secret")


def _missing_for_slack(settings: Settings) -> list[str]:
    """The settings serving Slack still needs: the signing secret, and a bot token or both
    OAuth credentials."""
    oauth = ("slack_client_id", "slack_client_secret")
    wanted: tuple[str, ...] = SLACK_REQUIRED
    if any(getattr(settings, f) is not None for f in oauth):
        wanted = ("slack_signing_secret", *oauth)
    return [f for f in wanted if getattr(settings, f) is None]


def load_settings(*, offline: bool = False, **overrides: object) -> Settings:
    """Read settings, turning validation errors into one clear line per bad setting.

    `offline` is for commands that never talk to Slack: the Slack secrets may be missing.
    """
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            problem = "is missing" if err["type"] == "missing" else f"is invalid ({err['msg']})"
            hint = _FIX_HINTS.get(field, "check its value")
            lines.append(f"{field.upper()} {problem}: {hint}.")
        raise SettingsError("\n".join(lines)) from None
    missing = [] if offline else _missing_for_slack(settings)
    if missing:
        raise SettingsError("\n".join(_missing(f) for f in missing))
    return settings


# Libraries whose INFO lines say nothing an operator acts on; their warnings still show.
QUIET_LIBRARIES = (
    "slack_bolt",
    "slack_sdk",
    "bolt",
    "apscheduler",
    "urllib3",
    "waitress",
    "sqlalchemy",
    "alembic",
)


def configure_logging(level: str) -> None:
    """Plain, single-line logs on stderr; library chatter only from WARNING up."""
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for name in QUIET_LIBRARIES:
        # LOG_LEVEL=DEBUG is asked for on purpose: then everything speaks.
        logging.getLogger(name).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
