"""The caseload screen as a worker uses it: typing, filtering, opening, locking."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services.caseload import CaseloadRow
from linkworker_desktop.ui.dialogs.patient_dialog import PatientDialog
from linkworker_desktop.ui.models.caseload_model import CaseloadModel, Column
from linkworker_desktop.ui.views import caseload_view
from linkworker_desktop.ui.views.caseload_view import CaseloadView
from tests.ui.caseload_support import (  # noqa: F401
    DEMO_PATIENTS,
    demo_profile_fixture,
    fill_new_patient,
    service,
    unnamed_controls,
    unused_nhs_number,
)


@pytest.fixture
def view(qtbot, demo_profile):
    view = CaseloadView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.set_profile(demo_profile)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown_ids(view: CaseloadView) -> set[str]:
    return {row.patient_id for row in view.proxy.shown_rows()}


def open_dialogs(view: CaseloadView) -> list[PatientDialog]:
    return [d for d in view.findChildren(PatientDialog) if d.isVisible()]


def test_shows_the_whole_caseload_with_a_count(view):
    assert view.model.rowCount() == DEMO_PATIENTS
    assert view.count.text() == f"{DEMO_PATIENTS} patients"
    assert view.search.placeholderText() == "Search name or NHS number"


def test_search_as_you_type_by_surname(qtbot, view, demo_profile):
    surname = view.model.row_at(0).name.split(",")[0]
    qtbot.keyClicks(view.search, surname[:4].lower())
    expected = {row.patient_id for row in service(demo_profile).search(surname[:4])}
    assert shown_ids(view) == expected
    assert view.count.text() == f"{len(expected)} of {DEMO_PATIENTS} patients"


def test_search_by_nhs_number_with_spaces(qtbot, view):
    digits = view.model.row_at(7).nhs_number
    qtbot.keyClicks(view.search, f"{digits[:3]} {digits[3:6]} {digits[6:]}")
    assert [row.nhs_number for row in view.proxy.shown_rows()] == [digits]
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == ""
    assert view.proxy.rowCount() == DEMO_PATIENTS


def test_status_and_overdue_filters_match_the_service(view, demo_profile):
    view.status.setCurrentIndex(view.status.findData(ReferralStatus.ACTIVE.value))
    assert shown_ids(view) == {
        row.patient_id for row in service(demo_profile).search(status=ReferralStatus.ACTIVE)
    }
    view.status.setCurrentIndex(0)
    view.overdue.setChecked(True)
    expected = {row.patient_id for row in service(demo_profile).search(overdue_only=True)}
    assert shown_ids(view) == expected
    assert view.count.text().startswith(f"{len(expected)} of")


def test_keyboard_shortcuts(qtbot, view):
    view.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClick(view.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = open_dialogs(view)
    assert len(dialogs) == 1 and not dialogs[0].editing


def test_enter_opens_the_selected_patient(qtbot, view):
    view.activateWindow()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(4, 0))
    wanted = view.proxy.row_at(4)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialogs = open_dialogs(view)
    assert len(dialogs) == 1
    assert dialogs[0].original.id == wanted.patient_id
    assert dialogs[0].form.slots["family_name"].widget.text() == wanted.name.split(",")[0]


def test_lock_empties_the_table_and_unlock_refills_it(view, demo_profile):
    view.set_profile(None)
    assert view.model.rowCount() == 0
    assert view.proxy.rowCount() == 0
    assert view.count.text() == "The caseload is locked."
    assert not view.add_button.isEnabled()
    view.set_profile(demo_profile)
    assert view.model.rowCount() == DEMO_PATIENTS
    assert view.add_button.isEnabled()


def test_refresh_keeps_sort_and_selection(view):
    view.table.sortByColumn(Column.DAYS_WAITING, Qt.SortOrder.DescendingOrder)
    view.table.setCurrentIndex(view.proxy.index(3, 0))
    chosen = view.current_patient_id()
    view.refresh()
    assert view.current_patient_id() == chosen
    days = [row.days_waiting for row in view.model.rows if row.days_waiting is not None]
    assert days == sorted(days, reverse=True)


def test_adding_a_patient_refreshes_and_selects_them(qtbot, view, demo_profile):
    dialog = view.add_patient()
    number = unused_nhs_number(demo_profile)
    fill_new_patient(dialog, number, family="Zephyrine")
    with qtbot.waitSignal(view.changed):
        dialog.save_button.click()
    assert view.model.rowCount() == DEMO_PATIENTS + 1
    assert view.proxy.row_at(view.table.currentIndex().row()).nhs_number == number
    assert view.count.text() == f"{DEMO_PATIENTS + 1} patients"
    assert view.table.hasFocus()  # on the new patient: Enter opens their record


def test_every_control_has_an_accessible_name(view):
    assert unnamed_controls(view) == []
    assert view.table.accessibleName() == "Caseload"


def test_the_selected_patient_stays_selected_while_a_search_still_shows_them(qtbot, view):
    row = view.model.row_at(4)
    target = view.table.visualRect(view.proxy.index(4, Column.NAME)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert view.current_patient_id() == row.patient_id
    nhs = row.nhs_number

    qtbot.keyClicks(view.search, nhs[:6])  # still shows them, among others or alone
    assert row.patient_id in shown_ids(view)
    assert view.current_patient_id() == row.patient_id
    assert [r.patient_id for r in view.proxy.shown_rows()][view.table.currentIndex().row()] == (
        row.patient_id
    )

    qtbot.keyClicks(view.search, "zzzz")  # nobody matches
    assert view.proxy.rowCount() == 0
    assert view.current_patient_id() is None

    for _ in range(4):
        qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    assert view.search.text() == nhs[:6]
    assert view.proxy.rowCount() >= 1


def test_a_reload_in_name_order_is_not_sorted_twice(qtbot, view, monkeypatch):
    sorted_again = []
    original = caseload_view.sort_order

    def counting(rows, column, descending=False):
        sorted_again.append((column, descending))
        return original(rows, column, descending)

    monkeypatch.setattr(caseload_view, "sort_order", counting)
    view.refresh()
    assert sorted_again == []  # the service's rows come in name order
    names = [row.sort_key for row in view.model.rows]
    assert names == sorted(names) and len(names) == DEMO_PATIENTS

    header = view.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(Column.DAYS_WAITING) + 5, header.height() // 2),
    )
    assert header.sortIndicatorSection() == Column.DAYS_WAITING
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    view.refresh()
    assert sorted_again == [(Column.DAYS_WAITING, False)]


def text_gap(table, row: int, column: int) -> int:
    """Pixels between the end of a cell's painted text and the cell's right edge."""
    rect = table.visualRect(table.model().index(row, column))
    image = table.viewport().grab().toImage()
    background = image.pixelColor(rect.right() - 1, rect.top() + 1)
    inked = [
        x
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
        if image.pixelColor(x, y) != background
    ]
    assert inked, "the cell shows nothing"
    return rect.right() - max(inked)


def test_numbers_keep_their_room_on_the_right_without_a_style_sheet(qtbot, view):
    """A style sheet would make Qt paint every cell through its slow style-sheet engine."""
    assert not view.table.style().inherits("QStyleSheetStyle")
    assert view.table.styleSheet() == ""
    row = next(i for i, r in enumerate(view.model.rows[:10]) if r.days_waiting is not None)
    gap = text_gap(view.table, row, Column.DAYS_WAITING)
    assert gap >= caseload_view._ITEM_PADDING
    view.table.setStyle(QApplication.style())  # the same table with no room kept
    assert text_gap(view.table, row, Column.DAYS_WAITING) < caseload_view._ITEM_PADDING <= gap


def test_a_repaint_asks_the_model_once_a_cell_for_all_its_roles(qtbot, view, monkeypatch):
    """Qt's proxy would ask the model once for each of the seven roles a painted cell needs."""
    asked = {"data": 0, "cells": 0}
    data, fill = CaseloadModel.data, CaseloadModel.fill_roles

    def counted_data(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked["data"] += 1
        return data(self, index, role)

    def counted_fill(self, position, column, roles):
        asked["cells"] += 1
        return fill(self, position, column, roles)

    monkeypatch.setattr(CaseloadModel, "data", counted_data)
    monkeypatch.setattr(CaseloadModel, "fill_roles", counted_fill)
    view.table.viewport().repaint()
    visible = view.table.rowAt(view.table.viewport().height() - 1) + 1 or view.proxy.rowCount()
    assert asked["cells"] >= visible * len(Column)
    assert asked["data"] == 0


def test_numbers_are_painted_on_the_right_of_their_cells_and_names_on_the_left(view):
    row = next(i for i, r in enumerate(view.model.rows[:10]) if r.days_waiting is not None)
    for column, right in ((Column.DAYS_WAITING, True), (Column.NAME, False)):
        rect = view.table.visualRect(view.proxy.index(row, column))
        image = view.table.viewport().grab().toImage()
        background = image.pixelColor(rect.right() - 1, rect.top() + 1)
        inked = [
            x
            for x in range(rect.left(), rect.right() + 1)
            for y in range(rect.top(), rect.bottom() + 1)
            if image.pixelColor(x, y) != background
        ]
        assert inked
        assert (min(inked) > rect.center().x()) is right


def test_locking_after_a_search_keeps_no_patient_in_memory(qtbot, view):
    """The answers kept for deleting a letter go with the rows when the caseload locks."""
    surname = view.model.row_at(3).name.split(",")[0]
    qtbot.keyClicks(view.search, surname[:3])
    qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
    assert 0 < view.proxy.rowCount() < DEMO_PATIENTS
    ours = {row.patient_id for row in view.model.all_rows}  # ids only: no row is held here
    view.set_profile(None)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, CaseloadRow) and o.patient_id in ours]
    assert alive == []
    assert len(ours) == DEMO_PATIENTS
    assert view.proxy.rowCount() == 0


def test_typing_deleting_and_retyping_shows_what_a_fresh_search_finds(qtbot, view, demo_profile):
    """Narrowed and remembered answers, through real key presses, equal a search from scratch."""
    surname = view.proxy.row_at(5).name.split(",")[0].lower()
    steps = [("type", surname[0]), ("type", surname[1]), ("type", surname[2]), ("back", None),
             ("back", None), ("type", "q"), ("back", None), ("type", surname[1])]  # fmt: skip
    checked = 0
    for action, key in steps:
        if action == "type":
            qtbot.keyClicks(view.search, key)
        else:
            qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
        expected = {row.patient_id for row in service(demo_profile).search(view.search.text())}
        assert shown_ids(view) == expected
        checked += 1
    assert checked == len(steps) == 8
    assert view.search.text() == surname[:2]
