"""Dates on a referral that contradict each other are refused, and a re-opened one is clean.

A referral cannot be made before the person was born, nor closed before it was made; a
referral moved back to an open status is no longer discharged, but keeps a line saying it was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.typed_dates import format_uk_date
from linkworker_desktop.services.discharge import discharge
from tests.support.factories import make_patient, make_referral

BORN = date(2025, 3, 10)
REFERRED = date(2025, 9, 1)
DISCHARGED = date(2025, 11, 20)


def add(service, referral_date: date = REFERRED, born: date = BORN):
    patient = make_patient(date_of_birth=born)
    referral = make_referral(referral_date=referral_date)
    service.add_patient(patient, referral)
    return patient, referral


def referral_row(profile, referral_id: str) -> tuple:
    return profile.conn.execute(
        "SELECT status, discharge_reason, discharged_on, reason_notes FROM referrals WHERE id = ?",
        (referral_id,),
    ).fetchone()


def test_a_new_patient_referred_before_birth_is_refused_and_nothing_is_saved(service, open_profile):
    with pytest.raises(ValidationError) as caught:
        add(service, referral_date=BORN - timedelta(days=1))
    assert caught.value.problems == {
        "referral_date": "The referral date is before the date of birth (10 Mar 2025); check both."
    }
    assert open_profile.conn.execute("SELECT COUNT(*) FROM patients").fetchone() == (0,)


def test_a_referral_on_the_day_of_birth_is_accepted(service):
    _, referral = add(service, referral_date=BORN)
    assert referral.id


def test_a_further_referral_before_birth_is_refused(service):
    patient, _ = add(service)
    early = make_referral(patient_id=patient.id, referral_date=BORN - timedelta(days=30))
    with pytest.raises(ValidationError) as caught:
        service.add_referral(early)
    assert "before the date of birth" in caught.value.problems["referral_date"]
    assert len(service.referrals(patient.id)) == 1


def test_a_birth_date_moved_after_the_referral_is_refused(service):
    patient, _ = add(service)
    with pytest.raises(ValidationError) as caught:
        service.update_patient(replace(patient, date_of_birth=REFERRED + timedelta(days=1)))
    assert caught.value.problems == {
        "date_of_birth": "The date of birth is after this person's referral on "
        f"{format_uk_date(REFERRED)}; check both."
    }
    assert service.patient(patient.id).date_of_birth == BORN


def test_a_discharge_before_the_referral_is_refused(service, open_profile):
    _, referral = add(service)
    with pytest.raises(ValidationError) as caught:
        discharge(
            open_profile,
            referral.id,
            DischargeReason.GOALS_MET,
            on=REFERRED - timedelta(days=1),
        )
    assert caught.value.problems == {
        "on": "The discharge date is before the referral date (1 Sep 2025); "
        "a referral is closed on or after the day it was made."
    }
    assert referral_row(open_profile, referral.id)[:3] == ("new", "", None)


def test_a_discharge_on_the_referral_day_is_accepted(service, open_profile):
    _, referral = add(service)
    discharge(open_profile, referral.id, DischargeReason.GOALS_MET, on=REFERRED)
    assert referral_row(open_profile, referral.id)[:3] == (
        "discharged",
        "goals_met",
        REFERRED.isoformat(),
    )


def test_a_closed_referral_cannot_be_redated_after_its_discharge(service, open_profile):
    patient, referral = add(service)
    discharge(open_profile, referral.id, DischargeReason.GOALS_MET, on=DISCHARGED)
    (saved,) = service.referrals(patient.id)
    with pytest.raises(ValidationError) as caught:
        service.update_referral(replace(saved, referral_date=DISCHARGED + timedelta(days=1)))
    assert caught.value.problems["referral_date"] == (
        "The referral date is after the discharge on 20 Nov 2025; check both."
    )


def test_reopening_clears_the_discharge_and_keeps_a_line_saying_what_it_was(service, open_profile):
    patient, referral = add(service)
    discharge(open_profile, referral.id, DischargeReason.MOVED_AWAY, on=DISCHARGED)
    (saved,) = service.referrals(patient.id)
    changed = service.update_referral(replace(saved, status=ReferralStatus.ACTIVE))
    status, reason, on, notes = referral_row(open_profile, referral.id)
    assert (status, reason, on) == ("active", "", None)
    assert notes == (
        f"Discharged on {format_uk_date(DISCHARGED)} (Moved away); "
        f"re-opened on {format_uk_date(date.today())}."
    )
    assert set(changed) >= {"status", "discharge_reason", "discharged_on", "reason_notes"}
    fields = open_profile.conn.execute(
        "SELECT fields FROM audit_log WHERE entity = 'referrals' AND entity_id = ?"
        " AND action = 'update' ORDER BY id",
        (referral.id,),
    ).fetchall()
    assert [f[0] for f in fields] == [
        '["discharge_reason", "discharged_on", "status"]',
        '["discharge_reason", "discharged_on", "reason_notes", "status"]',
    ]


def test_an_edit_that_keeps_a_referral_closed_keeps_its_discharge(service, open_profile):
    patient, referral = add(service)
    discharge(open_profile, referral.id, DischargeReason.GOALS_MET, on=DISCHARGED)
    (saved,) = service.referrals(patient.id)
    service.update_referral(replace(saved, referrer_name="Dr Other"))
    assert referral_row(open_profile, referral.id) == (
        "discharged",
        "goals_met",
        DISCHARGED.isoformat(),
        "",
    )
