"""How bids went: taps counted per prompt, and forgotten with a workspace or a person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import BidOutcome, BidRetirement
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.errors import NotFound
from tests.bids.bids_helpers import LIBRARY, T, library_rows, own_prompt, shown
from tests.conftest import COACH, OUTSIDER, REP


def test_outcomes_are_counted_per_prompt(any_db_container: Container, clock: ManualClock) -> None:
    c = any_db_container
    p = shown(c)
    c.bids.record_outcome(T, REP, p.id, "away")
    count = c.bids.record_outcome(T, REP, p.id, "toward")  # a quick second tap changes it
    assert (count.tried, count.toward, count.away) == (1, 1, 0)
    clock.advance(timedelta(days=2))
    count = c.bids.record_outcome(T, REP, p.id, "too_soon")
    count = c.bids.record_outcome(T, OUTSIDER, p.id, "against")
    assert (count.tried, count.toward, count.too_soon, count.against) == (3, 1, 1, 1)
    home = c.bids.home(T, COACH)
    assert home.top[0].prompt.id == p.id
    assert home.tried == 3
    with pytest.raises(NotFound):
        c.bids.record_outcome(T, REP, p.id, "meh")


def test_uninstall_forgets_the_workspace_but_keeps_the_library(
    any_db_container: Container,
) -> None:
    c = any_db_container
    p = shown(c)
    c.bids.record_outcome(T, REP, p.id, "toward")
    own_prompt(c)
    c.privacy.forget_team(T)
    with c.sessions() as s:
        assert s.scalar(select(func.count()).select_from(BidOutcome)) == 0
        assert s.scalar(select(func.count()).select_from(BidRetirement)) == 0
    assert library_rows(c) == len(LIBRARY)


def test_forget_me_removes_a_persons_bid_history_and_own_prompts(
    any_db_container: Container,
) -> None:
    c = any_db_container
    p = shown(c)
    c.bids.record_outcome(T, REP, p.id, "toward")
    c.bids.record_outcome(T, COACH, p.id, "away")
    own = own_prompt(c)
    c.privacy.forget_user(T, REP)
    counts = {x.prompt.id: x for x in c.bids.counts(T, REP)}
    assert own.id not in counts
    assert (counts[p.id].tried, counts[p.id].away) == (1, 1)
