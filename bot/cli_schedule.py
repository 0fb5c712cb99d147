"""`coachbot schedule preview`: every coaching nudge due in the next days, in local time."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from bot.container import Container
from bot.domain.coaching.kinds import CoachingKind
from bot.domain.kernel.wallclock import zone

NAME = "schedule"

WHAT = {
    CoachingKind.PREP: "prep DM",
    CoachingKind.REMINDER: "reminder",
    CoachingKind.CHECK: "did it happen?",
}


def _start(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("use an ISO time such as 2026-03-02T09:00Z") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


MAX_DAYS = 90


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"use between 1 and {MAX_DAYS} days, not {days}")
    return days


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `schedule preview [--days N] [--from ISO]`."""
    schedule = sub.add_parser(NAME, help="coaching schedule tools")
    schedule_sub = schedule.add_subparsers(dest="schedule_command", required=True)
    preview = schedule_sub.add_parser(
        "preview", help="print every coaching nudge due in the next N days, in local time"
    )
    preview.add_argument(
        "--days", type=_days, default=7, help=f"how many days ahead, 1 to {MAX_DAYS} (default 7)"
    )
    preview.add_argument(
        "--from", dest="start", type=_start, default=None, help="start here instead of now"
    )


def handle(args: argparse.Namespace, c: Container) -> int:
    """Print the preview; one line per nudge, in the recipient's own zone."""
    days = int(args.days)
    start = args.start or c.clock.now()
    planned = c.coaching.preview(start, days)
    if not planned:
        print(f"No coaching nudges in the next {days} day{'s' if days != 1 else ''}.")
        return 0
    for n in planned:
        local = n.due_at.astimezone(zone(n.tz))
        session = n.starts_at.astimezone(zone(n.tz))
        other = n.rep_id if n.recipient == n.manager_id else n.manager_id
        what = WHAT.get(CoachingKind(n.kind), n.kind)
        print(
            f"{local:%a %Y-%m-%d %H:%M %Z}  {n.tz:<20}  {what:<15}"
            f"  to {n.recipient}  (session with {other} {session:%a %Y-%m-%d %H:%M})"
        )
    return 0
