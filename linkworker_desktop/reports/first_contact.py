"""``first_contact``: for referrals received in the period, days to the first attended contact.

Counted as at the end of the period, so a past period's report stays the same when run again.
A contact dated before its referral belongs to no wait and is left out.
"""

from __future__ import annotations

from typing import Any

from linkworker_desktop.reports.model import People, ReportSettings, median_of, pct
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.referrals import received
from linkworker_desktop.reports.source import ReportData


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    rows = received(data, period)
    first: dict[str, int] = {}
    wanted = {r.id: r for r in rows}
    for contact in data.contacts:
        referral = wanted.get(contact.referral_id)
        if referral is None or contact.status != "attended" or contact.day > period.end:
            continue
        days = (contact.day - referral.referral_date).days
        if days >= 0 and (referral.id not in first or days < first[referral.id]):
            first[referral.id] = days
    target = settings.first_contact_target_days
    for path in ("seen", "within_target", "not_yet_seen"):
        people.touch(f"first_contact.{path}")
    for row in rows:
        if row.id in first:
            people.add("first_contact.seen", row.patient_id)
            if first[row.id] <= target:
                people.add("first_contact.within_target", row.patient_id)
        else:
            people.add("first_contact.not_yet_seen", row.patient_id)
    within = sum(1 for days in first.values() if days <= target)
    return {
        "seen": len(first),
        "median_days": median_of(first.values()),
        "within_target_pct": pct(within, len(first)),
        "target_days": target,
        "not_yet_seen": len(rows) - len(first),
    }
