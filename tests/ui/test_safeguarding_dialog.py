"""A safeguarding concern by keyboard from the record: raised, handed over, closed; the record's
banner follows; the lead's form opens in the preview; Today chases a concern not passed on."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.services.safeguarding import SafeguardingService
from linkworker_desktop.ui.dialogs.concern_forms import (
    CloseConcernDialog,
    HandoverDialog,
    RaiseConcernDialog,
)
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.dialogs.safeguarding_dialog import SafeguardingDialog
from linkworker_desktop.ui.views.today_view import TodayView
from tests.ui.focus_helpers import focused, focused_name, press
from tests.ui.record_helpers import shown_record_page

ALT = Qt.KeyboardModifier.AltModifier
SEEN = "She said her son takes her pension card every week."


@pytest.fixture
def page(qtbot, open_profile):
    return shown_record_page(qtbot, open_profile, 12)


def _modal(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _back_to(qtbot, dialog):
    """The form closed: its window is active again, as a window manager makes it."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def _choose(qtbot, combo, text):
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no {text!r}")


def test_a_concern_raised_handed_over_and_closed_by_keys(qtbot, page, open_profile, heard):
    press(qtbot, Qt.Key.Key_R, ALT)
    concerns = _modal(qtbot, SafeguardingDialog)
    assert concerns.concerns.item(0).text() == "No concern has been raised for this person."
    press(qtbot, Qt.Key.Key_R, ALT)
    form = _modal(qtbot, RaiseConcernDialog)
    assert focused_name() == "Who is at risk"
    _choose(qtbot, form.category, "Adult: Financial or material abuse")
    press(qtbot, Qt.Key.Key_S, ALT)
    assert focused_name() == "What was seen or said"
    qtbot.keyClicks(focused(), SEEN)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Agreed with her that I pass it on today.")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    _back_to(qtbot, concerns)
    assert (
        concerns.concerns.item(0)
        .text()
        .startswith("Open: Adult: Financial or material abuse, raised ")
    )
    assert concerns.concerns.item(0).text().endswith("; not yet passed on")
    assert SEEN in concerns.details.toPlainText()
    assert page.record.alerts.words.text().startswith("Alerts: Safeguarding concern open (")
    assert "Concern raised." in heard.texts()

    press(qtbot, Qt.Key.Key_H, ALT)
    handover = _modal(qtbot, HandoverDialog)
    _choose(qtbot, handover.passed_to, "Practice safeguarding lead")
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.keyClicks(focused(), "Dr Shah, ref SG-114")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not handover.isVisible())
    _back_to(qtbot, concerns)
    assert concerns.concerns.item(0).text().endswith("; passed to Practice safeguarding lead")

    press(qtbot, Qt.Key.Key_P, ALT)
    preview = _modal(qtbot, PrintPreviewDialog)
    assert preview.document.pageCount() == 1
    preview.reject()
    _back_to(qtbot, concerns)
    press(qtbot, Qt.Key.Key_E, ALT)
    closing = _modal(qtbot, CloseConcernDialog)
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)  # no outcome yet
    assert closing.errors.fields["outcome"][0].text == "Write the outcome."
    qtbot.keyClicks(closing.outcome, "Lead spoke to the bank; card cancelled.")
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not closing.isVisible())
    assert concerns.concerns.item(0).text().startswith("Closed: ")
    assert not concerns.handover_button.isEnabled() and not concerns.close_button.isEnabled()
    assert page.record.alerts.isHidden()
    (saved,) = SafeguardingService(open_profile).concerns(page.patient_id)
    assert (saved.what_was_seen, saved.outcome) == (SEEN, "Lead spoke to the bank; card cancelled.")
    assert [h.contact for h in saved.handovers] == ["Dr Shah, ref SG-114"]


def test_today_chases_a_concern_not_passed_on_after_a_day(qtbot, open_profile):
    add_demo_caseload(open_profile, 6)
    row = CaseloadService(open_profile).rows()[0]
    raised = datetime(2026, 11, 30, 9, 0).astimezone()
    SafeguardingService(open_profile).raise_concern(
        row.patient_id,
        person_at_risk="patient",
        category="adult_self_neglect",
        what_was_seen="No food in the flat; heating off.",
        now=raised,
    )
    clock = [raised + timedelta(hours=23)]
    view = TodayView(now=lambda: clock[0])
    qtbot.addWidget(view)
    view.set_profile(open_profile)
    view.show()
    assert view.safeguarding.isHidden()
    clock[0] = raised + timedelta(hours=24)
    view.refresh()
    name = CaseloadService(open_profile).patient(row.patient_id).display_name
    assert view.safeguarding.isVisible()
    assert view.safeguarding.text == (
        "Safeguarding concern with no hand-over recorded for over 24 hours: "
        f"{name}. Pass it on now, or record who it was passed to (the record's Safeguarding "
        "button)."
    )
    view.set_profile(None)
    assert view.safeguarding.text == ""  # no name left on a locked screen
