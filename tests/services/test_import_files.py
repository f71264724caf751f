"""Reading the spreadsheets: what cannot be read at all is refused whole, with the reason."""

from __future__ import annotations

import pytest

from linkworker_desktop.services.import_files import ImportFileError, read_source
from tests.support import caseload_sheets as sheets


def test_a_csv_saved_in_a_windows_code_page_is_refused_with_how_to_save_it(tmp_path):
    folder = tmp_path / "caseload"
    folder.mkdir()
    row = f"{sheets.ADA},Siân,Jones,1950-03-02,,,,,2026-01-05,gp,Dr Khan,housing\n"
    header = "nhs_number,given_name,family_name,date_of_birth,gender,ethnicity,postcode,"
    header += "gp_practice_code,referral_date,referral_source,referrer,reasons\n"
    (folder / "referrals.csv").write_bytes((header + row).encode("cp1252"))
    with pytest.raises(ImportFileError) as refused:
        read_source(folder)
    assert str(refused.value) == (
        'The file referrals.csv is not UTF-8 text: save it as "CSV UTF-8"; nothing was imported.'
    )


def test_two_columns_for_one_template_column_are_refused(tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload", {"referrals": sheets.REFERRALS[:1]})
    text = (folder / "referrals.csv").read_text("utf-8-sig").splitlines()
    (folder / "referrals.csv").write_text(
        f"{text[0]},NHS Number\n{text[1]},{sheets.BEN}\n", "utf-8"
    )
    source = read_source(folder)
    with pytest.raises(ImportFileError) as refused:
        source["referrals"].check()
    assert str(refused.value) == (
        "The file referrals.csv has more than one column for nhs_number: keep one; "
        "nothing was imported."
    )


def test_file_names_and_sheet_names_match_whatever_their_case(tmp_path):
    folder = sheets.write_folder(tmp_path / "caseload", {"referrals": sheets.REFERRALS[:1]})
    (folder / "referrals.csv").rename(folder / "Referrals.CSV")
    assert list(read_source(folder)) == ["referrals"]
    book = sheets.write_workbook(tmp_path / "book.xlsx", {"referrals": sheets.REFERRALS[:2]})
    sheet = read_source(book)["referrals"]
    assert sheet.name == "book.xlsx, sheet Referrals"
    assert [number for number, _cells in sheet.rows] == [2, 3]
    assert sheet.rows[0][1][:4] == [sheets.ADA, *sheets.NAMES[sheets.ADA], "1950-03-02"]


def test_a_file_that_is_not_one_of_the_three_is_refused(tmp_path):
    other = tmp_path / "patients.csv"
    other.write_text("nhs_number\n", "utf-8")
    with pytest.raises(ImportFileError) as refused:
        read_source(other)
    assert str(refused.value) == (
        "The file patients.csv is not referrals.csv, contacts.csv, measures.csv or an .xlsx "
        "workbook; nothing was imported."
    )
