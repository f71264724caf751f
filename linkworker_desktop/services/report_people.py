"""The people behind a report figure, for the service's own eyes on screen only.

A figure such as "Referrals declined: 3" is only useful if the worker can see who the three
are. Their names and NHS numbers never reach an export (reports/outgoing.py reads figures
only); each opening is written to the audit log like opening a record.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkworker_desktop.domain.names import name_sort_key, shown_name
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.reports.model import Report
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage.unit_of_work import record_audit


@dataclass(frozen=True, slots=True)
class PersonLine:
    patient_id: str
    name: str
    nhs_number: str  # 3-3-4, as on NHS letters


def people_paths(report: Report) -> set[str]:
    """The figure paths ("referrals.received", "referrals.by_source.gp") with people behind."""
    return {path for path, ids in report.people.items() if ids}


def people_behind(profile: OpenProfile, report: Report, path: str) -> list[PersonLine]:
    """Who stands behind the figure at path, by family name; empty for none."""
    ids = list(report.people.get(path, ()))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = profile.conn.execute(
        "SELECT id, given_name, family_name, preferred_name, nhs_number FROM patients "
        f"WHERE deleted = 0 AND id IN ({marks})",
        ids,
    ).fetchall()
    for row in rows:
        record_audit(profile.conn, profile.actor, "view", "patients", row[0])
    rows.sort(key=lambda r: (name_sort_key(r[1], r[2], r[3] or ""), r[4]))
    return [
        PersonLine(row[0], shown_name(row[1], row[2], row[3] or ""), format_nhs_number(row[4]))
        for row in rows
    ]
