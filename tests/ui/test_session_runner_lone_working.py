"""Starting a home visit from Today on a laptop that cannot reach the hub: use the phone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.lone_working import LoneWorkingService
from linkworker_desktop.ui.main_window import MainWindow
from linkworker_desktop.ui.views.session_runner import OFFLINE_CHECK_IN, SessionRunner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support.session_factories import add_patient

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, profile_files):
    """A caseload never enrolled with a hub: a home visit's check-in cannot reach the team."""
    opened, _ = profile_service.create_profile(
        profile_files, PASSPHRASE, "Sam Patel", "North PCN", kdf=FAST_KDF
    )
    _patient, referral = add_patient(opened, "Quinn", "Harlow")
    starts = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=2)
    booking = AppointmentService(opened)
    booking.book(
        referral, starts, mode=AppointmentMode.HOME_VISIT, place="12 Mill Lane", past_confirmed=True
    )
    _other, second = add_patient(opened, "Rory", "Sand")
    booking.book(second, starts + timedelta(hours=1), place="Room 4", past_confirmed=True)
    opened.close()
    main = MainWindow(profile_files)
    qtbot.addWidget(main)
    main.show()
    main.unlock_view.passphrase.setText(PASSPHRASE)
    main.unlock_view.unlock_button.click()
    qtbot.waitUntil(lambda: main.profile is not None, timeout=5000)
    main.today_view.set_day(starts.date())
    return main


def start_row(qtbot, window, row: int) -> SessionRunner:
    today = window.today_view
    window.nav.setCurrentRow(window.pages.indexOf(today))
    today.select_row(row)
    qtbot.mouseClick(today.start_button, LEFT)
    runner = window.pages.currentWidget()
    assert isinstance(runner, SessionRunner)
    return runner


def test_an_offline_home_visit_says_to_use_the_phone_check_in(qtbot, window):
    runner = start_row(qtbot, window, 0)
    assert runner.check_in.isVisible()
    assert (runner.check_in.kind, runner.check_in.text) == ("warning", OFFLINE_CHECK_IN)
    assert OFFLINE_CHECK_IN.startswith(
        "This laptop is offline: the team cannot see this check-in. Use your team's phone"
        " check-in now."
    )
    (visit,) = LoneWorkingService(window.profile).my_open()  # kept here, to sync later
    assert (visit.session_id, visit.place) == (runner.state.session_id, "12 Mill Lane")


def test_a_surgery_session_says_nothing_about_check_ins(qtbot, window):
    runner = start_row(qtbot, window, 1)
    assert (runner.check_in.isVisible(), runner.check_in.text) == (False, "")
    assert LoneWorkingService(window.profile).checkins() == []
