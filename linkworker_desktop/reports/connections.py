"""``connections``: connections to community services made in the period, and how they went.

A service that was full, closed or unsuitable turned someone away: reported as a gap in what
the area offers, not as the person's failure.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.directory import ConnectionKind
from linkworker_desktop.reports.model import People, ReportSettings, pct, zeroes
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReportData

ATTENDED = ("attended", "attending_regularly")
TURNED_AWAY = {"service_full": "full", "service_closed": "closed", "not_suitable": "unsuitable"}


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    rows = [c for c in data.connections if c.day in period]
    by_kind = zeroes(k.value for k in ConnectionKind)
    by_category: dict[str, int] = {}
    turned_away = zeroes(TURNED_AWAY.values())
    with_outcome = attended = 0
    people.touch("connections.total")
    for row in rows:
        people.add("connections.total", row.patient_id)
        by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
        people.add(f"connections.by_kind.{row.kind}", row.patient_id)
        for category in row.categories or ("Not categorised",):
            by_category[category] = by_category.get(category, 0) + 1
            people.add(f"connections.by_category.{category}", row.patient_id)
        if row.outcome:
            with_outcome += 1
        if row.outcome in ATTENDED:
            attended += 1
            people.add("connections.attended", row.patient_id)
        if row.outcome in TURNED_AWAY:
            turned_away[TURNED_AWAY[row.outcome]] += 1
            people.add(f"connections.turned_away.{TURNED_AWAY[row.outcome]}", row.patient_id)
    return {
        "total": len(rows),
        "by_kind": by_kind,
        "by_category": dict(sorted(by_category.items())),
        "with_outcome_pct": pct(with_outcome, len(rows)),
        "attended_pct": pct(attended, len(rows)),
        "turned_away": turned_away,
    }
