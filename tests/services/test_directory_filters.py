"""Directory search filters on data that can tell them apart: free and paid, live and closed.

Each filter is given services that match and services that don't, and the exact names found
are checked, so dropping a filter or letting a closed service through shows up at once.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from linkworker_desktop.services.directory import Directory

NOW = datetime(2026, 6, 10, 12, 0)


def service(name: str, amount: float | None, status: str | None = None) -> dict:
    raw: dict = {"id": name.lower().replace(" ", "-"), "name": name, "description": "Gardening"}
    if amount is not None:
        raw["cost_options"] = [{"amount": amount, "option": "Per session"}]
    if status is not None:
        raw["status"] = status
    return raw


FEED = {
    "contents": [
        service("Allotment free", 0),
        service("Beekeeping paid", 12.5),
        service("Compost free closed", 0, "inactive"),
        service("Digging paid closed", 8, "inactive"),
        service("Edging free defunct", 0, "defunct"),
        service("Fruit cost unknown", None),
        service("Greenhouse free active", 0, "active"),
    ]
}
LIVE = ["Allotment free", "Beekeeping paid", "Fruit cost unknown", "Greenhouse free active"]


@pytest.fixture
def directory(open_profile) -> Directory:
    directory = Directory(open_profile)
    report = directory.import_feed(FEED, "Test feed")
    assert (report.added, len(report.rejected)) == (7, 0)
    return directory


def names(hits) -> list[str]:
    return [hit.service.name for hit in hits]


def test_only_live_services_are_found(directory):
    assert names(directory.search(now=NOW)) == LIVE
    assert names(directory.search("gardening", now=NOW)) == LIVE


def test_free_only_keeps_exactly_the_live_free_services(directory):
    assert names(directory.search(free_only=True, now=NOW)) == [
        "Allotment free",
        "Greenhouse free active",
    ]


def test_without_free_only_paid_and_unknown_cost_are_found_too(directory):
    found = names(directory.search(free_only=False, now=NOW))
    assert "Beekeeping paid" in found
    assert "Fruit cost unknown" in found


def test_a_closed_service_is_not_found_by_its_own_name(directory):
    assert names(directory.search("compost", now=NOW)) == []
    assert names(directory.search("digging", free_only=True, now=NOW)) == []
    assert names(directory.search("allotment", now=NOW)) == ["Allotment free"]
