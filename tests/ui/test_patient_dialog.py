"""Adding and editing a patient: what is written, and how wrong input is explained."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from linkworker_desktop.domain.choices import ContactMethod, ReferralReason
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.dialogs.referral_dialog import ReferralDialog
from linkworker_desktop.ui.views.caseload_view import CaseloadView
from tests.ui.caseload_support import (  # noqa: F401
    count,
    demo_profile_fixture,
    fill_new_patient,
    unnamed_controls,
    unused_nhs_number,
)
from tests.ui.focus_helpers import tab_cycle, type_here


class Holder:
    """Stands in for the view: the profile open now, or None while locked."""

    def __init__(self, profile):
        self.profile = profile


@pytest.fixture
def holder(demo_profile):
    return Holder(demo_profile)


@pytest.fixture
def add_dialog(qtbot, holder):
    dialog = PatientDialog(CaseloadActions(lambda: holder.profile))
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def patients_with(profile, number: str) -> int:
    return count(profile, "SELECT COUNT(*) FROM patients WHERE nhs_number = ?", number)


def test_adding_writes_patient_referral_audit_and_outbox(qtbot, add_dialog, demo_profile):
    number = unused_nhs_number(demo_profile)
    fill_new_patient(add_dialog, f"{number[:3]} {number[3:6]} {number[6:]}")
    add_dialog.form.slots["email"].widget.setText("robin@example.org")
    add_dialog.form.slots["preferred_contact"].widget.set_value(ContactMethod.EMAIL)
    with qtbot.waitSignal(add_dialog.saved) as saved:
        add_dialog.save_button.click()
    patient_id = saved.args[0]
    assert not add_dialog.isVisible()
    row = demo_profile.conn.execute(
        "SELECT nhs_number, family_name, date_of_birth, preferred_contact FROM patients"
        " WHERE id = ?",
        (patient_id,),
    ).fetchone()
    assert tuple(row) == (number, "Testperson", "1956-04-23", "email")
    referral = demo_profile.conn.execute(
        "SELECT id, reasons, referrer_name, status FROM referrals WHERE patient_id = ?",
        (patient_id,),
    ).fetchone()
    assert referral is not None
    assert "loneliness" in referral[1] and referral[2] == "Dr Shah" and referral[3] == "new"
    for entity, entity_id in (("patients", patient_id), ("referrals", referral[0])):
        audit = (
            "SELECT COUNT(*) FROM audit_log"
            " WHERE action = 'create' AND entity = ? AND entity_id = ?"
        )
        assert count(demo_profile, audit, entity, entity_id) == 1
        outbox = "SELECT changes FROM outbox WHERE entity = ? AND entity_id = ?"
        changes = demo_profile.conn.execute(outbox, (entity, entity_id)).fetchone()
        assert changes is not None and json.loads(changes[0])


def test_invalid_nhs_number_is_explained_and_nothing_saved(add_dialog, demo_profile):
    number = unused_nhs_number(demo_profile)
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    fill_new_patient(add_dialog, wrong)
    before = count(demo_profile, "SELECT COUNT(*) FROM patients")
    add_dialog.save_button.click()
    assert add_dialog.isVisible()
    shown = add_dialog.form.problem_shown("nhs_number")
    assert "not a valid NHS number" in shown
    assert "NHS number: " + shown in add_dialog.summary.text()
    assert add_dialog.form.nhs_number.text() == wrong, "typed text is kept"
    assert count(demo_profile, "SELECT COUNT(*) FROM patients") == before
    assert add_dialog.tabs.tabText(0) == "&Identity (1 to fix)"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ((date.today() + timedelta(days=3)).strftime("%d/%m/%Y"), "in the future"),
        ("31/02/2020", "31/02/2020 is not a real date: February 2020 has 29 days."),
        ("01/01/1890", "more than 120 years ago"),
        ("12/13/1960", "There is no month 13"),
        ("23/4/56", "Write the year in full"),
    ],
)
def test_wrong_date_of_birth_keeps_the_dialog_open(add_dialog, demo_profile, typed, words):
    fill_new_patient(add_dialog, unused_nhs_number(demo_profile))
    add_dialog.form.slots["date_of_birth"].widget.setText(typed)
    add_dialog.save_button.click()
    assert add_dialog.isVisible()
    assert words in add_dialog.form.problem_shown("date_of_birth")
    assert words in add_dialog.summary.text()
    assert add_dialog.form.slots["date_of_birth"].widget.text() == typed


def test_date_of_birth_is_checked_on_leaving_the_field(add_dialog):
    field = add_dialog.form.slots["date_of_birth"].widget
    field.setText("30/02/2001")
    field.editingFinished.emit()
    assert "February 2001 has 28 days" in add_dialog.form.problem_shown("date_of_birth")
    field.setText("2001-02-28")
    field.editingFinished.emit()
    assert add_dialog.form.problem_shown("date_of_birth") == ""
    assert field.text() == "28/02/2001"


def test_every_wrong_field_on_every_tab_is_marked_at_once(add_dialog):
    add_dialog.form.slots["email"].widget.setText("not an address")
    add_dialog.referral_form.slots["referral_date"].widget.setText("")
    add_dialog.save_button.click()
    problems = {
        name
        for form in (add_dialog.form, add_dialog.referral_form)
        for name in form.slots
        if form.problem_shown(name)
    }
    assert {"nhs_number", "given_name", "family_name", "date_of_birth", "email"} <= problems
    assert {"referral_date", "reasons", "referrer_name"} <= problems
    assert add_dialog.tabs.tabText(1) == "C&ontact (1 to fix)"
    assert add_dialog.tabs.tabText(4) == "&Referral (3 to fix)"


def test_summary_link_goes_to_the_field_on_its_tab(add_dialog):
    add_dialog.form.slots["email"].widget.setText("not an address")
    add_dialog.save_button.click()
    add_dialog.summary.field_requested.emit("email")
    assert add_dialog.tabs.currentIndex() == 1


def test_duplicate_nhs_number_opens_the_existing_record(qtbot, demo_profile):
    view = CaseloadView()
    qtbot.addWidget(view)
    view.set_profile(demo_profile)
    existing = view.model.row_at(2)
    dialog = view.add_patient()
    fill_new_patient(dialog, existing.nhs_number)
    dialog.referral_form.reasons.box(ReferralReason.HOUSING).setChecked(True)
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert patients_with(demo_profile, existing.nhs_number) == 1
    opened = [d for d in view.findChildren(PatientDialog) if d.isVisible()]
    assert len(opened) == 1 and opened[0].original.id == existing.patient_id
    assert "already has this NHS number" in opened[0].notice.label.text()
    assert opened[0].tabs.currentWidget() is opened[0].referral_list
    # The referral typed in the add dialog is offered, filled in, not lost.
    opened[0].notice.button.click()
    referral_dialog = opened[0].findChildren(ReferralDialog)[0]
    reasons = referral_dialog.form.reasons.value()
    assert ReferralReason.HOUSING in reasons and ReferralReason.LONELINESS in reasons


def test_a_known_nhs_number_is_flagged_before_saving(qtbot, demo_profile):
    view = CaseloadView()
    qtbot.addWidget(view)
    view.set_profile(demo_profile)
    existing = view.model.row_at(1)
    dialog = view.add_patient()
    dialog.form.nhs_number.setText(existing.nhs_number)
    dialog.form.nhs_number.editingFinished.emit()
    assert dialog.notice.isVisibleTo(dialog)
    family = existing.name.split(",")[0]
    assert family in dialog.notice.label.text()
    dialog.notice.button.click()
    opened = [d for d in view.findChildren(PatientDialog) if d.isVisible()]
    assert [d.original.id for d in opened] == [existing.patient_id]
    assert patients_with(demo_profile, existing.nhs_number) == 1


def test_editing_saves_changes_with_audit(qtbot, holder, demo_profile):
    actions = CaseloadActions(lambda: holder.profile)
    patient_id = demo_profile.conn.execute("SELECT id FROM patients LIMIT 1").fetchone()[0]
    patient, referrals = actions.open_patient(patient_id)
    dialog = PatientDialog(actions, patient, referrals)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.form.nhs_number.text().count(" ") == 2, "shown 3-3-4"
    dialog.form.slots["family_name"].widget.setText("Renamed")
    dialog.form.slots["phone"].widget.setText("")
    with qtbot.waitSignal(dialog.changed):
        dialog.save_button.click()
    name = "SELECT family_name FROM patients WHERE id = ?"
    assert demo_profile.conn.execute(name, (patient_id,)).fetchone()[0] == "Renamed"
    audit = "SELECT fields FROM audit_log WHERE action = 'update' AND entity_id = ?"
    assert "family_name" in demo_profile.conn.execute(audit, (patient_id,)).fetchone()[0]


def test_editing_to_another_patients_nhs_number_is_refused(qtbot, holder, demo_profile):
    actions = CaseloadActions(lambda: holder.profile)
    first, second = demo_profile.conn.execute("SELECT id, nhs_number FROM patients LIMIT 2")
    patient, referrals = actions.open_patient(first[0])
    dialog = PatientDialog(actions, patient, referrals)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.form.nhs_number.setText(second[1])
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "already has this NHS number" in dialog.form.problem_shown("nhs_number")
    assert patients_with(demo_profile, second[1]) == 1


def test_saving_while_locked_keeps_the_text_and_works_after_unlock(add_dialog, holder):
    profile = holder.profile
    number = unused_nhs_number(profile)
    fill_new_patient(add_dialog, number)
    holder.profile = None  # the app locked while the dialog was open
    add_dialog.save_button.click()
    assert add_dialog.isVisible()
    assert "locked" in add_dialog.summary.text()
    assert add_dialog.form.slots["family_name"].widget.text() == "Testperson"
    holder.profile = profile  # unlocked again
    add_dialog.save_button.click()
    assert not add_dialog.isVisible()
    assert patients_with(profile, number) == 1


def test_every_control_has_an_accessible_name_and_a_labelled_buddy(add_dialog):
    assert unnamed_controls(add_dialog) == []
    date_of_birth = add_dialog.form.slots["date_of_birth"].widget
    captions = [
        label for label in add_dialog.findChildren(QLabel) if label.buddy() is date_of_birth
    ]
    assert [label.text() for label in captions] == ["&Date of birth"]


def test_add_patient_opens_with_the_cursor_in_the_nhs_number(qtbot, add_dialog, demo_profile):
    add_dialog.activateWindow()
    qtbot.waitUntil(add_dialog.isActiveWindow)
    before = count(demo_profile, "SELECT COUNT(*) FROM patients")
    type_here(qtbot, "999 ")
    assert add_dialog.form.nhs_number.text() == "999 "  # digits and the space land in the field
    assert add_dialog.isVisible()
    assert count(demo_profile, "SELECT COUNT(*) FROM patients") == before
    qtbot.keyClick(add_dialog.form.nhs_number, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(add_dialog.form.nhs_number, Qt.Key.Key_Delete)
    assert tab_cycle(qtbot) == [  # the sections' tab bar sits above the fields: it comes round
        "NHS number",
        "Given name",
        "Family name",
        "Preferred name",
        "Date of birth",
        "Gender",
        "Ethnicity",
        "Pronouns",
        "Save patient",
        "Cancel",
        "Patient record sections",
    ]
