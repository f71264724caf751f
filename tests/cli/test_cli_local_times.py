"""The CLI prints London times, never UTC: a 00:30 BST session is 00:30 on its own day, and on
the day the clocks go back the two 01:30s say which is which. The laptop is in London."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from time import tzset

import pytest

from linkworker_desktop.cli.main import main
from linkworker_desktop.services import profile
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.conftest import PASSPHRASE
from tests.support.factories import make_patient, make_referral

# 00:30 BST on 15 July next year: stored as 23:30 UTC on the 14th. Next year so it is always
# still to come (the caseload's Next column shows only sessions ahead).
NEXT_SUMMER = date(date.today().year + 1, 7, 15)


@pytest.fixture(autouse=True)
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


@pytest.fixture
def run_cli(created, profile_files, capsys, monkeypatch):
    created[0].close()

    def run(*args: str):
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
        code = main(["--data-dir", str(profile_files.folder), "--passphrase-stdin", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def bookings(run_cli, profile_files):
    """One patient booked at 00:30 BST next summer and twice at 01:30 on 25 October 2026."""
    opened = profile.unlock(profile_files, PASSPHRASE)
    try:
        referral = make_referral(referral_date=date(2026, 7, 1))
        patient_id = CaseloadService(opened).add_patient(
            make_patient(given_name="Dylan", family_name="Testworth"), referral
        )
        with UnitOfWork(opened.conn, opened.actor) as uow:
            for instant in (
                datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 01:30 BST
                datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 01:30 GMT
                datetime(NEXT_SUMMER.year, 7, 14, 23, 30, tzinfo=UTC),  # 00:30 BST on the 15th
            ):
                uow.insert(
                    "appointments",
                    {
                        "patient_id": patient_id,
                        "referral_id": referral.id,
                        "starts_at": instant.isoformat(timespec="seconds"),
                        "status": "booked",
                        "worker_id": opened.actor.worker_id,
                    },
                )
        nhs = opened.conn.execute("SELECT nhs_number FROM patients").fetchone()[0]
    finally:
        opened.close()
    return nhs


def test_sessions_prints_london_times_and_names_the_zone_on_the_change_day(run_cli, bookings):
    code, out, err = run_cli("sessions", bookings)
    assert (code, err) == (0, "")
    booked = [line[2:].split("  ")[0] for line in out.splitlines()[2:5]]
    assert booked == [
        "2026-10-25 01:30 BST",
        "2026-10-25 01:30 GMT",
        f"{NEXT_SUMMER:%Y-%m-%d} 00:30",
    ]


def test_today_lists_the_two_0130s_apart(run_cli, bookings):
    code, out, err = run_cli("today", "--date", "2026-10-25")
    assert (code, err) == (0, "")
    times = [line.split("  ")[1] for line in out.splitlines()[1:]]
    assert times == ["01:30 BST", "01:30 GMT"]


def test_today_finds_a_0030_session_on_its_london_day(run_cli, bookings):
    code, out, _err = run_cli("today", "--date", NEXT_SUMMER.isoformat())
    assert code == 0
    assert [line[:9] for line in out.splitlines()[1:]] == ["  00:30  "]
    code, out, _err = run_cli("today", "--date", f"{NEXT_SUMMER.year}-07-14")
    assert out.splitlines()[1:] == ["  No sessions booked."]


def test_patients_shows_the_next_session_in_london_time(run_cli, bookings):
    code, out, err = run_cli("patients")
    assert (code, err) == (0, "")
    (row,) = [line for line in out.splitlines() if line.startswith("Testworth, Dylan")]
    assert row.split("     0  ")[1].startswith(f"{NEXT_SUMMER:%Y-%m-%d} 00:30")
