"""Alerts travel with the record through a real hub: a colleague sees them, and a clearing."""

from __future__ import annotations

from linkworker_desktop.domain.alerts import alert_words
from linkworker_desktop.services.alerts import AlertService


def test_an_alert_and_its_clearing_reach_a_colleague(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    patient = a.add_patient(given_name="Ann", family_name="Bee")
    alert_id = AlertService(a.profile).set(patient, "do_not_visit_alone", "Threats to staff.")
    assert a.sync().error == ""
    assert b.sync().error == ""
    (seen,) = AlertService(b.profile).active(patient)
    assert (seen.id, seen.kind.label, seen.reason, seen.set_by) == (
        alert_id,
        "Do not visit alone",
        "Threats to staff.",
        "Asha",
    )
    AlertService(b.profile).clear(alert_id, "Son has moved out.")
    assert b.sync().error == ""
    assert a.sync().error == ""
    assert alert_words(AlertService(a.profile).active(patient)) == ""
    (history,) = AlertService(a.profile).history(patient)
    assert (history.clear_reason, history.cleared_by) == ("Son has moved out.", "Ben")


def test_another_team_never_receives_the_alert(org):
    a, south = org.laptop("North", "Asha"), org.laptop("South", "Sol")
    patient = a.add_patient(given_name="Cal", family_name="Dee")
    AlertService(a.profile).set(patient, "aggressive_dog", "Dog bit the postman.")
    a.sync()
    south.sync()
    assert south.ids("patient_alerts") == set()
    assert len(a.ids("patient_alerts")) == 1
