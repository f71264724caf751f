"""Build a report: read the caseload once, work out every figure family, group if asked.

``build_report`` takes a database connection (a laptop's open caseload, or the hub's
laptop-shaped copy of an organisation's records), so both give the same figures from one code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.reports import (
    coding,
    connections,
    contacts,
    discharges,
    equity,
    first_contact,
    goals,
    gp_use,
    outcomes,
    referrals,
    satisfaction,
)
from linkworker_desktop.reports.footnotes import footnotes
from linkworker_desktop.reports.model import GROUPINGS, People, Report, ReportSettings
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReferralRow, ReportData, load

FAMILIES = {
    "referrals": referrals.figures,
    "first_contact": first_contact.figures,
    "contacts": contacts.figures,
    "discharges": discharges.figures,
    "outcomes": outcomes.figures,
    "goals": goals.figures,
    "connections": connections.figures,
    "equity": equity.figures,
    "satisfaction": satisfaction.figures,
    "gp_use": gp_use.figures,
    "coding": coding.figures,
}

GROUP_KEY: dict[str, Callable[[ReferralRow], str]] = {
    "worker": lambda r: r.worker,
    "team": lambda r: r.team,
    "practice": lambda r: r.practice,
    "source": lambda r: r.source,
}


def figures_of(
    data: ReportData, period: Period, settings: ReportSettings
) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
    people = People()
    figures = {name: family(data, period, settings, people) for name, family in FAMILIES.items()}
    return figures, people.as_dict()


def build_report(
    conn: Any,
    period: Period,
    *,
    by: str | None = None,
    settings: ReportSettings,
    generated_at: datetime,
) -> Report:
    """The whole report for the period; with ``by``, the same figures for each group too."""
    if by is not None and by not in GROUPINGS:
        raise ValidationError(
            {"by": f"Reports can be grouped by {', '.join(GROUPINGS)}; not by {by!r}."}
        )
    return report_from(load(conn, settings.zone), period, by=by, settings=settings,
                       generated_at=generated_at)  # fmt: skip


def report_from(
    data: ReportData,
    period: Period,
    *,
    by: str | None,
    settings: ReportSettings,
    generated_at: datetime,
) -> Report:
    figures, people = figures_of(data, period, settings)
    groups: dict[str, dict[str, Any]] = {}
    if by is not None:
        key = GROUP_KEY[by]
        parts = data.split({referral.id: key(referral) for referral in data.referrals})
        for name in sorted(parts):
            groups[name], _ = figures_of(parts[name], period, settings)
    meta = {
        "service": settings.service_name,
        "team": settings.team,
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "by": by,
        "footnotes": footnotes(period, settings),
    }
    return Report(
        figures=figures,
        people=people,
        coding_lines=tuple(coding.lines(data, period, settings)),
        meta=meta,
        groups=groups,
        by=by,
        period=period,
        generated_at=generated_at,
    )


def report_to_json(report: Report) -> dict[str, Any]:
    """The --json output: the figures as nested keys, the period, and the groups with --by."""
    doc: dict[str, Any] = dict(report.figures)
    doc["period"] = dict(report.meta["period"])
    if report.by is not None:
        doc["by"] = report.by
        doc["groups"] = report.groups
    return doc
