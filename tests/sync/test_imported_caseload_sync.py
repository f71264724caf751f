"""An imported caseload reaches colleagues through the hub like a typed one, marks and all."""

from __future__ import annotations

from linkworker_desktop.services.caseload_import import CaseloadImport
from tests.support import caseload_sheets as sheets
from tests.support.caseload_sheets import LONDON, NOW


def imported_rows(laptop) -> tuple[int, int, int, int]:
    conn = laptop.profile.conn
    return (
        conn.execute("SELECT count(*) FROM patients WHERE nhs_number IN (?, ?)",
                     (sheets.ADA, sheets.BEN)).fetchone()[0],
        conn.execute("SELECT count(*) FROM appointments WHERE imported = 1").fetchone()[0],
        conn.execute("SELECT count(*) FROM appointments WHERE imported = 0").fetchone()[0],
        conn.execute("SELECT count(*) FROM measure_results").fetchone()[0],
    )  # fmt: skip


def test_a_colleague_pulls_the_imported_patients_sessions_and_measures(org, tmp_path):
    asha, ben = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    asha.sync()
    ben.sync()
    folder = sheets.write_folder(tmp_path / "caseload")
    result = CaseloadImport(asha.profile, zone=LONDON).run_path(folder, now=NOW)
    assert result.as_json() == sheets.EXPECTED
    asha.sync()
    ben.sync()
    assert imported_rows(asha) == imported_rows(ben) == (2, 5, 0, 3)
    assert asha.pending() == 0
    assert ben.set_aside() == []
