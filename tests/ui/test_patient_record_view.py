"""The patient record over a real demo caseload: header, tabs, dialogs, and the lock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.goals import GoalService
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.models.session_words import change_text
from linkworker_desktop.ui.models.visits_model import Column
from linkworker_desktop.ui.views.patient_record_view import LOCKED_TEXT, PatientRecordView
from tests.ui.record_helpers import add_person, at, discharged_with_results, unnamed_controls

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def demo(open_profile):
    add_demo_caseload(open_profile, 40)
    return open_profile


def make_view(qtbot, profile_getter, patient_id):
    view = PatientRecordView(profile_getter, patient_id)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    return view


@pytest.fixture
def discharged(qtbot, demo):
    return make_view(qtbot, lambda: demo, discharged_with_results(demo))


def column_texts(model, column):
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_header_names_the_patient_and_where_support_stands(discharged, demo):
    patient = CaseloadService(demo).patient(discharged.patient_id)
    header = discharged.header
    assert header.name.text() == patient.display_name
    facts = header.facts.text()
    assert f"NHS number {format_nhs_number(patient.nhs_number)}" in facts
    assert f"Age {patient.age_on(date.today())}" in facts
    assert "Referral: Discharged" in facts
    assert "Initial session and " in facts and " of 5 follow-ups used" in facts


def test_the_summary_shows_key_details_and_no_booking_on_a_closed_referral(discharged):
    summary = discharged.summary
    assert summary.about_form.rowCount() >= 4
    labels = [
        summary.referral_form.itemAt(r, summary.referral_form.ItemRole.LabelRole).widget().text()
        for r in range(summary.referral_form.rowCount())
    ]
    assert "Referred on:" in labels and "Status:" in labels
    assert not summary.book_button.isEnabled()
    assert not summary.discharge_button.isEnabled()
    assert "closed" in summary.closed_note.text()


def test_the_sessions_tab_lists_history_with_planned_and_actual_minutes(discharged, demo):
    model = discharged.sessions.model
    appointments = AppointmentService(demo).for_patient(discharged.patient_id)
    assert model.rowCount() == len(appointments) >= 2
    assert set(column_texts(model, Column.ATTENDANCE)) == {"Attended"}
    assert "Initial session" in column_texts(model, Column.SESSION)
    assert all(t.endswith(" min") for t in column_texts(model, Column.ACTUAL))
    assert column_texts(model, Column.PLANNED)[-1] == "45 min"  # newest first: initial last
    notes = discharged.sessions.notes.toPlainText()
    assert model.visit(0).label in notes
    assert "planned" in notes


def test_notes_of_the_selected_session_show_with_their_stage_titles(discharged):
    tab = discharged.sessions
    last = tab.model.rowCount() - 1
    tab.select_row(last)  # the initial session
    text = tab.notes.toPlainText()
    assert "What matters to me" in text
    assert text.index("Welcome and consent") < text.index("Agree goals") < text.index("Next steps")
    assert "Explained the service" in text


def test_did_not_attend_cancelled_and_addenda_appear(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 41, "Sasha")
    service = AppointmentService(open_profile)
    day = date.today() - timedelta(days=8)  # after the referral, ten days ago
    missed = service.book(referral_id, at(day, 10), past_confirmed=True)
    service.did_not_attend(missed)
    dropped = service.book(referral_id, at(day + timedelta(days=2), 10), past_confirmed=True)
    service.cancel(dropped, "Unwell")
    held = service.book(
        referral_id,
        datetime.now().replace(microsecond=0) - timedelta(hours=2),
        past_confirmed=True,
    )
    sessions = SessionService(open_profile)
    state = sessions.start(held)
    sessions.end(state.session_id, {"welcome": 300, "what_matters": 600})
    sessions.add_addendum(state.session_id, "Phone number corrected afterwards.")
    view = make_view(qtbot, lambda: open_profile, patient_id)
    attendance = column_texts(view.sessions.model, Column.ATTENDANCE)
    assert attendance == ["Attended", "Cancelled (Unwell)", "Did not attend"]
    assert column_texts(view.sessions.model, Column.ACTUAL) == ["15 min", "–", "–"]
    notes = view.sessions.notes.toPlainText()
    assert "Addendum by Sam Patel" in notes
    assert "Phone number corrected afterwards." in notes
    view.sessions.select_row(2)
    assert "not held" in view.sessions.notes.toPlainText()


def test_the_visits_model_passes_the_model_tester(qtmodeltester, discharged):
    model = discharged.sessions.model
    qtmodeltester.check(model)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    visits = list(model.visits)
    model.clear()
    model.set_visits(visits[:1])
    qtmodeltester.check(model)
    assert tester.failureReportingMode() == QAbstractItemModelTester.FailureReportingMode.Fatal


def test_the_measures_tab_shows_change_in_words_chart_and_table(discharged, demo):
    boxes = {b.history.measure_id: b for b in discharged.measures.boxes}
    # The demo's discharges also have the Friends and Family Test and GP appointment counts.
    assert set(boxes) == {"ons4", "fft", "gp_appointments"}
    box = boxes["ons4"]
    changes = MeasureService(demo).change(discharged.patient_id, "ons4")
    assert changes
    for change in changes:
        assert change_text(change) in box.change.text()
    assert box.change.text().startswith("From ")
    assert any(w in box.change.text() for w in ("(better)", "(worse)", "(no change)"))
    results = MeasureService(demo).results(discharged.patient_id, "ons4")
    assert box.table.rowCount() == len(results)
    first = results[0].score.values[0]
    assert f"Life satisfaction: {first.value:g} on" in box.chart.accessibleDescription()
    assert "Anxiety (lower is better)" in box.chart.accessibleDescription()
    assert (box.chart.y_min, box.chart.y_max) == (0, 10)


def test_an_incomplete_result_is_listed_as_incomplete_not_charted(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 42)
    service = MeasureService(open_profile)
    answers = {"life_satisfaction": 5, "worthwhile": 6, "happiness": 4, "anxiety": 7}
    service.record(patient_id, "ons4", answers, "baseline", referral_id)
    service.record(patient_id, "ons4", dict(answers, anxiety=None), "review", referral_id)
    view = make_view(qtbot, lambda: open_profile, patient_id)
    box = view.measures.boxes[0]
    assert box.table.item(1, 2).text().startswith("Incomplete: 1 of 4 questions not answered")
    assert box.chart.summary().count(" on ") == 4  # one point per score, from the complete one
    assert "One complete result so far" in box.change.text()


def test_the_goals_tab_shows_latest_rating_and_history(discharged, demo):
    goals = GoalService(demo).goals(discharged.patient_id)
    tree = discharged.goals.tree
    assert tree.topLevelItemCount() == len(goals) >= 1
    item = tree.topLevelItem(0)
    assert item.text(0) == goals[0].description
    assert item.text(2) == f"{goals[0].latest_rating} of 10"
    assert item.childCount() == len(goals[0].ratings)
    assert " → " in item.text(3)


def test_locking_empties_everything_and_unlocking_restores_it(discharged, demo):
    name = discharged.header.name.text()
    discharged.set_profile(None)
    assert discharged.data is None
    assert discharged.header.name.text() == ""
    assert discharged.sessions.model.rowCount() == 0
    assert discharged.measures.boxes == []
    assert discharged.goals.tree.topLevelItemCount() == 0
    assert discharged.summary.about_form.rowCount() == 0
    assert discharged.message.text() == LOCKED_TEXT
    assert discharged.pages.currentWidget() is discharged.message
    discharged.set_profile(demo)
    assert discharged.header.name.text() == name


def test_book_session_opens_the_dialog_and_the_record_refreshes(qtbot, open_profile):
    patient_id, referral_id = add_person(open_profile, 43, "Quinn")
    view = make_view(qtbot, lambda: open_profile, patient_id)
    assert view.summary.book_button.isEnabled()
    qtbot.mouseClick(view.summary.book_button, LEFT)
    dialog = view.dialog
    assert isinstance(dialog, BookDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    with qtbot.waitSignal(view.record_changed) as signal:
        qtbot.mouseClick(dialog.book_button, LEFT)
    assert signal.args == [patient_id]
    assert view.sessions.model.rowCount() == 1
    assert column_texts(view.sessions.model, Column.ATTENDANCE) == ["Booked"]
    assert "Referral: Contacted" in view.header.facts.text()


def test_discharge_opens_the_dialog_and_closes_the_referral(qtbot, open_profile):
    patient_id, _referral_id = add_person(open_profile, 44, "Quinn")
    view = make_view(qtbot, lambda: open_profile, patient_id)
    qtbot.mouseClick(view.summary.discharge_button, LEFT)
    dialog = view.dialog
    assert isinstance(dialog, DischargeDialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData("goals_met"))
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert "Referral: Discharged" in view.header.facts.text()
    assert not view.summary.book_button.isEnabled()
    rows = view.summary.referral_form
    values = [
        rows.itemAt(r, rows.ItemRole.FieldRole).widget().text() for r in range(rows.rowCount())
    ]
    assert any(v.startswith("Goals met on ") for v in values)


def test_tabs_and_controls_are_named_for_keyboard_and_screen_reader(discharged):
    titles = [discharged.tabs.tabText(i) for i in range(discharged.tabs.count())]
    assert titles == ["&Summary", "Sess&ions", "&Measures", "G&oals"]
    for index in range(discharged.tabs.count()):
        discharged.tabs.setCurrentIndex(index)
        assert unnamed_controls(discharged) == []
    assert discharged.measures.boxes[0].chart.focusPolicy() & Qt.FocusPolicy.TabFocus
