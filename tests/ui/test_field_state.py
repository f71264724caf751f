"""A field in error says so first, to a screen reader, and gets its hint back once put right."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.widgets.field_state import error_description
from tests.ui.caseload_support import (  # noqa: F401
    demo_profile_fixture,
    fill_new_patient,
    unused_nhs_number,
)
from tests.ui.record_helpers import add_person
from tests.ui.spoken import spoken_description
from tests.ui.typing_helpers import LEFT, retype

NHS_HINT = (
    "10 digits, as on a letter from the GP; spaces are fine. The last digit is a check digit "
    "(modulus 11), so most typing slips are caught."
)
SAME_DIGITS = "An NHS number can't be ten of the same digit: check it with the patient's letter."
POSTCODE_Q = "A postcode never starts with Q, V or X."


@pytest.fixture
def add_dialog(qtbot, demo_profile):
    dialog = PatientDialog(CaseloadActions(lambda: demo_profile))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def patients(profile) -> int:
    return profile.conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0]


def test_the_reason_comes_first_and_ends_a_sentence():
    assert error_description("Type a name") == "Error: Type a name."
    assert error_description("Is this right?") == "Error: Is this right?"
    assert error_description("Too short.", "At least 8 letters.") == (
        "Error: Too short. At least 8 letters."
    )


def test_fields_in_error_say_error_first_and_the_cursor_goes_to_the_first(
    qtbot, add_dialog, demo_profile
):
    before = patients(demo_profile)
    form = add_dialog.form
    nhs, postcode = form.nhs_number, form.slots["postcode"].widget
    assert spoken_description(nhs) == NHS_HINT
    fill_new_patient(add_dialog, "")
    retype(qtbot, nhs, "111 111 1111")
    form.focus("postcode")
    retype(qtbot, postcode, "Q1 1AA")

    qtbot.mouseClick(add_dialog.save_button, LEFT)

    assert spoken_description(nhs) == f"Error: {SAME_DIGITS} {NHS_HINT}"
    assert spoken_description(postcode) == f"Error: {POSTCODE_Q}"
    assert QApplication.focusWidget() is nhs
    assert patients(demo_profile) == before

    retype(qtbot, nhs, unused_nhs_number(demo_profile))
    qtbot.mouseClick(add_dialog.save_button, LEFT)

    assert spoken_description(nhs) == NHS_HINT, "the hint is back once the number is right"
    assert spoken_description(postcode) == f"Error: {POSTCODE_Q}"
    assert QApplication.focusWidget() is postcode
    assert postcode.text() == "Q1 1AA", "what was typed is kept"
    assert patients(demo_profile) == before


def test_a_dialog_with_errors_beside_its_fields_says_error_on_the_field(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 31, "Riley")
    dialog = DischargeDialog(lambda: open_profile, patient_id, referral_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    qtbot.mouseClick(dialog.discharge_button, LEFT)

    said = spoken_description(dialog.reason)
    assert said == "Error: Choose why the patient is being discharged."
    assert QApplication.focusWidget() is dialog.reason
    tomorrow = date.today() + timedelta(days=1)
    retype(qtbot, dialog.on_date, tomorrow.strftime("%d/%m/%Y"))
    assert spoken_description(dialog.reason) == said, "an error stands until it is put right"
