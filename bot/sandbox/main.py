"""`coachbot sandbox`, or `coachbot run` with no Slack settings: serve the sandbox until stopped."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from pydantic import ValidationError

from bot.config import LocalSettings, configure_logging

log = logging.getLogger("coachbot")


def run_sandbox(*, explicit: bool, data_dir: Path | None = None) -> int:
    """Start the sandbox on PORT, print its URL and serve until interrupted."""
    from bot.sandbox.runner import Sandbox

    try:
        local = LocalSettings()
    except ValidationError:
        print("coachbot: PORT must be a whole number between 1 and 65535.", file=sys.stderr)
        return 2
    configure_logging(local.log_level)
    if not explicit:
        print(
            "coachbot: no Slack settings found, so starting the sandbox: a local workspace to try"
        )
        print(
            "coachbot without Slack. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to serve Slack."
        )
    try:
        sandbox = Sandbox(data_dir or Path.cwd(), local.port)
    except OSError as exc:
        print(
            f"coachbot: port {local.port} is not free ({exc.strerror}); set PORT.", file=sys.stderr
        )
        return 2
    print("coachbot: setting up the demo team…", flush=True)
    url = sandbox.start()
    print(f"coachbot: sandbox ready at {url}  (Ctrl-C stops it)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        sandbox.stop()
    return 0
