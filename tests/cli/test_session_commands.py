"""``linkworker today`` and ``linkworker sessions`` over a demo caseload."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from linkworker_desktop.cli.main import main
from linkworker_desktop.services import profile
from linkworker_desktop.storage.records import fetch_dicts
from tests.conftest import PASSPHRASE
from tests.support.session_factories import synthetic_nhs_number


@pytest.fixture
def run_cli(created, profile_files, capsys, monkeypatch):
    """Run ``linkworker`` in-process on the test caseload, passphrase on standard input."""
    created[0].close()

    def run(*args: str):
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
        code = main(["--data-dir", str(profile_files.folder), "--passphrase-stdin", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def demo(run_cli):
    code, _out, err = run_cli("demo-data", "--patients", "30")
    assert code == 0, err
    return run_cli


def query(profile_files, sql: str, *params) -> list[dict]:
    opened = profile.unlock(profile_files, PASSPHRASE)
    try:
        return fetch_dicts(opened.conn, sql, params)
    finally:
        opened.close()


def test_today_json_lists_todays_sessions_in_order(demo, profile_files):
    code, out, err = demo("today", "--json")
    assert (code, err) == (0, "")
    entries = json.loads(out)
    booked_today = [
        row
        for row in query(
            profile_files,
            "SELECT id, starts_at FROM appointments WHERE status != 'cancelled' ORDER BY starts_at",
        )
        if datetime.fromisoformat(row["starts_at"]).astimezone().date() == date.today()
    ]
    assert len(entries) >= 3
    assert [e["appointment_id"] for e in entries] == [r["id"] for r in booked_today]
    for entry in entries:
        assert entry["session"] == "Initial session" or entry["session"].startswith("Follow-up ")
        assert entry["minutes"] in (30, 45)
        assert entry["patient"] and len(entry["nhs_number"]) == 10
        assert entry["nhs_number"].startswith("999")


def test_today_as_text_shows_what_to_prepare(demo):
    code, out, _err = demo("today")
    assert code == 0
    assert out.startswith(f"Sessions on {date.today():%A %d %B %Y}")
    assert "Prepare: " in out


def test_another_day_with_nothing_booked(demo):
    code, out, _err = demo("today", "--date", "2020-01-01")
    assert code == 0
    assert "No sessions booked." in out


def test_a_date_that_is_not_a_date_fails_with_one_sentence(demo):
    code, out, err = demo("today", "--date", "2026-13-40")
    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("linkworker: ")
    assert "2026-13-40" in lines[0]


def test_sessions_json_gives_a_patients_history(demo, profile_files):
    (patient,) = query(
        profile_files,
        "SELECT p.id, p.nhs_number FROM patients p JOIN sessions s ON s.patient_id = p.id"
        " GROUP BY p.id HAVING COUNT(*) >= 2 ORDER BY p.nhs_number LIMIT 1",
    )
    stored = query(
        profile_files,
        "SELECT id, kind, duration_seconds FROM sessions WHERE patient_id = ? ORDER BY started_at",
        patient["id"],
    )
    code, out, err = demo("sessions", patient["nhs_number"], "--json")
    assert (code, err) == (0, "")
    history = json.loads(out)
    assert [h["session_id"] for h in history] == [s["id"] for s in stored]
    assert [h["kind"] for h in history] == [s["kind"] for s in stored]
    assert history[0]["kind"] == "initial"
    for entry, row in zip(history, stored, strict=True):
        assert entry["state"] == "ended"
        assert entry["duration_minutes"] == round(row["duration_seconds"] / 60, 1)
        assert entry["notes"]


def test_sessions_as_text_counts_them(demo, profile_files):
    (patient,) = query(
        profile_files,
        "SELECT p.nhs_number, COUNT(*) AS n FROM patients p JOIN sessions s"
        " ON s.patient_id = p.id GROUP BY p.id ORDER BY p.nhs_number LIMIT 1",
    )
    code, out, _err = demo("sessions", patient["nhs_number"])
    assert code == 0
    count = patient["n"]
    assert out.strip().splitlines()[-1] == f"{count} session{'s' if count != 1 else ''}"


def test_sessions_for_someone_not_in_the_caseload(demo, profile_files):
    known = {r["nhs_number"] for r in query(profile_files, "SELECT nhs_number FROM patients")}
    stranger = synthetic_nhs_number()
    while stranger in known:
        stranger = synthetic_nhs_number()
    code, out, err = demo("sessions", stranger)
    assert (code, out) == (1, "")
    assert err.startswith("linkworker: No patient with NHS number")
