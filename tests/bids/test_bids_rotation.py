"""Choosing the next prompt: rounds without repeats, filters, sizes earned, peeking."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from bot.container import Container
from bot.db.models import BidView
from bot.domain.bids.rules import PromptForm
from tests.bids.bids_helpers import T, shown, size_count
from tests.conftest import COACH, REP
from tests.fakes.slack_api import FakeSlack


def test_twenty_in_a_row_are_different_and_start_small(any_db_container: Container) -> None:
    c = any_db_container
    seen = [c.bids.next_for(T, REP) for _ in range(20)]
    assert all(p is not None for p in seen)
    assert len({p.id for p in seen if p}) == 20
    assert {p.size for p in seen if p} == {"small"}


def test_rotation_shows_every_fitting_prompt_before_any_repeat(
    any_db_container: Container,
) -> None:
    c = any_db_container
    n = size_count("large")
    first_round = [c.bids.next_for(T, REP, size="large") for _ in range(n)]
    ids = [p.id for p in first_round if p]
    assert len(set(ids)) == n
    second = c.bids.next_for(T, REP, size="large")
    assert second is not None
    assert second.size == "large"
    assert second.id != ids[-1]  # a new round never opens with the one just shown


def test_moment_filter_and_exclude(any_db_container: Container) -> None:
    c = any_db_container
    for _ in range(10):
        p = c.bids.next_for(T, REP, size="medium", moment="after_loss")
        assert p is not None
        assert p.size == "medium"
        assert "after_loss" in p.moments
    only = c.bids.next_for(T, COACH, size="small")
    assert only is not None
    assert c.bids.next_for(T, COACH, size="small", exclude=only.id) != only


def test_a_bid_that_lands_raises_the_ante(any_db_container: Container) -> None:
    c = any_db_container
    p = shown(c)
    assert p.size == "small"
    c.bids.record_outcome(T, REP, p.id, "toward")
    sizes = Counter(x.size for x in (c.bids.next_for(T, REP) for _ in range(30)) if x)
    assert sizes["medium"] > 0
    assert sizes["large"] == 0


def test_suggest_respects_rotation_and_falls_back(any_db_container: Container) -> None:
    c = any_db_container
    got = {c.bids.suggest(T, COACH, moment="after_tough_feedback") for _ in range(3)}
    assert len(got) == 3
    assert all(p is not None and p.size == "small" for p in got)


def test_coaching_reminders_draw_small_bids_from_the_workspace_store(
    any_db_container: Container, slack: FakeSlack
) -> None:
    from bot.domain.coaching.nudges import StoreBids

    c = any_db_container
    slack.add_user("U_ADM", "Ada Admin", is_admin=True)
    source = StoreBids(c.bids)
    c.bids.counts(T)  # loads the library
    fitting = [
        p.prompt
        for p in c.bids.counts(T)
        if p.prompt.size == "small" and "before_session" in p.prompt.moments
    ]
    for prompt in fitting:
        c.bids.set_retired(T, "U_ADM", prompt.id, True)
    ours = c.bids.add(
        T,
        "U_ADM",
        PromptForm(
            "Ask what made them smile this week.", "small", ("before_session",), for_everyone=True
        ),
    )
    picks = {source.small_bid(T, COACH, REP, n) for n in range(5)}
    assert picks == {ours.text}
    # Picking for a reminder records nothing: the rotation is untouched.
    with c.sessions() as session:
        views = session.scalar(select(func.count()).select_from(BidView))
    assert views == 0
