"""Form captions get Alt letters of their own, and Alt+letter takes the typing to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.widgets.mnemonics import give_mnemonics
from tests.ui.every_window import workday


def _page(captions: list[str]) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    for caption in captions:
        label = QLabel(caption)
        field = QLineEdit()
        label.setBuddy(field)
        form.addRow(label, field)
    return page


def test_letters_avoid_tabs_and_buttons_and_repeat_only_on_other_pages(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    tabs = QTabWidget(dialog)
    tabs.addTab(_page(["Given name", "Gender", "Family name"]), "&Identity")
    tabs.addTab(_page(["Phone", "Given to"]), "&Contact")
    save = QPushButton("&Save", dialog)
    QVBoxLayout(dialog).addWidget(tabs)
    dialog.layout().addWidget(save)
    give_mnemonics(dialog)
    captions = sorted(label.text() for label in dialog.findChildren(QLabel))
    assert captions == ["&Family name", "&Given name", "&Given to", "&Phone", "G&ender"]


def test_alt_letter_in_add_patient_moves_typing_to_its_field(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    window.go_to(1)
    qtbot.mouseClick(window.caseload_view.add_button, Qt.MouseButton.LeftButton)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PatientDialog)
    dialog.activateWindow()  # the offscreen platform does not activate a new window itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    family = dialog.form.slots["family_name"]
    caption = next(label for label in dialog.findChildren(QLabel) if label.buddy() is family.widget)
    assert caption.text() == "&Family name"
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is family.widget
    qtbot.keyClicks(QApplication.focusWidget(), "Testcase")
    assert family.widget.text() == "Testcase"
    assert dialog.form.slots["given_name"].widget.text() == ""
