"""How the bids went: one tap per try, and the tallies the Home tab and browser show."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.models import BidOutcome
from bot.domain.bids.catalog import tallies, visible, visible_one
from bot.domain.bids.dto import BidCount, BidHome, BidPrompt
from bot.domain.bids.library import Library
from bot.domain.bids.rules import OUTCOMES
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.errors import NotFound
from bot.domain.kernel.storage import guarded

# A second tap within this window changes the answer instead of counting twice.
OUTCOME_CHANGE_WINDOW = timedelta(hours=1)
HOME_TOP = 5
HOME_LIST = 5


class Outcomes(Part):
    """Records each try of a prompt and counts them per prompt, never per person."""

    def __init__(self, deps: Deps, library: Library) -> None:
        super().__init__(deps)
        self._library = library

    @guarded
    def record(self, team_id: str, user_id: str, prompt_id: int, outcome: str) -> BidCount:
        """Count one try of a prompt. Tapping again soon after changes the answer, not the count."""
        if outcome not in OUTCOMES:
            raise NotFound(
                "I don't know that answer; pick one of the buttons on the latest message."
            )
        now = self._clock.now()
        with self._sessions.begin() as session:
            prompt = visible_one(session, team_id, user_id, prompt_id)
            recent = session.scalar(
                select(BidOutcome)
                .where(
                    BidOutcome.team_id == team_id,
                    BidOutcome.user_id == user_id,
                    BidOutcome.prompt_id == prompt_id,
                    BidOutcome.created_at > now - OUTCOME_CHANGE_WINDOW,
                )
                .order_by(BidOutcome.id.desc())
                .limit(1)
            )
            if recent is None:
                session.add(
                    BidOutcome(
                        team_id=team_id,
                        user_id=user_id,
                        prompt_id=prompt_id,
                        outcome=outcome,
                        created_at=now,
                    )
                )
            else:
                recent.outcome = outcome
            session.flush()
            return BidCount(prompt, **tallies(session, team_id).get(prompt_id, {}))

    @guarded
    def get(self, team_id: str, user_id: str, prompt_id: int) -> BidPrompt:
        """One prompt `user_id` can see."""
        with self._sessions() as session:
            return visible_one(session, team_id, user_id, prompt_id)

    @guarded
    def counts(self, team_id: str, user_id: str | None = None) -> list[BidCount]:
        """Every prompt visible to `user_id` (None: the workspace's shared ones) with counts."""
        self._library.ensure()
        with self._sessions() as session:
            counts = tallies(session, team_id)
            return [BidCount(p, **counts.get(p.id, {})) for p in visible(session, team_id, user_id)]

    def home(self, team_id: str, user_id: str, is_admin: bool) -> BidHome:
        """What the Home tab shows: a summary, the prompts that land best, retired ones."""
        every = self.counts(team_id, user_id)
        active = [c for c in every if c.prompt.active]
        tried = [c for c in active if c.tried and c.prompt.scope != "personal"]
        tried.sort(key=lambda c: (-c.toward, -c.tried, c.prompt.id))
        return BidHome(
            active=len(active),
            retired_count=sum(1 for c in every if not c.prompt.active),
            tried=sum(c.tried for c in every if c.prompt.scope != "personal"),
            top=tuple(tried[:HOME_TOP]),
            retired=tuple(
                c.prompt for c in every if not c.prompt.active and c.prompt.scope != "personal"
            )[:HOME_LIST],
            mine=tuple(c.prompt for c in every if c.prompt.scope == "personal")[:HOME_LIST],
            is_admin=is_admin,
        )
