"""The Bolt app factory: one App per call, with every listener registered."""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from typing import Any

from slack_bolt import App

from bot.container import Container
from bot.slack.errors import install_error_handling
from bot.slack.installs import oauth_settings
from bot.slack.serving import serving_middleware
from bot.slack.tokens import SingleToken, make_client
from handlers import bids, coaching, coachme, digest, home, lifecycle, pulse, reports

log = logging.getLogger(__name__)

FEATURES = (coachme, home, lifecycle, coaching, pulse, bids, digest, reports)

# What a person in a workspace that has not installed coachbot (or removed it) is told.
NOT_INSTALLED = (
    "coachbot isn't installed in this workspace, so it can't help here yet. "
    "Ask a Slack admin to add it."
)


def create_app(c: Container, executor: Executor | None = None) -> App:
    """A Bolt app wired to `c`: one workspace on SLACK_BOT_TOKEN, or, with OAuth settings,
    every workspace that installed it, each with its own token from the installation store.
    The single token is checked at start-up by the CLI, not here."""
    common: dict[str, Any] = {
        "signing_secret": c.settings.signing_secret,
        "logger": logging.getLogger("bolt"),
        "listener_executor": executor,
        "user_facing_authorize_error_message": NOT_INSTALLED,
    }
    if c.installs is not None:
        app = App(
            **common,
            client=make_client(None, c.settings.slack_api_url),
            oauth_settings=oauth_settings(c.settings, c.installs, c.served.remember),
        )
    else:
        tokens = c.gateway.tokens
        assert isinstance(tokens, SingleToken)
        app = App(**common, client=tokens.client, token_verification_enabled=False)
    app.middleware(serving_middleware(c.served))
    for feature in FEATURES:
        feature.register(app, c)
    install_error_handling(app, c.gateway)
    return app
