"""The consent dialog asks how the answer was given and by whom before it saves the answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QRadioButton

from linkworker_desktop.domain.choices import ConsentToShare
from linkworker_desktop.domain.consent import ConsentKind, GivenBy, GivenHow
from linkworker_desktop.services.consent import ConsentService
from linkworker_desktop.ui.dialogs.consent_dialog import ConsentDialog
from linkworker_desktop.ui.views.record_page import RecordPage
from linkworker_desktop.ui.widgets.consent_stage import SHARE_TITLE
from tests.ui.choice_clicks import click_choice
from tests.ui.modal_answers import answer_modals
from tests.ui.record_helpers import add_person

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def page(qtbot, open_profile):
    patient_id, _referral_id = add_person(open_profile, seed=1717)  # share not asked yet
    widget = RecordPage(lambda: open_profile, patient_id)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def codes_only(dialog: ConsentDialog) -> QRadioButton:
    (found,) = [
        b
        for b in dialog.findChildren(QRadioButton)
        if b.accessibleName() == f"{SHARE_TITLE}: Codes only"
    ]
    return found


def shares(profile, patient_id: str) -> list:
    return [
        r
        for r in ConsentService(profile).history(patient_id)
        if r.kind is ConsentKind.SHARE_WITH_GP
    ]


def test_by_phone_from_a_named_attorney_is_asked_by_keys_and_recorded(qtbot, page, open_profile):
    said: list[str] = []

    def record(box):
        (offered,) = [b for b in box.buttons() if b.text() == "&Record consent…"]
        qtbot.mouseClick(offered, LEFT)

    def answer(dialog):
        assert isinstance(dialog, ConsentDialog)
        qtbot.keyClick(dialog, Qt.Key.Key_H, ALT)  # How was it given?
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)  # in person → by phone
        qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # Someone on their behalf
        qtbot.waitUntil(dialog.stage.given_fields.by_someone.isChecked)  # Qt animates the press
        qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
        qtbot.keyClicks(dialog.focusWidget(), "Jo Testcase")
        click_choice(qtbot, codes_only(dialog))  # the relationship is still missing
        said.append(dialog.stage.status.text())
        said.append(str(len(shares(open_profile, page.patient_id))))
        qtbot.keyClick(dialog, Qt.Key.Key_R, ALT)
        qtbot.keyClicks(dialog.focusWidget(), "Lasting power of attorney: daughter")
        click_choice(qtbot, codes_only(dialog))  # the same answer, chosen again
        said.append(dialog.stage.status.text())
        qtbot.mouseClick(dialog.close_button, LEFT)

    answered = answer_modals(record, answer)
    (print_summary,) = [
        b for b in page.findChildren(QPushButton) if b.accessibleName() == "Print GP summary"
    ]
    qtbot.mouseClick(print_summary, LEFT)
    assert len(answered) == 2
    assert said == [
        "Not saved: Say how Jo Testcase may answer for them, for example "
        "“Lasting power of attorney: daughter”. Then choose the answer again.",
        "0",
        "On the record: consent to contact: yes; share with the GP: codes only.",
    ]
    (record,) = shares(open_profile, page.patient_id)
    assert (record.value, record.given) == (
        ConsentToShare.CODES_ONLY,
        GivenBy(GivenHow.PHONE, "Jo Testcase", "Lasting power of attorney: daughter"),
    )
