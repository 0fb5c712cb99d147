"""What a person may see in the store: rows read as prompts, retirements, and tried counts.

Each function works inside the caller's session; the services around it own the transaction.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from bot.db.models import BidOutcome, BidPromptRow, BidRetirement
from bot.db.models.bids import LIBRARY_TEAM
from bot.domain.bids.dto import BidPrompt
from bot.domain.kernel.errors import NotFound

Tallies = dict[int, dict[str, int]]  # prompt id -> outcome -> how many
GONE = "That prompt is no longer here."


def moments_of(raw: str) -> tuple[str, ...]:
    """The moments stored space-separated on a row."""
    return tuple(m for m in raw.split() if m)


def _scope(row: BidPromptRow) -> str:
    if row.team_id == LIBRARY_TEAM:
        return "library"
    return "workspace" if row.owner_user_id is None else "personal"


def to_prompt(row: BidPromptRow, retired: set[int]) -> BidPrompt:
    """A row as people see it; `retired` holds the ids this workspace retired."""
    active = row.in_library if row.team_id == LIBRARY_TEAM else row.active
    return BidPrompt(
        id=row.id,
        key=row.key,
        text=row.text,
        size=row.size,
        moments=moments_of(row.moments),
        scope=_scope(row),
        owner_user_id=row.owner_user_id,
        active=active and row.id not in retired,
    )


def retired_ids(session: Session, team_id: str) -> set[int]:
    """The built-in prompts `team_id` retired."""
    return set(
        session.scalars(select(BidRetirement.prompt_id).where(BidRetirement.team_id == team_id))
    )


def visible(session: Session, team_id: str, user_id: str | None) -> list[BidPrompt]:
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
    retired = retired_ids(session, team_id)
    return [
        to_prompt(r, retired)
        for r in rows
        if r.team_id != LIBRARY_TEAM or r.in_library or r.id in retired
    ]


def visible_one(session: Session, team_id: str, user_id: str, prompt_id: int) -> BidPrompt:
    """One prompt `user_id` can see; NotFound when it is gone or not theirs to see."""
    for p in visible(session, team_id, user_id):
        if p.id == prompt_id:
            return p
    raise NotFound(GONE)


def tallies(session: Session, team_id: str) -> Tallies:
    """How often each prompt went each way in `team_id`."""
    out: Tallies = {}
    for prompt_id, outcome, n in session.execute(
        select(BidOutcome.prompt_id, BidOutcome.outcome, func.count())
        .where(BidOutcome.team_id == team_id)
        .group_by(BidOutcome.prompt_id, BidOutcome.outcome)
    ):
        out.setdefault(int(prompt_id), {})[str(outcome)] = int(n)
    return out
