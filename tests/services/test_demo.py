"""The synthetic demo caseload: valid, never real, and spread like a real service's."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import date

import pytest

from linkworker_desktop.domain.choices import ReferralSource, ReferralStatus
from linkworker_desktop.domain.nhs_number import is_valid
from linkworker_desktop.domain.patient import validate_patient
from linkworker_desktop.domain.referral import validate_referral
from linkworker_desktop.services import demo, profile
from tests.conftest import FAST_KDF, PASSPHRASE

TODAY = date.today()


@pytest.fixture(scope="module")
def people():
    return demo.make_people(300, seed=11, today=TODAY)


def test_every_demo_patient_and_referral_passes_validation(people):
    for patient, referral, _ in people:
        validate_patient(patient, TODAY)
        validate_referral(referral, TODAY)


def test_nhs_numbers_are_valid_unique_and_from_the_test_range(people):
    numbers = [patient.nhs_number for patient, _, _ in people]
    assert all(n.startswith("999") and is_valid(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_statuses_and_sources_are_spread_across_every_value(people):
    statuses = Counter(referral.status for _, referral, _ in people)
    sources = Counter(referral.source for _, referral, _ in people)
    assert set(statuses) == set(ReferralStatus)
    assert set(sources) == set(ReferralSource)
    # A realistic spread: no one status is most of the caseload.
    assert max(statuses.values()) < len(people) / 2


def test_appointments_fit_each_referral(people):
    for _, referral, appointments in people:
        attended = [a for a in appointments if a["status"] == "attended"]
        if referral.status in (ReferralStatus.NEW, ReferralStatus.DECLINED):
            assert attended == []
        if referral.status == ReferralStatus.DISCHARGED:
            assert len(attended) >= 2
        for appointment in attended:
            assert appointment["starts_at"][:10] < TODAY.isoformat()
            assert appointment["starts_at"][:10] >= referral.referral_date.isoformat()


def test_the_same_seed_gives_the_same_people():
    first = [(p.nhs_number, p.family_name) for p, _, _ in demo.make_people(20, seed=5)]
    again = [(p.nhs_number, p.family_name) for p, _, _ in demo.make_people(20, seed=5)]
    other = [(p.nhs_number, p.family_name) for p, _, _ in demo.make_people(20, seed=6)]
    assert first == again
    assert first != other


def test_demo_patients_are_written_through_the_unit_of_work(open_profile, service):
    added = demo.add_demo_caseload(open_profile, 30, seed=3)
    conn = open_profile.conn
    assert added == 30
    assert conn.execute("SELECT count(*) FROM patients").fetchone() == (30,)
    orphans = conn.execute(
        "SELECT count(*) FROM patients p WHERE NOT EXISTS"
        " (SELECT 1 FROM outbox o WHERE o.entity_id = p.id)"
        " OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = p.id)"
    ).fetchone()[0]
    assert orphans == 0
    assert {row.status for row in service.rows()} <= set(ReferralStatus)
    assert len(service.rows()) == 30


def test_sessions_used_in_the_caseload_match_the_demo_appointments(open_profile, service):
    people = demo.make_people(25, seed=8)
    demo.add_demo_caseload(open_profile, 25, seed=8)
    expected = {
        patient.nhs_number: sum(1 for a in appointments if a["status"] == "attended")
        for patient, _, appointments in people
    }
    assert {row.nhs_number: row.sessions_used for row in service.rows()} == expected


def test_adding_the_same_demo_caseload_twice_adds_no_duplicates(open_profile):
    assert demo.add_demo_caseload(open_profile, 10, seed=4) == 10
    assert demo.add_demo_caseload(open_profile, 10, seed=4) == 0
    assert open_profile.conn.execute("SELECT count(*) FROM patients").fetchone() == (10,)


def test_a_negative_count_is_refused(open_profile):
    with pytest.raises(ValueError, match="^The number of demo patients cannot be negative.$"):
        demo.add_demo_caseload(open_profile, -1)
    assert demo.add_demo_caseload(open_profile, 0) == 0
    assert open_profile.conn.execute("SELECT count(*) FROM patients").fetchone() == (0,)


def test_a_batch_of_one_patient_is_the_smallest(open_profile):
    with pytest.raises(ValueError, match="^A demo is written at least one patient at a time.$"):
        demo.add_demo_caseload(open_profile, 2, batch=0)
    assert demo.add_demo_caseload(open_profile, 2, batch=1) == 2


def test_demo_patients_are_the_workers_own_in_the_workers_team(open_profile):
    conn = open_profile.conn
    (team,) = conn.execute(
        "SELECT team_id FROM workers WHERE id = ?", (open_profile.actor.worker_id,)
    ).fetchone()
    assert team
    demo.add_demo_caseload(open_profile, 12, seed=9)
    for table in ("patients", "referrals"):
        owners = conn.execute(f"SELECT DISTINCT owner_worker_id, team_id FROM {table}").fetchall()
        assert owners == [(open_profile.actor.worker_id, team)], table
    workers = conn.execute("SELECT DISTINCT worker_id FROM appointments").fetchall()
    assert workers == [(open_profile.actor.worker_id,)]
    feeds = conn.execute("SELECT DISTINCT feed FROM directory_services").fetchall()
    assert feeds == [("Demo directory",)]


def test_demo_patients_of_a_worker_in_no_team_are_in_no_team(tmp_path):
    opened, _ = profile.create_profile(
        profile.ProfileFiles(tmp_path / "teamless"), PASSPHRASE, "Sam Patel", "", kdf=FAST_KDF
    )
    try:
        assert demo.add_demo_caseload(opened, 4, seed=9) == 4
        for table in ("patients", "referrals"):
            teams = opened.conn.execute(f"SELECT DISTINCT team_id FROM {table}").fetchall()
            assert teams == [(None,)], table
    finally:
        opened.close()


@pytest.mark.parametrize("batch", [500, 5], ids=["made here", "made in a second process"])
def test_a_demo_is_made_around_the_day_it_is_given(open_profile, batch):
    day = date(2025, 6, 11)  # a Wednesday, long before the clock's today
    demo.add_demo_caseload(open_profile, 40, seed=12, today=day, batch=batch)
    conn = open_profile.conn
    first, last = conn.execute(
        "SELECT MIN(substr(starts_at, 1, 10)), MAX(substr(starts_at, 1, 10)) FROM appointments"
    ).fetchone()
    assert date.fromisoformat(first) >= day.replace(year=2024)
    assert date.fromisoformat(last) <= date(2025, 7, 24)  # six weeks ahead, at most
    (today_slots,) = conn.execute(
        "SELECT COUNT(*) FROM appointments WHERE substr(starts_at, 1, 10) = ?", (day.isoformat(),)
    ).fetchone()
    assert today_slots > 0  # the Today view has a working day
    # Nothing is recorded after the day: GP appointments after discharge only once six months
    # have passed by then.
    (latest,) = conn.execute(
        "SELECT MAX(substr(recorded_at, 1, 10)) FROM measure_results"
    ).fetchone()
    assert date.fromisoformat(latest) <= day


def test_the_demo_seed_is_2026_unless_another_is_given(open_profile, tmp_path):
    demo.add_demo_caseload(open_profile, 6)
    numbers = {row[0] for row in open_profile.conn.execute("SELECT nhs_number FROM patients")}
    assert numbers == {p.nhs_number for p, _, _ in demo.make_people(6, seed=2026)}


def test_the_fake_name_generator_loads_only_when_demo_people_are_made():
    """Faker holds about 20 MB; the app imports the demo service but rarely makes people."""
    script = (
        "import sys\n"
        "import linkworker_desktop.services.demo as demo\n"
        "print('faker' in sys.modules)\n"
        "demo.make_people(2, seed=3)\n"
        "print('faker' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["False", "True"]
