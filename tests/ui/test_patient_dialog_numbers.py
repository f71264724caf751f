"""NHS numbers and postcodes typed into the real Add patient dialog, as a person types them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from tests.ui.caseload_support import (  # noqa: F401
    count,
    demo_profile_fixture,
    fill_new_patient,
    unused_nhs_number,
)
from tests.ui.typing_helpers import LEFT, retype
from tests.ui.unicode_typing import retype_any


@pytest.fixture
def add_dialog(qtbot, demo_profile):
    dialog = PatientDialog(CaseloadActions(lambda: demo_profile))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def patients(profile) -> int:
    return count(profile, "SELECT COUNT(*) FROM patients")


def test_an_nhs_number_typed_with_en_dashes_is_saved_as_its_digits(qtbot, add_dialog, demo_profile):
    number = unused_nhs_number(demo_profile)
    fill_new_patient(add_dialog, "")
    typed = f"{number[:3]}–{number[3:6]}–{number[6:]}"  # en dashes, as a word processor writes
    retype_any(qtbot, add_dialog.form.nhs_number, typed)
    assert add_dialog.form.nhs_number.text() == f"{number[:3]} {number[3:6]} {number[6:]}"
    assert add_dialog.form.problem_shown("nhs_number") == ""
    with qtbot.waitSignal(add_dialog.saved) as saved:
        qtbot.mouseClick(add_dialog.save_button, LEFT)
    stored = demo_profile.conn.execute(
        "SELECT nhs_number FROM patients WHERE id = ?", (saved.args[0],)
    ).fetchone()
    assert tuple(stored) == (number,)


def test_full_width_digits_are_read_as_the_digits_they_are(qtbot, add_dialog, demo_profile):
    number = unused_nhs_number(demo_profile, seed=7)
    wide = number.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    fill_new_patient(add_dialog, "")
    retype_any(qtbot, add_dialog.form.nhs_number, wide)
    assert add_dialog.form.nhs_number.text() == f"{number[:3]} {number[3:6]} {number[6:]}"
    with qtbot.waitSignal(add_dialog.saved):
        qtbot.mouseClick(add_dialog.save_button, LEFT)
    assert count(demo_profile, "SELECT COUNT(*) FROM patients WHERE nhs_number = ?", number) == 1


def test_ten_of_the_same_digit_is_refused_with_the_reason_and_kept(qtbot, add_dialog, demo_profile):
    before = patients(demo_profile)
    fill_new_patient(add_dialog, "")
    retype(qtbot, add_dialog.form.nhs_number, "111 111 1111")
    qtbot.mouseClick(add_dialog.save_button, LEFT)
    reason = "An NHS number can't be ten of the same digit: check it with the patient's letter."
    assert add_dialog.isVisible()
    assert add_dialog.form.problem_shown("nhs_number") == reason
    assert "NHS number: " + reason in add_dialog.summary.text()
    assert add_dialog.form.nhs_number.text() == "111 111 1111", "what was typed is kept"
    assert patients(demo_profile) == before


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("Q1 1AA", "A postcode never starts with Q, V or X."),
        ("BB12 7CA", "The last part of a postcode never uses C, I, K, M, O or V."),
    ],
)
def test_an_impossible_postcode_is_refused_with_the_reason(
    qtbot, add_dialog, demo_profile, typed, reason
):
    before = patients(demo_profile)
    fill_new_patient(add_dialog, unused_nhs_number(demo_profile))
    field = add_dialog.form.slots["postcode"].widget
    add_dialog.form.focus("postcode")
    retype(qtbot, field, typed)
    qtbot.mouseClick(add_dialog.save_button, LEFT)
    assert add_dialog.isVisible()
    assert add_dialog.form.problem_shown("postcode") == reason
    assert field.text() == typed, "what was typed is kept"
    assert patients(demo_profile) == before


@pytest.mark.parametrize(("typed", "stored"), [("gir0aa", "GIR 0AA"), ("bfpo 825", "BFPO 825")])
def test_girobank_and_bfpo_postcodes_are_saved(qtbot, add_dialog, demo_profile, typed, stored):
    fill_new_patient(add_dialog, unused_nhs_number(demo_profile))
    field = add_dialog.form.slots["postcode"].widget
    add_dialog.form.focus("postcode")
    retype(qtbot, field, typed)
    with qtbot.waitSignal(add_dialog.saved) as saved:
        qtbot.keyClick(add_dialog.save_button, Qt.Key.Key_Space)
    row = demo_profile.conn.execute(
        "SELECT postcode FROM patients WHERE id = ?", (saved.args[0],)
    ).fetchone()
    assert tuple(row) == (stored,)
