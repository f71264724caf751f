"""Alerts on a record: set and cleared with reasons, kept as history, audited, synced, never
printed on the patient's plan."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from linkworker_desktop.domain.alerts import HomeVisitNeedsConfirmation, alert_words
from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services import printouts
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.library import alert_kinds
from linkworker_desktop.storage.database import IntegrityError
from tests.support import pdf as pdf_text
from tests.support.session_factories import add_patient


@pytest.fixture
def alerts(open_profile):
    return AlertService(open_profile)


@pytest.fixture
def patient(open_profile):
    return add_patient(open_profile)[0]


def test_the_shipped_list_names_every_alert_the_service_asked_for():
    assert [k.label for k in alert_kinds().values()] == [
        "Risk to visitors",
        "Do not visit alone",
        "Safeguarding concern open",
        "Aggressive dog",
        "Communication need",
        "Interpreter needed",
        "Carer present",
    ]
    assert [k.id for k in alert_kinds().values() if k.confirm_home_visit] == [
        "risk_to_visitors",
        "do_not_visit_alone",
    ]


def test_alerts_are_set_with_a_reason_and_shown_in_the_lists_order(alerts, patient):
    alerts.set(patient, "carer_present", "Daughter lives with her.")
    alerts.set(patient, "do_not_visit_alone", "  Son was   hostile on the phone. ")
    active = alerts.active(patient)
    assert [(a.kind.id, a.reason) for a in active] == [
        ("do_not_visit_alone", "Son was hostile on the phone."),
        ("carer_present", "Daughter lives with her."),
    ]
    assert alert_words(active) == "Do not visit alone · Carer present"
    assert [a.kind.id for a in alerts.home_visit_warnings(patient)] == ["do_not_visit_alone"]


@pytest.mark.parametrize(
    ("kind", "reason", "problem"),
    [
        ("aggressive_dog", "   ", "Say why, in a few words: the next person will need it."),
        ("aggressive_dog", "x" * 501, "Keep the reason under 500 characters."),
        ("haunted_house", "Seen a ghost.", "Choose an alert from the list."),
    ],
)
def test_an_alert_without_a_reason_or_from_no_list_is_refused(
    alerts, patient, kind, reason, problem
):
    with pytest.raises(ValidationError) as caught:
        alerts.set(patient, kind, reason)
    assert list(caught.value.problems.values()) == [problem]
    assert alerts.history(patient) == []


def test_one_alert_of_a_kind_at_a_time(alerts, patient):
    alerts.set(patient, "aggressive_dog", "Large dog, not tied up.")
    with pytest.raises(ValidationError, match="“Aggressive dog” is already set on this record."):
        alerts.set(patient, "aggressive_dog", "Another dog.")
    assert len(alerts.active(patient)) == 1


def test_a_cleared_alert_keeps_its_history_and_a_new_one_can_be_set(open_profile, alerts, patient):
    first = alerts.set(patient, "interpreter_needed", "Speaks Polish; little English.")
    alerts.clear(first, "Her grandson interprets now, by her choice.")
    with pytest.raises(ValidationError, match="already cleared"):
        alerts.clear(first, "Again.")
    again = alerts.set(patient, "interpreter_needed", "Grandson has moved away.")
    assert [a.id for a in alerts.active(patient)] == [again]
    history = alerts.history(patient)
    assert [(a.id, a.active) for a in history] == [(again, True), (first, False)]
    cleared = history[1]
    assert cleared.clear_reason == "Her grandson interprets now, by her choice."
    assert cleared.cleared_by == cleared.set_by == open_profile.worker_name
    audited = open_profile.conn.execute(
        "SELECT action FROM audit_log WHERE entity = 'patient_alerts' ORDER BY rowid"
    ).fetchall()
    assert [row[0] for row in audited] == ["create", "update", "create"]
    queued = open_profile.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'patient_alerts'"
    ).fetchone()[0]
    assert queued == 3


@pytest.mark.parametrize(
    "change",
    ["reason = 'Nothing really'", "kind = 'carer_present'", "cleared_at = NULL"],
)
def test_the_database_keeps_an_alerts_history(open_profile, alerts, patient, change):
    alert_id = alerts.set(patient, "risk_to_visitors", "Needles in the flat.")
    alerts.clear(alert_id, "Moved to supported housing.")
    with pytest.raises(IntegrityError, match="an alert keeps its history"):
        open_profile.conn.execute(f"UPDATE patient_alerts SET {change} WHERE id = ?", (alert_id,))
    assert alerts.history(patient)[0].reason == "Needles in the flat."


def test_alerts_of_many_patients_at_once(open_profile, alerts, patient):
    other = add_patient(open_profile, "Robin", "Otherfield")[0]
    quiet = add_patient(open_profile, "Sam", "Quietfield")[0]
    alerts.set(patient, "aggressive_dog", "Dog.")
    alerts.set(other, "communication_need", "Uses BSL.")
    cleared = alerts.set(quiet, "carer_present", "Wife.")
    alerts.clear(cleared, "Wife has died.")
    found = alerts.active_by_patient([patient, quiet])
    assert {pid: alert_words(a) for pid, a in found.items()} == {patient: "Aggressive dog"}
    everyone = alerts.active_by_patient()
    assert sorted(alert_words(a) for a in everyone.values()) == [
        "Aggressive dog",
        "Communication need",
    ]


def test_alerts_never_print_on_the_patients_plan(open_profile, alerts, patient):
    alerts.set(patient, "risk_to_visitors", "Brother is violent when drinking.")
    alerts.set(patient, "safeguarding_concern", "Concern passed to the practice lead.")
    pdf, _ = printouts.plan_pdf(open_profile, patient)
    words = pdf_text.text(pdf)
    assert "Testfield" in words  # the plan is the patient's
    for hidden in ("Risk to visitors", "violent", "Safeguarding", "practice lead"):
        assert hidden not in words
    html = printouts.plan_html(open_profile, patient)
    assert "Testfield" in html and "violent" not in html and "Safeguarding" not in html


def test_a_home_visit_with_an_alert_that_asks_needs_confirming(open_profile, alerts):
    patient, referral = add_patient(open_profile)
    when = datetime.now().astimezone() + timedelta(days=2)
    bookings = AppointmentService(open_profile)
    alerts.set(patient, "risk_to_visitors", "Needles in the flat.")
    with pytest.raises(HomeVisitNeedsConfirmation) as asked:
        bookings.book(referral, when, mode=AppointmentMode.HOME_VISIT)
    assert asked.value.problems == {
        "mode": "This record has an alert for home visits. Risk to visitors: Needles in the flat."
        " Book a home visit anyway?"
    }
    assert bookings.for_patient(patient) == []
    surgery = bookings.book(referral, when, mode=AppointmentMode.SURGERY)  # nothing to ask
    home = bookings.book(
        referral,
        when + timedelta(days=7),
        mode=AppointmentMode.HOME_VISIT,
        home_visit_confirmed=True,
    )
    assert {a["id"] for a in bookings.for_patient(patient)} == {surgery, home}


def test_the_days_list_carries_each_patients_alerts(open_profile, alerts):
    patient, referral = add_patient(open_profile)
    quiet, quiet_referral = add_patient(open_profile, "Quinn", "Quietfield")
    day = (datetime.now() + timedelta(days=2)).date()
    at = datetime.combine(day, time(10, 0)).astimezone()
    bookings = AppointmentService(open_profile)
    bookings.book(referral, at)
    bookings.book(quiet_referral, at + timedelta(hours=2))
    alerts.set(patient, "aggressive_dog", "Dog not tied up.")
    entries = bookings.day(day)
    assert [(e.patient_id, e.alerts) for e in entries] == [
        (patient, (("Aggressive dog", "Dog not tied up."),)),
        (quiet, ()),
    ]
    assert entries[0].as_json()["alerts"] == ["Aggressive dog"]


def test_the_caseload_carries_each_patients_alerts_in_the_lists_order(open_profile, alerts):
    patient = add_patient(open_profile)[0]
    quiet = add_patient(open_profile, "Quinn", "Quietfield")[0]
    alerts.set(patient, "carer_present", "Wife at home.")
    alerts.set(patient, "risk_to_visitors", "Needles.")
    gone = alerts.set(quiet, "aggressive_dog", "Dog.")
    alerts.clear(gone, "Dog rehomed.")
    rows = {row.patient_id: row for row in CaseloadService(open_profile).rows()}
    assert rows[patient].alerts == ("Risk to visitors", "Carer present")
    assert rows[quiet].alerts == ()
    assert rows[patient].as_json()["alerts"] == ["Risk to visitors", "Carer present"]
