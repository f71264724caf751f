"""The caseload's clock: overdue from a session's booked end, days counted on London dates.

Every time here is fixed. A summer night at 00:30 BST is 23:30 UTC the day before, so a count
taken from the UTC date is one day short there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.clock_changes import LONDON
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.services.settings import FIRST_CONTACT_TARGET_DAYS
from tests.support.factories import make_patient, make_referral

REFERRED = date(2026, 7, 1)
STARTS = datetime(2026, 7, 14, 10, 0, tzinfo=LONDON)  # 09:00 UTC
ENDS = STARTS + timedelta(minutes=30)  # the fixture books 30 minutes
AFTER_MIDNIGHT = datetime(2026, 7, 15, 0, 30, tzinfo=LONDON)  # 2026-07-14 23:30 UTC
OUTCOME_MISSING = "A past session has no outcome recorded"


def add(service, status: ReferralStatus = ReferralStatus.CONTACTED):
    patient = make_patient(family_name="Testworth")
    referral = make_referral(status=status, referral_date=REFERRED)
    service.add_patient(patient, referral)
    return patient, referral


def stored(moment: datetime) -> datetime:
    """As the app stores a booking: in UTC."""
    return moment.astimezone(UTC)


def row_at(service, patient, now: datetime):
    """The row at ``now``, given in UTC as the app's clock gives it."""
    rows = service.rows(now=now.astimezone(UTC), zone=LONDON)
    (row,) = [r for r in rows if r.patient_id == patient.id]
    return row


@pytest.mark.parametrize(
    ("now", "reason"),
    [
        (STARTS + timedelta(minutes=5), ""),
        (ENDS - timedelta(minutes=1), ""),
        (ENDS, ""),
        (ENDS + timedelta(minutes=1), OUTCOME_MISSING),
    ],
)
def test_a_booked_session_is_overdue_only_once_its_booked_end_has_passed(
    service, book, now, reason
):
    patient, referral = add(service)
    book(patient.id, referral.id, stored(STARTS))
    assert row_at(service, patient, now).overdue_reason == reason


def test_a_time_stored_with_an_offset_is_compared_as_an_instant(service, book):
    patient, referral = add(service)
    book(patient.id, referral.id, STARTS)  # "2026-07-14T10:00:00+01:00"
    assert row_at(service, patient, ENDS + timedelta(minutes=1)).overdue_reason == (OUTCOME_MISSING)
    assert row_at(service, patient, STARTS - timedelta(minutes=1)).next_session == STARTS


def test_a_longer_session_booked_later_is_judged_by_its_own_end(service, book, open_profile):
    patient, referral = add(service)
    appointment = book(patient.id, referral.id, stored(STARTS))
    open_profile.conn.execute(
        "UPDATE appointments SET planned_minutes = 90 WHERE id = ?", (appointment,)
    )
    assert row_at(service, patient, STARTS + timedelta(minutes=89)).overdue_reason == ""
    assert row_at(service, patient, STARTS + timedelta(minutes=91)).overdue_reason == (
        OUTCOME_MISSING
    )


def test_a_session_under_way_is_never_overdue(service, book, open_profile):
    patient, referral = add(service)
    appointment = book(patient.id, referral.id, stored(STARTS))
    SessionService(open_profile).start(appointment)
    running = row_at(service, patient, ENDS + timedelta(minutes=45))
    assert (running.status, running.overdue_reason) == (ReferralStatus.ACTIVE, "")


def test_days_waiting_count_london_dates_just_after_midnight(service):
    patient, _ = add(service, ReferralStatus.NEW)
    assert AFTER_MIDNIGHT.astimezone(UTC).date() == date(2026, 7, 14)
    assert row_at(service, patient, AFTER_MIDNIGHT).days_waiting == 14
    assert row_at(service, patient, AFTER_MIDNIGHT - timedelta(hours=1)).days_waiting == 13


def test_first_contact_turns_overdue_at_london_midnight(service, open_profile):
    open_profile.settings.set(FIRST_CONTACT_TARGET_DAYS, 13)
    patient, _ = add(service, ReferralStatus.NEW)
    assert row_at(service, patient, AFTER_MIDNIGHT - timedelta(minutes=31)).overdue_reason == ""
    assert row_at(service, patient, AFTER_MIDNIGHT).overdue_reason == (
        "Not contacted within 13 days"
    )


def test_the_first_attended_session_is_dated_in_london(service, book):
    patient, referral = add(service)
    book(patient.id, referral.id, stored(AFTER_MIDNIGHT), "attended")
    assert row_at(service, patient, AFTER_MIDNIGHT + timedelta(days=2)).days_waiting == 14


def test_the_next_session_is_given_in_london_time(service, book):
    patient, referral = add(service)
    book(patient.id, referral.id, stored(AFTER_MIDNIGHT))
    row = row_at(service, patient, STARTS)
    assert row.next_session == AFTER_MIDNIGHT
    assert (row.next_session.date(), row.next_session.hour, row.next_session.minute) == (
        date(2026, 7, 15),
        0,
        30,
    )
