"""The patient's wellbeing plan as a clear-print PDF (reportlab, no Qt)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from linkworker_desktop.domain.plan import HelperKind, PlanGoal
from linkworker_desktop.printing import fonts
from linkworker_desktop.printing.layout import (
    Styles,
    build,
    frame_size,
    make_styles,
    text,
    together,
)
from linkworker_desktop.printing.model import PlanDocument, PrintOptions, ServiceDetails
from linkworker_desktop.printing.wording import long_date, wording


def service_header(service: ServiceDetails, styles: Styles, warnings: list[str]) -> Flowable:
    """The service's name and contact details, with its logo when the file can be read."""
    lines = [text(service.name, styles.label)]
    for value in (service.address, service.phone, service.email):
        if value:
            lines.append(text(value, styles.small))
    logo: Flowable | None = None
    if service.logo_path:
        try:
            image = Image(str(service.logo_path))
            ratio = image.imageHeight / max(1, image.imageWidth)
            image.drawWidth = 35 * mm
            image.drawHeight = 35 * mm * ratio
            logo = image
        except (OSError, ValueError) as exc:
            warnings.append(
                f"The logo {service.logo_path} could not be read ({exc.__class__.__name__}), "
                "so the document was made without it."
            )
    if logo is None:
        return KeepTogether(lines)
    table = Table([[logo, lines]], colWidths=[40 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def grid(rows: list[list[Flowable]], styles: Styles, widths: list[float] | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _goal_block(
    number: int, goal: PlanGoal, styles: Styles, words: dict, width: float
) -> list[Flowable]:
    parts: list[Flowable] = [text(f"{number}. {goal.description}", styles.h2)]
    if goal.why_it_matters:
        parts.append(text(f"{words['why']}: {goal.why_it_matters}", styles.body))
    facts = [goal.status.label]
    if goal.latest_rating is not None:
        facts.append(f"{goal.latest_rating} out of 10")
    parts.append(text(f"{words['status']}: {', '.join(facts)}", styles.body))
    if goal.target_date:
        parts.append(text(f"{words['by_when']}: {long_date(goal.target_date)}", styles.body))
    if goal.steps:
        rows = [
            [
                text(words["step_what"], styles.label),
                text(words["step_who"], styles.label),
                text(words["step_when"], styles.label),
            ]
        ]
        for step in goal.steps:
            what = f"{step.what} (done)" if step.done else step.what
            rows.append(
                [
                    text(what, styles.body),
                    text(step.who, styles.body),
                    text(long_date(step.by_when), styles.body),
                ]
            )
        parts.append(text(words["steps"], styles.label))
        parts.append(grid(rows, styles, [width * 0.5, width * 0.25, width * 0.25]))
        parts.append(Spacer(1, styles.body_size * 0.5))
    if goal.barriers:
        parts.append(text(f"{words['barriers']}: {goal.barriers}", styles.body))
    if goal.helpers:
        parts.append(text(words["helpers"], styles.label))
        for helper in goal.helpers:
            detail = ", ".join(v for v in (helper.contact, helper.when_text) if v)
            parts.append(text(f"{helper.name}{': ' + detail if detail else ''}", styles.body))
    return parts


def _plain(value: str) -> str:
    return escape(fonts.printable(value or ""))


@fonts.notes_unprintable
def render_plan(doc: PlanDocument, options: PrintOptions | None = None) -> tuple[bytes, list[str]]:
    """The plan PDF, and warnings to show the worker (a missing logo, for example)."""
    options = options or PrintOptions()
    styles = make_styles(options)
    words = wording()["plan"]
    warnings: list[str] = []
    plan = doc.plan
    story: list[Flowable] = [service_header(doc.service, styles, warnings), Spacer(1, 6 * mm)]
    story.append(Paragraph(_plain(words["title"]), styles.title))
    story.append(text(f"{words['for']} {doc.patient_name}", styles.label))
    story.append(text(f"{words['printed']} {long_date(doc.made_on)}", styles.body))

    story.append(Paragraph(_plain(words["what_matters"]), styles.h1))
    story.append(text(plan.what_matters or "—", styles.body))
    for key in ("working", "not_working", "strengths"):
        value = getattr(plan, key)
        if value.strip():
            story.append(Paragraph(_plain(words[key]), styles.h1))
            story.append(text(value, styles.body))

    # A section heading travels inside its first block: reportlab cannot keep a heading
    # with a following KeepTogether, and a heading alone at the foot of a page helps nobody.
    width = frame_size(options)[0]
    heading: list[Flowable] = [Paragraph(_plain(words["goals"]), styles.h1)]
    if plan.goals:
        for number, goal in enumerate(plan.goals, start=1):
            story.append(
                together(heading + _goal_block(number, goal, styles, words, width), options)
            )
            heading = []
    else:
        story.extend(heading + [text(words["no_goals"], styles.body)])

    services = list(doc.services) + [
        h for g in plan.goals for h in g.helpers if h.kind == HelperKind.SERVICE
    ]
    heading = [Paragraph(_plain(words["services"]), styles.h1)]
    if services:
        seen: set[str] = set()
        for service in services:
            if service.name in seen:
                continue
            seen.add(service.name)
            detail = ", ".join(v for v in (service.contact, service.when_text) if v)
            block = [*heading, text(service.name, styles.label)]
            if detail:
                block.append(text(detail, styles.body))
            story.append(together(block, options))
            heading = []
    else:
        story.extend(heading + [text(words["no_services"], styles.body)])

    crisis: list[Flowable] = [Paragraph(_plain(words["difficult"]), styles.h1)]
    if plan.contingency.strip():
        crisis.append(text(plan.contingency, styles.body))
    lines = [(c["name"], c["detail"]) for c in words["crisis_lines"]]
    if doc.service.local_crisis_line:
        lines.append(("Local crisis line", doc.service.local_crisis_line))
    for name, detail in lines:
        crisis.append(text(name, styles.label))
        crisis.append(text(detail, styles.body))
    story.append(together(crisis, options))

    story.append(Paragraph(_plain(words["next"]), styles.h1))
    story.append(text(doc.next_appointment or words["no_next"], styles.body))
    if plan.review_date:
        story.append(text(f"{words['review']} {long_date(plan.review_date)}.", styles.body))

    contact = [Paragraph(_plain(words["worker"]), styles.h1), text(doc.worker_name, styles.label)]
    for label, value in (
        (words["worker_contact"], doc.worker_contact),
        (words["service_phone"], doc.service.phone),
        (words["service_email"], doc.service.email),
    ):
        if value:
            contact.append(text(f"{label}: {value}", styles.body))
    story.append(together(contact, options))

    story.append(Paragraph(_plain(words["share"]), styles.h1))
    for line in doc.sharing or (plan.share_with or words["share_none"],):
        story.append(text(line, styles.body))

    pdf = build(
        story,
        options,
        title=f"{words['title']}: {doc.patient_name}",
        author=doc.service.name,
        footer_text=words["footer"],
        styles=styles,
    )
    return pdf, warnings
