"""``linkworker demo-data``, ``patients`` and ``patient``."""

from __future__ import annotations

import json

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number, is_valid
from tests.conftest import PASSPHRASE

STDIN = PASSPHRASE + "\n"


def listing(cli, *args: str) -> list[dict]:
    result = cli("patients", "--json", *args, stdin=STDIN)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_demo_data_adds_synthetic_patients_from_the_test_range(cli, initialised):
    result = cli("demo-data", "--patients", "25", stdin=STDIN)
    assert result.code == 0
    assert "25" in result.out
    rows = listing(cli)
    assert len(rows) == 25
    assert all(row["nhs_number"].startswith("999") and is_valid(row["nhs_number"]) for row in rows)


def test_patients_json_has_every_column_of_the_caseload(cli, with_demo):
    rows = listing(cli)
    assert len(rows) == 60
    expected = {
        "patient_id",
        "name",
        "nhs_number",
        "status",
        "referral_date",
        "days_waiting",
        "sessions_used",
        "next_session",
        "overdue",
        "overdue_reason",
        "alerts",
    }
    assert all(set(row) == expected for row in rows)
    assert {row["status"] for row in rows} <= {s.value for s in ReferralStatus}


def test_patients_search_finds_a_surname(cli, with_demo):
    everyone = listing(cli)
    surname = everyone[len(everyone) // 2]["name"].split(",")[0]
    found = listing(cli, "--search", surname.lower())
    expected = [row for row in everyone if surname.lower() in row["name"].lower()]
    assert found
    assert [r["patient_id"] for r in found] == [r["patient_id"] for r in expected]


def test_patients_search_finds_an_nhs_number_with_spaces(cli, with_demo):
    wanted = listing(cli)[7]
    found = listing(cli, "--search", format_nhs_number(wanted["nhs_number"]))
    assert [r["patient_id"] for r in found] == [wanted["patient_id"]]


def test_patients_status_filter(cli, with_demo):
    everyone = listing(cli)
    active = listing(cli, "--status", "active")
    assert active
    assert {r["status"] for r in active} == {"active"}
    assert len(active) == sum(1 for r in everyone if r["status"] == "active")


def test_patients_overdue_filter(cli, with_demo):
    everyone = listing(cli)
    overdue = listing(cli, "--overdue")
    assert overdue  # the demo caseload has overdue patients: the filter is given some
    assert len(overdue) < len(everyone)
    assert all(r["overdue"] and r["overdue_reason"] for r in overdue)
    assert len(overdue) == sum(1 for r in everyone if r["overdue"])


def test_patients_as_a_table_for_people(cli, with_demo):
    result = cli("patients", "--status", "new", stdin=STDIN)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("Name")
    count = len(listing(cli, "--status", "new"))
    assert lines[-1] == f"{count} patient{'s' if count != 1 else ''}"
    assert len(lines) == count + 2


def test_patient_shows_one_record_as_json(cli, with_demo):
    wanted = listing(cli)[3]
    result = cli("patient", format_nhs_number(wanted["nhs_number"]), "--json", stdin=STDIN)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["id"] == wanted["patient_id"]
    assert doc["nhs_number"] == wanted["nhs_number"]
    assert doc["family_name"] == wanted["name"].split(",")[0]
    assert len(doc["referrals"]) == 1
    assert doc["referrals"][0]["status"] == wanted["status"]
    assert doc["referrals"][0]["patient_id"] == wanted["patient_id"]


def test_patient_as_text_for_people(cli, with_demo):
    wanted = listing(cli)[0]
    result = cli("patient", wanted["nhs_number"], stdin=STDIN)
    assert result.code == 0
    assert format_nhs_number(wanted["nhs_number"]) in result.out.splitlines()[0]
    assert "Referral" in result.out
