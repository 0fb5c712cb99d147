"""What an admin reads about an export: the file's title and the note where they clicked."""

from __future__ import annotations

from bot.slack.blockkit import Message, section

WHAT = {
    "sessions": "coaching sessions held vs due, per team and week",
    "requests": "feedback requests and how fast they were answered",
    "loss-reasons": "lost deals by quarter, stage and reason",
    "pulses": "pulse results, in aggregate and above the anonymity minimum",
}


def file_title(report: str, rows: int) -> str:
    """The title Slack shows on the file."""
    noun = "row" if rows == 1 else "rows"
    return f"coachbot {report} report ({rows} {noun})"


def _note(text: str) -> Message:
    return Message(text=text, blocks=[section(text)])


def sent_note(report: str) -> Message:
    """The file is in the admin's DM."""
    about = WHAT.get(report, report)
    return _note(
        f"The *{report}* report is in your DM with me: {about}, as a CSV file with one header "
        "row. A report with nothing to count yet has the header alone."
    )


def queued_note(report: str) -> Message:
    """Slack did not take the file at once; the outbox will send it."""
    return _note(
        f"Slack is slow to take the *{report}* report right now. It is queued and will arrive "
        "in your DM with me shortly; there is no need to click again."
    )


def refused_note() -> Message:
    """A non-admin clicked an export button."""
    return _note(
        "Exports are for workspace admins, since they cover the whole workspace. If you need "
        "these figures, a Slack admin or owner can send you the file."
    )
