"""The directory in the encrypted caseload: import in one transaction, search, connections."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta

import pytest

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.directory import (
    ConnectionKind,
    ConnectionOutcome,
    DirectoryService,
    Schedule,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.openreferral import FeedError
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo_directory import DEMO_DISTRICTS, demo_feed
from linkworker_desktop.services.directory import Directory, fts_query


@pytest.fixture
def directory(open_profile):
    directory = Directory(open_profile)
    report = directory.import_feed(demo_feed(), "Demo")
    assert report.added >= 60 and not report.rejected
    open_profile.conn.executemany(
        "INSERT INTO postcode_districts VALUES (?, ?, ?)",
        [(d, lat, lon) for d, (lat, lon) in DEMO_DISTRICTS.items()],
    )
    return directory


def test_reimport_updates_rather_than_duplicates(directory, open_profile):
    feed = demo_feed()
    feed["contents"][0]["name"] = "Renamed coffee morning"
    report = directory.import_feed(feed, "Demo")
    assert (
        report.added == 0 and report.updated == 1 and report.unchanged == len(feed["contents"]) - 1
    )
    count = open_profile.conn.execute("SELECT COUNT(*) FROM directory_services").fetchone()[0]
    assert count == len(feed["contents"])
    assert [h.service.name for h in directory.search("renamed")] == ["Renamed coffee morning"]


def test_a_failing_import_leaves_the_directory_as_it_was(directory, open_profile, monkeypatch):
    before = open_profile.conn.execute("SELECT COUNT(*) FROM directory_services").fetchone()[0]
    feed = {"contents": [{"id": f"new-{n}", "name": f"New {n}"} for n in range(50)]}
    calls = {"n": 0}
    original = directory._index

    def failing(service):
        calls["n"] += 1
        if calls["n"] == 30:
            raise OSError("disk full")
        original(service)

    monkeypatch.setattr(directory, "_index", failing)
    with pytest.raises(OSError):
        directory.import_feed(feed, "Broken")
    after = open_profile.conn.execute("SELECT COUNT(*) FROM directory_services").fetchone()[0]
    assert after == before
    assert directory.search("New") == []


def test_truncated_and_huge_files(directory, tmp_path):
    truncated = tmp_path / "cut.json"
    truncated.write_text(json.dumps(demo_feed())[:5000], "utf-8")
    with pytest.raises(FeedError, match="not complete JSON"):
        directory.import_file(truncated)
    big = tmp_path / "big.json"
    services = [
        {"id": f"b{n}", "name": f"Group {n}", "description": "x" * 3000} for n in range(3500)
    ]
    big.write_text(json.dumps({"contents": services}), "utf-8")
    assert big.stat().st_size > 10 * 1024 * 1024
    report = directory.import_file(big)
    assert report.added == 3500


@pytest.mark.parametrize("text", ['"', "coffee*", "NEAR(a b)", "a AND", "*", "' OR 1=1 --", "^"])
def test_search_text_with_fts_syntax_never_raises(directory, text):
    directory.search(text)
    assert fts_query(text).count('"') % 2 == 0


def test_search_as_you_type_matches_prefixes(directory):
    names = [h.service.name for h in directory.search("coff")]
    assert names and all("offee" in n for n in names)


def test_filters_free_category_day_and_time(directory):
    free = directory.search(free_only=True)
    assert free and all(h.service.free for h in free)
    money = directory.search(category="Money and debt")
    assert money and all("Money and debt" in h.service.categories for h in money)
    tuesday = directory.search(weekday=1)
    assert tuesday and all(
        any(
            s.occurs_on(_next(1) + timedelta(weeks=w))
            for s in h.service.schedules
            for w in range(5)
        )
        for h in tuesday
    )
    evening = directory.search(at=time(19, 0))
    assert evening
    assert all(
        any(s.opens_at and s.opens_at <= time(19) < s.closes_at for s in h.service.schedules)
        for h in evening
    )


def _next(weekday: int) -> date:
    today = date.today()
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def test_distance_from_the_patients_postcode(directory):
    hits = directory.search(near_postcode="LS6 2AB", within_km=1.5)
    assert hits
    distances = [h.distance_km for h in hits]
    assert distances == sorted(distances) and max(distances) <= 1.5
    with pytest.raises(ValidationError, match="No location is known"):
        directory.search(near_postcode="ZZ9 9ZZ")


def test_accessibility_notes_are_searchable(directory):
    hits = directory.search(accessibility="step-free")
    assert hits and all("step-free" in h.service.accessibility.lower() for h in hits)


def test_results_show_the_next_meeting(directory):
    hits = directory.search("walking", now=datetime(2026, 11, 23, 8, 0))
    assert hits and all(
        h.next_meeting and h.next_meeting >= datetime(2026, 11, 23, 8, 0) for h in hits
    )


def test_local_entry_is_marked_local_synced_and_findable(directory, open_profile):
    service = DirectoryService(
        "St Luke's coffee morning",
        "",
        schedules=[Schedule(freq="WEEKLY", byday=("WE",), opens_at=time(10), closes_at=time(12))],
    )
    service_id = directory.add_local(service)
    hit = directory.search("luke")[0]
    assert hit.service.id == service_id and hit.service.source == "local"
    outbox = open_profile.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'directory_services'"
    ).fetchone()[0]
    assert outbox == 1


def test_connect_record_outcome_chase_up_and_counts(directory, open_profile):
    patient = Patient(generate_test_number(random.Random(3)), "Ann", "Bee", date(1950, 1, 1))
    referral = Referral("", date.today(), ReferralSource.GP, [ReferralReason.LONELINESS], "Dr X")
    patient_id = CaseloadService(open_profile).add_patient(patient, referral)
    service_id = directory.search("coffee")[0].service.id
    connection = directory.connect(
        patient_id, service_id, ConnectionKind.REFERRED, on=date.today() - timedelta(days=20)
    )
    chase = directory.chase_ups()
    assert [c["id"] for c in chase] == [connection]
    directory.record_outcome(connection, ConnectionOutcome.ATTENDING_REGULARLY)
    assert directory.chase_ups() == []
    counts = {r["id"]: r for r in directory.outcome_counts()}
    assert counts[service_id]["connections"] == 1 and counts[service_id]["regular"] == 1


def test_report_closed_and_confirmed(directory, open_profile):
    service_id = directory.search("choir")[0].service.id
    directory.report(service_id, "confirmed", on=date(2026, 5, 4))
    assert directory.get(service_id).last_confirmed == date(2026, 5, 4)
    directory.report(service_id, "closed", "Hall sold")
    assert directory.get(service_id).status == "reported_closed"
    # Still found, marked, until the feed says so: a colleague's report may be mistaken.
    found = [h.service for h in directory.search("choir") if h.service.id == service_id]
    assert [s.status for s in found] == ["reported_closed"]
    kinds = [r[0] for r in open_profile.conn.execute("SELECT kind FROM directory_reports")]
    assert kinds == ["confirmed", "closed"]
