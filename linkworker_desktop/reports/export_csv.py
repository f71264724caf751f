"""The report as one tidy CSV table: group, section, figure, breakdown, value.

One row per figure or breakdown cell, so a spreadsheet can filter and pivot it. Values are the
suppressed ones ("<8"); a figure that cannot be worked out (no deprivation table loaded, no
pairs to average) shows a dash, as the footnotes say. The last rows, in the section "Notes",
say what the table is, for whom, that small numbers are suppressed and how each figure is
defined, so the note travels with the file and the table stays one shape.
"""

from __future__ import annotations

import csv
import io

from linkworker_desktop.reports.figure_names import category_label, figure_title, section_title
from linkworker_desktop.reports.outgoing import OutgoingReport

HEADER = ("group", "section", "figure", "breakdown", "value")


def render_csv(report: OutgoingReport) -> bytes:
    """UTF-8 with a byte order mark, which Excel needs to read accents and "–" correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for group, rows in report.groups:
        for row in rows:
            writer.writerow(
                (
                    group,
                    section_title(row.section),
                    figure_title(row.section, row.figure),
                    category_label(row.section, row.figure, row.breakdown) if row.breakdown else "",
                    row.shown,
                )
            )
    about = [
        ("About", report.title),
        ("Team", report.team),
        ("Period", report.period),
        ("Made", report.generated),
        ("Small numbers", report.suppression_note),
        *(("Definition", line) for line in report.footnotes),
    ]
    for label, text in about:
        if text:
            writer.writerow(("", "Notes", label, "", text))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
