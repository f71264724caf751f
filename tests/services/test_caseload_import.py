"""Importing a caseload from spreadsheets: hand-worked rows, exact counts, each refusal's reason."""

from __future__ import annotations

import csv
import json

import pytest

from linkworker_desktop.services.caseload_import import CaseloadImport
from linkworker_desktop.services.import_files import ImportFileError
from linkworker_desktop.services.session_log import session_log
from tests.support import caseload_sheets as sheets
from tests.support.caseload_sheets import ADA, BEN, EXPECTED, LONDON, NOW

COUNTED = ("patients", "referrals", "appointments", "measure_results", "audit_log", "outbox")


def counts(conn) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


def importer(open_profile) -> CaseloadImport:
    return CaseloadImport(open_profile, zone=LONDON)


def test_good_rows_go_in_and_each_bad_row_is_refused_with_file_row_and_reason(
    open_profile, tmp_path
):
    folder = sheets.write_folder(tmp_path / "caseload")
    result = importer(open_profile).run_path(folder, now=NOW)
    assert result.as_json() == EXPECTED
    assert result.summary() == (
        "Added 2 patients, 3 referrals, 5 contacts and 3 measures; 6 rows refused."
    )


def test_a_second_import_of_the_same_files_adds_nothing(open_profile, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    importer(open_profile).run_path(folder, now=NOW)
    before = counts(open_profile.conn)
    again = importer(open_profile).run_path(folder, now=NOW)
    assert again.as_json() == {
        **EXPECTED,
        "patients_added": 0,
        "referrals_added": 0,
        "contacts_added": 0,
        "measures_added": 0,
    }
    assert counts(open_profile.conn) == before


def test_a_dry_run_reports_the_same_and_writes_nothing(open_profile, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    before = counts(open_profile.conn)
    dry = importer(open_profile).run_path(folder, dry_run=True, now=NOW)
    assert dry.as_json() == EXPECTED
    assert dry.summary().startswith("Would add 2 patients")
    assert counts(open_profile.conn) == before
    real = importer(open_profile).run_path(folder, now=NOW)
    assert real.as_json() == EXPECTED


def test_imported_rows_are_audited_and_queued_for_the_hub_like_typed_ones(open_profile, tmp_path):
    before = counts(open_profile.conn)
    importer(open_profile).run_path(sheets.write_folder(tmp_path / "caseload"), now=NOW)
    after = counts(open_profile.conn)
    added = 2 + 3 + 5 + 3
    assert after["audit_log"] - before["audit_log"] == added
    assert after["outbox"] - before["outbox"] == added
    queued = dict(
        open_profile.conn.execute(
            "SELECT entity, count(*) FROM outbox WHERE entity IN "
            "('patients', 'referrals', 'appointments', 'measure_results') GROUP BY entity"
        ).fetchall()
    )
    assert queued == {"patients": 2, "referrals": 3, "appointments": 5, "measure_results": 3}


def test_contacts_become_imported_past_sessions_of_the_referral_open_that_day(
    open_profile, tmp_path
):
    importer(open_profile).run_path(sheets.write_folder(tmp_path / "caseload"), now=NOW)
    rows = open_profile.conn.execute(
        "SELECT p.nhs_number, r.referral_date, a.starts_at, a.planned_minutes, a.kind, a.mode,"
        " a.status, a.imported FROM appointments a JOIN patients p ON p.id = a.patient_id"
        " JOIN referrals r ON r.id = a.referral_id ORDER BY a.starts_at"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        (ADA, "2025-03-01", "2025-04-01T10:00:00+00:00", 30, "initial", "surgery", "attended", 1),
        (ADA, "2026-01-05", "2026-01-12T10:00:00+00:00", 45, "initial", "surgery", "attended", 1),
        (
            ADA,
            "2026-01-05",
            "2026-01-19T10:00:00+00:00",
            30,
            "follow_up",
            "telephone",
            "did_not_attend",
            1,
        ),
        (
            ADA,
            "2026-01-05",
            "2026-01-26T14:30:00+00:00",
            30,
            "follow_up",
            "home_visit",
            "attended",
            1,
        ),
        (BEN, "2026-02-10", "2026-02-17T09:15:00+00:00", 45, "initial", "video", "attended", 1),
    ]
    notes = open_profile.conn.execute("SELECT count(*) FROM session_notes").fetchone()[0]
    assert notes == 0


def test_referrals_keep_their_codes_consents_and_discharge(open_profile, tmp_path):
    importer(open_profile).run_path(sheets.write_folder(tmp_path / "caseload"), now=NOW)
    rows = open_profile.conn.execute(
        "SELECT p.nhs_number, p.gender, p.ethnicity, p.postcode, p.gp_practice_code,"
        " p.consent_to_share, r.referral_date, r.source, r.reasons, r.status,"
        " r.discharge_reason, r.discharged_on FROM referrals r"
        " JOIN patients p ON p.id = r.patient_id ORDER BY r.referral_date"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        (
            ADA,
            "female",
            "A",
            "LS1 4AP",
            "B86001",
            "full_notes",
            "2025-03-01",
            "nurse",
            '["anxiety"]',
            "discharged",
            "goals_met",
            "2025-06-01",
        ),
        (
            ADA,
            "female",
            "A",
            "LS1 4AP",
            "B86001",
            "full_notes",
            "2026-01-05",
            "gp",
            '["loneliness", "low_mood"]',
            "active",
            "",
            None,
        ),
        (
            BEN,
            "male",
            "H",
            "LS6 2AB",
            "B86002",
            "codes_only",
            "2026-02-10",
            "self",
            '["debt_and_money"]',
            "discharged",
            "goals_met",
            "2026-06-30",
        ),
    ]


def test_measures_are_scored_as_if_entered_in_a_session(open_profile, tmp_path):
    importer(open_profile).run_path(sheets.write_folder(tmp_path / "caseload"), now=NOW)
    rows = open_profile.conn.execute(
        "SELECT m.measure_id, m.timepoint, m.complete, m.scores, m.recorded_at"
        " FROM measure_results m ORDER BY m.recorded_at, m.measure_id"
    ).fetchall()
    found = [
        (r[0], r[1], r[2], {s["id"]: s["value"] for s in json.loads(r[3])["scores"]}, r[4])
        for r in rows
    ]
    assert found == [
        (
            "ons4",
            "baseline",
            1,
            {"life_satisfaction": 6, "worthwhile": 7, "happiness": 5, "anxiety": 4},
            "2026-01-12T12:00:00.000+00:00",
        ),
        (
            "ons4",
            "review",
            1,
            {"life_satisfaction": 7, "worthwhile": 8, "happiness": 6, "anxiety": 3},
            "2026-01-26T12:00:00.000+00:00",
        ),
        ("ucla3", "baseline", 1, {"total": 7}, "2026-02-17T12:00:00.000+00:00"),
    ]


def test_a_workbook_with_date_cells_and_number_cells_imports_the_same(open_profile, tmp_path):
    book = sheets.write_workbook(tmp_path / "caseload.xlsx")
    result = importer(open_profile).run_path(book, now=NOW)
    names = {"referrals": "Referrals", "contacts": "Contacts", "measures": "Measures"}
    expected = [
        {**r, "file": f"caseload.xlsx, sheet {names[r['file'].removesuffix('.csv')]}"}
        for r in EXPECTED["rejected"]
    ]
    assert result.as_json() == {**EXPECTED, "rejected": expected}


def test_a_column_named_otherwise_is_read_once_mapped(open_profile, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload", {"referrals": sheets.REFERRALS[:1]})
    text = (folder / "referrals.csv").read_text("utf-8-sig")
    (folder / "referrals.csv").write_text(text.replace("nhs_number", "NHS No", 1), "utf-8")
    source = importer(open_profile).read(folder)
    assert source["referrals"].unmatched() == ["NHS No"]
    with pytest.raises(ImportFileError) as refused:
        importer(open_profile).run(source, now=NOW)
    assert str(refused.value) == (
        "The file referrals.csv has no column for nhs_number: name a column so, or map one to it; "
        "nothing was imported."
    )
    source["referrals"].mapping["NHS No"] = "nhs_number"
    assert importer(open_profile).run(source, now=NOW).as_json()["patients_added"] == 1


def test_a_folder_without_referrals_is_refused_whole(open_profile, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload", {"contacts": sheets.CONTACTS})
    with pytest.raises(ImportFileError) as refused:
        importer(open_profile).run_path(folder, now=NOW)
    assert str(refused.value) == f"The folder {folder} has no referrals.csv; nothing was imported."


def test_gp_appointment_counts_come_in_as_the_shipped_measure(open_profile, tmp_path):
    rows = {
        "referrals": sheets.REFERRALS[:1],
        "measures": [[ADA, "2026-01-05", "gp_appointments", "4 -"]],  # after discharge: not known
    }
    folder = sheets.write_folder(tmp_path / "caseload", rows)
    done = importer(open_profile).run_path(folder, now=NOW).as_json()
    assert (done["measures_added"], done["rejected"]) == (1, [])
    stored = open_profile.conn.execute(
        "SELECT answers FROM measure_results WHERE measure_id = 'gp_appointments'"
    ).fetchone()[0]
    assert json.loads(stored) == {"before_referral": 4, "after_discharge": None}


def test_the_sessions_list_says_which_sessions_were_imported(open_profile, tmp_path):
    importer(open_profile).run_path(sheets.write_folder(tmp_path / "caseload"), now=NOW)
    ben = open_profile.conn.execute("SELECT id FROM patients WHERE nhs_number = ?", (BEN,))
    lines = session_log(open_profile, ben.fetchone()[0])
    assert [(line.label, line.status_label) for line in lines] == [
        ("Initial session", "Attended (imported)")
    ]


def test_a_row_with_a_value_beyond_the_last_column_is_refused_not_cut_short(open_profile, tmp_path):
    slipped = [*sheets.REFERRALS[0], "Lives with her daughter"]
    folder = sheets.write_folder(tmp_path / "caseload", {"referrals": [sheets.REFERRALS[1]]})
    with (folder / "referrals.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(slipped)
    result = importer(open_profile).run_path(folder, now=NOW).as_json()
    assert (result["patients_added"], result["referrals_added"]) == (1, 1)
    assert result["rejected"] == [
        {
            "file": "referrals.csv",
            "row": 3,
            "reason": "This row has 19 values but the header names 18 columns: a value may have "
            "slipped into the wrong column.",
        }
    ]
