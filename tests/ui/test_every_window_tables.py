"""Every table in the app takes one Tab stop and moves by arrows, so Tab never traps a person."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QWidget

from tests.ui.every_window import every_window


def test_every_table_takes_one_tab_stop(qtbot, tmp_path):
    trapping: list[str] = []
    seen: set[str] = set()

    def look(name: str, widget: QWidget) -> None:
        for view in widget.window().findChildren(QAbstractItemView):
            what = f"{name}: {type(view).__name__} {view.accessibleName()!r}"
            seen.add(f"{type(view).__name__} {view.accessibleName()!r}")
            if view.tabKeyNavigation():
                trapping.append(what)

    names = every_window(qtbot, tmp_path, look)
    assert len(names) == 50
    assert {
        "QTableView 'Directory results'",
        "QTableWidget 'Steps'",
        "QTableWidget 'Services the patient was connected to'",
        "QTableWidget 'People behind the figure'",
    } <= seen
    assert trapping == [], "\n".join(trapping)
