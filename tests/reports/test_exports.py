"""The exports read back as a reviewer would: the PDF with pypdf, the workbook with openpyxl and
the CSV with csv; none holds a person, and each says small numbers are suppressed."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from linkworker_desktop.reports.export_csv import HEADER, render_csv
from linkworker_desktop.reports.export_pdf import render_report_pdf
from linkworker_desktop.reports.export_xlsx import render_xlsx
from linkworker_desktop.reports.outgoing import outgoing
from linkworker_desktop.reports.period import financial_year
from linkworker_desktop.reports.suppression import note
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.report_exports import export_report
from linkworker_desktop.services.reports import caseload_report
from linkworker_desktop.services.settings import REPORT_SUPPRESS_BELOW
from tests.support import pdf as pdf_text
from tests.support.report_fixtures import sample_people, sample_report


def people_words() -> list[str]:
    ids, people = sample_people()
    words = [pid for group in ids.values() for pid in group]
    for name, nhs in people:
        words += [name, nhs, f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"]
    return words


def test_the_pdf_is_headed_and_shows_suppressed_figures_and_no_person():
    report = outgoing(sample_report())
    pdf, warnings = render_report_pdf(report)
    words = pdf_text.text(pdf)
    flat = " ".join(words.split())
    assert warnings == []
    assert pdf_text.reader(pdf).pages[0].mediabox.width == 595.2756  # A4
    for expected in (
        "Northfield Social Prescribing",
        "Social prescribing report",
        "Team: North PCN",
        "Period: 1 April 2025 to 31 March 2026, both days included",
        "Made 2 May 2026 at 10:30",  # British Summer Time
        "Referrals received 40",
        "Referrals declined <8",
        "Self-referral <8",
        "Anxiety (anxiety falls when people improve) -1.25",
        "Small numbers are suppressed: counts from 1 to 7 are shown as",
        "DNA rate: did not attend / (attended + did not attend) x 100, one decimal.",
        "Referrals by deprivation decile (IMD) –",
    ):
        assert expected in flat, expected
    for person in people_words():
        assert person not in flat
    assert not re.search(r"\b999\s?\d{3}\s?\d{4}\b", flat)


def test_the_pdf_draws_its_charts_as_vectors_with_the_suppressed_label():
    pdf, _ = render_report_pdf(outgoing(sample_report()))
    page = pdf_text.reader(pdf).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    assert "/XObject" not in str(page.get("/Resources", {}))  # no pictures, only paths
    assert content.count(" re") >= 3  # the bars of "Referrals by source"
    # the bar labels are the shown values: 30 drawn, and the suppressed cells as <8
    labels = [line for line in pdf_text.text(pdf).splitlines() if line.strip() in {"30", "<8"}]
    assert "<8" in [line.strip() for line in labels] and "30" in [line.strip() for line in labels]


def test_a_changed_threshold_changes_what_the_pdf_says():
    pdf, _ = render_report_pdf(outgoing(sample_report(), threshold=5))
    flat = " ".join(pdf_text.text(pdf).split())
    assert "counts from 1 to 4 are shown as" in flat
    assert "Referrals declined <5" in flat
    assert "Contacts not attended (DNA) 6" in flat  # 6 is shown at a threshold of 5
    assert "<8" not in flat


def test_the_csv_is_one_tidy_table_with_the_notes_at_the_end():
    data = render_csv(outgoing(sample_report()))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADER
    assert all(len(row) == 5 for row in rows)
    assert ["All", "Referrals", "Referrals received", "", "40"] in rows
    assert ["All", "Referrals", "Referrals by source", "Self-referral", "<8"] in rows
    assert ["All", "Contacts", "Did-not-attend rate (%)", "", "<8"] in rows
    assert ["All", "Who was referred", "Referrals by deprivation decile (IMD)", "", "–"] in rows
    assert ["", "Notes", "Small numbers", "", note(8)] in rows
    assert ["", "Notes", "Team", "", "North PCN"] in rows
    text = data.decode("utf-8-sig")
    for person in people_words():
        assert person not in text


def test_the_workbook_has_a_sheet_per_section_and_notes():
    book = load_workbook(io.BytesIO(render_xlsx(outgoing(sample_report()))))
    assert book.sheetnames == [
        "Referrals",
        "First contact",
        "Contacts",
        "Discharges",
        "Wellbeing outcomes",
        "Goals",
        "Connections to services",
        "Who was referred",
        "Satisfaction (FFT)",
        "GP appointments",
        "SNOMED CT coding",
        "Notes",
    ]
    for sheet in book.worksheets:
        cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        assert note(8) in cells, sheet.title
        for person in people_words():
            assert person not in [str(c) for c in cells]
    referrals = [r for r in book["Referrals"].iter_rows(values_only=True)]
    assert ("Referrals received", None, 40) in referrals
    assert ("Referrals by source", "Self-referral", "<8") in referrals
    assert ("Referrals by source", "GP", 30) in referrals
    outcomes = [r for r in book["Wellbeing outcomes"].iter_rows(values_only=True)]
    assert ("ONS4: mean change (follow-up minus baseline)", "Life satisfaction", 1.5) in outcomes
    notes = [r[0] for r in book["Notes"].iter_rows(values_only=True)]
    assert "DNA rate: did not attend / (attended + did not attend) x 100, one decimal." in notes


def test_groups_travel_with_their_name():
    report = sample_report(groups={"Team East": {"referrals": {"received": 3, "declined": 9}}})
    rows = list(csv.reader(io.StringIO(render_csv(outgoing(report)).decode("utf-8-sig"))))
    assert ["Team East", "Referrals", "Referrals received", "", "<8"] in rows
    assert ["Team East", "Referrals", "Referrals declined", "", "9"] in rows
    book = load_workbook(io.BytesIO(render_xlsx(outgoing(report))))
    referrals = list(book["Referrals"].iter_rows(values_only=True))
    assert ("Team East", "Referrals received", None, "<8") in referrals
    assert ("All", "Referrals received", None, 40) in referrals


def test_a_real_caseload_report_leaves_with_no_person_in_it(open_profile, tmp_path):
    add_demo_caseload(open_profile, 40, today=date(2026, 5, 10))
    period = financial_year(date(2026, 5, 10))
    report = caseload_report(open_profile, period, datetime(2026, 5, 10, 9, tzinfo=UTC))
    people = open_profile.conn.execute(
        "SELECT id, given_name, family_name, nhs_number FROM patients"
    ).fetchall()
    assert len(people) == 40
    assert report.people  # the report knows who stands behind its figures...
    written = {kind: export_report(open_profile, report, tmp_path / f"r-{kind}", kind)
               for kind in ("pdf", "xlsx", "csv")}  # fmt: skip
    assert [p.name for p in written.values()] == ["r-pdf.pdf", "r-xlsx.xlsx", "r-csv.csv"]
    pdf = " ".join(pdf_text.text(written["pdf"].read_bytes()).split())
    book = load_workbook(written["xlsx"])
    cells = " ".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c
    )
    table = written["csv"].read_text("utf-8-sig")
    received = report.figures["referrals"]["received"]
    assert f"Referrals received {received}" in pdf
    for words in (pdf, cells, table):  # ...and none of them leaves with an export
        assert "Small numbers are suppressed" in words
        for pid, given, family, nhs in people:
            spaced = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
            for value in (pid, f"{given} {family}", nhs, spaced):
                assert value not in words
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in written.values())


def test_the_threshold_is_the_services_setting(open_profile, tmp_path):
    open_profile.settings.set(REPORT_SUPPRESS_BELOW, 3)
    report = sample_report()
    path = export_report(open_profile, report, tmp_path / "r.csv", "csv")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    assert ["All", "Referrals", "Referrals by source", "Self-referral", "3"] in rows
    assert ["All", "Referrals", "Referrals declined", "", "<3"] in rows
