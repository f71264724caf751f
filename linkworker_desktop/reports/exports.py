"""One way to write an export that leaves the service, whichever format is asked for.

The file is written owner-only through a temporary file (printing/files.py), like a saved
plan: a report holds no names, but it is still the service's business whose figures they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from linkworker_desktop.printing.files import with_suffix_added, write_private
from linkworker_desktop.reports.export_csv import render_csv
from linkworker_desktop.reports.outgoing import OutgoingReport, ReportLike, outgoing
from linkworker_desktop.reports.suppression import DEFAULT_THRESHOLD

FORMATS: dict[str, tuple[str, str]] = {
    # format: (suffix, what the file dialog calls it)
    "pdf": (".pdf", "PDF report pack (*.pdf)"),
    "xlsx": (".xlsx", "Excel workbook (*.xlsx)"),
    "csv": (".csv", "CSV table (*.csv)"),
}


def _renderer(kind: str) -> Callable[[OutgoingReport], bytes]:
    """The format's writer, loaded when asked for: reportlab and openpyxl are large to import."""
    if kind == "pdf":
        from linkworker_desktop.reports.export_pdf import render_report_pdf

        return lambda report: render_report_pdf(report)[0]
    if kind == "xlsx":
        from linkworker_desktop.reports.export_xlsx import render_xlsx

        return render_xlsx
    return render_csv


def render(report: ReportLike, kind: str, threshold: int = DEFAULT_THRESHOLD) -> bytes:
    """The export's bytes, its small numbers suppressed at ``threshold``."""
    if kind not in FORMATS:
        raise ValueError(f"Reports export as {', '.join(FORMATS)}; not as {kind!r}.")
    return _renderer(kind)(outgoing(report, threshold))


def save(
    report: ReportLike, path: str | Path, kind: str, threshold: int = DEFAULT_THRESHOLD
) -> Path:
    """Write the export to path (its suffix added when missing); raises OSError on failure."""
    data = render(report, kind, threshold)
    target = with_suffix_added(path, FORMATS[kind][0])
    write_private(target, data)
    return target
