"""The shared table model: blank cells are said, numbers align under their header, sorting."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from linkworker_desktop.ui.models.caseload_model import CaseloadModel
from linkworker_desktop.ui.models.directory_model import DirectoryModel
from linkworker_desktop.ui.models.sync_rounds_model import SyncRoundsModel
from linkworker_desktop.ui.models.table_model import (
    LEFT,
    RIGHT,
    ROW_ROLE,
    TableColumn,
    TableModel,
)
from linkworker_desktop.ui.models.today_model import TodayModel
from linkworker_desktop.ui.models.visits_model import Column as VisitColumn
from linkworker_desktop.ui.models.visits_model import VisitsModel

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
HORIZONTAL = Qt.Orientation.Horizontal


@dataclass(frozen=True)
class Group:
    name: str
    venue: str
    members: int | None


class GroupsModel(TableModel[Group]):
    columns = (
        TableColumn("Group", lambda g: g.name, tip=lambda g: f"About {g.name}"),
        TableColumn("Venue", lambda g: g.venue, header_tip="Where it meets"),
        TableColumn(
            "Members",
            lambda g: "" if g.members is None else str(g.members),
            numeric=True,
            sort_key=lambda g: g.members,
        ),
    )


GROUPS = [
    Group("Riverside choir", "Church hall", 24),
    Group("Walking for health", "", None),
    Group("Knit and natter", "   ", 9),
    Group("Men's shed", "Unit 4, Mill Lane", 31),
]


@pytest.fixture
def model(qapp):
    made = GroupsModel()
    made.tester = QAbstractItemModelTester(
        made, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    made.set_rows(GROUPS)
    return made


def test_a_blank_cell_is_said_as_blank_and_a_filled_one_as_shown(model):
    spoken = [model.index(row, 1).data(ACCESSIBLE) for row in range(model.rowCount())]
    assert spoken == ["Church hall", "blank", "blank", "Unit 4, Mill Lane"]
    assert model.index(1, 2).data(ACCESSIBLE) == "blank"
    assert model.index(1, 2).data() == ""
    assert model.index(0, 2).data(ACCESSIBLE) == "24"


def test_numbers_sit_right_under_a_right_aligned_header_and_words_left(model):
    assert model.index(0, 2).data(ALIGN) == RIGHT
    assert model.headerData(2, HORIZONTAL, ALIGN) == RIGHT
    assert model.index(0, 0).data(ALIGN) == LEFT
    assert model.headerData(0, HORIZONTAL, ALIGN) == LEFT
    assert [model.headerData(c, HORIZONTAL) for c in range(3)] == ["Group", "Venue", "Members"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_tips_and_the_row_itself_come_from_the_column(model):
    assert model.index(0, 0).data(TOOLTIP) == "About Riverside choir"
    assert model.index(0, 1).data(TOOLTIP) is None
    assert model.headerData(1, HORIZONTAL, TOOLTIP) == "Where it meets"
    assert model.index(3, 1).data(ROW_ROLE) is GROUPS[3]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Qt.SortOrder.AscendingOrder, ["Knit and natter", "Riverside choir", "Men's shed"]),
        (Qt.SortOrder.DescendingOrder, ["Men's shed", "Riverside choir", "Knit and natter"]),
    ],
)
def test_sorting_puts_blanks_last_either_way_and_the_selection_follows(model, order, expected):
    held = QPersistentModelIndex(model.index(0, 0))  # Riverside choir
    model.sort(2, order)
    names = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert names == [*expected, "Walking for health"]
    assert held.data() == "Riverside choir"
    assert held.row() == 1


def test_a_column_without_a_sort_value_leaves_the_order_alone(model):
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rows == GROUPS


def test_clear_and_position(model):
    assert model.position(lambda g: g.venue == "Unit 4, Mill Lane") == 3
    assert model.position(lambda g: g.name == "Bingo") is None
    model.clear()
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None


@pytest.mark.parametrize(
    "make", [CaseloadModel, TodayModel, VisitsModel, DirectoryModel, SyncRoundsModel]
)
def test_every_table_aligns_each_header_with_its_cells(qapp, make):
    model = make()
    aligned = [model.headerData(c, HORIZONTAL, ALIGN) for c in range(model.columnCount())]
    assert len(aligned) == model.columnCount() >= 5
    assert set(aligned) <= {LEFT, RIGHT}
    assert LEFT in aligned


def test_the_sessions_table_puts_minutes_under_right_aligned_headers(qapp):
    model = VisitsModel()
    assert model.headerData(VisitColumn.PLANNED, HORIZONTAL, ALIGN) == RIGHT
    assert model.headerData(VisitColumn.ACTUAL, HORIZONTAL, ALIGN) == RIGHT
    assert model.headerData(VisitColumn.WHEN, HORIZONTAL, ALIGN) == LEFT


class CountedGroups(GroupsModel):
    """Counts what a painted view asks Python for."""

    def __init__(self):
        super().__init__()
        self.asked: Counter[str] = Counter()

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        self.asked["rowCount"] += 1
        return super().rowCount(parent)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        self.asked["columnCount"] += 1
        return super().columnCount(parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.asked["data"] += 1
        return super().data(index, role)

    def fill_roles(self, position, column, roles):
        self.asked["cells"] += 1
        return super().fill_roles(position, column, roles)


def test_painting_asks_python_once_a_cell_and_never_for_the_counts(qtbot):
    """Qt's own ``index`` would ask Python for the row and column counts for every cell, and
    its ``multiData`` would call ``data`` once for each role a cell is painted with."""
    model = CountedGroups()
    model.set_rows(GROUPS)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    qtbot.waitUntil(lambda: model.asked["cells"] > 0)  # laid out and painted once
    model.asked.clear()
    view.viewport().repaint()
    assert model.asked["cells"] == len(GROUPS) * len(model.columns)  # every cell, once
    assert model.asked["data"] == 0
    assert model.asked["rowCount"] + model.asked["columnCount"] <= 4
    assert view.model().index(3, 2).data() == "31"  # one role asked alone still answers


def test_index_refuses_what_is_not_there(model):
    assert model.index(3, 2).isValid()
    assert model.index(3, 2).data() == "31"
    for row, column in ((4, 0), (-1, 0), (0, 3), (0, -1)):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(1, 0)).isValid()  # no row has children
