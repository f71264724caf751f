"""A field for a passphrase, recovery key or one-time code that keeps it off the accessibility bus.

Qt's line edit reports every change of its text to assistive technology (text inserted, text
removed) with the characters themselves, whatever the echo mode, so a screen reader's bridge and
anything else listening on the bus would receive a passphrase in plain text. This field keeps the
secret in Python and gives the line edit only a mask character per letter: what Qt reports, draws
and holds is the mask. The secret is handed over once, by ``take()``, which also clears it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "●"


class SecretField(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._secret = ""
        self._own_change = False
        self.setEchoMode(QLineEdit.EchoMode.Password)
        # Dropped text and the context menu's Paste would reach the line edit unmasked.
        self.setAcceptDrops(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.textChanged.connect(self._follow_removal)

    def text(self) -> str:  # type: ignore[override]
        """The secret as typed (the line edit itself holds only masks)."""
        return self._secret

    def take(self) -> str:
        """The secret, once: the field is cleared as it is read, so it is not kept all session."""
        secret = self._secret
        self.clear()
        return secret

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802
        self._secret = ""
        self._set_masks("")
        self._insert(text)

    def clear(self) -> None:
        self._secret = ""
        self._set_masks("")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self._insert(QGuiApplication.clipboard().text())
            return
        typed = event.text()
        plain = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if typed and typed.isprintable() and not plain and not self.isReadOnly():
            self._insert(typed)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton:
            clipboard = QGuiApplication.clipboard()
            if clipboard.supportsSelection():
                self._insert(clipboard.text(QClipboard.Mode.Selection))
            return
        super().mouseReleaseEvent(event)

    def _insert(self, text: str) -> None:
        """Put typed or pasted text in the secret and only masks in the line edit."""
        text = "".join(ch for ch in text if ch.isprintable())
        if not text or self.isReadOnly():
            return
        if self.hasSelectedText():
            start, length = self.selectionStart(), len(self.selectedText())
        else:
            start, length = self.cursorPosition(), 0
        room = self.maxLength() - (len(self._secret) - length)
        text = text[: max(0, room)]
        self._secret = self._secret[:start] + text + self._secret[start + length :]
        self._set_masks(MASK * len(self._secret))
        self.setCursorPosition(start + len(text))

    def _set_masks(self, masks: str) -> None:
        self._own_change = True
        try:
            super().setText(masks)
        finally:
            self._own_change = False

    def _follow_removal(self, masks: str) -> None:
        """Backspace, Delete and cutting a word remove masks; remove the same letters."""
        if self._own_change:
            return
        removed = len(self._secret) - len(masks)
        if removed > 0 and set(masks) <= {MASK}:
            # Qt leaves the cursor where the removed run began.
            start = self.cursorPosition()
            self._secret = self._secret[:start] + self._secret[start + removed :]
        elif masks != MASK * len(self._secret):
            # Anything else that reached the line edit is not trusted: start again.
            self.clear()
