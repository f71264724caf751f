"""The safeguarding referral form for one concern, from the record."""

from __future__ import annotations

from datetime import datetime

from linkworker_desktop.domain.safeguarding import PERSON_AT_RISK, Concern
from linkworker_desktop.printing.model import SafeguardingForm
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.printouts import print_options, service_details
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.safeguarding import SafeguardingService


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y} at {local:%H:%M}"


def _at_risk(concern: Concern) -> str:
    who = PERSON_AT_RISK.get(concern.person_at_risk, concern.person_at_risk)
    return f"{who}: {concern.at_risk_details}" if concern.at_risk_details else who


def safeguarding_pdf(profile: OpenProfile, concern_id: str) -> tuple[bytes, list[str]]:
    concern = SafeguardingService(profile).concern(concern_id)
    patient = CaseloadService(profile).patient(concern.patient_id)
    by = f" by {concern.raised_by}" if concern.raised_by else ""
    handovers = tuple(
        f"{h.passed_to.label}, {_when(h.passed_at)}"
        + (f" ({h.contact})" if h.contact else "")
        + (f": {h.notes}" if h.notes else "")
        for h in concern.handovers
    )
    closed = concern.closed_at
    status = "Open" if closed is None else f"Closed {_when(closed)}: {concern.outcome}"
    parts = (patient.address_line1, patient.address_line2, patient.town, patient.postcode)
    address = ", ".join(part for part in parts if part)
    form = SafeguardingForm(
        service=service_details(profile),
        patient_name=patient.display_name,
        nhs_number=patient.nhs_number,
        date_of_birth=(
            f"{patient.date_of_birth.day} {patient.date_of_birth:%b %Y}"
            if patient.date_of_birth
            else ""
        ),
        address=address,
        raised=f"{_when(concern.raised_at)}{by}",
        person_at_risk=_at_risk(concern),
        category=concern.category.full_label,
        what_was_seen=concern.what_was_seen,
        immediate_action=concern.immediate_action,
        handovers=handovers,
        status=status,
    )
    from linkworker_desktop.printing.safeguarding_pdf import render_safeguarding

    return render_safeguarding(form, print_options(profile))
