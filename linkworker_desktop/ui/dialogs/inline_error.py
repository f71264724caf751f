"""Problems shown beside the field they belong to, instead of a message box over the dialog.

An icon and words carry the meaning (never a colour alone), and a screen reader hears the
problem as the label's accessible description when focus moves to the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from linkworker_desktop.ui.a11y import ASSERTIVE, announce
from linkworker_desktop.ui.widgets.error_summary import TITLE, said_problems
from linkworker_desktop.ui.widgets.field_state import clear_error, mark_error

LOCKED_TEXT = "The caseload is locked. Unlock it to save; what you entered stays here."


def grow_to_fit(window: QWidget) -> None:
    """Make a dialog tall enough for wrapped messages that just appeared, so none is clipped.

    A top-level window does not grow by itself for word-wrapped labels (their height depends
    on the width), so ask the layout how tall it needs to be at the current width.
    """
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(window.width())
    else:
        needed = layout.totalSizeHint().height()
    if needed > window.height():
        window.resize(window.width(), needed)


class InlineError(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self._icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon.setPixmap(icon.pixmap(size, size))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._icon)
        layout.addWidget(self._label, 1)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text() if not self.isHidden() else ""

    def show_text(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear(self) -> None:
        self._label.clear()
        self.setAccessibleDescription("")
        self.hide()


class FieldErrors:
    """Routes a ValidationError's problems to the error line of each named field.

    Problems for fields the form does not show go to the ``general`` line, so none is lost.
    """

    def __init__(self, general: InlineError, fields: dict[str, tuple[InlineError, QWidget]]):
        self.general = general
        self.fields = fields

    def clear(self) -> None:
        self.general.clear()
        for error, widget in self.fields.values():
            error.clear()
            clear_error(widget)

    def show(self, problems: dict[str, str]) -> None:
        """Show each problem, say them all at once, and put the cursor in the first field."""
        self.clear()
        leftover = []
        said: list[tuple[str, str]] = []
        for name, text in problems.items():
            if name in self.fields:
                error, widget = self.fields[name]
                error.show_text(text)
                mark_error(widget, text)
                said.append((widget.accessibleName(), text))
            else:
                leftover.append(text)
                said.append(("", text))
        if leftover:
            self.general.show_text(" ".join(leftover))
        grow_to_fit(self.general.window())
        if said:
            announce(self.general, f"{TITLE}. {said_problems(said)}", ASSERTIVE)
        # The first in the form's order, whatever order the problems came in.
        first = next((w for name, (_, w) in self.fields.items() if name in problems), None)
        if first is not None:
            first.setFocus()
