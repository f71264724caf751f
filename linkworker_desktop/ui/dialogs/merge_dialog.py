"""Merge two conflicting texts by hand: both are there to start from, the worker edits.

``MergeDialog.get_merged(parent, title, mine, theirs) -> (text, accepted)`` hands back the
result; the caller settles the conflict with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.ui.widgets.value_label import HintLabel


def prefill(mine: str, theirs: str) -> str:
    """Both values, mine first, each on its own line (one when they are the same)."""
    parts = [p for p in (mine.strip(), theirs.strip()) if p]
    return "\n".join(dict.fromkeys(parts))


class MergeDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, mine: str, theirs: str):
        super().__init__(parent)
        self.setWindowTitle("Merge the two values")
        self.setAccessibleName("Merge the two values")
        heading = QLabel(title)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = QPlainTextEdit(prefill(mine, theirs))
        hint = HintLabel(
            "Both values are below. Edit them into the one to keep, then choose Keep.", self.editor
        )
        self.editor.setAccessibleName("Merged value")
        self.editor.setTabChangesFocus(True)
        caption = QLabel("&Merged value:")  # the field's own caption; the hint explains it
        caption.setBuddy(self.editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("Keep")
        save.setAccessibleName("Keep")
        save.setAccessibleDescription("Keep the merged value")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(caption)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(480, 280)
        self.editor.setFocus()

    def merged(self) -> str:
        return self.editor.toPlainText().strip()

    @classmethod
    def get_merged(
        cls, parent: QWidget | None, title: str, mine: str, theirs: str
    ) -> tuple[str, bool]:
        dialog = cls(parent, title, mine, theirs)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.merged(), accepted
