"""Adding, retiring and restoring prompts, and importing prompt files: who may, and what changes."""

from __future__ import annotations

import pytest

from bot.container import Container
from bot.domain.bids.dto import PromptRecord
from bot.domain.bids.rules import PromptForm
from bot.domain.kernel.errors import InvalidInput, NotAllowed, NotFound
from tests.bids.bids_helpers import LIBRARY, T, own_prompt, size_count
from tests.conftest import COACH, REP
from tests.fakes.slack_api import FakeSlack


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
    for _ in range(size_count(built_in.size) + 2):
        p = c.bids.next_for(T, REP, size=built_in.size)
        assert p is not None
        assert p.id != built_in.id
    assert c.bids.set_retired(T, "U_ADM", built_in.id, False).active
    own = own_prompt(c)
    assert not c.bids.set_retired(T, REP, own.id, True).active  # people retire their own
    with pytest.raises(NotFound):
        c.bids.set_retired(T, COACH, own.id, True)


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
