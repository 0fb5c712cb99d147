"""The Bolt app factory: one App per call, with every listener registered."""

from __future__ import annotations

import logging
from concurrent.futures import Executor

from slack_bolt import App

from bot.container import Container
from bot.slack.errors import install_error_handling
from handlers import bids, coaching, coachme, digest, home, lifecycle, pulse, reports

log = logging.getLogger(__name__)

FEATURES = (coachme, home, lifecycle, coaching, pulse, bids, digest, reports)


def create_app(c: Container, executor: Executor | None = None) -> App:
    """A Bolt app wired to `c`. The token is checked at start-up by the CLI, not here."""
    app = App(
        signing_secret=c.settings.signing_secret,
        client=c.gateway.client,
        token_verification_enabled=False,
        logger=logging.getLogger("bolt"),
        listener_executor=executor,
    )
    for feature in FEATURES:
        feature.register(app, c)
    install_error_handling(app, c.gateway)
    return app
