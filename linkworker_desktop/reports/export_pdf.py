"""The A4 report pack: headed with the service, team and period, a chart and a table in words
for each breakdown, every figure in a table, then the definitions and the suppression note.

It is built with the printing layer's clear-print styles and outline, so it reads like the
app's other documents and a screen reader or the viewer's sidebar can jump between sections.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from linkworker_desktop.printing import fonts
from linkworker_desktop.printing.layout import build, frame_size, make_styles, text, together
from linkworker_desktop.printing.model import PrintOptions
from linkworker_desktop.printing.plan_pdf import grid
from linkworker_desktop.reports.charts import bar_chart, charts_for
from linkworker_desktop.reports.figure_names import category_label, figure_title, section_title
from linkworker_desktop.reports.outgoing import OutgoingReport
from linkworker_desktop.reports.suppression import Row


@fonts.notes_unprintable
def render_report_pdf(
    report: OutgoingReport, options: PrintOptions | None = None
) -> tuple[bytes, list[str]]:
    """The report pack PDF, and warnings for the person who made it (characters printed by name)."""
    options = options or PrintOptions()
    styles = make_styles(options)
    width = frame_size(options)[0]
    story: list[Flowable] = [
        text(report.service, styles.label),
        Paragraph(escape("Social prescribing report"), styles.title),
    ]
    for label, value in (("Team", report.team), ("Period", report.period)):
        if value:
            story.append(text(f"{label}: {value}", styles.body))
    story.append(text(f"Made {report.generated}", styles.small))
    story.append(text(report.suppression_note, styles.label))
    story.append(Spacer(1, 4 * mm))

    for group, rows in report.groups:
        if len(report.groups) > 1:
            story.append(text(group if group != "All" else "All groups", styles.title))
        story.extend(_sections(rows, styles, width, options))

    story.append(Paragraph(escape("Definitions"), styles.h1))
    for line in report.footnotes:
        story.append(text(line, styles.small))
    story.append(Paragraph(escape("Small numbers"), styles.h1))
    story.append(text(report.suppression_note, styles.small))
    pdf = build(
        story,
        options,
        title=report.title,
        author=report.service,
        footer_text=f"{report.service}. Small numbers suppressed.",
        styles=styles,
    )
    return pdf, []


def _sections(rows: tuple[Row, ...], styles, width: float, options: PrintOptions) -> list[Flowable]:
    story: list[Flowable] = []
    charts = dict(charts_for(rows))
    by_section: dict[str, list[Row]] = {}
    for row in rows:
        by_section.setdefault(row.section, []).append(row)
    for section, cells in by_section.items():
        heading: list[Flowable] = [Paragraph(escape(section_title(section)), styles.h1)]
        singles = [r for r in cells if not r.breakdown]
        if singles:
            story.append(together([*heading, _table(singles, styles, width, False)], options))
            heading = []
        figures: dict[str, list[Row]] = {}
        for row in cells:
            if row.breakdown:
                figures.setdefault(row.path, []).append(row)
        for path, breakdown in figures.items():
            block: list[Flowable] = [
                *heading,
                text(figure_title(breakdown[0].section, breakdown[0].figure), styles.h2),
            ]
            heading = []
            if path in charts:
                block.append(bar_chart(charts[path], width))
            block.append(_table(breakdown, styles, width, True))
            story.append(together(block, options))
    return story


def _table(rows: list[Row], styles, width: float, breakdown: bool) -> Flowable:
    head = "Breakdown" if breakdown else "Figure"
    lines = [[text(head, styles.label), text("Value", styles.label)]]
    for row in rows:
        name = (
            category_label(row.section, row.figure, row.breakdown)
            if breakdown
            else figure_title(row.section, row.figure)
        )
        lines.append([text(name, styles.small), text(row.shown, styles.small)])
    return grid(lines, styles, [width * 0.75, width * 0.25])
