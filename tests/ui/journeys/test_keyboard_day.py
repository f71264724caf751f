"""A link worker's whole day with the keyboard only, on a 1280×720 laptop screen.

First run to discharge and the GP summary: every step is keys sent to the focused widget, and
every dialog, the file dialogs included, is answered by keys. No mouse event is sent. Each step
checks what a screen reader was told along the way, word for word.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.ui.main_window import MainWindow
from tests.ui.journeys import day as steps
from tests.ui.journeys.keyboard import Keyboard
from tests.ui.journeys.people import made_up_person


@pytest.mark.timeout(300)
def test_a_whole_day_by_keyboard(qtbot, profile_files, tmp_path, heard):
    window = MainWindow(profile_files)
    steps.open_at_laptop_size(qtbot, window)
    day = steps.Day(qtbot, window, Keyboard(qtbot), made_up_person(1958), tmp_path, heard)

    steps.first_run(day)
    steps.add_patient(day)
    steps.book_initial_session(day)
    steps.initial_session(day)
    steps.save_plan_pdf(day)
    steps.lock_and_unlock(day)
    steps.follow_up(day)
    steps.connect_to_service(day)
    words = steps.discharge_and_gp_summary(day)
    assert day.name in words
