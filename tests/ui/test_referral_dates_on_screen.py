"""Dates that contradict each other are refused on screen, beside the field, with nothing lost;
and a discharged referral re-opened from its own window is no longer discharged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from linkworker_desktop.domain.appointments import DischargeReason
from linkworker_desktop.domain.choices import ReferralReason
from linkworker_desktop.domain.typed_dates import format_uk_date
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.discharge import discharge
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.dialogs.referral_dialog import ReferralDialog
from tests.support.factories import make_patient, make_referral
from tests.ui.choice_clicks import click_choice
from tests.ui.record_helpers import add_person
from tests.ui.typing_helpers import LEFT, retype

BORN = date(2025, 3, 10)
REFERRED = date(2025, 9, 1)
DISCHARGED = date(2025, 11, 20)


@pytest.fixture
def person(open_profile):
    patient = make_patient(given_name="Nia", family_name="Testcase", date_of_birth=BORN)
    referral = make_referral(referral_date=REFERRED)
    CaseloadService(open_profile).add_patient(patient, referral)
    return patient.id, referral.id


def open_record(qtbot, profile, patient_id) -> PatientDialog:
    actions = CaseloadActions(lambda: profile)
    patient, referrals = actions.open_patient(patient_id)
    record = PatientDialog(actions, patient, referrals)
    qtbot.addWidget(record)
    record.open()
    qtbot.waitExposed(record)
    record.tabs.setCurrentWidget(record.referral_list)
    return record


def opened_referral_dialog(qtbot) -> ReferralDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ReferralDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ReferralDialog)
    return dialog


def save_button(dialog: ReferralDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def referral_rows(profile, patient_id):
    return profile.conn.execute(
        "SELECT referral_date, status, discharge_reason, discharged_on, reason_notes"
        " FROM referrals WHERE patient_id = ? ORDER BY referral_date",
        (patient_id,),
    ).fetchall()


def test_a_referral_dated_before_the_birth_is_refused_beside_the_date(qtbot, open_profile, person):
    patient_id, _ = person
    record = open_record(qtbot, open_profile, patient_id)
    qtbot.mouseClick(record.referral_list.add_button, LEFT)
    dialog = opened_referral_dialog(qtbot)
    retype(qtbot, dialog.form.slots["referral_date"].widget, "09/03/2025")
    retype(qtbot, dialog.form.slots["referrer_name"].widget, "Dr Example")
    click_choice(qtbot, dialog.form.reasons.box(ReferralReason.LONELINESS))
    qtbot.mouseClick(save_button(dialog), LEFT)
    assert dialog.isVisible()
    assert dialog.form.problem_shown("referral_date") == (
        "The referral date is before the date of birth (10 Mar 2025); check both."
    )
    assert dialog.form.slots["referral_date"].widget.text() == "09/03/2025"
    assert len(referral_rows(open_profile, patient_id)) == 1

    retype(qtbot, dialog.form.slots["referral_date"].widget, "10/03/2025")
    qtbot.mouseClick(save_button(dialog), LEFT)
    assert not dialog.isVisible()
    assert [row[0] for row in referral_rows(open_profile, patient_id)] == [
        "2025-03-10",
        REFERRED.isoformat(),
    ]


def test_reopening_a_discharged_referral_clears_its_discharge(qtbot, open_profile, person):
    patient_id, referral_id = person
    discharge(open_profile, referral_id, DischargeReason.GOALS_MET, on=DISCHARGED)
    record = open_record(qtbot, open_profile, patient_id)
    assert record.referral_list.tree.topLevelItem(0).text(2) == "Discharged"
    qtbot.mouseClick(record.referral_list.edit_button, LEFT)
    dialog = opened_referral_dialog(qtbot)
    status = dialog.form.slots["status"].widget
    status.setFocus()
    qtbot.keyClicks(status, "Active")
    assert status.currentText() == "Active"
    qtbot.mouseClick(save_button(dialog), LEFT)
    assert not dialog.isVisible()
    assert referral_rows(open_profile, patient_id) == [
        (
            REFERRED.isoformat(),
            "active",
            "",
            None,
            f"Discharged on {format_uk_date(DISCHARGED)} (Goals met); "
            f"re-opened on {format_uk_date(date.today())}.",
        )
    ]
    assert record.referral_list.tree.topLevelItem(0).text(2) == "Active"


def test_a_discharge_dated_before_the_referral_is_refused_beside_the_date(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 81, "Tegan")
    referred = date.today() - timedelta(days=10)
    dialog = DischargeDialog(
        lambda: open_profile, patient_id, referral_id, patient_name="Tegan Testcase"
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Goals met")
    assert dialog.reason.currentData() == DischargeReason.GOALS_MET.value
    day_before = referred - timedelta(days=1)
    dialog.on_date.setFocus()
    qtbot.keyClick(dialog.on_date, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.on_date, f"{day_before:%d/%m/%Y}")
    assert dialog.on_date.date() == day_before
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert dialog.isVisible()
    assert dialog.errors.fields["on"][0].text == (
        f"The discharge date is before the referral date ({referred.day} {referred:%b %Y}); "
        "a referral is closed on or after the day it was made."
    )
    status = open_profile.conn.execute(
        "SELECT status, discharge_reason FROM referrals WHERE id = ?", (referral_id,)
    ).fetchone()
    assert status == ("new", "")
