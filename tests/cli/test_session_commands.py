"""``linkworker today`` and ``linkworker sessions`` over a demo caseload."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest

from linkworker_desktop.cli.main import main
from linkworker_desktop.services import profile
from linkworker_desktop.services.appointments import to_utc_text
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo_diary import working_day_from
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.conftest import PASSPHRASE
from tests.support.factories import make_patient, make_referral
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


def test_today_json_lists_the_demo_days_sessions_in_order(demo, profile_files):
    day = working_day_from(date.today())  # the demo books weekdays: at a weekend, Monday
    code, out, err = demo("today", "--json", "--date", day.isoformat())
    assert (code, err) == (0, "")
    entries = json.loads(out)
    booked_today = [
        row
        for row in query(
            profile_files,
            "SELECT id, starts_at FROM appointments WHERE status != 'cancelled' ORDER BY starts_at",
        )
        if datetime.fromisoformat(row["starts_at"]).astimezone().date() == day
    ]
    assert len(entries) >= 3
    assert [e["appointment_id"] for e in entries] == [r["id"] for r in booked_today]
    for entry in entries:
        assert entry["session"] == "Initial session" or entry["session"].startswith("Follow-up ")
        assert entry["minutes"] in (30, 45)
        assert entry["patient"] and len(entry["nhs_number"]) == 10
        assert entry["nhs_number"].startswith("999")


def test_today_as_text_shows_what_to_prepare(demo):
    day = working_day_from(date.today())
    code, out, _err = demo("today", "--date", day.isoformat())
    assert code == 0
    assert out.startswith(f"Sessions on {day:%A %d %B %Y}\n")
    assert "Prepare: " in out


def test_today_without_a_date_shows_the_day_on_the_clock(demo):
    code, out, _err = demo("today")
    assert code == 0
    assert out.startswith(f"Sessions on {date.today():%A %d %B %Y}\n")


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
    history = [h for h in json.loads(out) if h["session_id"]]
    assert [h["session_id"] for h in history] == [s["id"] for s in stored]
    assert [h["kind"] for h in history] == [s["kind"] for s in stored]
    assert history[0]["kind"] == "initial"
    for entry, row in zip(history, stored, strict=True):
        assert entry["state"] == "ended"
        assert entry["status"] == "attended"
        assert entry["duration_minutes"] == round(row["duration_seconds"] / 60, 1)
        assert entry["notes"]


@pytest.fixture
def diary(run_cli, profile_files):
    """One patient with a session held late, one missed, one cancelled, one running, one to come.

    Fixed local times, so what is printed can be checked exactly wherever the tests run.
    """
    opened = profile.unlock(profile_files, PASSPHRASE)
    try:
        referral = make_referral(referral_date=date(2026, 2, 20))
        patient_id = CaseloadService(opened).add_patient(make_patient(), referral)
        with UnitOfWork(opened.conn, opened.actor) as uow:

            def book(when: datetime, status: str, kind: str = "follow_up") -> str:
                return uow.insert(
                    "appointments",
                    {
                        "patient_id": patient_id,
                        "referral_id": referral.id,
                        "starts_at": to_utc_text(when),
                        "planned_minutes": 45 if kind == "initial" else 30,
                        "kind": kind,
                        "status": status,
                        "worker_id": opened.actor.worker_id,
                    },
                )

            def held(appointment_id: str, started: datetime, kind: str) -> str:
                return uow.insert(
                    "sessions",
                    {
                        "appointment_id": appointment_id,
                        "patient_id": patient_id,
                        "referral_id": referral.id,
                        "template_id": kind,
                        "kind": kind,
                        "planned_minutes": 45 if kind == "initial" else 30,
                        "state": "running",
                        "started_at": to_utc_text(started),
                        "current_stage": "welcome",
                        "worker_id": opened.actor.worker_id,
                    },
                )

            first = book(datetime(2026, 3, 2, 10, 30), "attended", "initial")
            ended = held(first, datetime(2026, 3, 2, 10, 42), "initial")
            uow.update(
                "sessions",
                ended,
                {
                    "state": "ended",
                    "ended_at": to_utc_text(datetime(2026, 3, 2, 11, 20)),
                    "duration_seconds": 38 * 60,
                },
            )
            book(datetime(2026, 3, 16, 10, 30), "did_not_attend")
            book(datetime(2026, 3, 30, 14, 30), "cancelled")
            running = book(datetime(2026, 4, 13, 14, 30), "booked")
            held(running, datetime(2026, 4, 13, 14, 35), "follow_up")
            book(datetime(2026, 4, 27, 9, 30), "booked")
        nhs = opened.conn.execute("SELECT nhs_number FROM patients").fetchone()[0]
    finally:
        opened.close()
    return nhs


def test_sessions_lists_bookings_with_their_booked_time_status_and_actual_start(run_cli, diary):
    code, out, err = run_cli("sessions", diary)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "  Booked            Session             Status          Started           Duration",
        "  2026-03-02 10:30  Initial session     Attended        2026-03-02 10:42  38 of 45 min",
        "  2026-03-16 10:30  Follow-up           Did not attend  -                 -",
        "  2026-03-30 14:30  Follow-up           Cancelled       -                 -",
        "  2026-04-13 14:30  Follow-up 1 of 5    Running         2026-04-13 14:35  not ended",
        "  2026-04-27 09:30  Follow-up 2 of 5    Booked          -                 -",
        "5 sessions: 1 attended, 1 did not attend, 1 cancelled, 1 running, 1 booked",
    ]


def test_sessions_json_keeps_the_booked_time_apart_from_the_start(run_cli, diary):
    code, out, _err = run_cli("sessions", diary, "--json")
    assert code == 0
    lines = json.loads(out)
    assert [(line["status"], line["session"]) for line in lines] == [
        ("attended", "Initial session"),
        ("did_not_attend", "Follow-up"),
        ("cancelled", "Follow-up"),
        ("running", "Follow-up 1 of 5"),
        ("booked", "Follow-up 2 of 5"),
    ]
    first, missed, *_rest, coming = lines
    assert datetime.fromisoformat(first["booked_at"]) == datetime(2026, 3, 2, 10, 30).astimezone()
    assert datetime.fromisoformat(first["started_at"]) == datetime(2026, 3, 2, 10, 42).astimezone()
    assert (first["duration_minutes"], first["planned_minutes"]) == (38.0, 45)
    assert (missed["session_id"], missed["started_at"], missed["kind"]) == (None, None, "follow_up")
    assert datetime.fromisoformat(coming["booked_at"]) == datetime(2026, 4, 27, 9, 30).astimezone()


def test_today_shows_each_sessions_status(run_cli, diary):
    code, out, _err = run_cli("today", "--date", "2026-04-13")
    assert code == 0
    (row,) = [line for line in out.splitlines() if line.startswith("  14:30")]
    assert row == (
        "  14:30  Alexa Testworth              Follow-up 1 of 5       Running        In the surgery"
    )
    code, out, _err = run_cli("today", "--date", "2026-04-13", "--json")
    assert [e["status"] for e in json.loads(out)] == ["running"]
    code, out, _err = run_cli("today", "--date", "2026-03-02", "--json")
    assert [e["status"] for e in json.loads(out)] == ["attended"]
    code, out, _err = run_cli("today", "--date", "2026-03-16")
    assert "Did not attend" in out


def test_sessions_for_someone_not_in_the_caseload(demo, profile_files):
    known = {r["nhs_number"] for r in query(profile_files, "SELECT nhs_number FROM patients")}
    stranger = synthetic_nhs_number()
    while stranger in known:
        stranger = synthetic_nhs_number()
    code, out, err = demo("sessions", stranger)
    assert (code, out) == (1, "")
    assert err.startswith("linkworker: No patient with NHS number")
