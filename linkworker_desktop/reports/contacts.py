"""``contacts``: sessions dated in the period that happened, were missed or were cancelled."""

from __future__ import annotations

from typing import Any

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.reports.model import People, ReportSettings, pct, zeroes
from linkworker_desktop.reports.period import Period
from linkworker_desktop.reports.source import ReportData

OUTCOMES = ("attended", "did_not_attend", "cancelled")


def figures(
    data: ReportData, period: Period, settings: ReportSettings, people: People
) -> dict[str, Any]:
    counts = zeroes(OUTCOMES)
    by_mode = zeroes(m.value for m in AppointmentMode)
    for outcome in OUTCOMES:
        people.touch(f"contacts.{outcome}")
    for contact in data.contacts:
        if contact.day not in period:
            continue
        counts[contact.status] += 1
        people.add(f"contacts.{contact.status}", contact.patient_id)
        if contact.status == "attended":
            by_mode[contact.mode] = by_mode.get(contact.mode, 0) + 1
            people.add(f"contacts.by_mode.{contact.mode}", contact.patient_id)
    booked_and_decided = counts["attended"] + counts["did_not_attend"]
    return {
        **counts,
        "by_mode": by_mode,
        "dna_rate_pct": pct(counts["did_not_attend"], booked_and_decided),
    }
