"""`coachbot`: run the bot, its web side or its scheduler alone, and manage the database."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from types import FrameType
from typing import Any, Protocol

from sqlalchemy.exc import SQLAlchemyError

from bot import cli_bids, cli_export, cli_schedule
from bot.config import (
    Settings,
    SettingsError,
    configure_logging,
    load_settings,
    slack_settings_given,
)
from bot.container import Container, build_container
from bot.db.migrate import is_current, upgrade

log = logging.getLogger("coachbot")

EXIT_CONFIG = 2


class CommandModule(Protocol):
    """A feature's own subcommands (for example `coachbot bids export`)."""

    NAME: str

    def add_parser(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...

    def handle(self, args: argparse.Namespace, c: Container) -> int: ...


# Feature command modules; each adds one top-level subcommand named by its NAME.
COMMAND_MODULES: tuple[CommandModule, ...] = (cli_schedule, cli_export, cli_bids)

# Commands that never talk to Slack: they need no Slack settings. Only `db upgrade` migrates;
# the others refuse a database that is behind rather than change it on their own.
OFFLINE = frozenset({"db", *(m.NAME for m in COMMAND_MODULES)})


class StartupError(Exception):
    """Start-up cannot go on; the message is one clear line for the operator."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachbot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"coachbot {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "run",
        help="serve Slack and run the scheduler in one process (with no Slack settings at all, "
        "start the sandbox)",
    )
    sub.add_parser("sandbox", help="try coachbot in a local workspace in the browser, no Slack")
    sub.add_parser("web", help="serve Slack only (scale this side out)")
    sub.add_parser("scheduler", help="run the scheduler only")
    db = sub.add_parser("db", help="database tasks")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema up to date")
    for module in COMMAND_MODULES:
        module.add_parser(sub)
    return parser


def _version() -> str:
    try:
        return version("coachbot")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _settings(*, offline: bool) -> Settings:
    try:
        return load_settings(offline=offline)
    except SettingsError as exc:
        raise StartupError(str(exc)) from None


def _unusable(exc: SQLAlchemyError) -> StartupError:
    return StartupError(
        f"DATABASE_URL could not be used ({type(exc).__name__}): check the server is "
        "running and the URL, user and database are right."
    )


def _migrate(c: Container) -> None:
    try:
        upgrade(c.engine)
    except SQLAlchemyError as exc:
        raise _unusable(exc) from None


def _migrate_at_start(c: Container) -> None:
    """Migrate, unless migrations are a separate deploy step: then only check."""
    if c.settings.migrate_on_start:
        _migrate(c)
    else:
        _require_current(c, because="MIGRATE_ON_START is false")


def _require_current(
    c: Container, because: str = "this command never changes the schema on its own"
) -> None:
    try:
        current = is_current(c.engine)
    except SQLAlchemyError as exc:
        raise _unusable(exc) from None
    if not current:
        raise StartupError(
            f"the database schema is not up to date: run `coachbot db upgrade` first ({because})."
        )


def _check_token(c: Container) -> None:
    from slack_sdk.errors import SlackApiError, SlackClientError

    if c.settings.oauth:
        return  # each workspace's token is checked on its own requests
    try:
        c.gateway.client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown_error")
        raise StartupError(
            f"SLACK_BOT_TOKEN was refused by Slack ({error}): copy the Bot User OAuth Token "
            "from the app's OAuth & Permissions page."
        ) from None
    except (SlackClientError, OSError) as exc:
        log.warning("could not reach Slack to check the token (%s); going on", type(exc).__name__)


def _connect_socket_mode(handler: Any) -> None:
    from slack_sdk.errors import SlackApiError

    try:
        handler.connect()
    except SlackApiError as exc:
        reason = exc.response.get("error", "unknown_error")
    except Exception as exc:  # the websocket library raises many kinds; all mean "no connection"
        reason = type(exc).__name__
    else:
        return
    raise StartupError(
        f"SLACK_APP_TOKEN could not open a Socket Mode connection ({reason}): check the token "
        "has connections:write and Socket Mode is on in the app's settings, or unset it to "
        "serve HTTP."
    )


def _stop_on_sigterm() -> None:
    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def _serve(c: Container, *, with_scheduler: bool) -> None:
    from bot.app import create_app
    from bot.db.engine import database_answers
    from bot.scheduler import make_scheduler
    from bot.web import SlackWsgi, serve

    app = create_app(c)
    scheduler = make_scheduler(c) if with_scheduler else None
    if scheduler is not None:
        scheduler.start()
    try:
        health = lambda: database_answers(c.engine)  # noqa: E731
        if c.settings.socket_mode and c.settings.slack_app_token is not None:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(app, c.settings.slack_app_token.get_secret_value())
            _connect_socket_mode(handler)
            log.info("connected over Socket Mode; /healthz on port %s", c.settings.port)
            feeds = c.coaching.calendar.ics_for
            serve(SlackWsgi(None, health, feeds), c.settings.port, threads=2)
        else:
            feeds = c.coaching.calendar.ics_for
            serve(SlackWsgi(app, health, feeds), c.settings.port, c.settings.web_threads)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)


def _scheduler_only(c: Container) -> None:
    from bot.scheduler import make_scheduler

    log.info("scheduler running; tick every %ss", c.settings.tick_seconds)
    scheduler = make_scheduler(c, blocking=True)
    scheduler.start()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `coachbot` command."""
    args = _parser().parse_args(argv)
    if args.command == "sandbox" or (args.command == "run" and not slack_settings_given()):
        from bot.sandbox.main import run_sandbox

        return run_sandbox(explicit=args.command == "sandbox")
    offline = args.command in OFFLINE
    try:
        settings = _settings(offline=offline)
        configure_logging(settings.log_level)
        c = build_container(settings)
        if args.command == "db":
            _migrate(c)
            print("Database is up to date.")
            return 0
        if offline:
            _require_current(c)
            for module in COMMAND_MODULES:
                if args.command == module.NAME:
                    return module.handle(args, c)
        _migrate_at_start(c)
        _check_token(c)
        _stop_on_sigterm()
        if args.command == "scheduler":
            _scheduler_only(c)
        else:
            _serve(c, with_scheduler=args.command == "run")
    except StartupError as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        log.info("stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
