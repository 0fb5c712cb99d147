"""The bid-for-connection store: which prompt to offer whom, and which prompts land."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.content.loader import load
from bot.db.models import BidOutcome, BidPromptRow, BidRetirement, BidView, Person
from bot.db.models.bids import LIBRARY_TEAM
from bot.domain.bids.kinds import BidKind
from bot.domain.bids.rules import OUTCOMES, SIZES, PromptForm, clean_prompt, slug
from bot.domain.kernel.admins import AdminService
from bot.domain.kernel.clock import Clock
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.kernel.storage import guarded

log = logging.getLogger(__name__)

# A second tap within this window changes the answer instead of counting twice.
OUTCOME_CHANGE_WINDOW = timedelta(hours=1)
HOME_TOP = 5
HOME_LIST = 5


@dataclass(frozen=True)
class BidPrompt:
    """A prompt as people see it. `scope` is library, workspace or personal."""

    id: int
    key: str
    text: str
    size: str
    moments: tuple[str, ...]
    scope: str
    owner_user_id: str | None
    active: bool

    def to_payload(self) -> dict[str, Any]:
        """A plain dict for the outbox."""
        return {
            "id": self.id,
            "key": self.key,
            "text": self.text,
            "size": self.size,
            "moments": list(self.moments),
            "scope": self.scope,
            "owner_user_id": self.owner_user_id,
            "active": self.active,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> BidPrompt:
        """Rebuild from `to_payload` output."""
        return cls(**{**data, "moments": tuple(data["moments"])})


@dataclass(frozen=True)
class BidCount:
    """How one prompt has gone in a workspace, counted over everyone who tried it."""

    prompt: BidPrompt
    toward: int = 0
    away: int = 0
    against: int = 0
    too_soon: int = 0

    @property
    def tried(self) -> int:
        return self.toward + self.away + self.against + self.too_soon


@dataclass(frozen=True)
class BidHome:
    """The store as the Home tab shows it to one person."""

    active: int
    retired_count: int
    tried: int
    top: tuple[BidCount, ...]
    retired: tuple[BidPrompt, ...]
    mine: tuple[BidPrompt, ...]
    is_admin: bool


@dataclass(frozen=True)
class PromptRecord:
    """One prompt in an import or export file."""

    key: str
    text: str
    size: str
    moments: tuple[str, ...]
    status: str = "active"
    line: int = 0


class ImportRefused(InvalidInput):
    """An import file had bad rows; nothing was changed. `problems` are "line N: …" lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__({"file": "; ".join(problems)})
        self.problems = problems


def _moments(raw: str) -> tuple[str, ...]:
    return tuple(m for m in raw.split() if m)


def _scope(row: BidPromptRow) -> str:
    if row.team_id == LIBRARY_TEAM:
        return "library"
    return "workspace" if row.owner_user_id is None else "personal"


def _prompt(row: BidPromptRow, retired: set[int]) -> BidPrompt:
    active = row.in_library if row.team_id == LIBRARY_TEAM else row.active
    return BidPrompt(
        id=row.id,
        key=row.key,
        text=row.text,
        size=row.size,
        moments=_moments(row.moments),
        scope=_scope(row),
        owner_user_id=row.owner_user_id,
        active=active and row.id not in retired,
    )


class BidService:
    """Owns the prompt store, each person's rotation, and the tried-it counts."""

    message_kind: str = BidKind.SUGGESTION  # what carries a suggestion to /coachme's coach

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        admins: AdminService,
        rng: random.Random | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._admins = admins
        self._rng = rng or random.Random()  # noqa: S311 - choosing a prompt, not a secret
        self._library_synced = False
        self._lock = threading.Lock()

    # -- the built-in library -----------------------------------------------------------

    @guarded
    def sync_library(self) -> int:
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
                    changed = self._sync(session, shipped, now)
                break
            except IntegrityError:
                # Another process seeded at the same moment; its rows are as good as ours.
                if attempt:
                    raise
        return changed

    @staticmethod
    def _sync(session: Session, shipped: dict[str, dict[str, Any]], now: datetime) -> int:
        existing = {
            r.key: r
            for r in session.scalars(
                select(BidPromptRow).where(BidPromptRow.team_id == LIBRARY_TEAM)
            )
        }
        changed = 0
        for key, p in shipped.items():
            moments = " ".join(p["moments"])
            row = existing.get(key)
            if row is None:
                session.add(
                    BidPromptRow(
                        team_id=LIBRARY_TEAM,
                        key=key,
                        text=str(p["text"]),
                        size=str(p["size"]),
                        moments=moments,
                        in_library=True,
                        active=True,
                        created_at=now,
                    )
                )
                changed += 1
            elif (row.text, row.size, row.moments, row.in_library) != (
                p["text"],
                p["size"],
                moments,
                True,
            ):
                row.text, row.size, row.moments, row.in_library = (
                    str(p["text"]),
                    str(p["size"]),
                    moments,
                    True,
                )
                changed += 1
        for key, row in existing.items():
            if key not in shipped and row.in_library:
                row.in_library = False
                changed += 1
        return changed

    def _ensure_library(self) -> None:
        if self._library_synced:
            return
        with self._lock:
            if not self._library_synced:
                self.sync_library()
                self._library_synced = True

    # -- what a person may see ----------------------------------------------------------

    @staticmethod
    def _retired(session: Session, team_id: str) -> set[int]:
        return set(
            session.scalars(select(BidRetirement.prompt_id).where(BidRetirement.team_id == team_id))
        )

    def _visible(self, session: Session, team_id: str, user_id: str | None) -> list[BidPrompt]:
        """Every prompt `user_id` could see in `team_id`, active or not (None: workspace view)."""
        mine: ColumnElement[bool] = BidPromptRow.owner_user_id.is_(None)
        if user_id is not None:
            mine = or_(mine, BidPromptRow.owner_user_id == user_id)
        rows = session.scalars(
            select(BidPromptRow)
            .where(
                or_(
                    BidPromptRow.team_id == LIBRARY_TEAM,
                    and_(BidPromptRow.team_id == team_id, mine),
                )
            )
            .order_by(BidPromptRow.id)
        )
        retired = self._retired(session, team_id)
        return [
            _prompt(r, retired)
            for r in rows
            if r.team_id != LIBRARY_TEAM or r.in_library or r.id in retired
        ]

    def _counts(self, session: Session, team_id: str) -> dict[int, dict[str, int]]:
        out: dict[int, dict[str, int]] = {}
        for prompt_id, outcome, n in session.execute(
            select(BidOutcome.prompt_id, BidOutcome.outcome, func.count())
            .where(BidOutcome.team_id == team_id)
            .group_by(BidOutcome.prompt_id, BidOutcome.outcome)
        ):
            out.setdefault(int(prompt_id), {})[str(outcome)] = int(n)
        return out

    def _sizes_for_new_pairs(self, session: Session, team_id: str, user_id: str) -> set[str]:
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

    # -- giving a prompt ----------------------------------------------------------------

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
        self._ensure_library()
        now = self._clock.now()
        with self._sessions.begin() as session:
            sizes = {size} if size else self._sizes_for_new_pairs(session, team_id, user_id)
            fitting = [
                p
                for p in self._visible(session, team_id, user_id)
                if p.active and p.size in sizes and (moment is None or moment in p.moments)
            ]
            if not fitting:
                return None
            seen = {
                v.prompt_id: v.seq
                for v in session.scalars(
                    select(BidView).where(BidView.team_id == team_id, BidView.user_id == user_id)
                )
            }
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
            choice = self._choose(fresh, self._counts(session, team_id))
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

    def _choose(self, prompts: list[BidPrompt], counts: dict[int, dict[str, int]]) -> BidPrompt:
        # Prompts that land more often come up a little more often; untried ones get a fair go.
        weights = []
        for p in prompts:
            c = counts.get(p.id, {})
            decided = c.get("toward", 0) + c.get("away", 0) + c.get("against", 0)
            weights.append((c.get("toward", 0) + 1) / (decided + 2))
        return self._rng.choices(prompts, weights=weights, k=1)[0]

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
            fitting = [
                p
                for p in self._visible(session, team_id, user_id)
                if p.active and p.size == size and moment in p.moments
            ]
            if not fitting:
                return None
            seen = set(
                session.scalars(
                    select(BidView.prompt_id).where(
                        BidView.team_id == team_id, BidView.user_id == user_id
                    )
                )
            )
        fresh = [p for p in fitting if p.id not in seen] or fitting
        return fresh[occurrence % len(fresh)]

    # -- adding, retiring, restoring ----------------------------------------------------

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
        self._ensure_library()
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
            return _prompt(row, set())

    def _own_row(
        self, session: Session, team_id: str, user_id: str, prompt_id: int
    ) -> BidPromptRow:
        row = session.get(BidPromptRow, prompt_id)
        if row is None or row.team_id not in (LIBRARY_TEAM, team_id):
            raise NotFound("That prompt is no longer here.")
        if row.owner_user_id not in (None, user_id):
            raise NotFound("That prompt is no longer here.")
        personal = row.owner_user_id == user_id
        if not personal and not self.can_share(team_id, user_id):
            raise NotAllowed(
                "Only workspace admins can retire or restore shared prompts. "
                "You can add your own with `/bid add`."
            )
        return row

    @guarded
    def set_retired(self, team_id: str, user_id: str, prompt_id: int, retired: bool) -> BidPrompt:
        """Retire (or restore) a prompt for the workspace; people retire their own prompts."""
        with self._sessions.begin() as session:
            row = self._own_row(session, team_id, user_id, prompt_id)
            self._retire_row(session, team_id, user_id, row, retired)
            session.flush()
            return _prompt(row, self._retired(session, team_id))

    def _retire_row(
        self, session: Session, team_id: str, user_id: str | None, row: BidPromptRow, retired: bool
    ) -> None:
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

    # -- how it went --------------------------------------------------------------------

    @guarded
    def record_outcome(self, team_id: str, user_id: str, prompt_id: int, outcome: str) -> BidCount:
        """Count one try of a prompt. Tapping again soon after changes the answer, not the count."""
        if outcome not in OUTCOMES:
            raise InvalidInput({"outcome": "That button is out of date."})
        now = self._clock.now()
        with self._sessions.begin() as session:
            visible = {p.id: p for p in self._visible(session, team_id, user_id)}
            prompt = visible.get(prompt_id)
            if prompt is None:
                raise NotFound("That prompt is no longer here.")
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
            return BidCount(prompt, **self._counts(session, team_id).get(prompt_id, {}))

    @guarded
    def get(self, team_id: str, user_id: str, prompt_id: int) -> BidPrompt:
        """One prompt `user_id` can see."""
        with self._sessions() as session:
            for p in self._visible(session, team_id, user_id):
                if p.id == prompt_id:
                    return p
        raise NotFound("That prompt is no longer here.")

    # -- the store at a glance ----------------------------------------------------------

    @guarded
    def counts(self, team_id: str, user_id: str | None = None) -> list[BidCount]:
        """Every prompt visible to `user_id` (None: the workspace's shared ones) with counts."""
        self._ensure_library()
        with self._sessions() as session:
            counts = self._counts(session, team_id)
            return [
                BidCount(p, **counts.get(p.id, {}))
                for p in self._visible(session, team_id, user_id)
            ]

    def home(self, team_id: str, user_id: str) -> BidHome:
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
            is_admin=self.can_share(team_id, user_id),
        )

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
        self._ensure_library()
        with self._sessions() as session:
            prompts = self._visible(session, team_id or LIBRARY_TEAM, None)
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
        self._ensure_library()
        problems: list[str] = []
        now = self._clock.now()
        with self._sessions.begin() as session:
            rows = {
                (r.team_id, r.key): r
                for r in session.scalars(
                    select(BidPromptRow).where(BidPromptRow.team_id.in_([team_id, LIBRARY_TEAM]))
                )
            }
            for rec in records:
                built_in = rows.get((LIBRARY_TEAM, rec.key))
                own = rows.get((team_id, rec.key))
                if built_in is not None and (
                    built_in.text,
                    built_in.size,
                    set(_moments(built_in.moments)),
                ) != (rec.text, rec.size, set(rec.moments)):
                    problems.append(
                        f"line {rec.line}: {rec.key!r} is a built-in prompt; only its status "
                        "can change. Give your version a new key."
                    )
                elif own is not None and own.owner_user_id is not None:
                    problems.append(
                        f"line {rec.line}: the key {rec.key!r} belongs to someone's own prompt; "
                        "pick another."
                    )
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
