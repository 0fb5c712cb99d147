"""The demo workspace: who is in it, where they are, and the conversations they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

TEAM_ID = "T0SANDBOX"
TEAM_NAME = "Northwind Sales"
TEAM_DOMAIN = "northwind-sales"
APP_ID = "A0COACHBOT"
BOT_USER_ID = "U0COACHBOT"
BOT_ID = "B0COACHBOT"
BOT_NAME = "coachbot"
TEAM_CHANNEL = "C0SALES"
TEAM_CHANNEL_NAME = "sales-team"


@dataclass(frozen=True)
class Person:
    user_id: str
    handle: str
    real_name: str
    role: str
    tz: str
    is_admin: bool = False

    def to_api(self, now: datetime) -> dict[str, Any]:
        """The person as users.info describes them."""
        local = now.astimezone(ZoneInfo(self.tz))
        offset = local.utcoffset()
        return {
            "id": self.user_id,
            "team_id": TEAM_ID,
            "name": self.handle,
            "real_name": self.real_name,
            "deleted": False,
            "tz": self.tz,
            "tz_label": local.tzname() or self.tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": {
                "real_name": self.real_name,
                "real_name_normalized": self.real_name,
                "display_name": self.real_name,
                "display_name_normalized": self.real_name,
                "team": TEAM_ID,
            },
            "is_admin": self.is_admin,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": False,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }


REP = Person("U0RILEY", "riley", "Riley Rivera", "Account executive", "America/New_York")
REP2 = Person("U0SAM", "sam", "Sam Okafor", "Account executive", "Europe/London")
MANAGER = Person("U0MORGAN", "morgan", "Morgan Lee", "Sales manager", "America/Chicago")
ADMIN = Person("U0ALEX", "alex", "Alex Kim", "Sales ops, workspace admin", "Europe/Berlin", True)
TEAMMATES = (
    Person("U0JORDAN", "jordan", "Jordan Patel", "Account executive", "America/Los_Angeles"),
    Person("U0TAYLOR", "taylor", "Taylor Nguyen", "Sales engineer", "Asia/Singapore"),
    Person("U0CASEY", "casey", "Casey Brooks", "Account executive", "America/Denver"),
)
PEOPLE: tuple[Person, ...] = (REP, REP2, MANAGER, ADMIN, *TEAMMATES)
BY_ID = {p.user_id: p for p in PEOPLE}


def bot_user_api() -> dict[str, Any]:
    return {
        "id": BOT_USER_ID,
        "team_id": TEAM_ID,
        "name": BOT_NAME,
        "real_name": BOT_NAME,
        "deleted": False,
        "tz": "UTC",
        "profile": {"real_name": BOT_NAME, "display_name": BOT_NAME, "bot_id": BOT_ID},
        "is_admin": False,
        "is_owner": False,
        "is_bot": True,
        "updated": 1_700_000_000,
    }


def dm_of(user_id: str) -> str:
    """The id of the DM between `user_id` and the bot."""
    return "D" + user_id[1:]


def dm_owner(channel_id: str) -> str | None:
    """Whose DM with the bot `channel_id` is, if it is one."""
    if not channel_id.startswith("D"):
        return None
    user_id = "U" + channel_id[1:]
    return user_id if user_id in BY_ID else None


def channel_name(channel_id: str) -> str:
    return TEAM_CHANNEL_NAME if channel_id == TEAM_CHANNEL else "directmessage"


def default_start() -> datetime:
    """Where the clock starts on a fresh sandbox: now, to the minute."""
    return datetime.now(UTC).replace(second=0, microsecond=0)
