"""Typing in the Directory search asks only for the cells on show, not for every result."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.services.demo_directory import demo_feed
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.ui.models.directory_model import Column, DirectoryModel
from linkworker_desktop.ui.models.table_model import TableModel
from linkworker_desktop.ui.views import directory_view
from linkworker_desktop.ui.views.directory_view import DirectoryView

SERVICES = 180


def _coffee_mornings(count: int) -> dict:
    """``count`` services that all match "coffee", so every keystroke fills the table."""
    base = next(s for s in demo_feed(count=66)["contents"] if "offee" in s["name"])
    contents = []
    for n in range(count):
        record = copy.deepcopy(base)
        record["id"] = f"coffee-{n}"
        record["name"] = f"Coffee morning {n}"
        contents.append(record)
    return {"contents": contents}


class _CountingModel(DirectoryModel):
    """The view's own model, noting which rows the table asks about."""

    asked: set[int]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.asked.add(index.row())
        return super().data(index, role)

    def fill_roles(self, position, column, roles):  # a painted cell's roles, all at once
        self.asked.add(position)
        return super().fill_roles(position, column, roles)


@pytest.fixture
def view(qtbot, open_profile, monkeypatch):
    monkeypatch.setattr(directory_view, "DirectoryModel", _CountingModel)
    _CountingModel.asked = set()
    Directory(open_profile).import_feed(_coffee_mornings(SERVICES), "Test feed")
    widget = DirectoryView(lambda: open_profile)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_profile(open_profile)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_keystroke_reads_only_the_rows_on_show(view, qtbot):
    asked = view.model.asked = set()
    widths = [view.table.columnWidth(c) for c in Column]

    qtbot.keyClicks(view.search, "coffee")
    view.table.viewport().repaint()

    assert view.model.rowCount() == SERVICES
    on_show = view.table.rowAt(view.table.viewport().height() - 1) + 1
    assert 5 < on_show < 40
    assert asked, "nothing was drawn"
    assert max(asked) < on_show + 1
    assert [view.table.columnWidth(c) for c in Column] == widths  # no column jumps as you type


def test_the_columns_fit_their_headings_and_first_results(view):
    for column in (Column.CATEGORY, Column.NEXT, Column.COST, Column.STATUS):
        heading = view.table.horizontalHeader().sectionSizeHint(column)
        assert view.table.columnWidth(column) >= heading


ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole,
)


def test_repainting_the_results_works_out_each_rows_words_once(view, qtbot, monkeypatch):
    worked_out: list[str] = []
    name = DirectoryModel.columns[Column.NAME]
    counted = replace(name, text=lambda hit: worked_out.append(hit.service.id) or name.text(hit))
    columns = (counted, *DirectoryModel.columns[1:])
    monkeypatch.setattr(DirectoryModel, "columns", columns)
    qtbot.keyClicks(view.search, "coffee")
    view.table.viewport().repaint()
    on_show = view.table.rowAt(view.table.viewport().height() - 1) + 1
    assert 5 < on_show < 40 and len(set(worked_out)) == on_show
    worked_out.clear()

    view.table.viewport().repaint()
    view.table.viewport().repaint()

    assert worked_out == []
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)  # a new search: its rows are new
    view.table.viewport().repaint()
    assert len(worked_out) == on_show


def test_every_cell_answers_as_the_shared_table_model_does(view, qtbot):
    qtbot.keyClicks(view.search, "coffee")
    view.table.viewport().repaint()
    cells = [
        view.model.index(row, column)
        for row in range(view.model.rowCount())
        for column in range(view.model.columnCount())
    ]
    assert len(cells) == SERVICES * len(Column)
    for index in cells:
        for role in ROLES:
            assert view.model.data(index, role) == TableModel.data(view.model, index, role)


def test_the_results_take_most_of_the_width_so_service_names_are_read_whole(view, qtbot):
    """At 1280×720 the section is about 1,040 px wide: names are the longest column."""
    view.resize(1040, 560)
    qtbot.keyClicks(view.search, "coffee")
    details = view.details.parentWidget()  # the pane beside the results
    assert details is not view
    share = view.table.width() / (view.table.width() + details.width())
    assert 0.70 <= share <= 0.75
    assert details.width() >= 250  # the details still read as sentences
