"""A page with nothing in it yet says so in words, and a screen reader hears those words, not a
shorter name standing in for them ("No goals" for "No goals agreed yet.")."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from linkworker_desktop.ui.views.patient_record_view import PatientRecordView
from linkworker_desktop.ui.views.today_view import TodayView
from tests.ui.record_helpers import add_person
from tests.ui.test_every_window_labels import label_problems
from tests.ui.test_every_window_names import spoken_name

A_SUNDAY = date(2026, 11, 29)


def _heard(widget: QWidget) -> dict[str, str]:
    """Each shown label's words and what a screen reader reads for it."""
    return {
        label.text(): spoken_name(label)
        for label in widget.findChildren(QLabel)
        if label.isVisible() and label.text()
    }


def test_an_empty_record_is_read_with_the_words_each_tab_shows(qtbot, open_profile):
    patient_id, _ = add_person(open_profile, seed=41)
    view = PatientRecordView(lambda: open_profile, patient_id)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    bar = view.tabs.tabBar()
    heard: dict[str, str] = {}
    problems: list[str] = []
    for tab in ("Sessions", "Measures", "Goals"):
        index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == tab)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert view.tabs.currentIndex() == index
        heard.update(_heard(view.tabs.currentWidget()))
        problems += label_problems(tab, view)
    assert heard["No sessions booked or held yet."] == "No sessions booked or held yet."
    assert heard["No outcome measures recorded yet."] == "No outcome measures recorded yet."
    assert heard["No goals agreed yet."] == "No goals agreed yet."
    assert problems == [], "\n".join(problems)


def test_today_with_nothing_booked_and_locked_is_read_as_shown(qtbot, open_profile):
    view = TodayView(now=lambda: datetime.combine(A_SUNDAY, time(8, 0)).astimezone())
    qtbot.addWidget(view)
    view.resize(1100, 650)
    view.show()
    view.set_profile(open_profile)
    nothing = "Nothing is booked for today. Sessions are booked from a patient's record."
    assert _heard(view)[nothing] == nothing
    assert label_problems("Today", view) == []
    view.set_profile(None)
    assert _heard(view)[view.empty_label.text()] == view.empty_label.text()
    assert "locked" in view.empty_label.text()
    assert label_problems("Today, locked", view) == []
