"""A patient added without anyone opening the consent questions is stored as not asked yet."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import ConsentToShare, ReferralReason
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.ui.dialogs.caseload_actions import CaseloadActions
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.views.patient_record_view import PatientRecordView
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from tests.ui.choice_clicks import click_choice
from tests.ui.record_helpers import add_person

LEFT = Qt.MouseButton.LeftButton


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def shown_value(root, label: str) -> str:
    (value,) = [w for w in root.findChildren(ValueLabel) if w.caption == label]
    assert value.accessibleName() == f"{label}: {value.text()}"
    return value.text()


def test_a_patient_saved_without_the_consent_tab_is_not_asked_and_the_record_says_so(
    qtbot, open_profile
):
    dialog = PatientDialog(CaseloadActions(lambda: open_profile))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    form, referral = dialog.form, dialog.referral_form
    number = nhs_number.generate_test_number(random.Random(610))
    type_into(qtbot, form.nhs_number, number)
    type_into(qtbot, form.slots["given_name"].widget, "Robin")
    type_into(qtbot, form.slots["family_name"].widget, "Testperson")
    type_into(qtbot, form.slots["date_of_birth"].widget, "23/04/1956")
    date_field = form.slots["date_of_birth"].widget
    qtbot.keyClick(date_field, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Referral tab
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "&Referral"
    type_into(qtbot, referral.slots["referrer_name"].widget, "Dr Shah")
    click_choice(qtbot, referral.reasons.box(ReferralReason.LONELINESS))
    opened = {dialog.tabs.tabText(i) for i in range(dialog.tabs.count()) if i}
    assert "C&ontact" in opened and "&Needs and consent" in opened  # there, but never opened
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, LEFT)
    patient_id = saved.args[0]
    stored = open_profile.conn.execute(
        "SELECT nhs_number, consent_to_contact, consent_to_share FROM patients WHERE id = ?",
        (patient_id,),
    ).fetchone()
    assert tuple(stored) == (number, None, "not_asked")

    view = PatientRecordView(lambda: open_profile, patient_id)
    qtbot.addWidget(view)
    view.show()
    assert shown_value(view.summary.about, "Consent to contact") == "Not asked yet"
    assert shown_value(view.summary.about, "Consent to share with the GP") == "Not asked yet"


def test_the_consent_questions_start_at_not_asked_yet(qtbot, open_profile):
    dialog = PatientDialog(CaseloadActions(lambda: open_profile))
    qtbot.addWidget(dialog)
    for name in ("consent_to_contact", "consent_to_share"):
        buttons = dialog.form.slots[name].widget.findChildren(QRadioButton)
        assert buttons[0].text() == "Not asked yet"
        assert [b.text() for b in buttons if b.isChecked()] == ["Not asked yet"]


def test_a_consent_changed_in_the_record_is_saved_with_how_and_by_whom(qtbot, open_profile):
    patient_id, _referral = add_person(open_profile, seed=1919)  # share not asked yet
    actions = CaseloadActions(lambda: open_profile)
    patient = actions.service().patient(patient_id)
    dialog = PatientDialog(actions, patient, actions.referrals(patient_id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Needs and consent
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "&Needs and consent"
    (codes_only,) = [
        b
        for b in dialog.findChildren(QRadioButton)
        if b.accessibleName() == "What may be shared with the GP practice: Codes only"
    ]
    click_choice(qtbot, codes_only)
    given = dialog.form.consent_given
    given.how.setFocus()
    qtbot.keyClick(given.how, Qt.Key.Key_Down)  # in person → by phone
    click_choice(qtbot, given.by_someone)
    type_into(qtbot, given.name, "Jo Testcase")
    qtbot.mouseClick(dialog.save_button, LEFT)  # the relationship is missing: not saved
    assert dialog.isVisible()
    assert [r.kind for r in ConsentService(open_profile).history(patient_id)] == [
        ConsentKind.CONTACT
    ]
    type_into(qtbot, given.relationship, "Lasting power of attorney: daughter")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, LEFT)
    record = ConsentService(open_profile).share(patient_id)
    assert (record.value, record.given) == (
        ConsentToShare.CODES_ONLY,
        GivenBy(GivenHow.PHONE, "Jo Testcase", "Lasting power of attorney: daughter"),
    )
