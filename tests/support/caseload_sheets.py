"""A hand-worked caseload to import: good rows and one of each kind of bad row, counts known.

Names come from Faker (en_GB) and NHS numbers from the 999 test range, so nothing is a real
person's. Writes the three CSVs to a folder, or the same rows to a real .xlsx workbook.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from faker import Faker

from linkworker_desktop.domain.import_rows import COLUMNS

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
ADA, BEN, CAL, DEV = "9993080233", "9990025312", "9995754649", "9995335530"
BAD_NHS = "9993080234"  # ADA's with the last digit changed: fails modulus 11

_fake = Faker("en_GB")
_fake.seed_instance(15)
NAMES = {number: (_fake.first_name(), _fake.last_name()) for number in (ADA, BEN, CAL, DEV)}


def _person(number: str, born: str) -> list[str]:
    given, family = NAMES.get(number, ("Kit", "Sample"))
    return [number, given, family, born]


REFERRALS = [
    # row 2: Ada, open
    [
        *_person(ADA, "1950-03-02"),
        "female",
        "A",
        "LS1 4AP",
        "B86001",
        "2026-01-05",
        "gp",
        "Dr Khan",
        "loneliness;Low mood",
        "active",
        "",
        "",
        "yes",
        "full_notes",
        "",
    ],
    # row 3: Ben, self-referred and discharged; labels, dd/mm/yyyy
    [
        *_person(BEN, "12/07/1985"),
        "Male",
        "Asian or Asian British: Indian",
        "ls6 2ab",
        "b86002",
        "10/02/2026",
        "Self-referral",
        "",
        "debt_and_money",
        "Discharged",
        "30/06/2026",
        "goals_met",
        "no",
        "Codes only",
        "",
    ],
    # row 4: Ada's earlier referral, closed: a referral, not a second patient
    [
        *_person(ADA, "1950-03-02"),
        "female",
        "A",
        "LS1 4AP",
        "B86001",
        "2025-03-01",
        "nurse",
        "Practice nurse",
        "anxiety",
        "discharged",
        "2025-06-01",
        "goals_met",
        "yes",
        "full_notes",
        "",
    ],
    # row 5: an NHS number that fails modulus 11
    [
        *_person(BAD_NHS, "1960-01-01"),
        "",
        "",
        "",
        "",
        "2026-03-01",
        "gp",
        "Dr Khan",
        "housing",
        "new",
        "",
        "",
        "",
        "",
        "",
    ],
    # row 6: an impossible date of birth
    [
        *_person(CAL, "31/02/1970"),
        "",
        "",
        "",
        "",
        "2026-03-01",
        "gp",
        "Dr Khan",
        "housing",
        "new",
        "",
        "",
        "",
        "",
        "",
    ],
    # row 7: an unknown referral source
    [
        *_person(DEV, "1970-05-05"),
        "",
        "",
        "",
        "",
        "2026-03-01",
        "pharmacy",
        "Boots",
        "housing",
        "new",
        "",
        "",
        "",
        "",
        "",
    ],
]
CONTACTS = [
    [ADA, "2026-01-12", "10:00", "45", "surgery", "attended"],  # row 2: Ada's initial session
    [ADA, "19/01/2026", "10:00", "30", "telephone", "did_not_attend"],  # row 3
    [ADA, "2026-01-26", "14:30", "30", "Home visit", "attended"],  # row 4: follow-up
    [BEN, "2026-02-17", "09:15", "", "video", "attended"],  # row 5: minutes from the settings
    [ADA, "2025-04-01", "11:00", "30", "surgery", "attended"],  # row 6: the earlier referral
    [BEN, "2026-08-01", "10:00", "30", "surgery", "attended"],  # row 7: after Ben's discharge
]
MEASURES = [
    [ADA, "2026-01-12", "ons4", "6 7 5 4"],  # row 2: baseline
    [ADA, "2026-01-26", "ons4", "7 8 6 3"],  # row 3: review
    [BEN, "2026-02-17", "ucla3", "2 3"],  # row 4: one answer short
    [BEN, "2026-02-17", "ucla3", "2 3 2"],  # row 5
    [ADA, "2026-01-12", "kessler10", "1 2"],  # row 6: no such measure
]
EXPECTED = {
    "patients_added": 2,
    "referrals_added": 3,
    "contacts_added": 5,
    "measures_added": 3,
    "rejected": [
        {
            "file": "referrals.csv",
            "row": 5,
            "reason": "This is not a valid NHS number: its last digit does not match, so "
            "check it for a typo.",
        },
        {
            "file": "referrals.csv",
            "row": 6,
            "reason": "The date of birth 31/02/1970 is not a date: February 1970 has 28 days.",
        },
        {
            "file": "referrals.csv",
            "row": 7,
            "reason": "'pharmacy' is not a referral source: use one of gp, nurse, "
            "other_practice_staff, hospital, social_care, voluntary_sector, self.",
        },
        {
            "file": "contacts.csv",
            "row": 7,
            "reason": "No referral of this patient was open on Sat 1 Aug 2026.",
        },
        {
            "file": "measures.csv",
            "row": 4,
            "reason": "UCLA-3 has 3 questions; 2 answers were given (use - for a skipped one).",
        },
        {
            "file": "measures.csv",
            "row": 6,
            "reason": "There is no measure called 'kessler10' in this caseload: use one of "
            "fft, gp_appointments, ons4, ons_loneliness, swemwbs, ucla3.",
        },
    ],
}
TABLES = {"referrals": REFERRALS, "contacts": CONTACTS, "measures": MEASURES}


def write_folder(folder: Path, tables: dict[str, list[list[str]]] | None = None) -> Path:
    """The CSVs with the template's headers (UTF-8 with a BOM, as Excel saves them)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in (tables or TABLES).items():
        with (folder / f"{table}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(_headers(table, rows))
            writer.writerows(rows)
    return folder


def _headers(table: str, rows: list[list[str]]) -> list[str]:
    width = max((len(row) for row in rows), default=len(COLUMNS[table]))
    return list(COLUMNS[table][:width])


def write_workbook(path: Path, tables: dict[str, list[list[str]]] | None = None) -> Path:
    """The same rows as sheets of a real workbook, with dates as date cells and numbers as numbers,
    as a spreadsheet program stores them once a person has typed them in."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, rows in (tables or TABLES).items():
        sheet = book.create_sheet(table.capitalize())
        sheet.append([name.upper() for name in _headers(table, rows)])
        for row in rows:
            sheet.append([_typed(cell) for cell in row])
    book.save(path)
    return path


def _typed(cell: str) -> object:
    if cell.isdigit():
        return int(cell)
    try:
        return datetime.strptime(cell, "%Y-%m-%d")
    except ValueError:
        return cell
