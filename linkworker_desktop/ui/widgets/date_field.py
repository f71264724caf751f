"""A typed date: dd/mm/yyyy as people write it in the UK (and yyyy-mm-dd), explained when wrong.

A text field rather than a calendar pop-up because link workers copy dates from referral letters,
and a date of birth is far quicker to type than to scroll to.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit

_DMY = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d+)$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
HOW_TO_WRITE = "Write the date as day/month/year, for example 23/04/1956."


class BadDate(ValueError):
    """The text is not a date; the message says why in a sentence."""


def parse_date(text: str) -> date | None:
    """The date in ``text``, or None when it is empty; raises BadDate with the reason."""
    text = text.strip()
    if not text:
        return None
    match = _YMD.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DMY.match(text) or _COMPACT.match(text)
        if not match:
            raise BadDate(HOW_TO_WRITE)
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) != 4:
            raise BadDate("Write the year in full, with four digits, for example 23/04/1956.")
    if not 1 <= month <= 12:
        raise BadDate(f"There is no month {month}: months run from 1 to 12.")
    if year < 1:
        raise BadDate(HOW_TO_WRITE)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = calendar.month_name[month]
        raise BadDate(f"{text} is not a real date: {month_name} {year} has {days} days.")
    return date(year, month, day)


def format_typed(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


class DateField(QLineEdit):
    """Reads as a date or a reason in words; ``check`` adds a rule such as "not in the future"."""

    def __init__(self, check: Callable[[date], str | None] | None = None, parent: Any = None):
        super().__init__(parent)
        self._check = check
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaxLength(20)
        self.editingFinished.connect(self._tidy)

    def set_date(self, day: date | None) -> None:
        self.setText(format_typed(day) if day else "")

    def read(self) -> tuple[date | None, str | None]:
        """(the date or None, the reason it cannot be used or None)."""
        try:
            day = parse_date(self.text())
        except BadDate as exc:
            return None, str(exc)
        if day is not None and self._check is not None:
            return day, self._check(day)
        return day, None

    def _tidy(self) -> None:
        """Show a good date the one way (so 1956-04-23 reads back as 23/04/1956)."""
        day, problem = self.read()
        if day is not None and problem is None and self.text() != format_typed(day):
            self.setText(format_typed(day))
