"""The Friends and Family Test is offered in the discharge dialog and saved with the discharge."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.reports import Period, ReportSettings, build_report
from linkworker_desktop.ui.dialogs.discharge_dialog import DischargeDialog
from linkworker_desktop.ui.widgets.measure_form import MeasureForm
from tests.support.report_caseload import GENERATED_AT
from tests.ui.record_helpers import add_person

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def person(open_profile):
    patient_id, referral_id = add_person(open_profile, 31, "Riley")
    return patient_id, referral_id, []


@pytest.fixture
def dialog(qtbot, open_profile, person):
    widget = DischargeDialog(lambda: open_profile, person[0], person[1], patient_name="Riley")
    qtbot.addWidget(widget)
    widget.open()
    return widget


def fft_rows(profile, patient_id):
    return [
        (timepoint, json.loads(answers), referral_id)
        for timepoint, answers, referral_id in profile.conn.execute(
            "SELECT timepoint, answers, referral_id FROM measure_results"
            " WHERE patient_id = ? AND measure_id = 'fft'",
            (patient_id,),
        )
    ]


def test_the_fft_is_asked_from_its_button_and_saved_with_the_discharge(
    qtbot,
    dialog,
    open_profile,
    person,
):
    patient_id, referral_id, _booked = person
    said = QAccessible.queryAccessibleInterface(dialog.feedback_button).text(QAccessible.Text.Name)
    assert said == "Ask the Friends and Family Test"
    qtbot.mouseClick(dialog.feedback_button, LEFT)
    form = dialog.feedback_form
    assert isinstance(form, MeasureForm) and form.isVisibleTo(dialog)
    good = form.groups["experience"].button(2)
    assert good.text() == "2 – Good"
    qtbot.mouseClick(good, LEFT)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Goals")
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert fft_rows(open_profile, patient_id) == [("discharge", {"experience": 2}, referral_id)]
    today = date.today()
    report = build_report(
        open_profile.conn,
        Period(today, today),
        settings=ReportSettings(zone=LONDON),
        generated_at=GENERATED_AT,
    )
    assert report.figures["satisfaction"]["responses"] == 1
    assert report.figures["satisfaction"]["good_pct"] == 100.0


def test_alt_f_opens_the_fft_and_unanswered_it_saves_nothing(
    qtbot,
    dialog,
    open_profile,
    person,
):
    patient_id, _referral_id, _booked = person
    dialog.activateWindow()  # the offscreen platform does not activate a new window itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.feedback_form is not None)  # a mnemonic clicks, animated
    assert dialog.feedback_form is not None and dialog.feedback_form.isVisibleTo(dialog)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Goals")
    qtbot.mouseClick(dialog.discharge_button, LEFT)
    assert fft_rows(open_profile, patient_id) == []
    assert open_profile.conn.execute(
        "SELECT status FROM referrals WHERE patient_id = ?", (patient_id,)
    ).fetchone() == ("discharged",)


def test_the_wellbeing_measure_button_still_asks_an_outcome_measure(dialog):
    assert dialog.measure is not None and dialog.measure.id == "ons4"
