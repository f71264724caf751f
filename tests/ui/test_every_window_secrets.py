"""Every field for a passphrase, recovery key or code keeps what is typed off the accessibility bus.

A line edit reports its text to assistive technology whatever its echo mode; only a
``SecretField`` holds masks. The walk finds every field that hides its text or is named for a
secret, in every window, types into it and reads back what Qt would report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit, QWidget

from linkworker_desktop.ui.widgets.secret_field import MASK, SecretField
from tests.ui.every_window import WINDOWS, every_window

SECRET_WORDS = ("passphrase", "recovery key", "one-time code", "enrolment code")
TYPED = "kettle river"


def _is_secret(field: QLineEdit) -> bool:
    name = field.accessibleName().lower()
    return field.echoMode() != QLineEdit.EchoMode.Normal or any(w in name for w in SECRET_WORDS)


def test_every_secret_field_reports_only_masks(qtbot, tmp_path):
    found: set[str] = set()
    leaking: list[str] = []

    def look(name: str, widget: QWidget) -> None:
        for field in widget.window().findChildren(QLineEdit):
            if not _is_secret(field) or not field.isVisible() or field.isReadOnly():
                continue
            what = f"{name}: {field.accessibleName()!r}"
            found.add(field.accessibleName())
            if not isinstance(field, SecretField):
                leaking.append(f"{what} is a {type(field).__name__}")
                continue
            field.setFocus()
            qtbot.keyClicks(field, TYPED)
            reported = QAccessible.queryAccessibleInterface(field).text(QAccessible.Text.Value)
            if reported != MASK * len(TYPED) or QLineEdit.text(field) != MASK * len(TYPED):
                leaking.append(f"{what} reports {reported!r}")
            qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(field, Qt.Key.Key_Backspace)
            if field.text():
                leaking.append(f"{what} kept {field.text()!r} after select all and delete")

    names = every_window(qtbot, tmp_path, look)
    assert len(names) == WINDOWS
    assert {"Passphrase", "Recovery key", "One-time code", "Passphrase (the new one)"} <= found, (
        found
    )
    assert leaking == [], "\n".join(leaking)
