"""Alerts by keyboard from the record: set with a reason, shown in the banner and the session
runner, cleared with a reason into the history; typing is never dropped on Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.ui.dialogs.alerts_dialog import AlertsDialog
from linkworker_desktop.ui.views.session_runner import SessionRunner
from tests.ui.focus_helpers import focused, focused_name, press
from tests.ui.modal_helpers import when_modal
from tests.ui.record_helpers import shown_record_page
from tests.ui.session_helpers import FakeClock, start_initial


@pytest.fixture
def page(qtbot, open_profile):
    return shown_record_page(qtbot, open_profile, 12)


def _open_alerts(qtbot, page) -> AlertsDialog:
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AlertsDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def test_an_alert_set_by_keys_shows_in_the_banner_and_is_said(qtbot, page, open_profile, heard):
    assert page.record.alerts.isHidden()
    dialog = _open_alerts(qtbot, page)
    assert focused_name() == "Alert to set"
    for _ in range(dialog.kind.count()):
        if dialog.kind.currentText() == "Do not visit alone":
            break
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert focused_name() == "Why this alert is needed (required)"
    _type(qtbot, "Son threatened the last visitor.")
    press(qtbot, Qt.Key.Key_Return)
    assert heard.texts() == ["Alert set: Do not visit alone."]
    assert page.record.alerts.words.text() == (
        "Alerts: Do not visit alone (Son threatened the last visitor.)"
    )
    assert page.record.alerts.words.accessibleName() == page.record.alerts.words.text()
    assert "Do not visit alone" not in [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert (
        dialog.active.item(0)
        .text()
        .startswith("Do not visit alone: Son threatened the last visitor. (set ")
    )
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed since the save: closes without asking
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (saved,) = AlertService(open_profile).active(page.patient_id)
    assert saved.kind.id == "do_not_visit_alone"


def test_an_alert_needs_a_reason(qtbot, page, open_profile):
    dialog = _open_alerts(qtbot, page)
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.fields["reason"][0].text == (
        "Say why, in a few words: the next person will need it."
    )
    assert AlertService(open_profile).history(page.patient_id) == []


def test_clearing_needs_a_reason_and_keeps_the_history(qtbot, page, open_profile):
    AlertService(open_profile).set(page.patient_id, "aggressive_dog", "Dog not tied up.")
    page.record.refresh()
    assert page.record.alerts.words.text() == "Alerts: Aggressive dog (Dog not tied up.)"
    dialog = _open_alerts(qtbot, page)
    press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert focused_name() == "Cleared because (required to clear an alert)"
    _type(qtbot, "The dog has been rehomed.")
    press(qtbot, Qt.Key.Key_Return)
    assert page.record.alerts.isHidden()
    assert dialog.active.item(0).text() == "None"
    history = dialog.history.toPlainText()
    assert "Aggressive dog: Dog not tied up." in history
    assert "The dog has been rehomed." in history
    assert AlertService(open_profile).active(page.patient_id) == []


def test_esc_with_a_reason_typed_asks_before_dropping_it(qtbot, page):
    dialog = _open_alerts(qtbot, page)
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    _type(qtbot, "Half a reason")
    asked = when_modal(QMessageBox, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert dialog.isVisible() and dialog.reason.text() == "Half a reason"


def test_the_session_runner_shows_the_alerts(qtbot, open_profile):
    state = start_initial(open_profile)
    AlertService(open_profile).set(state.patient_id, "interpreter_needed", "Speaks Farsi.")
    runner = SessionRunner(lambda: open_profile, state, clock=FakeClock())
    qtbot.addWidget(runner)
    runner.resize(1280, 720)
    runner.show()
    assert runner.alerts.isVisible()
    assert runner.alerts.words.text() == "Alerts: Interpreter needed (Speaks Farsi.)"
