"""The Today table model under Qt's model tester, over a real day from the demo caseload."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from linkworker_desktop.domain.appointments import AppointmentStatus
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.ui.models.today_model import Column, Role, TodayModel, status_text
from tests.support.demo_day import DEMO_DAY

ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


@pytest.fixture
def entries(open_profile):
    add_demo_caseload(open_profile, 40, today=DEMO_DAY)
    found = AppointmentService(open_profile).day(DEMO_DAY)
    assert len(found) >= 3
    return found


@pytest.fixture
def model(qtbot, entries):
    model = TodayModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_entries(entries)
    model.tester = tester  # kept alive: it checks every later change to the model
    return model


def test_the_model_passes_the_model_tester_through_resets(qtmodeltester, model, entries):
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    model.set_entries(entries[:2])
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_columns_are_named_in_order(model):
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["Time", "Patient", "Session", "How", "Place", "Status", "Alerts", "Prepare"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_cells_word_the_session(model, entries):
    first = entries[0]
    text = {c: model.index(0, c).data() for c in Column}
    start = first.starts_at
    assert text[Column.TIME].startswith(f"{start:%H:%M}–")
    assert text[Column.PATIENT] == first.patient_name
    assert text[Column.SESSION] == first.label
    assert text[Column.SESSION] == "Initial session" or " of " in text[Column.SESSION]
    assert text[Column.MODE] == first.mode.label
    assert text[Column.STATUS] == "Booked"
    assert model.index(0, 0).data(Role.APPOINTMENT_ID) == first.appointment_id
    assert model.index(0, 3).data(Role.ENTRY) is first


def test_accessible_text_gives_the_nhs_number_and_never_a_blank(model, entries):
    number = entries[0].nhs_number
    spoken = model.index(0, Column.PATIENT).data(ACCESSIBLE)
    assert f"{number[:3]} {number[3:6]} {number[6:]}" in spoken
    for row in range(model.rowCount()):
        for column in Column:
            assert model.index(row, column).data(ACCESSIBLE).strip()


def test_prepare_notes_are_shown_whole_in_the_tooltip(model, entries):
    row = next(i for i, e in enumerate(entries) if e.prepare_notes)
    assert model.index(row, Column.PREPARE).data() == entries[row].prepare_notes
    tip = model.index(row, Column.PREPARE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == entries[row].prepare_notes


def test_status_words_say_when_a_session_has_started(entries):
    started = replace(entries[0], has_session=True)
    assert status_text(started) == "Started"
    missed = replace(entries[0], status=AppointmentStatus.DID_NOT_ATTEND)
    assert status_text(missed) == "Did not attend"


def test_row_of_finds_an_appointment(model, entries):
    assert model.row_of(entries[-1].appointment_id) == len(entries) - 1
    assert model.row_of("no-such-id") is None


def test_alerts_show_as_an_icon_and_their_words_and_are_read_aloud(model, entries):
    marked = replace(
        entries[1], alerts=(("Do not visit alone", "Threats."), ("Interpreter needed", "Farsi."))
    )
    model.set_entries([entries[0], marked])
    cell = model.index(1, Column.ALERTS)
    assert cell.data() == "Do not visit alone, Interpreter needed"
    assert cell.data(ACCESSIBLE) == "Alerts: Do not visit alone, Interpreter needed"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "Do not visit alone: Threats.\nInterpreter needed: Farsi."
    )
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
    quiet = model.index(0, Column.ALERTS)
    assert quiet.data(ACCESSIBLE) == "no alerts"
    assert quiet.data(Qt.ItemDataRole.DecorationRole) is None
