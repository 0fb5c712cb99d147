"""String ids Slack and the bot share that belong to no one feature: events, Home and privacy.

Each feature keeps its own ids in `bot/slack/<feature>/ids.py`; builders, parsers, listeners
and the manifest all refer to these enums, so a rename cannot drift.
"""

from __future__ import annotations

from enum import StrEnum


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"
    USER_CHANGE = "user_change"
    APP_UNINSTALLED = "app_uninstalled"
    TOKENS_REVOKED = "tokens_revoked"


class Callback(StrEnum):
    FORGET_ME = "forget_me"


class Action(StrEnum):
    SHOW_HELP = "show_help"
    FORGET_ME = "forget_me"
