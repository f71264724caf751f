"""The caseload table model: what each column says, how it sorts, and Qt's model contract."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from linkworker_desktop.ui.models.caseload_model import CaseloadModel, Column, Role
from linkworker_desktop.ui.models.display import format_date
from tests.ui.caseload_support import demo_profile_fixture, sample_rows, service  # noqa: F401

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def model(qapp):
    model = CaseloadModel()
    model.tester = QAbstractItemModelTester(model, FATAL)
    return model


def texts(model: CaseloadModel, column: Column) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_contract_holds_through_set_rows_sort_and_clear(model, demo_profile):
    rows = service(demo_profile).rows()
    model.set_rows(rows)
    assert model.rowCount() == len(rows) > 0
    for column in Column:
        model.sort(column, Qt.SortOrder.DescendingOrder)
        model.sort(column, Qt.SortOrder.AscendingOrder)
    model.clear()
    assert model.rowCount() == 0
    model.set_rows(rows[:5])
    assert model.rowCount() == 5


def test_columns_show_words_not_codes(model):
    model.set_rows(sample_rows())
    first = model.row_at(0)
    assert model.columnCount() == len(Column) == 7
    assert model.headerData(Column.NHS_NUMBER, Qt.Orientation.Horizontal) == "NHS number"
    nhs = model.index(0, Column.NHS_NUMBER).data()
    assert nhs == f"{first.nhs_number[:3]} {first.nhs_number[3:6]} {first.nhs_number[6:]}"
    assert model.index(0, Column.REFERRAL_DATE).data() == "05 Jan 2026"
    assert texts(model, Column.STATUS) == [
        "New (overdue)",
        "Active",
        "Discharged",
        "No referral",
        "Contacted",
    ]
    assert model.index(1, Column.NEXT_SESSION).data().startswith("01 Feb 2026")
    assert model.index(2, Column.DAYS_WAITING).data() == ""


def test_overdue_is_said_in_words_for_every_column(model):
    model.set_rows(sample_rows())
    for column in Column:
        tip = model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == "Overdue: Not contacted within 14 days."
        assert model.index(1, column).data(Qt.ItemDataRole.ToolTipRole) is None
    spoken = model.index(0, Column.STATUS).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "overdue" in spoken and "Not contacted within 14 days" in spoken
    assert model.index(0, Column.STATUS).data(Role.OVERDUE) is True
    assert model.index(0, Column.STATUS).data(Qt.ItemDataRole.DecorationRole) is not None


def test_numbers_align_right_and_roles_give_values(model):
    model.set_rows(sample_rows())
    right = model.index(0, Column.DAYS_WAITING).data(Qt.ItemDataRole.TextAlignmentRole)
    left = model.index(0, Column.NAME).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(right) & Qt.AlignmentFlag.AlignRight
    assert Qt.AlignmentFlag(left) & Qt.AlignmentFlag.AlignLeft
    assert model.index(0, Column.NAME).data(Role.ROW) is model.row_at(0)
    assert model.index(0, Column.DAYS_WAITING).data(Role.SORT_KEY) == 20
    assert model.index(0, Column.NAME).data(Role.PATIENT_ID) == "id-Okafor, Ada"


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_sort_by_value_with_blanks_last(model, order):
    model.set_rows(sample_rows())
    model.sort(Column.DAYS_WAITING, order)
    days = [row.days_waiting for row in model.rows]
    present = [d for d in days if d is not None]
    assert present == sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)
    assert days[len(present) :] == [None] * (len(days) - len(present))


def test_dates_sort_as_dates_not_as_text(model):
    model.set_rows(sample_rows())
    model.sort(Column.REFERRAL_DATE)
    dates = [row.referral_date for row in model.rows if row.referral_date]
    assert dates == sorted(dates)
    # As text, "30 Nov 2025" would come after "05 Jan 2026".
    assert format_date(dates[0]) == "30 Nov 2025"


def test_sort_moves_the_selected_row_with_it(model):
    model.set_rows(sample_rows())
    held = QPersistentModelIndex(model.index(0, Column.NAME))  # Okafor
    model.sort(Column.NAME)
    assert held.data() == "Okafor, Ada"
    assert held.row() == [row.name for row in model.rows].index("Okafor, Ada")


def test_dates_read_the_same_in_any_locale():
    from datetime import date

    assert format_date(date(2026, 3, 5)) == "05 Mar 2026"
    assert format_date(None) == ""


def test_alerts_show_as_an_icon_by_the_name_and_are_read_in_words(model):
    rows = sample_rows()
    rows[1] = dataclasses.replace(rows[1], alerts=("Do not visit alone", "Interpreter needed"))
    model.set_rows(rows)
    cell = model.index(1, Column.NAME)
    assert cell.data() == rows[1].name
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == (
        f"{rows[1].name}, alerts: Do not visit alone, Interpreter needed"
    )
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "Alerts on the record: Do not visit alone, Interpreter needed."
    )
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    quiet = model.index(2, Column.NAME)
    assert quiet.data(Qt.ItemDataRole.AccessibleTextRole) == rows[2].name
    assert quiet.data(Qt.ItemDataRole.DecorationRole) is None
    overdue_and_alert = dataclasses.replace(rows[0], alerts=("Aggressive dog",))
    model.set_rows([overdue_and_alert])
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole) == (
        "Alerts on the record: Aggressive dog. Overdue: Not contacted within 14 days."
    )
