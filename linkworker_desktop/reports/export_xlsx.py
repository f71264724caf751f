"""The report as a workbook: a sheet per section, then a "Notes" sheet.

Each section sheet starts with the report's heading and the suppression sentence, so a sheet
copied on its own still says that small numbers are hidden. Suppressed cells hold the text
"<8"; the other figures are numbers, so a manager can chart and sum them.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from linkworker_desktop.reports.figure_names import category_label, figure_title, section_title
from linkworker_desktop.reports.outgoing import OutgoingReport
from linkworker_desktop.reports.suppression import Row

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
SHORT_NAMES = {"satisfaction": "Satisfaction (FFT)"}  # sheet names hold 31 characters


def render_xlsx(report: OutgoingReport) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    sections: dict[str, list[tuple[str, Row]]] = {}
    for group, rows in report.groups:
        for row in rows:
            sections.setdefault(row.section, []).append((group, row))
    grouped = len(report.groups) > 1
    for section, cells in sections.items():
        sheet = book.create_sheet(_sheet_name(SHORT_NAMES.get(section, section_title(section))))
        _heading(sheet, report)
        header = ["Group"] if grouped else []
        sheet.append([*header, "Figure", "Breakdown", "Value"])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for group, row in cells:
            value: object = row.value if not row.suppressed else row.shown
            sheet.append(
                [
                    *([group] if grouped else []),
                    figure_title(row.section, row.figure),
                    category_label(row.section, row.figure, row.breakdown) if row.breakdown else "",
                    "" if value is None else value,
                ]
            )
        widths = ([14] if grouped else []) + [52, 36, 12]
        for column, width in zip("ABCD", widths, strict=False):
            sheet.column_dimensions[column].width = width
    notes = book.create_sheet("Notes")
    _heading(notes, report)
    notes.append(["Definitions"])
    notes[notes.max_row][0].font = BOLD
    for line in report.footnotes:
        notes.append([line])
        notes[notes.max_row][0].alignment = WRAP
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.properties.title = report.title
    book.properties.creator = "Linkworker Desktop"
    book.save(buffer)
    return buffer.getvalue()


def _heading(sheet: Worksheet, report: OutgoingReport) -> None:
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        f"Team: {report.team}" if report.team else "",
        f"Period: {report.period}",
        f"Made: {report.generated}",
        report.suppression_note,
    ):
        if line:
            sheet.append([line])
    sheet.append([])


def _sheet_name(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31].strip()
