"""Opening a patient with 6 sessions and 3 measures at 10k patients (target under 100 ms), and
the few-seconds autosave of session notes (target under 20 ms, so typing never stutters)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services import profile
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.views.patient_record_view import PatientRecordView
from tests.benchmarks.conftest import GeneratedCaseload, built

ONS4 = {"life_satisfaction": 5, "worthwhile": 6, "happiness": 4, "anxiety": 6}


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    caseload: GeneratedCaseload = built(10_000, tmp_path_factory)
    handle = profile.open_profile(caseload.proven())
    yield handle
    handle.close()


@pytest.fixture(scope="module")
def busy_patient(opened):
    """A patient with six ended sessions and three ONS4 results, made through the services."""
    row = next(r for r in CaseloadService(opened).rows() if r.status == ReferralStatus.NEW)
    referral = CaseloadService(opened).referrals(row.patient_id)[0]
    appointments, sessions = AppointmentService(opened), SessionService(opened)
    referred = datetime.combine(referral.referral_date, time(10, 0)).astimezone()
    start = max(datetime.now().astimezone() - timedelta(days=60), referred)
    for number in range(6):
        appointment = appointments.book(
            referral.id,
            start + timedelta(days=7 * number),
            over_cap_reason="benchmark",
            past_confirmed=True,
        )
        state = sessions.start(appointment)
        first = state.template.stages[0].id
        sessions.autosave(state.session_id, first, f"Notes of session {number + 1}", {first: 60})
        sessions.end(state.session_id, {first: 1500.0})
        if number in (0, 2, 5):
            MeasureService(opened).record(row.patient_id, "ons4", ONS4, "review", referral.id)
    return row.patient_id


def test_open_a_patient_with_six_sessions_and_three_measures(benchmark, opened, busy_patient, qapp):
    def open_record() -> PatientRecordView:
        view = PatientRecordView(lambda: opened, busy_patient)
        qapp.processEvents()
        return view

    view = benchmark(open_record)
    assert view.data is not None
    assert len([v for v in view.data.visits if v.session is not None]) >= 6


def test_autosave_of_session_notes(benchmark, opened):
    row = next(r for r in CaseloadService(opened).rows() if r.status == ReferralStatus.CONTACTED)
    referral = CaseloadService(opened).referrals(row.patient_id)[0]
    appointment = AppointmentService(opened).book(
        referral.id, datetime.now().astimezone(), over_cap_reason="benchmark"
    )
    state = SessionService(opened).start(appointment)
    stage = state.template.stages[1].id
    text = "The person talked about their allotment and their neighbour. " * 20
    counter = iter(range(10**9))

    def autosave() -> None:
        n = next(counter)
        SessionService(opened).autosave(state.session_id, stage, text + str(n), {stage: float(n)})

    benchmark(autosave)
    saved = opened.conn.execute(
        "SELECT text FROM note_drafts WHERE session_id = ?", (state.session_id,)
    ).fetchone()[0]
    assert saved.startswith(text)
