"""Choosing the next prompt for a person: each round shows every fitting prompt once."""

from __future__ import annotations

import random

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import BidOutcome, BidPromptRow, BidView
from bot.domain.bids.catalog import Tallies, tallies, visible
from bot.domain.bids.dto import BidPrompt
from bot.domain.bids.library import Library
from bot.domain.bids.rules import SIZES
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.storage import guarded


class Rotation(Part):
    """Each person's place in the store: what they have seen, and what comes next."""

    def __init__(self, deps: Deps, library: Library, rng: random.Random | None = None) -> None:
        super().__init__(deps)
        self._library = library
        self._rng = rng or random.Random()  # noqa: S311 - choosing a prompt, not a secret

    @guarded
    def next_for(
        self,
        team_id: str,
        user_id: str,
        size: str | None = None,
        moment: str | None = None,
        exclude: int | None = None,
    ) -> BidPrompt | None:
        """One prompt for `user_id` that they haven't seen this round, or None if none fit.

        Without a size, people who haven't had a bid land yet get small ones. Once every
        fitting prompt has been shown, the round starts again (never with the last one shown).
        """
        self._library.ensure()
        now = self._clock.now()
        with self._sessions.begin() as session:
            sizes = {size} if size else _sizes_earned(session, team_id, user_id)
            fitting = _fitting(session, team_id, user_id, sizes, moment)
            if not fitting:
                return None
            seen = _seen(session, team_id, user_id)
            fresh = [p for p in fitting if p.id not in seen and p.id != exclude]
            if not fresh:
                shown = [p.id for p in fitting if p.id in seen]
                last = max(shown, key=lambda pid: seen[pid]) if shown else None
                session.execute(
                    delete(BidView).where(
                        BidView.team_id == team_id,
                        BidView.user_id == user_id,
                        BidView.prompt_id.in_([p.id for p in fitting]),
                    )
                )
                fresh = [p for p in fitting if p.id not in {exclude, last}] or fitting
            choice = self._choose(fresh, tallies(session, team_id))
            seq = max(seen.values(), default=0) + 1
            view = session.get(BidView, (team_id, user_id, choice.id))
            if view is None:
                session.add(
                    BidView(
                        team_id=team_id, user_id=user_id, prompt_id=choice.id, seen_at=now, seq=seq
                    )
                )
            else:
                view.seen_at, view.seq = now, seq
            return choice

    def suggest(
        self,
        team_id: str,
        user_id: str,
        size: str | None = "small",
        moment: str | None = None,
    ) -> BidPrompt | None:
        """A prompt for another feature to offer (a reminder, a follow-up), in rotation.

        Falls back to any moment when none of the asked size fits the moment.
        """
        prompt = self.next_for(team_id, user_id, size=size, moment=moment)
        if prompt is None and moment is not None:
            prompt = self.next_for(team_id, user_id, size=size)
        return prompt

    def peek(
        self, team_id: str, user_id: str, size: str, moment: str, occurrence: int
    ) -> BidPrompt | None:
        """A fitting prompt, chosen by `occurrence`, without writing anything.

        For callers inside their own transaction (the coaching planner): a write here would
        wait on theirs under SQLite. Prompts the person hasn't seen come first.
        """
        with self._sessions() as session:
            fitting = _fitting(session, team_id, user_id, {size}, moment)
            if not fitting:
                return None
            seen = _seen(session, team_id, user_id)
        fresh = [p for p in fitting if p.id not in seen] or fitting
        return fresh[occurrence % len(fresh)]

    def _choose(self, prompts: list[BidPrompt], counts: Tallies) -> BidPrompt:
        # Prompts that land more often come up a little more often; untried ones get a fair go.
        weights = []
        for p in prompts:
            c = counts.get(p.id, {})
            decided = c.get("toward", 0) + c.get("away", 0) + c.get("against", 0)
            weights.append((c.get("toward", 0) + 1) / (decided + 2))
        return self._rng.choices(prompts, weights=weights, k=1)[0]


def _fitting(
    session: Session, team_id: str, user_id: str, sizes: set[str], moment: str | None
) -> list[BidPrompt]:
    """Active prompts `user_id` can see of one of `sizes` that suit `moment` (None: any)."""
    return [
        p
        for p in visible(session, team_id, user_id)
        if p.active and p.size in sizes and (moment is None or moment in p.moments)
    ]


def _seen(session: Session, team_id: str, user_id: str) -> dict[int, int]:
    """The prompts shown to `user_id` this round, each with its place in the order shown."""
    return {
        v.prompt_id: v.seq
        for v in session.scalars(
            select(BidView).where(BidView.team_id == team_id, BidView.user_id == user_id)
        )
    }


def _sizes_earned(session: Session, team_id: str, user_id: str) -> set[str]:
    # Start small; a bid someone turned toward earns the next size up.
    landed = set(
        session.scalars(
            select(BidPromptRow.size)
            .join(BidOutcome, BidOutcome.prompt_id == BidPromptRow.id)
            .where(
                BidOutcome.team_id == team_id,
                BidOutcome.user_id == user_id,
                BidOutcome.outcome == "toward",
            )
        )
    )
    if landed & {"medium", "large"}:
        return set(SIZES)
    if landed:
        return {"small", "medium"}
    return {"small"}
