"""Real key presses into a search field, each timed until the results have repainted."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

BACK = "Backspace"
# Typing a surname and an NHS number, then deleting back: every keystroke changes the filter.
TYPED = ["s", "m", "i", "t", "h", *[BACK] * 5, "9", "9", "9", "1", *[BACK] * 4]
# Looking for a group in the Directory, then another.
DIRECTORY_TYPED = [*"coffee", *[BACK] * 6, *"walk", *[BACK] * 4]


def press(field: QLineEdit, key: str) -> None:
    if key == BACK:
        QTest.keyClick(field, Qt.Key.Key_Backspace)
    else:
        QTest.keyClick(field, key)


def benchmark_typing(
    benchmark, field: QLineEdit, painted: QWidget, typed: list[str] = TYPED, cycles: int = 3
) -> dict:
    """Time each key press (event, filter, synchronous repaint); returns the p90 in ms too."""
    field.setFocus()
    keys = itertools.cycle(typed)

    def one_key() -> None:
        press(field, next(keys))
        painted.repaint()

    benchmark.pedantic(
        one_key,
        setup=QApplication.processEvents,
        rounds=len(typed) * cycles,
        iterations=1,
        warmup_rounds=len(typed),
    )
    data = sorted(benchmark.stats.stats.data)
    p90 = data[max(0, round(0.9 * len(data)) - 1)]
    benchmark.extra_info["p90_ms"] = round(p90 * 1000, 2)
    print(f"\n{benchmark.name}: p90 {p90 * 1000:.2f} ms over {len(data)} key presses")
    return {"p90": p90, "presses": len(data)}
