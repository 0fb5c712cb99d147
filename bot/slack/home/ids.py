"""Slack string ids of the App Home's own parts: notification controls, workspace settings,
the back-off question and the admin's export buttons."""

from __future__ import annotations

from enum import StrEnum


class HomeAction(StrEnum):
    EDIT_NOTIFICATIONS = "home_edit_notifications"
    WORKSPACE_SETTINGS = "home_workspace_settings"
    BACKOFF = "home_backoff"  # value: keep | paused | digest
    # The admin's exports; the reports feature answers them with a file in the admin's DM.
    EXPORT_SESSIONS = "export_sessions"
    EXPORT_REQUESTS = "export_requests"
    EXPORT_LOSS_REASONS = "export_loss_reasons"
    EXPORT_PULSES = "export_pulses"


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
