"""Booking and moving on the days the clocks change, pressed as a person presses them.

The laptop is in London (TZ set for each test). 29 March 2026 has no 01:00-02:00; on
25 October 2026 that hour happens twice, first in BST and then in GMT.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from time import tzset

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.ui.dialogs.book_dialog import BookDialog
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.models.today_model import Column
from linkworker_desktop.ui.views.today_view import TodayView
from linkworker_desktop.ui.widgets.book_next import BookNext
from tests.ui.modal_helpers import when_modal
from tests.ui.record_helpers import add_person
from tests.ui.typing_helpers import LEFT, retype

SPRING_NOW = datetime(2026, 3, 20, 9, 0)
AUTUMN_NOW = datetime(2026, 10, 20, 9, 0)
SPRING_QUESTION = (
    "01:30 doesn't exist on 29 March 2026: the clocks go forward at 01:00. Book 02:30 instead?"
)
AUTUMN_QUESTION = (
    "01:30 happens twice on 25 October 2026, because the clocks go back. "
    "Which one: 01:30 BST (first) or 01:30 GMT (second)?"
)


@pytest.fixture(autouse=True)
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


def referral(profile, seed: int, referred: str) -> str:
    _patient, referral_id = add_person(profile, seed, "Ceri")
    with UnitOfWork(profile.conn, profile.actor) as uow:
        uow.update("referrals", referral_id, {"referral_date": referred})
    return referral_id


def stored(profile, referral_id: str) -> list[str]:
    rows = profile.conn.execute(
        "SELECT starts_at FROM appointments WHERE referral_id = ? ORDER BY starts_at",
        (referral_id,),
    )
    return [row[0] for row in rows.fetchall()]


def book_dialog(qtbot, profile, referral_id, now):
    dialog = BookDialog.open_for(
        None, lambda: profile, referral_id, patient_name="Ceri Testcase", clock=lambda: now
    )
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def press(qtbot, text: str, seen: list[str]):
    """A handler for when_modal: note the question, press the button reading ``text``."""

    def handle(box) -> None:
        seen.append(box.text())
        seen.append(" | ".join(b.text() for b in box.buttons()))
        (button,) = [b for b in box.buttons() if b.text() == text]
        qtbot.mouseClick(button, LEFT)

    return handle


def test_a_time_the_clocks_skip_is_refused_and_the_offered_time_is_booked(qtbot, open_profile):
    referral_id = referral(open_profile, 61, "2026-03-02")
    dialog = book_dialog(qtbot, open_profile, referral_id, SPRING_NOW)
    retype(qtbot, dialog.date, "29/03/2026")
    retype(qtbot, dialog.time, "01:30")
    seen: list[str] = []
    when_modal(QMessageBox, press(qtbot, "Book 02:30", seen))
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [SPRING_QUESTION, "Book 02:30 | Change the time"]
    qtbot.waitUntil(lambda: stored(open_profile, referral_id) != [])
    assert stored(open_profile, referral_id) == ["2026-03-29T01:30:00+00:00"]
    assert dialog.result() == BookDialog.DialogCode.Accepted


def test_change_the_time_books_nothing_and_keeps_what_was_typed(qtbot, open_profile):
    referral_id = referral(open_profile, 62, "2026-03-02")
    dialog = book_dialog(qtbot, open_profile, referral_id, SPRING_NOW)
    retype(qtbot, dialog.date, "29/03/2026")
    retype(qtbot, dialog.time, "01:30")
    seen: list[str] = []
    when_modal(QMessageBox, press(qtbot, "Change the time", seen))
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: len(seen) == 2)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    assert stored(open_profile, referral_id) == []
    assert dialog.isVisible()
    assert (dialog.date.text(), dialog.time.text()) == ("Sun 29 Mar 2026", "01:30")


@pytest.mark.parametrize(
    ("answer", "instant"),
    [
        ("Book 01:30 BST (first)", "2026-10-25T00:30:00+00:00"),
        ("Book 01:30 GMT (second)", "2026-10-25T01:30:00+00:00"),
    ],
)
def test_a_time_that_happens_twice_asks_which_and_books_the_one_chosen(
    qtbot, open_profile, answer, instant
):
    referral_id = referral(open_profile, 63, "2026-10-01")
    dialog = book_dialog(qtbot, open_profile, referral_id, AUTUMN_NOW)
    retype(qtbot, dialog.date, "25/10/2026")
    retype(qtbot, dialog.time, "1:30am")
    seen: list[str] = []
    when_modal(QMessageBox, press(qtbot, answer, seen))
    qtbot.mouseClick(dialog.book_button, LEFT)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [
        AUTUMN_QUESTION,
        "Book 01:30 BST (first) | Book 01:30 GMT (second) | Change the time",
    ]
    qtbot.waitUntil(lambda: stored(open_profile, referral_id) != [])
    assert stored(open_profile, referral_id) == [instant]


def test_a_move_into_the_spring_gap_offers_the_time_after_it(qtbot, open_profile):
    referral_id = referral(open_profile, 64, "2026-03-02")
    booked = datetime(2026, 3, 27, 10, 0)
    appointment_id = AppointmentService(open_profile).book(referral_id, booked, now=SPRING_NOW)
    moved: list[datetime] = []
    dialog = MoveDialog(
        lambda: open_profile,
        appointment_id,
        referral_id,
        booked,
        30,
        "Ceri Testcase's initial session",
        on_moved=moved.append,
        clock=lambda: SPRING_NOW,
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    retype(qtbot, dialog.date, "29/03/2026")
    retype(qtbot, dialog.time, "01:15")
    seen: list[str] = []
    when_modal(QMessageBox, press(qtbot, "Move to 02:15", seen))
    qtbot.mouseClick(dialog.move_button, LEFT)
    qtbot.waitUntil(lambda: moved != [])
    assert seen[0] == (
        "01:15 doesn't exist on 29 March 2026: the clocks go forward at 01:00. Book 02:15 instead?"
    )
    assert stored(open_profile, referral_id) == ["2026-03-29T01:15:00+00:00"]
    assert moved == [datetime(2026, 3, 29, 2, 15, tzinfo=LONDON)]


def test_today_shows_bst_and_gmt_on_the_day_the_clocks_go_back(qtbot, open_profile):
    referral_id = referral(open_profile, 65, "2026-10-01")
    service = AppointmentService(open_profile, zone=LONDON)
    for moment in (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 01:30 BST
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 01:30 GMT
        datetime(2026, 10, 25, 10, 0, tzinfo=UTC),  # 10:00 GMT
    ):
        service.book(referral_id, moment, now=AUTUMN_NOW, minutes=30)
    view = TodayView(now=lambda: datetime(2026, 10, 25, 8, 0, tzinfo=LONDON))
    qtbot.addWidget(view)
    view.set_profile(open_profile)
    view.set_day(date(2026, 10, 25))
    times = [view.model.index(r, Column.TIME).data() for r in range(view.model.rowCount())]
    assert times == ["01:30 BST–01:00 GMT", "01:30 GMT–02:00 GMT", "10:00 GMT–10:30 GMT"]
    view.set_day(date(2026, 10, 26))
    assert view.model.rowCount() == 0


def test_book_next_asks_which_time_and_says_which_was_booked(qtbot, open_profile):
    referral_id = referral(open_profile, 66, "2026-10-01")
    widget = BookNext(
        lambda: open_profile, referral_id, datetime(2026, 10, 22, 10, 0), clock=lambda: AUTUMN_NOW
    )
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    retype(qtbot, widget.date, "Sun 25 Oct 2026")
    retype(qtbot, widget.time, "01:30")
    seen: list[str] = []
    when_modal(QMessageBox, press(qtbot, "Book 01:30 GMT (second)", seen))
    qtbot.mouseClick(widget.book_button, LEFT)
    qtbot.waitUntil(lambda: stored(open_profile, referral_id) != [])
    assert seen[0] == AUTUMN_QUESTION
    assert stored(open_profile, referral_id) == ["2026-10-25T01:30:00+00:00"]
    assert widget.result.text() == (
        "Booked: Initial session on Sun 25 Oct 2026 at 01:30 GMT (In the surgery)."
    )
