"""Booking the next session from the runner: typed as a person types it, asked about the past.
The clock is fixed at Monday 30 Nov 2026, 17:00; the referral is dated 12 Nov 2026."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from linkworker_desktop.services.appointments import from_utc_text
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.ui.widgets.book_next import BookNext
from tests.ui.record_helpers import add_person, unnamed_controls
from tests.ui.typing_helpers import LEFT, answer_question_later, retype

NOW = datetime(2026, 11, 30, 17, 0)
PAST = "That time has passed. Book it anyway (for a session that already happened)?"


@pytest.fixture
def referral_id(open_profile):
    _patient, referral_id = add_person(open_profile, 51, "Ellis")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.update("referrals", referral_id, {"referral_date": "2026-11-12"})
    return referral_id


@pytest.fixture
def book(qtbot, open_profile, referral_id):
    widget = BookNext(
        lambda: open_profile, referral_id, datetime(2026, 12, 14, 10, 0), clock=lambda: NOW
    )
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored_starts(profile, referral_id):
    rows = profile.conn.execute(
        "SELECT starts_at FROM appointments WHERE referral_id = ?", (referral_id,)
    ).fetchall()
    return [from_utc_text(row[0]).replace(tzinfo=None) for row in rows]


def test_the_next_session_is_booked_as_typed(qtbot, open_profile, referral_id, book):
    assert (book.date.text(), book.time.text()) == ("Mon 14 Dec 2026", "10:00")
    retype(qtbot, book.date, "15/12/26")
    retype(qtbot, book.time, "2.15pm")
    assert (book.date.text(), book.time.text()) == ("Tue 15 Dec 2026", "14:15")
    qtbot.mouseClick(book.book_button, LEFT)
    assert stored_starts(open_profile, referral_id) == [datetime(2026, 12, 15, 14, 15)]
    assert book.result.text() == (
        "Booked: Initial session on Tue 15 Dec 2026 at 14:15 (In the surgery)."
    )


def test_a_past_time_is_asked_about_and_no_books_nothing(qtbot, open_profile, referral_id, book):
    retype(qtbot, book.date, "Sun 29 Nov 2026")
    seen: list[str] = []
    answer_question_later(qtbot, QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(book.book_button, LEFT)
    qtbot.waitUntil(lambda: seen == [PAST])
    assert stored_starts(open_profile, referral_id) == []
    assert book.form.isVisible() and book.date.text() == "Sun 29 Nov 2026"

    answer_question_later(qtbot, QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(book.book_button, LEFT)
    qtbot.waitUntil(lambda: seen == [PAST, PAST])
    assert stored_starts(open_profile, referral_id) == [datetime(2026, 11, 29, 10, 0)]


def test_before_the_referral_and_not_a_date_are_said_and_book_nothing(
    qtbot, open_profile, referral_id, book
):
    retype(qtbot, book.date, "1 Nov 2026")
    qtbot.mouseClick(book.book_button, LEFT)
    assert book.result.text() == "A session can't be booked before the referral date, 12 Nov 2026."
    retype(qtbot, book.date, "30/02/2027")
    assert book.result.text() == "30/02/2027 is not a date: February 2027 has 28 days."
    qtbot.mouseClick(book.book_button, LEFT)
    assert book.result.text() == "30/02/2027 is not a date: February 2027 has 28 days."
    assert book.date.text() == "30/02/2027"
    assert stored_starts(open_profile, referral_id) == []


def test_every_control_has_an_accessible_name(book):
    assert unnamed_controls(book) == []
