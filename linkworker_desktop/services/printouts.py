"""Gather what a printed document needs from the caseload, then render it (printing/ has no SQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from linkworker_desktop.domain.appointments import AppointmentMode, DischargeReason
from linkworker_desktop.domain.choices import ConsentToShare, ReferralStatus
from linkworker_desktop.domain.names import shown_name
from linkworker_desktop.domain.plan import HelperKind
from linkworker_desktop.printing.model import (
    ConnectedService,
    DischargeDocument,
    MeasureChangeLine,
    PlanDocument,
    PrintOptions,
    ServiceDetails,
    SessionDocument,
)
from linkworker_desktop.printing.plan_html import render_plan_html
from linkworker_desktop.printing.wording import long_date, snomed_codes, wording
from linkworker_desktop.services import settings as s
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.consent import ConsentService, local_day
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.plans import PlanService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.storage.records import fetch_dicts


class ConsentRefused(Exception):
    """The patient did not agree to share anything with the GP practice."""


class ConsentNotAsked(ConsentRefused):
    """Nobody has asked the patient yet, so the screen can offer to record the answer."""


def print_options(profile: OpenProfile, large_print: bool = False) -> PrintOptions:
    paper = profile.settings.get(s.PAPER_SIZE)
    return PrintOptions(large_print=large_print, paper="Letter" if paper == "Letter" else "A4")


def service_details(profile: OpenProfile) -> ServiceDetails:
    logo = profile.settings.get(s.SERVICE_LOGO)
    return ServiceDetails(
        name=profile.settings.get(s.SERVICE_NAME),
        phone=profile.settings.get(s.SERVICE_PHONE),
        email=profile.settings.get(s.SERVICE_EMAIL),
        address=profile.settings.get(s.SERVICE_ADDRESS),
        logo_path=Path(logo) if logo else None,
        local_crisis_line=profile.settings.get(s.LOCAL_CRISIS_LINE),
    )


def next_appointment_text(profile: OpenProfile, patient_id: str) -> str:
    row = profile.conn.execute(
        "SELECT starts_at, mode, place FROM appointments WHERE patient_id = ? AND deleted = 0"
        " AND status = 'booked' AND starts_at >= ? ORDER BY starts_at LIMIT 1",
        (patient_id, datetime.now(UTC).isoformat(timespec="seconds")),
    ).fetchone()
    if row is None:
        return ""
    when = datetime.fromisoformat(row[0]).astimezone()
    where = AppointmentMode(row[1]).label
    if row[2]:
        where += f", {row[2]}"
    return f"{when:%A} {when.day} {when:%B %Y} at {when:%H:%M}. {where}."


def plan_pdf(
    profile: OpenProfile, patient_id: str, large_print: bool = False
) -> tuple[bytes, list[str]]:
    from linkworker_desktop.printing.plan_pdf import render_plan

    return render_plan(plan_document(profile, patient_id), print_options(profile, large_print))


def plan_html(profile: OpenProfile, patient_id: str) -> str:
    """The accessible web page copy of the plan, from the same document as the PDF."""
    return render_plan_html(plan_document(profile, patient_id))


def plan_document(profile: OpenProfile, patient_id: str) -> PlanDocument:
    patient = CaseloadService(profile).patient(patient_id)
    plan = PlanService(profile).load(patient_id)
    return PlanDocument(
        service=service_details(profile),
        patient_name=patient.display_name,
        made_on=date.today(),
        plan=plan,
        worker_name=profile.worker_name,
        worker_contact=profile.settings.get(s.WORKER_CONTACT),
        next_appointment=next_appointment_text(profile, patient_id),
        services=connected_services(profile, patient_id),
        sharing=plan_sharing(profile, patient.id, plan.share_with),
    )


def plan_sharing(profile: OpenProfile, patient_id: str, share_with: str) -> tuple[str, ...]:
    """Who the plan may go to: the GP practice as the latest consent recorded says, then anyone
    else the patient named. Never more than they agreed: "not asked yet" shares nothing."""
    words = wording()["plan"]
    consent = ConsentService(profile).share(patient_id)
    if consent is None:
        lines = [words["share_gp_not_asked"]]
    else:
        day = long_date(local_day(consent))
        lines = [words[f"share_gp_{consent.value.value}"].format(day=day)]
    if share_with:
        lines.append(share_with)
    elif consent is None or consent.value != ConsentToShare.FULL_NOTES:
        lines.append(words["share_none"])
    return tuple(lines)


def connected_services(profile: OpenProfile, patient_id: str) -> tuple[ConnectedService, ...]:
    """Directory services the patient was connected to (not the ones that didn't suit)."""
    found = []
    for row in Directory(profile).connections(patient_id):
        if row["outcome"] in ("not_suitable", "service_closed", "service_full"):
            continue
        service = Directory(profile).get(row["service_id"])
        meets = "; ".join(s.describe() for s in service.schedules)
        where = ", ".join(
            v for loc in service.locations[:1] for v in (loc.name, loc.address, loc.postcode) if v
        )
        contact = ", ".join(v for v in (", ".join(service.phones), where) if v)
        found.append(ConnectedService(service.name, contact, meets))
    return tuple(found)


def _services(plan_goals: list) -> tuple[ConnectedService, ...]:
    seen: dict[str, ConnectedService] = {}
    for goal in plan_goals:
        for helper in goal.helpers:
            if helper.kind == HelperKind.SERVICE and helper.name not in seen:
                seen[helper.name] = ConnectedService(helper.name, helper.contact, helper.when_text)
    return tuple(seen.values())


def discharge_pdf(profile: OpenProfile, patient_id: str) -> tuple[bytes, list[str]]:
    """The GP summary for the patient's latest referral; refuses without consent to share."""
    caseload = CaseloadService(profile)
    patient = caseload.patient(patient_id)
    consent = ConsentService(profile).share(patient.id)  # the latest answer recorded
    if consent is None:
        raise ConsentNotAsked(
            "Ask the patient whether we may share with their GP first. "
            f"{patient.display_name} has not been asked yet, so no discharge summary was made."
        )
    if consent.value == ConsentToShare.NOTHING:
        raise ConsentRefused(
            f"{patient.display_name} has not agreed to share anything with the GP practice, "
            "so no discharge summary was made. Change their consent first if that is wrong."
        )
    referrals = caseload.referrals(patient_id)
    if not referrals:
        raise ConsentRefused(f"{patient.display_name} has no referral to summarise.")
    referral = referrals[0]
    appointments = fetch_dicts(
        profile.conn,
        "SELECT status, starts_at FROM appointments WHERE referral_id = ? AND deleted = 0"
        " ORDER BY starts_at",
        (referral.id,),
    )
    attended = [a for a in appointments if a["status"] == "attended"]
    plan = PlanService(profile).load(patient_id, referral.id)
    measures = MeasureService(profile)
    lines = []
    for measure_id, measure in measures.library().items():
        if measure.purpose != "outcome":  # feedback and GP counts are the service's, not the GP's
            continue
        for change in measures.change(patient_id, measure_id):
            direction = {True: "better", False: "worse", None: "no change"}[change.improved]
            lines.append(
                MeasureChangeLine(
                    measure.short_name,
                    change.label,
                    _num(change.before),
                    _num(change.after),
                    direction,
                )
            )
    row = profile.conn.execute(
        "SELECT discharge_reason, discharged_on FROM referrals WHERE id = ?", (referral.id,)
    ).fetchone()
    codes_data = snomed_codes()
    declined = referral.status == ReferralStatus.DECLINED and not attended
    chosen = codes_data["declined"] if declined else codes_data["referral"]
    referrer = ", ".join(
        v
        for v in (referral.referrer_name, referral.referrer_organisation, referral.source.label)
        if v
    )
    doc = DischargeDocument(
        service=service_details(profile),
        consent=consent.value.value,
        consent_given=consent.answer(local_day(consent)),
        patient_name=shown_name(patient.given_name, patient.family_name),
        date_of_birth=patient.date_of_birth,
        nhs_number=patient.nhs_number,
        practice=" ".join(v for v in (patient.gp_practice_name, patient.gp_practice_code) if v),
        referral_date=referral.referral_date,
        referrer=referrer,
        reasons=tuple(r.label for r in referral.reasons),
        sessions_offered=sum(1 for a in appointments if a["status"] != "cancelled"),
        sessions_attended=len(attended),
        did_not_attend=sum(1 for a in appointments if a["status"] == "did_not_attend"),
        first_seen=date.fromisoformat(attended[0]["starts_at"][:10]) if attended else None,
        discharged_on=date.fromisoformat(row[1]) if row and row[1] else None,
        discharge_reason=DischargeReason(row[0]).label if row and row[0] else "Not discharged yet",
        goals=tuple(
            (
                g.description,
                g.status.label,
                f"{g.latest_rating} out of 10" if g.latest_rating is not None else "—",
            )
            for g in plan.goals
        ),
        measures=tuple(lines),
        services=_services(plan.goals) + connected_services(profile, patient_id),
        codes=((chosen["code"], chosen["term"]),),
        worker_name=profile.worker_name,
        worker_contact=profile.settings.get(s.WORKER_CONTACT),
    )
    from linkworker_desktop.printing.discharge_pdf import render_discharge

    return render_discharge(doc, print_options(profile))


def _num(value: float) -> str:
    return f"{value:g}"


def session_pdf(profile: OpenProfile, session_id: str) -> tuple[bytes, list[str]]:
    sessions = SessionService(profile)
    state = sessions.load(session_id)
    patient = CaseloadService(profile).patient(state.patient_id)
    titles = {stage.id: stage.title for stage in state.template.stages}
    minutes = (
        f"{round(state.duration_seconds / 60)} minutes of {state.template.planned_minutes}"
        if state.duration_seconds
        else "Not ended"
    )
    ratings = fetch_dicts(
        profile.conn,
        "SELECT g.description, gp.rating FROM goal_progress gp JOIN goals g ON g.id = gp.goal_id"
        " WHERE gp.session_id = ? AND gp.deleted = 0 ORDER BY gp.recorded_at, gp.sequence, gp.id",
        (session_id,),
    )
    started = state.started_at.astimezone()
    doc = SessionDocument(
        service=service_details(profile),
        patient_name=patient.display_name,
        nhs_number=patient.nhs_number,
        started=f"{long_date(started.date())} at {started:%H:%M}",
        kind=state.template.name,
        duration=minutes,
        what_matters=state.what_matters,
        notes=tuple(
            (titles.get(stage_id, stage_id), text)
            for stage_id, text in state.notes.items()
            if text.strip()
        ),
        goals=tuple((r["description"], f"{r['rating']} out of 10") for r in ratings),
        addenda=tuple(
            f"{a['text']} ({a['author']}, {a['created_at'][:10]})" for a in state.addenda
        ),
        worker_name=profile.worker_name,
    )
    from linkworker_desktop.printing.session_pdf import render_session

    return render_session(doc, print_options(profile))
