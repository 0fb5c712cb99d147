"""Action ids of the admin's export buttons on the App Home, and the report each one sends."""

from __future__ import annotations

from enum import StrEnum


class ReportAction(StrEnum):
    EXPORT_SESSIONS = "export_sessions"
    EXPORT_REQUESTS = "export_requests"
    EXPORT_LOSS_REASONS = "export_loss_reasons"
    EXPORT_PULSES = "export_pulses"


# The report (as `coachbot export` names it) behind each button.
REPORT_OF: dict[ReportAction, str] = {
    ReportAction.EXPORT_SESSIONS: "sessions",
    ReportAction.EXPORT_REQUESTS: "requests",
    ReportAction.EXPORT_LOSS_REASONS: "loss-reasons",
    ReportAction.EXPORT_PULSES: "pulses",
}
