"""``linkworker import-caseload``: counts as JSON, refused rows named, a dry run writes nothing."""

from __future__ import annotations

import json

from tests.conftest import PASSPHRASE
from tests.support import caseload_sheets as sheets
from tests.support.caseload_sheets import EXPECTED

STDIN = PASSPHRASE + "\n"
NOTHING_ADDED = {
    **EXPECTED,
    "patients_added": 0,
    "referrals_added": 0,
    "contacts_added": 0,
    "measures_added": 0,
}


def test_json_counts_what_went_in_and_names_each_refused_row(cli, initialised, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    result = cli("import-caseload", str(folder), "--json", stdin=STDIN)
    assert (result.code, result.err) == (2, "")
    assert json.loads(result.out) == EXPECTED
    listed = json.loads(cli("patients", "--json", stdin=STDIN).out)
    assert sorted(row["nhs_number"] for row in listed) == sorted([sheets.ADA, sheets.BEN])


def test_a_second_import_adds_nothing(cli, initialised, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    assert cli("import-caseload", str(folder), stdin=STDIN).code == 2
    again = cli("import-caseload", str(folder), "--json", stdin=STDIN)
    assert json.loads(again.out) == NOTHING_ADDED


def test_a_dry_run_reports_the_same_and_leaves_the_caseload_as_it_was(cli, initialised, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    before = cli("patients", "--json", stdin=STDIN).out
    dry = cli("import-caseload", str(folder), "--dry-run", "--json", stdin=STDIN)
    assert json.loads(dry.out) == EXPECTED
    assert cli("patients", "--json", stdin=STDIN).out == before == "[]\n"
    real = cli("import-caseload", str(folder), "--json", stdin=STDIN)
    assert json.loads(real.out) == EXPECTED


def test_the_words_say_the_counts_and_each_refused_row_goes_to_stderr(cli, initialised, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload")
    result = cli("import-caseload", str(folder), "--dry-run", stdin=STDIN)
    assert result.out == (
        "Dry run, nothing was written. Would add 2 patients, 3 referrals, 5 contacts and "
        "3 measures; 6 rows refused.\n"
    )
    lines = result.err.splitlines()
    assert len(lines) == 6
    assert lines[0] == (
        "  referrals.csv row 5: This is not a valid NHS number: its last digit does not match, "
        "so check it for a typo."
    )
    assert (
        lines[3] == "  contacts.csv row 7: No referral of this patient was open on Sat 1 Aug 2026."
    )


def test_clean_files_exit_0(cli, initialised, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload", {"referrals": sheets.REFERRALS[:3]})
    result = cli("import-caseload", str(folder), stdin=STDIN)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Added 2 patients, 3 referrals, 0 contacts and 0 measures; 0 rows refused.\n"
    )


def test_a_column_the_template_does_not_name_is_named_as_not_imported(cli, initialised, tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload", {"referrals": sheets.REFERRALS[:1]})
    text = (folder / "referrals.csv").read_text("utf-8-sig").splitlines()
    text = [text[0] + ",Notes", text[1] + ",Prefers mornings"]
    (folder / "referrals.csv").write_text("\n".join(text) + "\n", "utf-8")
    result = cli("import-caseload", str(folder), "--json", stdin=STDIN)
    assert result.code == 0
    assert json.loads(result.out)["patients_added"] == 1
    assert result.err == (
        "linkworker: note: referrals.csv has a column 'Notes' the template does not name, "
        "so it is not imported.\n"
    )
