"""Slack string ids of the App Home's own parts: notification controls, workspace settings,
the back-off question. The admin's export buttons use the reports feature's ids."""

from __future__ import annotations

from enum import StrEnum


class HomeAction(StrEnum):
    EDIT_NOTIFICATIONS = "home_edit_notifications"
    WORKSPACE_SETTINGS = "home_workspace_settings"
    BACKOFF = "home_backoff"  # value: keep | paused | digest


class HomeCallback(StrEnum):
    NOTIFICATIONS = "home_notifications"
    WORKSPACE = "home_workspace"


class HomeBlock(StrEnum):
    """block_id and action_id of each modal input (the same string for both)."""

    TOPICS = "home_topics"
    QUIET_START = "home_quiet_start"
    QUIET_END = "home_quiet_end"
    WORKING_DAYS = "home_working_days"
    BACKOFF = "home_backoff_choice"
    ADMINS = "home_admins"
    THRESHOLD = "home_threshold"
    LEAD = "home_lead"
    WORKSPACE_DAYS = "home_workspace_days"
