"""The built-in prompts shipped in bot/content/bids.yaml, kept in step with the database."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.content.loader import load
from bot.db.models import BidPromptRow
from bot.db.models.bids import LIBRARY_TEAM
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.storage import guarded


class Library(Part):
    """Loads the shipped prompts on first use, once per process."""

    def __init__(self, deps: Deps) -> None:
        super().__init__(deps)
        self._synced = False
        self._lock = threading.Lock()

    @guarded
    def sync(self) -> int:
        """Bring the built-in prompts in line with bot/content/bids.yaml. Returns rows changed.

        Built-ins live once, outside any workspace; what a workspace changed (retirements,
        its own prompts, its counts) lives in other rows, so this never overwrites it.
        """
        shipped = {str(p["key"]): p for p in load("bids.yaml")["prompts"]}
        changed = 0
        now = self._clock.now()
        for attempt in range(2):
            try:
                with self._sessions.begin() as session:
                    changed = _sync(session, shipped, now)
                break
            except IntegrityError:
                # Another process seeded at the same moment; its rows are as good as ours.
                if attempt:
                    raise
        return changed

    def ensure(self) -> None:
        """Sync once, before the first read or write that needs the built-ins."""
        if self._synced:
            return
        with self._lock:
            if not self._synced:
                self.sync()
                self._synced = True


def _sync(session: Session, shipped: dict[str, dict[str, Any]], now: datetime) -> int:
    existing = {
        r.key: r
        for r in session.scalars(select(BidPromptRow).where(BidPromptRow.team_id == LIBRARY_TEAM))
    }
    changed = 0
    for key, p in shipped.items():
        text, size, moments = str(p["text"]), str(p["size"]), " ".join(p["moments"])
        row = existing.get(key)
        if row is None:
            session.add(
                BidPromptRow(
                    team_id=LIBRARY_TEAM,
                    key=key,
                    text=text,
                    size=size,
                    moments=moments,
                    in_library=True,
                    active=True,
                    created_at=now,
                )
            )
            changed += 1
        elif (row.text, row.size, row.moments, row.in_library) != (text, size, moments, True):
            row.text, row.size, row.moments, row.in_library = text, size, moments, True
            changed += 1
    for key, row in existing.items():
        if key not in shipped and row.in_library:
            row.in_library = False
            changed += 1
    return changed
