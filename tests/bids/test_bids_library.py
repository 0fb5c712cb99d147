"""The built-in library: loaded on first use, upgraded without undoing a workspace's changes."""

from __future__ import annotations

from bot.container import Container
from bot.db.models import BidPromptRow
from tests.bids.bids_helpers import LIBRARY, T, library_rows
from tests.conftest import REP
from tests.fakes.slack_api import FakeSlack


def test_library_loads_once_on_first_use_and_never_at_build(any_db_container: Container) -> None:
    c = any_db_container
    assert library_rows(c) == 0
    c.bids.next_for(T, REP)
    assert library_rows(c) == len(LIBRARY)
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
