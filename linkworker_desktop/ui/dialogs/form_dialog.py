"""The skeleton every data-entry dialog shares, so the accessibility rules are kept in one place.

A heading, then what there is to fix (said aloud when it appears), then rows whose visible label
is the buddy of its field and the start of the field's accessible name, a hint under a field read
as its description, and the buttons: the OK button named by its words and the default, so Enter
accepts. The cursor starts in the first field, and Esc never drops typing without asking.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard
from linkworker_desktop.ui.dialogs.inline_error import FieldErrors, InlineError, grow_to_fit
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.value_label import HintLabel

W = TypeVar("W", bound=QWidget)


def shown_words(caption: str) -> str:
    """A caption as a person reads it: no '&' marking the Alt letter, no trailing ':' or '…'."""
    return caption.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":…").strip()


class FormDialog(DiscardGuard, QDialog):
    """Subclasses add rows with :meth:`add_row` and do their work in :meth:`save`."""

    def __init__(
        self,
        title: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        ok_description: str = "",
        cancel_text: str = "",
        cancel_name: str = "Cancel",
        problem_name: str = "Problem",
        heading: bool = True,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._first_field: QWidget | None = None
        self._focused_once = False
        layout = QVBoxLayout(self)
        self.heading = Heading(title, self, scale=1.2)
        self.heading.setWordWrap(False)
        self.heading.setVisible(heading)
        layout.addWidget(self.heading)
        # Problems that belong to no one field; those that do are shown beside their field.
        self.general = InlineError(problem_name, self)
        layout.addWidget(self.general)
        self.errors = FieldErrors(self.general, {})
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(shown_words(ok_text))
        self.ok_button.setAccessibleDescription(ok_description)
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel_text:
            self.cancel_button.setText(cancel_text)
        self.cancel_button.setAccessibleName(cancel_name)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- building -----------------------------------------------------------------------------

    def add_row(
        self,
        caption: str,
        field: W,
        *,
        more: str = "",
        hint: str = "",
        problem: str = "",
        name: str = "",
    ) -> W:
        """A labelled row; the field is named by the caption's words, then ``more`` if given.

        ``hint`` goes under the field and is read as its description. ``name`` is the
        problem key a ValidationError uses for this field; its problems are shown under it on
        a line named ``problem``.
        """
        label = QLabel(caption, self)
        label.setBuddy(field)
        self.form.addRow(label, field)
        self.name_field(field, caption, more)
        if hint:
            self.form.addRow("", HintLabel(hint, field, self))
        if name:
            self.add_problem_line(name, field, problem or f"Problem with the {name}")
        if self._first_field is None:
            self._first_field = field
        return field

    def name_field(self, field: QWidget, caption: str, more: str = "") -> None:
        """Show ``caption`` beside the field and name it so, as when a field becomes required."""
        label = self.form.labelForField(field)
        if isinstance(label, QLabel):
            label.setText(caption)
        words = shown_words(caption)
        field.setAccessibleName(f"{words} {more}" if more else words)

    def add_problem_line(self, name: str, field: QWidget, problem_name: str) -> InlineError:
        """The line under the rows so far where problems with ``name`` are shown."""
        line = InlineError(problem_name, self)
        self.form.addRow("", line)
        self.errors.fields[name] = (line, field)
        return line

    def add_below(self, item: QWidget | QLayout, stretch: int = 0) -> None:
        """Something under the form and above the buttons (a note, a section)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        position = layout.indexOf(self.buttons)
        if isinstance(item, QLayout):
            layout.insertLayout(position, item, stretch)
        else:
            layout.insertWidget(position, item, stretch)

    # --- problems -----------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each beside its field (or at the top), all said at once, the cursor on the first."""
        self.errors.show(problems)

    def clear_problems(self) -> None:
        self.errors.clear()
        grow_to_fit(self)

    # --- Qt hooks ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._focused_once and self._first_field is not None:
            self._focused_once = True
            self._first_field.setFocus()

    def save(self) -> object:
        """Check and keep what was typed; accept() when done, else show why not."""
        raise NotImplementedError
