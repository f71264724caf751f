"""A date typed as text (dd/mm/yyyy or yyyy-mm-dd) that can also be left empty.

A QDateEdit cannot be blank and hides impossible dates by clamping them; a target date or a
review date is often not known yet, and 31/02 must be explained, not silently changed.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QLineEdit, QWidget

FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


class DayError(ValueError):
    pass


def parse_day(text: str) -> date | None:
    """None for empty text; a date; or DayError saying what is wrong."""
    text = text.strip()
    if not text:
        return None
    for fmt in FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DayError(f"{text!r} is not a real date; type it as dd/mm/yyyy, e.g. 15/01/2027.")


class DayField(QLineEdit):
    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setAccessibleName(accessible_name)

    def day(self) -> date | None:
        return parse_day(self.text())

    def set_day(self, value: date | None) -> None:
        self.setText(value.strftime("%d/%m/%Y") if value else "")
