"""``linkworker report --csv/--xlsx/--pdf``: the files that leave the service, suppressed."""

from __future__ import annotations

import csv
import io
import stat

from openpyxl import load_workbook

from linkworker_desktop.services import profile
from linkworker_desktop.services.settings import REPORT_SUPPRESS_BELOW
from tests.cli.test_report_commands import SPRING, STDIN, people  # noqa: F401 - a fixture
from tests.conftest import PASSPHRASE
from tests.support.pdf import text as pdf_text


def patients(data_dir) -> list[tuple[str, str, str]]:
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        return opened.conn.execute(
            "SELECT given_name, family_name, nhs_number FROM patients"
        ).fetchall()
    finally:
        opened.close()


def test_all_three_exports_are_written_suppressed_and_named_in_the_output(
    cli,
    people,  # noqa: F811
    data_dir,
    tmp_path,
):
    pdf, xlsx, table = tmp_path / "pack", tmp_path / "figures.xlsx", tmp_path / "figures"
    done = cli(
        "report", *SPRING, "--pdf", str(pdf), "--xlsx", str(xlsx), "--csv", str(table),
        stdin=STDIN,
    )  # fmt: skip
    assert done.code == 0, done.err
    note = 'counts from 1 to 7 are shown as "<8".'
    assert done.out.splitlines() == [
        f"Wrote {tmp_path / 'pack.pdf'}; {note}",
        f"Wrote {xlsx}; {note}",
        f"Wrote {tmp_path / 'figures.csv'}; {note}",
    ]
    rows = list(csv.reader(io.StringIO((tmp_path / "figures.csv").read_text("utf-8-sig"))))
    assert ["All", "Referrals", "Referrals received", "", "<8"] in rows  # 2 referrals
    assert ["All", "Referrals", "Referrals declined", "", "0"] in rows
    words = " ".join(pdf_text((tmp_path / "pack.pdf").read_bytes()).split())
    assert "Referrals received <8" in words
    book = load_workbook(xlsx)
    cells = [c for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c]
    assert ("Referrals received", None, "<8") in list(book["Referrals"].iter_rows(values_only=True))
    everything = " ".join([words, " ".join(map(str, cells)), str(rows)])
    found = patients(data_dir)
    assert len(found) == 3
    for given, family, nhs in found:
        assert f"{given} {family}" not in everything
        assert nhs not in everything
    for path in (tmp_path / "pack.pdf", xlsx, tmp_path / "figures.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_services_threshold_is_used(cli, people, data_dir, tmp_path):  # noqa: F811
    opened = profile.unlock(profile.ProfileFiles(data_dir), PASSPHRASE)
    try:
        opened.settings.set(REPORT_SUPPRESS_BELOW, 2)
    finally:
        opened.close()
    done = cli("report", *SPRING, "--csv", str(tmp_path / "f.csv"), stdin=STDIN)
    assert done.code == 0, done.err
    rows = list(csv.reader(io.StringIO((tmp_path / "f.csv").read_text("utf-8-sig"))))
    assert ["All", "Referrals", "Referrals received", "", "2"] in rows
    assert ["All", "First contact", "Not yet seen", "", "<2"] in rows


def test_json_still_prints_beside_an_export(cli, people, tmp_path):  # noqa: F811
    done = cli("report", *SPRING, "--json", "--csv", str(tmp_path / "f.csv"), stdin=STDIN)
    assert done.code == 0, done.err
    first, _, rest = done.out.partition("\n")
    assert first.startswith("Wrote ")
    assert '"received": 2' in rest
