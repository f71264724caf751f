"""Secret fields: what is typed stays out of the line edit, so off the accessibility bus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from linkworker_desktop.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from linkworker_desktop.ui.widgets.new_passphrase import NewPassphraseFields
from linkworker_desktop.ui.widgets.secret_field import MASK, SecretField


def _shown(qtbot) -> SecretField:
    field = SecretField()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    return field


def _what_qt_holds(field: SecretField) -> str:
    """The line edit's own text: the text Qt puts in its text-inserted and removed events."""
    return QLineEdit.text(field)


def test_typing_keeps_only_masks_in_the_line_edit_and_the_accessible_text(qtbot):
    field = _shown(qtbot)
    qtbot.keyClicks(field, "kettle river")
    assert field.text() == "kettle river"
    assert _what_qt_holds(field) == MASK * 12
    iface = QAccessible.queryAccessibleInterface(field)
    assert iface.text(QAccessible.Text.Value) == MASK * 12
    assert iface.textInterface().text(0, 12) == MASK * 12
    assert field.echoMode() is QLineEdit.EchoMode.Password


def test_backspace_delete_home_and_select_all_edit_the_secret(qtbot):
    field = _shown(qtbot)
    qtbot.keyClicks(field, "lampx")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "lamp"
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, "d")
    assert field.text() == "damp"
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, " river")
    assert field.text() == "damp river"
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "purple")
    assert field.text() == "purple"
    assert _what_qt_holds(field) == MASK * 6


def test_pasting_keeps_the_secret_out_of_the_line_edit(qtbot):
    field = _shown(qtbot)
    QGuiApplication.clipboard().setText("kettle river purple lamp")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "kettle river purple lamp"
    assert _what_qt_holds(field) == MASK * 24
    QGuiApplication.clipboard().clear()


def test_take_hands_the_secret_over_once_and_clears_the_field(qtbot):
    field = _shown(qtbot)
    qtbot.keyClicks(field, "river")
    assert field.take() == "river"
    assert field.text() == ""
    assert _what_qt_holds(field) == ""
    assert field.take() == ""


def test_change_passphrase_hands_over_the_values_and_keeps_none_of_them(qtbot):
    dialog = ChangePassphraseDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "kettle river purple")
    qtbot.keyClicks(dialog.new.first, "lamp harbour tiger")
    qtbot.keyClicks(dialog.new.second, "lamp harbour tiger")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.values() == ("kettle river purple", "lamp harbour tiger")
    fields = (dialog.current, dialog.new.first, dialog.new.second)
    assert [(f.text(), _what_qt_holds(f)) for f in fields] == [("", "")] * 3


def test_a_passphrase_that_cannot_be_used_stays_to_be_put_right(qtbot):
    fields = NewPassphraseFields()
    qtbot.addWidget(fields)
    fields.show()
    qtbot.keyClicks(fields.first, "lamp harbour tiger")
    qtbot.keyClicks(fields.second, "lamp harbour tigre")
    assert fields.passphrase() is None
    assert fields.problem.text() == "⚠ The two passphrases are different. Type them again."
    assert (fields.first.text(), fields.second.text()) == ("lamp harbour tiger", "")
