"""Discharge says when sharing with the GP was never asked about, and lets it be recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from linkworker_desktop.ui.dialogs.consent_dialog import ConsentDialog
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.widgets.consent_stage import SHARE_TITLE
from tests.ui.choice_clicks import click_choice
from tests.ui.modal_answers import answer_modals
from tests.ui.record_helpers import add_person

LEFT = Qt.MouseButton.LeftButton


def test_not_asked_is_said_and_the_answer_recorded_from_the_discharge(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 32, "Sam")  # share not asked yet
    dialog = DischargeDialog(lambda: open_profile, patient_id, referral_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.consent_note.text() == (
        "Consent to share with the GP: not asked yet. Ask the patient whether we may share "
        "with their GP first; the GP summary cannot be made until then."
    )
    assert dialog.consent_button.isVisible()

    def answer(consent):
        assert isinstance(consent, ConsentDialog)
        (full,) = [
            b
            for b in consent.findChildren(QRadioButton)
            if b.accessibleName() == f"{SHARE_TITLE}: Full notes"
        ]
        click_choice(qtbot, full)
        qtbot.mouseClick(consent.close_button, LEFT)

    answered = answer_modals(answer)
    qtbot.mouseClick(dialog.consent_button, LEFT)
    assert len(answered) == 1
    stored = open_profile.conn.execute(
        "SELECT consent_to_share FROM patients WHERE id = ?", (patient_id,)
    ).fetchone()[0]
    assert stored == "full_notes"
    assert dialog.consent_note.isHidden() and dialog.consent_button.isHidden()
