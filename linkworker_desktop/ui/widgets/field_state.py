"""A field's hint and its error, both said through the field's accessible description.

Qt gives a QLineEdit no settable "invalid entry" state from Python: ``QAccessible.State`` has
only ``invalid``, which Qt means as "defunct", and state change events are not kept. So a field
in error says so in words a screen reader reads on reaching it: its description starts with
"Error: <reason>." while the error stands (the hint follows), and is the hint alone once fixed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

_HINT = "fieldHint"
_ERROR = "fieldError"


def error_description(reason: str, hint: str = "") -> str:
    """``Error: <reason>.`` then the hint, so the reason is heard first."""
    reason = reason.strip()
    said = f"Error: {reason}" if reason.endswith((".", "?", "!")) else f"Error: {reason}."
    return f"{said} {hint}" if hint else said


def hint_of(field: QWidget) -> str:
    return field.property(_HINT) or ""


def error_of(field: QWidget) -> str:
    """The reason the field is in error now, or "" when it is not."""
    return field.property(_ERROR) or ""


def set_hint(field: QWidget, hint: str) -> None:
    """The field's standing description; an error shown now keeps its place in front."""
    field.setProperty(_HINT, hint)
    _describe(field)


def mark_error(field: QWidget, reason: str) -> None:
    """Say ``reason`` as the field's error; the ``invalid`` property lets a style sheet mark it."""
    field.setProperty(_ERROR, reason)
    field.setProperty("invalid", bool(reason))
    _describe(field)


def clear_error(field: QWidget) -> None:
    mark_error(field, "")


def _describe(field: QWidget) -> None:
    reason = error_of(field)
    field.setAccessibleDescription(
        error_description(reason, hint_of(field)) if reason else hint_of(field)
    )
