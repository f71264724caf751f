"""The wellbeing plan as an accessible web page, from the same document the PDF is made from.

reportlab cannot tag a PDF, so a screen reader meets the printed plan as unstructured text. This
copy has the plan's headings, lists and tables in reading order, in the same words, so a person
who uses a screen reader (or large text in their browser) can read their own plan.
"""

from __future__ import annotations

from html import escape

from linkworker_desktop.domain.plan import HelperKind, PlanGoal
from linkworker_desktop.printing.model import PlanDocument
from linkworker_desktop.printing.wording import long_date, wording

_STYLE = (
    "body{font-family:Arial,sans-serif;font-size:1.2em;line-height:1.5;max-width:40em;"
    "margin:1em auto;padding:0 1em}table{border-collapse:collapse}"
    "th,td{border:1px solid #000;padding:.3em;text-align:left;vertical-align:top}"
)


def _p(value: str) -> str:
    return f"<p>{escape(value)}</p>"


def _goal(number: int, goal: PlanGoal, words: dict) -> list[str]:
    parts = [f"<h3>{number}. {escape(goal.description)}</h3>"]
    if goal.why_it_matters:
        parts.append(_p(f"{words['why']}: {goal.why_it_matters}"))
    facts = [goal.status.label]
    if goal.latest_rating is not None:
        facts.append(f"{goal.latest_rating} out of 10")
    parts.append(_p(f"{words['status']}: {', '.join(facts)}"))
    if goal.target_date:
        parts.append(_p(f"{words['by_when']}: {long_date(goal.target_date)}"))
    if goal.steps:
        parts.append(f"<h4>{escape(words['steps'])}</h4>")
        parts.append(
            f'<table><tr><th scope="col">{escape(words["step_what"])}</th>'
            f'<th scope="col">{escape(words["step_who"])}</th>'
            f'<th scope="col">{escape(words["step_when"])}</th></tr>'
        )
        for step in goal.steps:
            what = f"{step.what} (done)" if step.done else step.what
            cells = (what, step.who, long_date(step.by_when))
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    if goal.barriers:
        parts.append(_p(f"{words['barriers']}: {goal.barriers}"))
    if goal.helpers:
        parts.append(f"<h4>{escape(words['helpers'])}</h4><ul>")
        for helper in goal.helpers:
            detail = ", ".join(v for v in (helper.contact, helper.when_text) if v)
            parts.append(f"<li>{escape(helper.name + (': ' + detail if detail else ''))}</li>")
        parts.append("</ul>")
    return parts


def render_plan_html(doc: PlanDocument) -> str:
    """The plan as one self-contained HTML page: one h1, a h2 per section, in the PDF's order."""
    words = wording()["plan"]
    plan = doc.plan
    title = f"{words['title']}: {doc.patient_name}"
    body = [f"<h1>{escape(words['title'])}</h1>"]
    body.append(_p(f"{words['for']} {doc.patient_name}"))
    body.append(_p(f"{words['printed']} {long_date(doc.made_on)}"))
    service = [v for v in (doc.service.name, doc.service.address, doc.service.phone) if v]
    body.append(_p(", ".join([*service, doc.service.email] if doc.service.email else service)))

    body.append(f"<h2>{escape(words['what_matters'])}</h2>")
    body.append(_p(plan.what_matters or "—"))
    for key in ("working", "not_working", "strengths"):
        value = getattr(plan, key)
        if value.strip():
            body.append(f"<h2>{escape(words[key])}</h2>")
            body.append(_p(value))

    body.append(f"<h2>{escape(words['goals'])}</h2>")
    if plan.goals:
        for number, goal in enumerate(plan.goals, start=1):
            body.extend(_goal(number, goal, words))
    else:
        body.append(_p(words["no_goals"]))

    body.append(f"<h2>{escape(words['services'])}</h2>")
    services = list(doc.services) + [
        h for g in plan.goals for h in g.helpers if h.kind == HelperKind.SERVICE
    ]
    if services:
        body.append("<ul>")
        seen: set[str] = set()
        for item in services:
            if item.name in seen:
                continue
            seen.add(item.name)
            detail = ", ".join(v for v in (item.contact, item.when_text) if v)
            body.append(f"<li>{escape(item.name + (': ' + detail if detail else ''))}</li>")
        body.append("</ul>")
    else:
        body.append(_p(words["no_services"]))

    body.append(f"<h2>{escape(words['difficult'])}</h2>")
    if plan.contingency.strip():
        body.append(_p(plan.contingency))
    lines = [(c["name"], c["detail"]) for c in words["crisis_lines"]]
    if doc.service.local_crisis_line:
        lines.append(("Local crisis line", doc.service.local_crisis_line))
    body.append("<ul>")
    body.extend(f"<li>{escape(name)}: {escape(detail)}</li>" for name, detail in lines)
    body.append("</ul>")

    body.append(f"<h2>{escape(words['next'])}</h2>")
    body.append(_p(doc.next_appointment or words["no_next"]))
    if plan.review_date:
        body.append(_p(f"{words['review']} {long_date(plan.review_date)}."))

    body.append(f"<h2>{escape(words['worker'])}</h2>")
    body.append(_p(doc.worker_name))
    for label, value in (
        (words["worker_contact"], doc.worker_contact),
        (words["service_phone"], doc.service.phone),
        (words["service_email"], doc.service.email),
    ):
        if value:
            body.append(_p(f"{label}: {value}"))

    body.append(f"<h2>{escape(words['share'])}</h2>")
    body.extend(_p(line) for line in doc.sharing or (plan.share_with or words["share_none"],))
    body.append(_p(words["footer"]))
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
