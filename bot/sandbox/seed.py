"""First-start data, made the way people would make it: commands typed and forms submitted.

The manager sets a coaching time with each rep, the admin shares two bids for connection,
and a pulse question goes up in the team channel. Nothing is written into the bot's tables
behind its back: every step is a signed request through the bot's real door.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.sandbox.door import Door
from bot.sandbox.people import ADMIN, MANAGER, REP, REP2, TEAM_CHANNEL, dm_of
from bot.sandbox.workspace import JSONDict, Workspace

SHARED_BIDS = (
    "Ask what the best part of their week was, and let them tell the whole story.",
    "Send a two-line note about something they did well on a call this week.",
)


def _options(element: JSONDict) -> list[JSONDict]:
    opts = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        opts += list(group.get("options") or [])
    return opts


def _option(element: JSONDict, value: Any) -> JSONDict | None:
    opts = _options(element)
    if value is None:
        return element.get("initial_option") or None
    return next((o for o in opts if o.get("value") == value), None)


def element_state(element: JSONDict, value: Any) -> JSONDict:
    """One input's `state.values` entry, as Slack sends it, for `value` (None: its initial)."""
    kind = str(element.get("type"))
    state: JSONDict = {"type": kind}
    if kind in {"plain_text_input", "number_input"}:
        state["value"] = value if value is not None else element.get("initial_value")
    elif kind in {"static_select", "radio_buttons"}:
        state["selected_option"] = _option(element, value)
    elif kind == "checkboxes":
        state["selected_options"] = (
            [o for o in _options(element) if o.get("value") in value]
            if value is not None
            else list(element.get("initial_options") or [])
        )
    elif kind == "users_select":
        state["selected_user"] = value if value is not None else element.get("initial_user")
    elif kind == "multi_users_select":
        state["selected_users"] = value if value is not None else element.get("initial_users", [])
    elif kind == "timepicker":
        state["selected_time"] = value if value is not None else element.get("initial_time")
    elif kind == "datepicker":
        state["selected_date"] = value if value is not None else element.get("initial_date")
    return state


def fill(view: JSONDict, answers: dict[str, Any]) -> JSONDict:
    """`state.values` for every input of `view`: `answers` by block_id, else its initial value."""
    values: JSONDict = {}
    for block in view.get("blocks") or []:
        if block.get("type") != "input":
            continue
        element = block.get("element") or {}
        bid = str(block["block_id"])
        values[bid] = {str(element.get("action_id")): element_state(element, answers.get(bid))}
    return values


class Seeder:
    """Drives first-start data through the door, waiting for each form like a person would."""

    def __init__(self, door: Door, ws: Workspace) -> None:
        self.door = door
        self.ws = ws

    def _form(self, user: str, callback: str) -> JSONDict:
        view: JSONDict = self.ws.wait_until(
            lambda _d: (m := self.ws.top_modal(user)) and m.get("callback_id") == callback and m
        )
        return view

    def _submit(self, user: str, view: JSONDict, answers: dict[str, Any]) -> None:
        errors = self.door.submit(user, view["id"], fill(view, answers))
        if errors:
            raise RuntimeError(f"seeding a {view.get('callback_id')} form failed: {errors}")
        self.ws.close_modal(user, everything=True)

    def coaching(self, rep_handle: str, weekday: int) -> None:
        self.door.command(
            MANAGER.user_id, dm_of(MANAGER.user_id), "/coaching", "add @" + rep_handle, True
        )
        view = self._form(MANAGER.user_id, "coaching_cadence")
        self._submit(
            MANAGER.user_id, view, {"coaching_weekday": str(weekday), "coaching_start": "10:00"}
        )

    def bid(self, text: str) -> None:
        self.door.command(ADMIN.user_id, dm_of(ADMIN.user_id), "/bid", "add", False)
        view = self._form(ADMIN.user_id, "bid_add_prompt")
        moments = [o["value"] for o in _options(_element(view, "bid_moments"))[:2]]
        self._submit(
            ADMIN.user_id,
            view,
            {"bid_text": text, "bid_moments": moments, "bid_audience": "everyone"},
        )

    def pulse(self) -> None:
        self.door.command(MANAGER.user_id, TEAM_CHANNEL, "/pulse", "", False)
        view = self._form(MANAGER.user_id, "pulse_start")
        bank = _options(_element(view, "pulse_bank"))
        self._submit(MANAGER.user_id, view, {"pulse_bank": bank[0]["value"] if bank else None})
        self.ws.wait_until(lambda d: d["messages"].get(TEAM_CHANNEL))

    def run(self, now: datetime) -> None:
        first = _next_workday(now.astimezone(ZoneInfo(MANAGER.tz)))
        second = _next_workday(first + timedelta(days=1))
        self.coaching(REP.handle, first.weekday())
        self.coaching(REP2.handle, second.weekday())
        for text in SHARED_BIDS:
            self.bid(text)
        self.pulse()


def _element(view: JSONDict, block_id: str) -> JSONDict:
    for block in view.get("blocks") or []:
        if block.get("block_id") == block_id:
            element: JSONDict = block.get("element") or {}
            return element
    return {}


def _next_workday(day: datetime) -> datetime:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day
