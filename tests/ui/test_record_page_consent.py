"""Print GP summary for a patient never asked about sharing: the reason, and a way to ask."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QRadioButton

from linkworker_desktop.domain.consent import short_date
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.consent import ConsentService, local_day
from linkworker_desktop.ui.dialogs.consent_dialog import ConsentDialog
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.views.record_page import RecordPage
from linkworker_desktop.ui.widgets.consent_stage import SHARE_TITLE
from linkworker_desktop.ui.widgets.value_label import ValueLabel
from tests.ui.choice_clicks import click_choice
from tests.ui.modal_answers import answer_modals
from tests.ui.record_helpers import add_person

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, open_profile):
    patient_id, _referral_id = add_person(open_profile, seed=1010)  # share not asked yet
    widget = RecordPage(lambda: open_profile, patient_id)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def button(root, name: str) -> QPushButton:
    (found,) = [b for b in root.findChildren(QPushButton) if b.accessibleName() == name]
    return found


def share_stored(profile, patient_id: str) -> str:
    return profile.conn.execute(
        "SELECT consent_to_share FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()[0]


def test_the_summary_is_refused_with_the_reason_while_sharing_is_not_asked(
    qtbot, page, open_profile
):
    seen: list[str] = []

    def close(box):
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), LEFT)

    answered = answer_modals(close)
    qtbot.mouseClick(button(page, "Print GP summary"), LEFT)
    name = CaseloadService(open_profile).patient(page.patient_id).display_name
    assert len(answered) == 1
    assert seen == [
        "Ask the patient whether we may share with their GP first. "
        f"{name} has not been asked yet, so no discharge summary was made."
    ]
    assert page.findChildren(PrintPreviewDialog) == []
    assert share_stored(open_profile, page.patient_id) == "not_asked"


def test_recording_the_answer_from_the_refusal_goes_on_to_the_summary(qtbot, page, open_profile):
    def record(box):
        (offered,) = [b for b in box.buttons() if b.text() == "&Record consent…"]
        qtbot.mouseClick(offered, LEFT)

    def answer(dialog):
        assert isinstance(dialog, ConsentDialog)
        (codes_only,) = [
            b
            for b in dialog.findChildren(QRadioButton)
            if b.accessibleName() == f"{SHARE_TITLE}: Codes only"
        ]
        click_choice(qtbot, codes_only)
        qtbot.mouseClick(dialog.close_button, LEFT)

    answered = answer_modals(record, answer)
    qtbot.mouseClick(button(page, "Print GP summary"), LEFT)
    assert len(answered) == 2
    assert share_stored(open_profile, page.patient_id) == "codes_only"
    (preview,) = page.findChildren(PrintPreviewDialog)
    assert preview.windowTitle() == "GP discharge summary"
    assert "Testcase" in preview.document.getAllText(0).text()
    summary = page.record.summary.about
    (shown,) = [
        label
        for label in summary.findChildren(ValueLabel)
        if label.caption == "Consent to share with the GP"
    ]
    record = ConsentService(open_profile).share(page.patient_id)
    given = f"Codes only — in person, by the patient, {short_date(local_day(record))}, recorded by"
    assert shown.text() == f"{given} Sam Patel"
    assert shown.accessibleName() == f"Consent to share with the GP: {given} Sam Patel"
