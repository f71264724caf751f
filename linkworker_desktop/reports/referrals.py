"""``referrals``: referrals with a referral date in the period, and how they arrived."""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.choices import ReferralReason, ReferralSource, ReferralStatus
from linkworker_desktop.reports.model import People, ReportSettings, zeroes
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReferralRow, ReportData


def received(data: ReportData, period: Period) -> list[ReferralRow]:
    return [r for r in data.referrals if r.referral_date in period]


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    rows = received(data, period)
    by_source = zeroes(s.value for s in ReferralSource)
    by_reason = zeroes(r.value for r in ReferralReason)
    by_practice: dict[str, int] = {}
    people.touch("referrals.received")
    for row in rows:
        people.add("referrals.received", row.patient_id)
        by_source[row.source] = by_source.get(row.source, 0) + 1
        people.add(f"referrals.by_source.{row.source}", row.patient_id)
        for reason in row.reasons:
            by_reason[reason] = by_reason.get(reason, 0) + 1
            people.add(f"referrals.by_reason.{reason}", row.patient_id)
        by_practice[row.practice] = by_practice.get(row.practice, 0) + 1
        people.add(f"referrals.by_practice.{row.practice}", row.patient_id)
    closed = {ReferralStatus.DECLINED.value: 0, ReferralStatus.DID_NOT_ENGAGE.value: 0}
    for row in rows:
        if row.status in closed:
            closed[row.status] += 1
            people.add(f"referrals.{row.status}", row.patient_id)
    return {
        "received": len(rows),
        "by_source": by_source,
        "by_reason": by_reason,
        "by_practice": dict(sorted(by_practice.items())),
        "declined": closed["declined"],
        "did_not_engage": closed["did_not_engage"],
    }
