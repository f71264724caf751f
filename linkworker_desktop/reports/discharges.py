"""``discharges``: referrals closed in the period, why, and how many sessions they had."""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.reports.model import People, ReportSettings, mean, zeroes
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReferralRow, ReportData


def discharged(data: ReportData, period: Period) -> list[ReferralRow]:
    """Every referral closed in the period, whatever the reason (declines included)."""
    return [r for r in data.referrals if r.discharged_on is not None and r.discharged_on in period]


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    rows = discharged(data, period)
    by_reason = zeroes(r.value for r in DischargeReason)
    attended: dict[str, int] = {r.id: 0 for r in rows}
    for contact in data.contacts:
        if contact.referral_id in attended and contact.status == "attended":
            attended[contact.referral_id] += 1
    people.touch("discharges.total")
    for row in rows:
        people.add("discharges.total", row.patient_id)
        reason = row.discharge_reason or "other"
        by_reason[reason] = by_reason.get(reason, 0) + 1
        people.add(f"discharges.by_reason.{reason}", row.patient_id)
    return {
        "total": len(rows),
        "by_reason": by_reason,
        "mean_contacts": mean(attended.values()),
    }
