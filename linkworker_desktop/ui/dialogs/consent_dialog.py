"""Record a patient's consent answers from wherever a consent is missing (the GP summary).

The answers are saved as they are clicked (the same questions as the first session's
"Welcome and consent" stage), so Close never throws one away. Unlike the session, the dialog
asks how each answer was given and by whom: it is used away from the patient too.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from linkworker_desktop.ui.current_profile import ProfileGetter
from linkworker_desktop.ui.widgets.consent_stage import ConsentStage


class ConsentDialog(QDialog):
    def __init__(self, profile: ProfileGetter, patient_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Record consent")
        self.setAccessibleName("Record consent")
        intro = QLabel(
            "Say how the answer was given and by whom, then choose the answers. "
            "Each is saved as you choose."
        )
        intro.setWordWrap(True)
        self.stage = ConsentStage(profile, patient_id, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stage)
        layout.addWidget(buttons)
