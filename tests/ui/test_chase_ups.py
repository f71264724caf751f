"""Today's chase-ups say, in words, when the patient has not agreed to be contacted."""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from linkworker_desktop.domain.choices import ConsentToContact, ReferralReason, ReferralSource
from linkworker_desktop.domain.directory import ConnectionKind
from linkworker_desktop.domain.nhs_number import generate_test_number
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo_directory import demo_feed
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.ui.widgets.chase_ups import ChaseUpsPanel


def connect(profile, directory, seed, given, consent) -> date:
    patient = Patient(generate_test_number(random.Random(seed)), given, "Chase", date(1950, 1, 1))
    patient.consent_to_contact = consent
    referral = Referral("", date.today(), ReferralSource.GP, [ReferralReason.LONELINESS], "Dr X")
    patient_id = CaseloadService(profile).add_patient(patient, referral)
    service_id = directory.search("coffee")[0].service.id
    on = date.today() - timedelta(days=20)
    directory.connect(patient_id, service_id, ConnectionKind.REFERRED, on=on)
    return on + timedelta(days=14)


def test_a_chase_up_for_someone_not_asked_says_to_ask_first(qtbot, open_profile):
    directory = Directory(open_profile)
    directory.import_feed(demo_feed(), "Demo")
    chase_on = connect(open_profile, directory, 50, "Ann", ConsentToContact.NOT_ASKED)
    connect(open_profile, directory, 51, "Bo", ConsentToContact.YES)
    panel = ChaseUpsPanel(lambda: open_profile)
    qtbot.addWidget(panel)
    panel.refresh()
    service = directory.search("coffee")[0].service.name
    texts = sorted(panel.items.item(row).text() for row in range(panel.items.count()))
    assert texts == [
        f"Ann Chase: {service} (referred; chase from {chase_on:%d %b})"
        " - consent to contact not asked yet: ask them first",
        f"Bo Chase: {service} (referred; chase from {chase_on:%d %b})",
    ]


def test_many_chase_ups_leave_none_s_reference_count_alone(qtbot, open_profile):
    """Item by item, PySide6 6.12 lowers None's reference count once per item; with thousands
    of chase-ups (a 50,000 caseload) Python then freed None and the app aborted on unlock."""
    directory = Directory(open_profile)
    directory.import_feed(demo_feed(), "Demo")
    for seed in range(60):
        connect(open_profile, directory, 100 + seed, f"Person{seed}", ConsentToContact.YES)
    panel = ChaseUpsPanel(lambda: open_profile)
    qtbot.addWidget(panel)
    panel.refresh()  # once first, so lasting caches are made before counting
    before = sys.getrefcount(None)

    for _ in range(5):
        panel.refresh()

    assert panel.items.count() == 60
    assert sys.getrefcount(None) - before > -20  # was about -300 before the fix
