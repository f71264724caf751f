"""The GP discharge summary: the PRSB "message back to GP and referrer", honouring consent.

With consent for codes only, the summary carries identifiers, dates and codes and nothing of
the conversation (no goals, measures or services).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.printing import fonts
from linkworker_desktop.printing.layout import build, make_styles, text
from linkworker_desktop.printing.model import DischargeDocument, PrintOptions
from linkworker_desktop.printing.plan_pdf import grid, service_header
from linkworker_desktop.printing.wording import long_date, wording


@fonts.notes_unprintable
def render_discharge(
    doc: DischargeDocument, options: PrintOptions | None = None
) -> tuple[bytes, list[str]]:
    options = options or PrintOptions()
    styles = make_styles(options)
    words = wording()["discharge"]
    warnings: list[str] = []
    full = doc.consent == "full_notes"

    def heading(key: str) -> Paragraph:
        return Paragraph(escape(words[key]), styles.h1)

    def facts(rows: list[tuple[str, str]]) -> Flowable:
        return grid(
            [[text(label, styles.label), text(value, styles.body)] for label, value in rows],
            styles,
            [55 * mm, None],  # type: ignore[list-item]
        )

    story: list[Flowable] = [service_header(doc.service, styles, warnings), Spacer(1, 6 * mm)]
    story.append(Paragraph(escape(words["title"]), styles.title))
    story.append(text(words["subtitle"], styles.body))

    story.append(heading("patient"))
    story.append(
        facts(
            [
                (words["name"], doc.patient_name),
                (words["dob"], long_date(doc.date_of_birth)),
                (words["nhs"], format_nhs_number(doc.nhs_number)),
                (words["practice"], doc.practice),
            ]
            + ([(words["consent"], doc.consent_given)] if doc.consent_given else [])
        )
    )
    story.append(heading("referral"))
    referral_rows = [(words["referral_date"], long_date(doc.referral_date))]
    if full:
        referral_rows += [
            (words["referrer"], doc.referrer),
            (words["reasons"], ", ".join(doc.reasons)),
        ]
    story.append(facts(referral_rows))

    story.append(heading("contact"))
    contact_rows = [
        (words["offered"], str(doc.sessions_offered)),
        (words["attended"], str(doc.sessions_attended)),
        (words["did_not_attend"], str(doc.did_not_attend)),
        (words["first_seen"], long_date(doc.first_seen) or "—"),
        (words["discharged"], long_date(doc.discharged_on) or "—"),
    ]
    if full:
        contact_rows.append((words["reason"], doc.discharge_reason))
    story.append(facts(contact_rows))

    if full:
        story.append(heading("goals"))
        if doc.goals:
            rows = [
                [
                    text("Goal", styles.label),
                    text("Outcome", styles.label),
                    text("Last rating", styles.label),
                ]
            ]
            rows += [
                [text(g, styles.body), text(s, styles.body), text(r, styles.body)]
                for g, s, r in doc.goals
            ]
            story.append(grid(rows, styles, [95 * mm, 40 * mm, None]))  # type: ignore[list-item]
        else:
            story.append(text(words["no_goals"], styles.body))
        story.append(heading("measures"))
        if doc.measures:
            rows = [[text(h, styles.label) for h in ("Measure", "Start", "End", "Change")]]
            rows += [
                [
                    text(f"{m.measure}: {m.score}", styles.body),
                    text(m.before, styles.body),
                    text(m.after, styles.body),
                    text(m.direction, styles.body),
                ]
                for m in doc.measures
            ]
            story.append(grid(rows, styles, [70 * mm, 25 * mm, 25 * mm, None]))  # type: ignore[list-item]
        else:
            story.append(text(words["no_measures"], styles.body))
        story.append(heading("services"))
        if doc.services:
            for service in doc.services:
                detail = ", ".join(v for v in (service.contact, service.when_text) if v)
                story.append(text(f"{service.name}{': ' + detail if detail else ''}", styles.body))
        else:
            story.append(text(words["no_services"], styles.body))
    else:
        story.append(text(words["codes_only_note"], styles.body))

    codes = [Paragraph(escape(words["codes"]), styles.h1)]
    rows = [[text("SNOMED CT", styles.label), text("Term", styles.label)]]
    rows += [[text(code, styles.body), text(term, styles.body)] for code, term in doc.codes]
    codes.append(grid(rows, styles, [55 * mm, None]))  # type: ignore[list-item]
    story.append(KeepTogether(codes))

    story.append(heading("worker"))
    story.append(text(doc.worker_name, styles.label))
    if doc.worker_contact:
        story.append(text(doc.worker_contact, styles.body))

    pdf = build(
        story,
        options,
        title=f"{words['title']}: {doc.patient_name}",
        author=doc.service.name,
        footer_text=f"{doc.patient_name}, NHS {format_nhs_number(doc.nhs_number)}",
        styles=styles,
    )
    return pdf, warnings
