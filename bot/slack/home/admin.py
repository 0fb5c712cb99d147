"""The admin's part of the App Home: workspace settings, adoption in aggregate, exports.

Adoption is shown only as workspace totals: never a per-rep or per-manager table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.kernel.workspace import WorkspaceView
from bot.slack.blockkit import (
    Blocks,
    actions,
    button,
    context,
    divider,
    header,
    input_block,
    mention,
    modal,
    section,
    static_select,
)
from bot.slack.forms import Values, checked_of, int_value, selected_of, text_of, users_of
from bot.slack.home.ids import HomeAction, HomeBlock, HomeCallback
from bot.slack.home.notifications import day_boxes, days_words
from bot.slack.reports.ids import ReportAction

FIELD_BLOCKS = {
    "reminder_lead": HomeBlock.LEAD,
    "working_days": HomeBlock.WORKSPACE_DAYS,
    "threshold": HomeBlock.THRESHOLD,
}


@dataclass(frozen=True)
class AdminFigures:
    """Workspace totals for the admin: pairs, pairs on cadence, requests answered in time."""

    pairs: int
    scheduled: int
    on_cadence: int
    answered_in_time: int
    answered_counted: int


@dataclass(frozen=True)
class WorkspaceForm:
    admins: tuple[str, ...]
    threshold: int | None
    lead: str | None
    days: tuple[str, ...]


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}% ({part} of {whole})" if whole else "nothing yet"


def admin_section(
    ws: WorkspaceView, threshold: int, figures: AdminFigures, leads: Mapping[str, str]
) -> Blocks:
    """Settings, adoption and exports, for admins only."""
    admins = ", ".join(mention(a) for a in ws.admins) or "none added"
    settings = (
        f"*Admins:* Slack admins and owners, plus {admins}\n"
        f"*Pulse results show from* {threshold} answers\n"
        f"*Default reminder:* {leads.get(ws.reminder_lead, ws.reminder_lead)}\n"
        f"*Working days:* {days_words(ws.working_days)}"
    )
    blocks: Blocks = [
        divider(),
        header("Workspace (admins)"),
        section(settings, accessory=button("Change settings", HomeAction.WORKSPACE_SETTINGS)),
    ]
    if figures.pairs == 0 and figures.answered_counted == 0:
        blocks.append(
            context(
                "No coaching yet. Ask a manager to try `/coaching add @rep`, and reps to use "
                "`/coachme` after their next lost deal; adoption shows up here."
            )
        )
    else:
        blocks.append(
            section(
                "*Adoption* (workspace totals only)\n"
                f"Pairs with a regular time: {_share(figures.scheduled, figures.pairs)}\n"
                f"Pairs on cadence: {_share(figures.on_cadence, figures.scheduled)}\n"
                "Requests answered within 2 working days: "
                f"{_share(figures.answered_in_time, figures.answered_counted)}"
            )
        )
    blocks += [
        context("*Exports* (CSV, sent to you as a DM)"),
        actions(
            button("Sessions", ReportAction.EXPORT_SESSIONS),
            button("Requests", ReportAction.EXPORT_REQUESTS),
            button("Loss reasons", ReportAction.EXPORT_LOSS_REASONS),
            button("Pulses", ReportAction.EXPORT_PULSES),
        ),
    ]
    return blocks


def workspace_modal(ws: WorkspaceView, threshold: int, leads: Mapping[str, str]) -> dict[str, Any]:
    """The workspace settings form."""
    admins: dict[str, Any] = {"type": "multi_users_select", "action_id": HomeBlock.ADMINS}
    if ws.admins:
        admins["initial_users"] = list(ws.admins)
    number = {
        "type": "number_input",
        "action_id": HomeBlock.THRESHOLD,
        "is_decimal_allowed": False,
        "initial_value": str(threshold),
        "min_value": "3",
        "max_value": "50",
    }
    blocks = [
        input_block(
            HomeBlock.ADMINS,
            "coachbot admins",
            admins,
            optional=True,
            hint="Slack admins and owners are always admins too.",
        ),
        input_block(
            HomeBlock.THRESHOLD,
            "Fewest answers before an anonymous pulse result shows",
            number,
            hint="At least 3, so nobody can work out who said what.",
        ),
        static_select(
            HomeBlock.LEAD,
            "Default coaching reminder for new pairs",
            list(leads.items()),
            initial=ws.reminder_lead,
        ),
        day_boxes(HomeBlock.WORKSPACE_DAYS, "Working days", ws.working_days),
    ]
    return modal("Workspace settings", blocks, callback_id=HomeCallback.WORKSPACE, submit="Save")


def parse_workspace(values: Values) -> WorkspaceForm:
    """The workspace settings form, as submitted."""
    return WorkspaceForm(
        admins=users_of(values, HomeBlock.ADMINS),
        threshold=int_value((text_of(values, HomeBlock.THRESHOLD) or "").strip()),
        lead=selected_of(values, HomeBlock.LEAD),
        days=tuple(sorted(checked_of(values, HomeBlock.WORKSPACE_DAYS))),
    )
