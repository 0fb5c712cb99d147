"""Shaping a workspace's store: adding, retiring and restoring prompts, and prompt files."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import BidPromptRow, BidRetirement, Person
from bot.db.models.bids import LIBRARY_TEAM
from bot.domain.bids.catalog import GONE, moments_of, retired_ids, to_prompt, visible
from bot.domain.bids.dto import BidPrompt, PromptRecord
from bot.domain.bids.library import Library
from bot.domain.bids.rules import PromptForm, clean_prompt, slug
from bot.domain.kernel.deps import Deps, Part
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.storage import guarded


class ImportRefused(InvalidInput):
    """An import file had bad rows; nothing was changed. `problems` are "line N: …" lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__({"file": "; ".join(problems)})
        self.problems = problems


class Curation(Part):
    """Who may change which prompts, and the changes themselves."""

    def __init__(self, deps: Deps, library: Library) -> None:
        super().__init__(deps)
        self._library = library

    def can_share(self, team_id: str, user_id: str) -> bool:
        """True when `user_id` may add prompts for everyone and retire any prompt."""
        return self._admins.is_admin(team_id, user_id)

    @guarded
    def add(self, team_id: str, user_id: str, form: PromptForm) -> BidPrompt:
        """Add a prompt for its author, or (admins only) for the whole workspace."""
        clean, errors = clean_prompt(form)
        if clean is None:
            raise InvalidInput(errors)
        if form.for_everyone and not self.can_share(team_id, user_id):
            raise NotAllowed("Only workspace admins can add prompts for everyone.")
        self._library.ensure()
        owner = None if form.for_everyone else user_id
        base = slug(clean.text) if owner is None else f"u-{user_id.lower()}-{slug(clean.text)}"
        with self._sessions.begin() as session:
            taken = set(
                session.scalars(
                    select(BidPromptRow.key).where(
                        BidPromptRow.team_id.in_([team_id, LIBRARY_TEAM]),
                        BidPromptRow.key.like(f"{base}%"),
                    )
                )
            )
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}-{n}"
            row = BidPromptRow(
                team_id=team_id,
                key=key,
                text=clean.text,
                size=clean.size,
                moments=" ".join(clean.moments),
                owner_user_id=owner,
                added_by=user_id,
                in_library=True,
                active=True,
                created_at=self._clock.now(),
            )
            session.add(row)
            session.flush()
            return to_prompt(row, set())

    @guarded
    def set_retired(self, team_id: str, user_id: str, prompt_id: int, retired: bool) -> BidPrompt:
        """Retire (or restore) a prompt for the workspace; people retire their own prompts."""
        with self._sessions.begin() as session:
            row = self._changeable_row(session, team_id, user_id, prompt_id)
            self._retire_row(session, team_id, user_id, row, retired)
            session.flush()
            return to_prompt(row, retired_ids(session, team_id))

    def _changeable_row(
        self, session: Session, team_id: str, user_id: str, prompt_id: int
    ) -> BidPromptRow:
        row = session.get(BidPromptRow, prompt_id)
        if (
            row is None
            or row.team_id not in (LIBRARY_TEAM, team_id)
            or row.owner_user_id not in (None, user_id)
        ):
            raise NotFound(GONE)
        personal = row.owner_user_id == user_id
        if not personal and not self.can_share(team_id, user_id):
            raise NotAllowed(
                "Only workspace admins can retire or restore shared prompts. "
                "You can add your own with `/bid add`."
            )
        return row

    def _retire_row(
        self, session: Session, team_id: str, user_id: str | None, row: BidPromptRow, retired: bool
    ) -> None:
        # Built-ins are shared by every workspace, so retiring one is a row of its own.
        if row.team_id != LIBRARY_TEAM:
            row.active = not retired
            return
        current = session.get(BidRetirement, (team_id, row.id))
        if retired and current is None:
            session.add(
                BidRetirement(
                    team_id=team_id,
                    prompt_id=row.id,
                    retired_by=user_id,
                    retired_at=self._clock.now(),
                )
            )
        elif not retired and current is not None:
            session.delete(current)

    # -- files for curators -------------------------------------------------------------

    def known_teams(self) -> list[str]:
        """Workspaces this install has seen, for the CLI to pick a default."""
        with self._sessions() as session:
            teams = set(session.scalars(select(Person.team_id).distinct()))
            teams |= set(
                session.scalars(
                    select(BidPromptRow.team_id)
                    .where(BidPromptRow.team_id != LIBRARY_TEAM)
                    .distinct()
                )
            )
            return sorted(teams)

    @guarded
    def export_records(self, team_id: str | None) -> list[PromptRecord]:
        """The library plus, for a workspace, its shared prompts with their status.

        Personal prompts stay private to their owners and are never exported.
        """
        self._library.ensure()
        with self._sessions() as session:
            prompts = visible(session, team_id or LIBRARY_TEAM, None)
        return [
            PromptRecord(
                key=p.key,
                text=p.text,
                size=p.size,
                moments=p.moments,
                status="active" if p.active else "retired",
            )
            for p in prompts
        ]

    @guarded
    def import_records(self, team_id: str, records: list[PromptRecord], by: str | None) -> int:
        """Add or update a workspace's shared prompts and retire/restore built-ins, all or none.

        Built-in prompts keep their words; a row may only change their status. Raises
        ImportRefused listing every bad row; then nothing is changed.
        """
        self._library.ensure()
        now = self._clock.now()
        with self._sessions.begin() as session:
            rows = {
                (r.team_id, r.key): r
                for r in session.scalars(
                    select(BidPromptRow).where(BidPromptRow.team_id.in_([team_id, LIBRARY_TEAM]))
                )
            }
            problems = [
                problem
                for rec in records
                if (problem := _import_problem(rec, rows, team_id)) is not None
            ]
            if problems:
                raise ImportRefused(problems)
            for rec in records:
                retired = rec.status == "retired"
                built_in = rows.get((LIBRARY_TEAM, rec.key))
                if built_in is not None:
                    self._retire_row(session, team_id, by, built_in, retired)
                    continue
                row = rows.get((team_id, rec.key))
                if row is None:
                    row = BidPromptRow(
                        team_id=team_id,
                        key=rec.key,
                        owner_user_id=None,
                        added_by=by,
                        in_library=True,
                        created_at=now,
                    )
                    session.add(row)
                row.text, row.size, row.moments = rec.text, rec.size, " ".join(rec.moments)
                row.active = not retired
        return len(records)


def _import_problem(
    rec: PromptRecord, rows: dict[tuple[str, str], BidPromptRow], team_id: str
) -> str | None:
    """Why `rec` may not be imported into `team_id`, or None when it may."""
    built_in = rows.get((LIBRARY_TEAM, rec.key))
    own = rows.get((team_id, rec.key))
    if built_in is not None and (
        built_in.text,
        built_in.size,
        set(moments_of(built_in.moments)),
    ) != (rec.text, rec.size, set(rec.moments)):
        return (
            f"line {rec.line}: {rec.key!r} is a built-in prompt; only its status "
            "can change. Give your version a new key."
        )
    if own is not None and own.owner_user_id is not None:
        return (
            f"line {rec.line}: the key {rec.key!r} belongs to someone's own prompt; pick another."
        )
    return None
