"""Did not attend on Today: offered once the booked start has come, and said not to use up a
follow-up. The laptop is in London and the view's clock is fixed."""

from __future__ import annotations

from datetime import datetime
from time import tzset

import pytest
from PySide6.QtWidgets import QMessageBox

from linkworker_desktop.domain.appointments import DNA_AND_THE_CAP
from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.ui.views.today_view import TodayView
from tests.ui.modal_helpers import when_modal
from tests.ui.record_helpers import add_person, status_of
from tests.ui.typing_helpers import LEFT

STARTS = datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


@pytest.fixture
def booked(open_profile):
    _patient, referral_id = add_person(open_profile, 71, "Bryn")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.update("referrals", referral_id, {"referral_date": "2026-07-01"})
    return AppointmentService(open_profile).book(
        referral_id, STARTS, now=datetime(2026, 7, 10, 9, 0, tzinfo=LONDON)
    )


def view_at(qtbot, profile, now: datetime) -> TodayView:
    view = TodayView(now=lambda: now)
    qtbot.addWidget(view)
    view.show()
    view.set_profile(profile)
    view.set_day(STARTS.date())
    return view


def test_not_offered_a_minute_before_the_start(qtbot, open_profile, booked):
    view = view_at(qtbot, open_profile, datetime(2026, 7, 14, 9, 59, tzinfo=LONDON))
    view.select_row(view.model.row_of(booked))
    assert not view.dna_button.isEnabled()
    assert view.dna_button.toolTip() == "It can be recorded once the session's time comes."


def test_at_the_start_it_is_asked_said_not_to_use_a_follow_up_and_recorded(
    qtbot, open_profile, booked
):
    view = view_at(qtbot, open_profile, datetime(2026, 7, 14, 10, 0, tzinfo=LONDON))
    view.select_row(view.model.row_of(booked))
    assert view.dna_button.isEnabled()
    seen: list[str] = []

    def confirm(box: QMessageBox) -> None:
        seen.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == "Did not attend"]
        qtbot.mouseClick(button, LEFT)

    when_modal(QMessageBox, confirm)
    qtbot.mouseClick(view.dna_button, LEFT)
    qtbot.waitUntil(lambda: status_of(open_profile, booked) == "did_not_attend")
    assert seen == [
        "Record that Bryn Testcase did not attend initial session at 10:00? "
        f"This cannot be undone.\n\n{DNA_AND_THE_CAP}"
    ]
