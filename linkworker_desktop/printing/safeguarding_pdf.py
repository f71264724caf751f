"""A safeguarding concern as a one-page referral form for the practice safeguarding lead.

It carries what the lead needs to act (who, what was seen or said in the person's words, what
was done, who it was passed to) and is headed CONFIDENTIAL. It is never part of the patient's
plan or any other printout.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.printing import fonts
from linkworker_desktop.printing.layout import build, make_styles, text
from linkworker_desktop.printing.model import PrintOptions, SafeguardingForm
from linkworker_desktop.printing.plan_pdf import grid, service_header

TITLE = "Safeguarding concern: referral to the safeguarding lead"
CONFIDENTIAL = (
    "CONFIDENTIAL. For the practice safeguarding lead. Do not give to the patient or file with "
    "their wellbeing plan."
)


@fonts.notes_unprintable
def render_safeguarding(
    form: SafeguardingForm, options: PrintOptions | None = None
) -> tuple[bytes, list[str]]:
    options = options or PrintOptions()
    styles = make_styles(options)
    warnings: list[str] = []
    story: list[Flowable] = [service_header(form.service, styles, warnings), Spacer(1, 4 * mm)]
    story.append(Paragraph(escape(TITLE), styles.title))
    story.append(text(CONFIDENTIAL, styles.label))
    rows = [
        ("Patient", form.patient_name),
        ("NHS number", format_nhs_number(form.nhs_number)),
        ("Date of birth", form.date_of_birth),
        ("Address", form.address or "Not recorded"),
        ("Raised", form.raised),
        ("Who is at risk", form.person_at_risk),
        ("Kind of harm", form.category),
        ("Status", form.status),
    ]
    story.append(
        grid(
            [[text(label, styles.label), text(value, styles.body)] for label, value in rows],
            styles,
            [45 * mm, None],  # type: ignore[list-item]
        )
    )
    story.append(Paragraph("What was seen or said (in the person's words)", styles.h1))
    story.append(text(form.what_was_seen, styles.body))
    story.append(Paragraph("What was done at once", styles.h1))
    story.append(text(form.immediate_action or "Nothing recorded.", styles.body))
    story.append(Paragraph("Passed to", styles.h1))
    for line in form.handovers or ("Not yet passed on.",):
        story.append(text(line, styles.body))
    pdf = build(
        story,
        options,
        title=f"{TITLE}: {form.patient_name}",
        author=form.service.name,
        footer_text=f"CONFIDENTIAL · {form.patient_name}, NHS {format_nhs_number(form.nhs_number)}",
        styles=styles,
    )
    return pdf, warnings
