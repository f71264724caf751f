"""A count (GP appointments before and after) is typed as a number; one not known stays blank."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QRadioButton

from linkworker_desktop.ui.widgets.measure_form import NOT_KNOWN
from tests.ui.session_helpers import start_initial
from tests.ui.test_measure_form import make_form


@pytest.fixture
def session(open_profile):
    return start_initial(open_profile)


def type_count(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_counts_are_boxes_not_a_row_of_buttons(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session, "gp_appointments", "review")
    assert form.findChildren(QRadioButton) == []
    assert set(form.counts) == {"before_referral", "after_discharge"}
    box = form.counts["before_referral"]
    assert box.text() == NOT_KNOWN
    said = QAccessible.queryAccessibleInterface(box).text(QAccessible.Text.Name)
    assert said == "Question 1: GP appointments in the 6 months before the referral"
    assert form.answers() == {"before_referral": None, "after_discharge": None}


def test_the_count_before_referral_is_saved_and_the_other_left_blank(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session, "gp_appointments", "review")
    type_count(qtbot, form.counts["before_referral"], "7")
    assert form.status.text().startswith("1 of 2 answered.")
    with qtbot.waitSignal(form.recorded, timeout=1000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    row = open_profile.conn.execute(
        "SELECT answers, complete FROM measure_results WHERE measure_id = 'gp_appointments'"
    ).fetchone()
    assert (json.loads(row[0]), row[1]) == ({"before_referral": 7, "after_discharge": None}, 0)
    assert form.counts["before_referral"].isReadOnly()


def test_both_counts_typed_are_scored(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session, "gp_appointments", "review")
    type_count(qtbot, form.counts["before_referral"], "12")
    type_count(qtbot, form.counts["after_discharge"], "4")
    assert form.status.text() == "All 2 questions answered."
    with qtbot.waitSignal(form.recorded, timeout=1000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert {v.id: v.value for v in form.result.score.values} == {
        "before_referral": 12,
        "after_discharge": 4,
    }


def test_a_number_past_the_scale_cannot_be_typed(qtbot, open_profile, session):
    form = make_form(qtbot, open_profile, session, "gp_appointments", "review")
    box = form.counts["after_discharge"]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "99")
    # The box takes the 9 it can hold and refuses the second; what is shown is what is saved.
    assert box.text() == "9"
    assert form.answers()["after_discharge"] == 9
