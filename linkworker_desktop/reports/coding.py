"""``coding``: what the practice needs to code in the GP record, and what it confirmed.

The app cannot write to the GP system. Every referral received in the period is accepted onto
the caseload and is coded with the referral concept on its referral date; a referral the person
declined (closed as declined in the period) is coded with the declined concept on that date.
A worker ticks a line once the practice confirms it is coded.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.reports.model import CodingLine, People, ReportSettings
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.referrals import received
from linkworker_desktop.reports.source import ReportData


def lines(data: ReportData, period: Period, settings: ReportSettings) -> list[CodingLine]:
    referral, declined = settings.snomed["referral"], settings.snomed["declined"]
    found = [
        CodingLine(
            r.patient_id,
            r.id,
            referral["code"],
            referral["term"],
            r.referral_date.isoformat(),
            r.coded_on is not None,
            r.coded_on,
        )
        for r in received(data, period)
    ]
    for r in data.referrals:
        if (
            r.status == ReferralStatus.DECLINED
            and r.discharged_on is not None
            and r.discharged_on in period
        ):
            found.append(
                CodingLine(
                    r.patient_id,
                    r.id,
                    declined["code"],
                    declined["term"],
                    r.discharged_on.isoformat(),
                    r.decline_coded_on is not None,
                    r.decline_coded_on,
                )
            )
    return sorted(found, key=lambda line: (line.date, line.code, line.referral_id))


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    found = lines(data, period, settings)
    referral_code = settings.snomed["referral"]["code"]
    people.touch("coding.to_code")
    for line in found:
        people.add("coding.confirmed_coded" if line.coded else "coding.to_code", line.patient_id)
    return {
        "accepted": sum(1 for line in found if line.code == referral_code),
        "declined": sum(1 for line in found if line.code != referral_code),
        "confirmed_coded": sum(1 for line in found if line.coded),
        "to_code_count": sum(1 for line in found if not line.coded),
    }
