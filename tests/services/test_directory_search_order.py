"""A directory search walks the services in name order and stops at its limit: no sort per key.

With 5,000 services, sorting every match of a one-letter prefix on each keystroke cost most of
the Directory screen's time; walking the name index stops at the first results shown.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.services import directory as directory_module
from linkworker_desktop.services.demo_directory import demo_feed
from linkworker_desktop.services.directory import Directory


@pytest.fixture
def directory(open_profile):
    directory = Directory(open_profile)
    report = directory.import_feed(demo_feed(), "Demo")
    assert report.added == 66 and not report.rejected
    return directory


def _plan_of_search(open_profile, directory: Directory, text: str) -> list[str]:
    """The query plan of the statement a search runs (its values bound in the traced text)."""
    ran: list[str] = []
    open_profile.conn.set_trace_callback(ran.append)
    try:
        directory.search(text, limit=10)
    finally:
        open_profile.conn.set_trace_callback(None)
    [sql] = [s for s in ran if s.lstrip().startswith("SELECT s.* FROM directory_services")]
    return [row[3] for row in open_profile.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]


@pytest.mark.parametrize("text", ["", "c", "walking gr"])
def test_a_search_reads_services_in_name_order_and_sorts_nothing(open_profile, directory, text):
    plan = _plan_of_search(open_profile, directory, text)

    assert "SCAN s USING INDEX directory_services_by_name" in plan
    assert [step for step in plan if "TEMP B-TREE" in step] == []


def test_stopping_at_the_limit_gives_the_first_of_the_whole_list_in_name_order(directory):
    everything = directory.search("gr", limit=None)
    first = directory.search("gr", limit=5)
    names = [hit.service.name for hit in everything]

    assert 5 < len(everything) < 66  # some services match "gr…", some do not
    assert [hit.service.id for hit in first] == [hit.service.id for hit in everything[:5]]
    assert names == sorted(names, key=str.lower)


def test_a_search_again_reads_no_stored_lists_again_and_hands_out_fresh_ones(
    directory, monkeypatch
):
    first = directory.search("gr", limit=None)
    read: list[str] = []
    loads = directory_module.json.loads
    monkeypatch.setattr(
        directory_module.json, "loads", lambda text: read.append(text) or loads(text)
    )
    first[0].service.schedules.clear()  # a caller changing its own copy
    first[0].service.categories.append("Changed here")

    again = directory.search("gr", limit=None)

    assert read == []
    assert [hit.service.id for hit in again] == [hit.service.id for hit in first]
    assert again[0].service.schedules != [] and again[0].service.schedules[0].byday
    assert "Changed here" not in again[0].service.categories
