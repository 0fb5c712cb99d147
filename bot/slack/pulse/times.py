"""How pulse messages write a moment: per reader where Slack can, else in one zone."""

from __future__ import annotations

from datetime import datetime

from bot.domain.kernel import wallclock


def slack_time(instant: datetime, fallback_tz: str = "UTC") -> str:
    """A time every reader sees in their own zone (Slack formats the token per reader)."""
    fallback = instant.astimezone(wallclock.zone(fallback_tz)).strftime("%a %d %b %H:%M %Z")
    return f"<!date^{int(instant.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def local_time(instant: datetime, tz: str) -> str:
    """E.g. "Friday 17:00" in `tz`."""
    return instant.astimezone(wallclock.zone(tz)).strftime("%A %H:%M")
