"""Chase-ups mean contacting the patient, so each carries what they agreed about contact."""

from __future__ import annotations

import random
from datetime import date, timedelta

from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ReferralReason,
    ReferralSource,
)
from linkworker_desktop.domain.directory import ConnectionKind
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo_directory import demo_feed
from linkworker_desktop.services.directory import Directory


def test_each_chase_up_says_whether_contact_is_agreed(open_profile):
    directory = Directory(open_profile)
    directory.import_feed(demo_feed(), "Demo")
    service_id = directory.search("coffee")[0].service.id
    caseload = CaseloadService(open_profile)
    wanted = {}
    for seed, (given, consent) in enumerate(
        [("Ann", ConsentToContact.YES), ("Bo", ConsentToContact.NO), ("Cy", None)], start=40
    ):
        patient = Patient(
            generate_test_number(random.Random(seed)), given, "Chase", date(1950, 1, 1)
        )
        if consent is not None:
            patient.consent_to_contact = consent
        referral = Referral(
            "", date.today(), ReferralSource.GP, [ReferralReason.LONELINESS], "Dr X"
        )
        patient_id = caseload.add_patient(patient, referral)
        directory.connect(
            patient_id, service_id, ConnectionKind.REFERRED, on=date.today() - timedelta(days=20)
        )
        wanted[given] = consent or ConsentToContact.NOT_ASKED
    chase = directory.chase_ups(date.today())
    assert {row["given_name"]: row["consent_to_contact"] for row in chase} == wanted
    assert [ConsentToContact(c).caution for c in ConsentToContact] == [
        "consent to contact not asked yet: ask them first",
        "",
        "has not agreed to be contacted",
    ]
