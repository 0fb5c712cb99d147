"""The bid store's data layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.container import Container
from bot.content.loader import load
from bot.db.models import BidOutcome, BidPromptRow, BidRetirement, BidView
from bot.domain.bids.dto import PromptRecord
from bot.domain.bids.rules import PromptForm
from bot.domain.kernel.clock import ManualClock
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from tests.conftest import COACH, OUTSIDER, REP
from tests.fakes.slack_api import FakeSlack

T = "T0001"
LIBRARY: list[dict[str, Any]] = load("bids.yaml")["prompts"]


def _size_count(size: str) -> int:
    return sum(1 for p in LIBRARY if p["size"] == size)


def _library_rows(c: Container) -> int:
    with c.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(BidPromptRow)) or 0)


def test_library_loads_once_on_first_use_and_never_at_build(any_db_container: Container) -> None:
    c = any_db_container
    assert _library_rows(c) == 0
    c.bids.next_for(T, REP)
    assert _library_rows(c) == len(LIBRARY)
    assert c.bids.sync_library() == 0  # a second sync changes nothing


def test_upgrade_keeps_what_a_workspace_changed(
    any_db_container: Container, slack: FakeSlack
) -> None:
    c = any_db_container
    slack.add_user("U_ADM", "Ada Admin", is_admin=True)
    first = next(p for p in c.bids.counts(T) if p.prompt.key == LIBRARY[0]["key"]).prompt
    c.bids.set_retired(T, "U_ADM", first.id, True)
    with c.sessions.begin() as s:  # an older library had other words for this prompt
        row = s.get_one(BidPromptRow, first.id)
        row.text = "old words"
    assert c.bids.sync_library() == 1
    again = next(p for p in c.bids.counts(T) if p.prompt.id == first.id).prompt
    assert again.text == LIBRARY[0]["text"]
    assert not again.active  # still retired in this workspace
    other = next(p for p in c.bids.counts("T_OTHER") if p.prompt.id == first.id).prompt
    assert other.active  # and only in this one


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
    n = _size_count("large")
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
    p = c.bids.next_for(T, REP)
    assert p is not None
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


def test_own_prompts_are_private_and_admin_prompts_are_shared(
    any_db_container: Container, slack: FakeSlack
) -> None:
    c = any_db_container
    slack.add_user("U_ADM", "Ada Admin", is_admin=True)
    mine = c.bids.add(T, REP, PromptForm("Ask about the dog.", "small", ("anytime",)))
    assert mine.scope == "personal"
    shared = c.bids.add(
        T, "U_ADM", PromptForm("Share a win from your week.", "small", ("anytime",), True)
    )
    assert shared.scope == "workspace"

    def ids(user: str | None, team: str = T) -> set[int]:
        return {x.prompt.id for x in c.bids.counts(team, user)}

    assert mine.id in ids(REP)
    assert mine.id not in ids(COACH)
    assert shared.id in ids(REP)
    assert shared.id in ids(COACH)
    assert shared.id not in ids(REP, "T_OTHER")
    with pytest.raises(NotAllowed):
        c.bids.add(T, REP, PromptForm("For all!", "small", ("anytime",), True))
    with pytest.raises(InvalidInput) as bad:
        c.bids.add(T, REP, PromptForm("  ", "huge", ()))
    assert set(bad.value.fields) == {"text", "size", "moments"}


def test_only_admins_retire_shared_prompts(any_db_container: Container, slack: FakeSlack) -> None:
    c = any_db_container
    slack.add_user("U_ADM", "Ada Admin", is_owner=True)
    built_in = c.bids.counts(T)[0].prompt
    with pytest.raises(NotAllowed):
        c.bids.set_retired(T, REP, built_in.id, True)
    assert not c.bids.set_retired(T, "U_ADM", built_in.id, True).active
    for _ in range(_size_count(built_in.size) + 2):
        p = c.bids.next_for(T, REP, size=built_in.size)
        assert p is not None
        assert p.id != built_in.id
    assert c.bids.set_retired(T, "U_ADM", built_in.id, False).active
    own = c.bids.add(T, REP, PromptForm("Mine.", "small", ("anytime",)))
    assert not c.bids.set_retired(T, REP, own.id, True).active  # people retire their own
    with pytest.raises(NotFound):
        c.bids.set_retired(T, COACH, own.id, True)


def test_outcomes_are_counted_per_prompt(any_db_container: Container, clock: ManualClock) -> None:
    c = any_db_container
    p = c.bids.next_for(T, REP)
    assert p is not None
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
    with pytest.raises(InvalidInput):
        c.bids.record_outcome(T, REP, p.id, "meh")


def test_uninstall_forgets_the_workspace_but_keeps_the_library(
    any_db_container: Container,
) -> None:
    c = any_db_container
    p = c.bids.next_for(T, REP)
    assert p is not None
    c.bids.record_outcome(T, REP, p.id, "toward")
    c.bids.add(T, REP, PromptForm("Mine.", "small", ("anytime",)))
    c.privacy.forget_team(T)
    with c.sessions() as s:
        assert s.scalar(select(func.count()).select_from(BidOutcome)) == 0
        assert s.scalar(select(func.count()).select_from(BidRetirement)) == 0
    assert _library_rows(c) == len(LIBRARY)


def test_import_adds_updates_and_retires_in_one_go(
    any_db_container: Container,
) -> None:
    c = any_db_container
    lib = LIBRARY[0]
    records = [
        PromptRecord("walk-and-talk", "Suggest a walking 1:1.", "medium", ("before_session",)),
        PromptRecord(
            lib["key"], lib["text"], lib["size"], tuple(reversed(lib["moments"])), "retired"
        ),
    ]
    assert c.bids.import_records(T, records, by=None) == 2
    exported = {r.key: r for r in c.bids.export_records(T)}
    assert exported["walk-and-talk"].status == "active"
    assert exported[lib["key"]].status == "retired"
    changed = [PromptRecord("walk-and-talk", "Suggest a walk.", "small", ("anytime",))]
    c.bids.import_records(T, changed, by=None)
    assert {r.key: r for r in c.bids.export_records(T)}["walk-and-talk"].text == "Suggest a walk."
    assert "walk-and-talk" not in {r.key for r in c.bids.export_records(None)}


def test_import_refuses_rewording_a_built_in_and_changes_nothing(
    any_db_container: Container,
) -> None:
    c = any_db_container
    before = c.bids.export_records(T)
    lib = LIBRARY[1]
    records = [
        PromptRecord("fresh-one", "A new one.", "small", ("anytime",), line=3),
        PromptRecord(lib["key"], "Different words", lib["size"], tuple(lib["moments"]), line=8),
    ]
    with pytest.raises(InvalidInput) as refused:
        c.bids.import_records(T, records, by=None)
    assert "line 8" in refused.value.message
    assert c.bids.export_records(T) == before


def test_forget_me_removes_a_persons_bid_history_and_own_prompts(
    any_db_container: Container,
) -> None:
    c = any_db_container
    p = c.bids.next_for(T, REP)
    assert p is not None
    c.bids.record_outcome(T, REP, p.id, "toward")
    c.bids.record_outcome(T, COACH, p.id, "away")
    own = c.bids.add(T, REP, PromptForm("Mine.", "small", ("anytime",)))
    c.privacy.forget_user(T, REP)
    counts = {x.prompt.id: x for x in c.bids.counts(T, REP)}
    assert own.id not in counts
    assert (counts[p.id].tried, counts[p.id].away) == (1, 1)


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
