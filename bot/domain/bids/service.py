"""The bid-for-connection store: which prompt to offer whom, and which prompts land.

`BidService` is the one face handlers, the CLI and other features (through their protocols:
`message_kind`, `suggest`, `peek`) see; each part below owns its own transaction.
"""

from __future__ import annotations

import random

from bot.domain.bids.curation import Curation
from bot.domain.bids.dto import BidCount, BidHome, BidPrompt, PromptRecord
from bot.domain.bids.kinds import BidKind
from bot.domain.bids.library import Library
from bot.domain.bids.outcomes import Outcomes
from bot.domain.bids.rotation import Rotation
from bot.domain.bids.rules import PromptForm
from bot.domain.kernel.deps import Deps


class BidService:
    """Owns the prompt store, each person's rotation, and the tried-it counts."""

    # The methods below repeat the parts' signatures on purpose: callers and the protocols
    # other features declare depend on this one face, not on how the store is split.

    message_kind: str = BidKind.SUGGESTION  # what carries a suggestion to /coachme's coach

    def __init__(self, deps: Deps, rng: random.Random | None = None) -> None:
        self._library = Library(deps)
        self._rotation = Rotation(deps, self._library, rng)
        self._curation = Curation(deps, self._library)
        self._outcomes = Outcomes(deps, self._library)

    # -- the built-in library -----------------------------------------------------------

    def sync_library(self) -> int:
        """Bring the built-in prompts in line with bot/content/bids.yaml. Returns rows changed."""
        return self._library.sync()

    # -- giving a prompt ----------------------------------------------------------------

    def next_for(
        self,
        team_id: str,
        user_id: str,
        size: str | None = None,
        moment: str | None = None,
        exclude: int | None = None,
    ) -> BidPrompt | None:
        """One prompt for `user_id` that they haven't seen this round, or None if none fit."""
        return self._rotation.next_for(team_id, user_id, size, moment, exclude)

    def suggest(
        self,
        team_id: str,
        user_id: str,
        size: str | None = "small",
        moment: str | None = None,
    ) -> BidPrompt | None:
        """A prompt for another feature to offer, in rotation; any moment when none fits."""
        return self._rotation.suggest(team_id, user_id, size, moment)

    def peek(
        self, team_id: str, user_id: str, size: str, moment: str, occurrence: int
    ) -> BidPrompt | None:
        """A fitting prompt chosen by `occurrence`, without writing (for callers mid-write)."""
        return self._rotation.peek(team_id, user_id, size, moment, occurrence)

    # -- adding, retiring, restoring ----------------------------------------------------

    def can_share(self, team_id: str, user_id: str) -> bool:
        """True when `user_id` may add prompts for everyone and retire any prompt."""
        return self._curation.can_share(team_id, user_id)

    def add(self, team_id: str, user_id: str, form: PromptForm) -> BidPrompt:
        """Add a prompt for its author, or (admins only) for the whole workspace."""
        return self._curation.add(team_id, user_id, form)

    def set_retired(self, team_id: str, user_id: str, prompt_id: int, retired: bool) -> BidPrompt:
        """Retire (or restore) a prompt for the workspace; people retire their own prompts."""
        return self._curation.set_retired(team_id, user_id, prompt_id, retired)

    # -- how it went --------------------------------------------------------------------

    def record_outcome(self, team_id: str, user_id: str, prompt_id: int, outcome: str) -> BidCount:
        """Count one try of a prompt. Tapping again soon after changes the answer, not the count."""
        return self._outcomes.record(team_id, user_id, prompt_id, outcome)

    def get(self, team_id: str, user_id: str, prompt_id: int) -> BidPrompt:
        """One prompt `user_id` can see."""
        return self._outcomes.get(team_id, user_id, prompt_id)

    def counts(self, team_id: str, user_id: str | None = None) -> list[BidCount]:
        """Every prompt visible to `user_id` (None: the workspace's shared ones) with counts."""
        return self._outcomes.counts(team_id, user_id)

    def home(self, team_id: str, user_id: str) -> BidHome:
        """What the Home tab shows: a summary, the prompts that land best, retired ones."""
        return self._outcomes.home(team_id, user_id, is_admin=self.can_share(team_id, user_id))

    # -- files for curators -------------------------------------------------------------

    def known_teams(self) -> list[str]:
        """Workspaces this install has seen, for the CLI to pick a default."""
        return self._curation.known_teams()

    def export_records(self, team_id: str | None) -> list[PromptRecord]:
        """The library plus, for a workspace, its shared prompts; never personal ones."""
        return self._curation.export_records(team_id)

    def import_records(self, team_id: str, records: list[PromptRecord], by: str | None) -> int:
        """Add or update a workspace's shared prompts and retire/restore built-ins, all or none."""
        return self._curation.import_records(team_id, records, by)
