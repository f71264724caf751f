"""The Directory screen: search as you type, filters, connect a patient, report, add local."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services import demo
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.ui.models.directory_model import Column
from linkworker_desktop.ui.views.directory_view import DirectoryView


@pytest.fixture
def view(qtbot, open_profile):
    demo.add_demo_caseload(open_profile, 40)
    holder = {"profile": open_profile}
    widget = DirectoryView(lambda: holder["profile"])
    qtbot.addWidget(widget)
    widget.tester = QAbstractItemModelTester(
        widget.model, QAbstractItemModelTester.FailureReportingMode.Fatal, widget
    )
    widget.set_profile(open_profile)
    widget.holder = holder
    return widget


def _row_of(view, service_id):
    return next(
        r for r in range(view.model.rowCount()) if view.model.hit(r).service.id == service_id
    )


def test_search_as_you_type_narrows_the_results(view, qtbot):
    everything = view.model.rowCount()
    qtbot.keyClicks(view.search, "coff")
    assert 0 < view.model.rowCount() < everything
    names = [view.model.hit(r).service.name for r in range(view.model.rowCount())]
    assert all("offee" in n for n in names)
    assert view.count.text() == f"{len(names)} result{'s' if len(names) != 1 else ''}"


def test_fts_characters_in_the_search_box_do_not_break_it(view, qtbot):
    qtbot.keyClicks(view.search, '"walk* NEAR(')
    assert view.message.text() == ""


def test_unknown_postcode_is_explained(view, qtbot):
    qtbot.keyClicks(view.near, "ZZ9 9ZZ")
    assert "No location is known" in view.message.text()
    assert view.model.rowCount() == 0


def test_free_and_category_filters(view, qtbot):
    everything = view.model.rowCount()
    qtbot.mouseClick(view.free, Qt.MouseButton.LeftButton)
    assert view.free.isChecked()
    assert 0 < view.model.rowCount() < everything  # the demo directory has paid groups too
    assert all(view.model.hit(r).service.free for r in range(view.model.rowCount()))
    view.category.setCurrentIndex(view.category.findText("Money and debt"))
    assert view.model.rowCount() > 0
    assert all(
        "Money and debt" in view.model.hit(r).service.categories
        for r in range(view.model.rowCount())
    )


def test_selecting_shows_details_and_connecting_a_patient_records_it(view, open_profile):
    view.table.selectRow(0)
    hit = view.selected()
    assert hit.service.name in view.details.toPlainText()
    patient = next(
        r for r in CaseloadService(open_profile).rows() if r.status == ReferralStatus.ACTIVE
    )
    dialog = view.connect_patient(patient.patient_id)
    assert dialog.patient.currentData() == patient.patient_id
    dialog.try_save()
    connections = Directory(open_profile).connections(patient.patient_id)
    assert hit.service.id in [c["service_id"] for c in connections]


def test_report_confirmed_then_closed(view, open_profile):
    view.table.selectRow(0)
    service_id = view.selected().service.id
    assert view.report("confirmed")
    view.table.selectRow(_row_of(view, service_id))
    assert view.report("closed", notes="The hall was sold")
    kinds = [
        r[0]
        for r in open_profile.conn.execute(
            "SELECT kind FROM directory_reports WHERE service_id = ? ORDER BY created_at",
            (service_id,),
        )
    ]
    assert kinds == ["confirmed", "closed"]


def test_add_local_group(view, qtbot):
    dialog = view.add_local()
    qtbot.keyClicks(dialog.name, "St Luke's lunch club")
    dialog.try_save()
    assert not dialog.isVisible()
    view.search.setText("luke")
    assert view.model.rowCount() == 1
    assert view.model.hit(0).service.source == "local"


def test_locking_clears_the_results(view):
    view.table.selectRow(0)
    view.set_profile(None)
    assert view.model.rowCount() == 0
    assert view.details.toPlainText() == ""


def _tab_to_results(qtbot, view) -> None:
    """From the search box, Tab until the results list has the keyboard focus."""
    for _ in range(30):
        if QApplication.focusWidget() is view.table:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the results")


def test_tab_into_the_results_selects_the_first_so_connect_can_act(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "coff")
    first = view.model.hit(0).service.name
    assert view.model.rowCount() >= 1 and not view.connect_button.isEnabled()
    _tab_to_results(qtbot, view)
    assert [r.row() for r in view.table.selectionModel().selectedRows()] == [0]
    assert view.selected().service.name == first
    assert view.connect_button.isEnabled()
    assert first in view.details.toPlainText()


def test_tab_into_empty_results_selects_nothing(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "no such group anywhere")
    assert view.model.rowCount() == 0
    _tab_to_results(qtbot, view)
    assert view.selected() is None
    assert not view.connect_button.isEnabled()


def test_tab_leaves_the_results_in_one_press_and_arrows_move_within(view, qtbot):
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    assert view.model.rowCount() > 3
    view.search.setFocus()
    _tab_to_results(qtbot, view)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    assert view.table.currentIndex().row() == 1
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.details
    for _ in range(20):  # any links in the details, then on
        if QApplication.focusWidget() is not view.details:
            break
        qtbot.keyClick(view.details, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.connect_button
    view.details.setFocus()
    qtbot.keyClick(view.details, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is view.access


def test_empty_cells_are_read_as_blank(view):
    text = Qt.ItemDataRole.AccessibleTextRole
    row = next(
        r for r in range(view.model.rowCount()) if view.model.hit(r).service.source != "local"
    )
    hit = view.model.hit(row)
    assert hit.distance_km is None  # no postcode given, so no distance is shown
    distance = view.model.index(row, Column.DISTANCE)
    assert view.model.data(distance) == ""
    assert view.model.data(distance, text) == "blank"
    name = view.model.index(row, Column.NAME)
    assert view.model.data(name, text) == hit.service.name != ""


def _shown(view, qtbot) -> None:
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)


def test_the_meets_at_time_is_one_tab_stop_typed_as_a_time(view, qtbot):
    _shown(view, qtbot)
    view.use_time.setFocus()
    qtbot.keyClick(view.use_time, Qt.Key.Key_Space)
    assert view.use_time.isChecked()
    qtbot.keyClick(view.use_time, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.time
    qtbot.keyClick(view.time, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.time, "25:99")
    qtbot.keyClick(view.time, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.free  # one press leaves the time
    assert view.time.text() == "25:99"  # kept as typed, and said
    assert view.message.text() == f"Meets at: {view.time.problem()}"
    assert view.time.problem() and view.model.rowCount() == 0


def test_a_local_group_is_saved_with_the_times_typed(view, qtbot, open_profile):
    _shown(view, qtbot)
    dialog = view.add_local()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.name, "St Luke's supper club")
    dialog.day.setFocus()
    qtbot.keyClick(dialog.day, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.opens
    qtbot.keyClick(dialog.opens, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.opens, "7pm")
    qtbot.keyClick(dialog.opens, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.closes
    qtbot.keyClick(dialog.closes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.closes, "2130")
    qtbot.keyClick(dialog.closes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.free
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.keyClicks(view.search, "supper")
    assert view.model.rowCount() == 1
    schedule = view.model.hit(0).service.schedules[0]
    assert (schedule.opens_at, schedule.closes_at) == (time(19, 0), time(21, 30))


def test_a_local_group_time_that_cannot_be_read_is_said_and_nothing_saved(view, qtbot):
    dialog = view.add_local()
    qtbot.keyClicks(dialog.name, "St Luke's breakfast club")
    qtbot.keyClick(dialog.opens, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.opens, "half eight")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Not saved: ")
    assert f"Starts at: {dialog.opens.problem()}" in dialog.problem.text()
    assert dialog.opens.text() == "half eight"
    qtbot.keyClicks(view.search, "breakfast")
    assert view.model.rowCount() == 0
