"""A session summary: what was talked about, the notes of each stage and goal progress."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.printing import fonts
from linkworker_desktop.printing.layout import build, make_styles, text
from linkworker_desktop.printing.model import PrintOptions, SessionDocument
from linkworker_desktop.printing.plan_pdf import grid, service_header
from linkworker_desktop.printing.wording import wording


@fonts.notes_unprintable
def render_session(
    doc: SessionDocument, options: PrintOptions | None = None
) -> tuple[bytes, list[str]]:
    options = options or PrintOptions()
    styles = make_styles(options)
    words = wording()["session"]
    warnings: list[str] = []
    story: list[Flowable] = [service_header(doc.service, styles, warnings), Spacer(1, 6 * mm)]
    story.append(Paragraph(escape(words["title"]), styles.title))
    story.append(
        grid(
            [
                [text("Patient", styles.label), text(doc.patient_name, styles.body)],
                [text(words["date"], styles.label), text(doc.started, styles.body)],
                [text(words["kind"], styles.label), text(doc.kind, styles.body)],
                [text(words["duration"], styles.label), text(doc.duration, styles.body)],
            ],
            styles,
            [45 * mm, None],  # type: ignore[list-item]
        )
    )
    if doc.what_matters:
        story.append(Paragraph(escape(words["what_matters"]), styles.h1))
        story.append(text(doc.what_matters, styles.body))
    story.append(Paragraph(escape(words["notes"]), styles.h1))
    for title, note in doc.notes:
        story.append(text(title, styles.h2))
        story.append(text(note, styles.body))
    if doc.goals:
        story.append(Paragraph(escape(words["goals"]), styles.h1))
        for goal, rating in doc.goals:
            story.append(text(f"{goal}: {rating}", styles.body))
    if doc.addenda:
        story.append(Paragraph(escape(words["addenda"]), styles.h1))
        for addendum in doc.addenda:
            story.append(text(addendum, styles.body))
    pdf = build(
        story,
        options,
        title=f"{words['title']}: {doc.patient_name}",
        author=doc.worker_name or doc.service.name,
        footer_text=f"{doc.patient_name}, NHS {format_nhs_number(doc.nhs_number)}",
        styles=styles,
    )
    return pdf, warnings
