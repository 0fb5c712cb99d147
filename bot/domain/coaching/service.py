"""Protected coaching time: who coaches whom, on what cadence, and whether sessions happen.

`CoachingService` is the one door the handlers, jobs and container use; each part owns its
own transactions and returns plain data.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.coaching.dto import (
    CadenceForm,
    MessageUpdate,
    Overview,
    PairView,
    PlannedNudge,
    SessionView,
)
from bot.domain.coaching.figures import Adoption, CoachingReports, TeamReport
from bot.domain.coaching.notices import NudgeQueue
from bot.domain.coaching.nudges import BidSource, RepRequests
from bot.domain.coaching.pairs import PairService
from bot.domain.coaching.planner import CoachingPlanner
from bot.domain.coaching.sessions import SessionService
from bot.domain.kernel.deps import Deps


class CoachingService:
    """Owns coaching pairs, their sessions and pauses, and the nudges about them."""

    # Each method hands over to the part that owns it; the signatures repeat that part's on
    # purpose, so callers depend on this one service and not on how it is divided.

    def __init__(self, deps: Deps, bids: BidSource, requests: RepRequests) -> None:
        self._pairs = PairService(deps)
        self._coaching_sessions = SessionService(deps)
        self._planner = CoachingPlanner(deps, NudgeQueue(bids, requests))
        self._reports = CoachingReports(deps)

    # -- who coaches whom ---------------------------------------------------------------

    def add_rep(self, team_id: str, manager_id: str, rep_id: str) -> PairView:
        """Make `manager_id` the coach of `rep_id`; a rep with a coach moves only when their
        coach or a workspace admin asks. The cadence is set separately."""
        return self._pairs.add_rep(team_id, manager_id, rep_id)

    def remove_rep(self, team_id: str, manager_id: str, rep_id: str) -> None:
        """Stop coaching `rep_id`: their sessions and unsent nudges go too."""
        self._pairs.remove_rep(team_id, manager_id, rep_id)

    def pair_for(self, team_id: str, manager_id: str, rep_id: str) -> PairView:
        """The pair, for the cadence form."""
        return self._pairs.pair_for(team_id, manager_id, rep_id)

    def set_cadence(
        self, team_id: str, manager_id: str, rep_id: str, form: CadenceForm
    ) -> PairView:
        """Set how often, when and how long; the next session is the first one that fits."""
        return self._pairs.set_cadence(team_id, manager_id, rep_id, form)

    def overview(self, team_id: str, user_id: str) -> Overview:
        """Everything /coaching list and the Home tab show."""
        return self._pairs.overview(team_id, user_id)

    # -- how coaching happens --------------------------------------------------------------

    def team_report(self, team_id: str, manager_id: str) -> TeamReport:
        """`manager_id`'s own reps, held vs planned over eight weeks, and the team's maturity."""
        return self._reports.team(team_id, manager_id)

    def held_planned(
        self, team_id: str, manager_id: str, start: datetime, end: datetime
    ) -> tuple[int, int]:
        """Sessions held and planned across `manager_id`'s team in [start, end)."""
        return self._reports.held_planned(team_id, manager_id, start, end)

    def adoption(self, team_id: str) -> Adoption:
        """Pairs with a regular time and pairs keeping to it, workspace-wide, no names."""
        return self._reports.adoption(team_id)

    def managers(self) -> list[tuple[str, str]]:
        """(team, manager) of everyone coaching a rep on a regular time."""
        return self._reports.managers()

    # -- pauses -------------------------------------------------------------------------

    def pause_person(self, team_id: str, user_id: str, until: date) -> date:
        """Pause every session `user_id` is in (as manager or rep) before `until`."""
        return self._pairs.pause_person(team_id, user_id, until)

    def resume_person(self, team_id: str, user_id: str) -> None:
        """End `user_id`'s pause now, and any pause on the pairs they coach."""
        self._pairs.resume_person(team_id, user_id)

    def pause_pair(self, team_id: str, manager_id: str, session_id: int, until: date) -> PairView:
        """Pause one rep's sessions before `until` (from a reminder's button)."""
        return self._coaching_sessions.pause_pair(team_id, manager_id, session_id, until)

    # -- one session --------------------------------------------------------------------

    def mark(self, team_id: str, manager_id: str, session_id: int, outcome: str) -> SessionView:
        """Record that a session was held or skipped. Marking again changes the record."""
        return self._coaching_sessions.mark(team_id, manager_id, session_id, outcome)

    def reschedule(
        self,
        team_id: str,
        manager_id: str,
        session_id: int,
        day: date | None,
        start_time: str | None,
    ) -> SessionView:
        """Move a session to another local date and time. Returns the new session."""
        return self._coaching_sessions.reschedule(team_id, manager_id, session_id, day, start_time)

    def book_offer(
        self, team_id: str, manager_id: str, pair_id: int, when: datetime
    ) -> SessionView:
        """Accept the offered catch-up time."""
        return self._coaching_sessions.book_offer(team_id, manager_id, pair_id, when)

    def session_view(self, team_id: str, user_id: str, session_id: int) -> SessionView:
        """The session, if `user_id` is one of its two people."""
        return self._coaching_sessions.session_view(team_id, user_id, session_id)

    def save_priorities(
        self, team_id: str, rep_id: str, session_id: int, text: str | None
    ) -> MessageUpdate | None:
        """Store the rep's opportunities; the sent reminder to update, if it went out."""
        return self._coaching_sessions.save_priorities(team_id, rep_id, session_id, text)

    # -- time passes --------------------------------------------------------------------

    def plan_due(self) -> int:
        """Queue every coaching nudge whose moment has come. Safe to run anywhere, any time."""
        return self._planner.plan_due()

    def preview(self, start: datetime, days: int) -> list[PlannedNudge]:
        """Every session nudge due in [start, start + days), in order. Changes nothing."""
        return self._planner.preview(start, days)
