"""The caseload table: search, filters, days waiting, sessions used and overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.settings import FIRST_CONTACT_TARGET_DAYS
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.factories import make_patient, make_referral

NOW = datetime.combine(date.today(), time(12, 0), tzinfo=UTC)
TODAY = NOW.date()


def add(service, family: str, status: ReferralStatus, days_ago: int, **patient_fields):
    patient = make_patient(family_name=family, **patient_fields)
    referral = make_referral(status=status, referral_date=TODAY - timedelta(days=days_ago))
    service.add_patient(patient, referral)
    return patient, referral


def at(days: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour, 0), tzinfo=UTC)


def row_for(service, patient):
    (row,) = [r for r in service.rows(now=NOW) if r.patient_id == patient.id]
    return row


def test_rows_are_in_surname_order_ignoring_case(service):
    for family in ("whitby", "Adeyemi", "McArthur", "baxter"):
        add(service, family, ReferralStatus.NEW, 1)
    names = [row.name.split(",")[0] for row in service.rows(now=NOW)]
    assert names == sorted(names, key=str.lower)
    assert len(names) == 4


def test_a_row_is_named_surname_then_preferred_name(service):
    patient, _ = add(
        service, "Okafor", ReferralStatus.NEW, 1, given_name="Chidinma", preferred_name="Chi"
    )
    assert row_for(service, patient).name == "Okafor, Chi"


def test_search_finds_part_of_a_surname_in_any_case(service):
    wanted, _ = add(service, "Fairweather", ReferralStatus.NEW, 1)
    add(service, "Stone", ReferralStatus.NEW, 1)
    for text in ("fairw", "WEATHER", "  Fair  "):
        assert [r.patient_id for r in service.search(text, now=NOW)] == [wanted.id]


def test_search_finds_a_given_or_preferred_name(service):
    wanted, _ = add(
        service, "Stone", ReferralStatus.NEW, 1, given_name="Marigold", preferred_name="Goldie"
    )
    add(service, "Stone", ReferralStatus.NEW, 1, given_name="Peter")
    assert [r.patient_id for r in service.search("marig", now=NOW)] == [wanted.id]
    assert [r.patient_id for r in service.search("goldie", now=NOW)] == [wanted.id]


def test_search_finds_an_nhs_number_typed_with_spaces_or_dashes_or_in_part(service):
    wanted, _ = add(service, "Stone", ReferralStatus.NEW, 1)
    add(service, "Flint", ReferralStatus.NEW, 1)
    spaced = format_nhs_number(wanted.nhs_number)
    for text in (spaced, spaced.replace(" ", "-"), wanted.nhs_number, wanted.nhs_number[3:8]):
        found = [r.patient_id for r in service.search(text, now=NOW)]
        assert wanted.id in found, text
    assert [r.patient_id for r in service.search(spaced, now=NOW)] == [wanted.id]


def test_search_with_nothing_to_find_returns_nothing_and_empty_search_everything(service):
    add(service, "Stone", ReferralStatus.NEW, 1)
    add(service, "Flint", ReferralStatus.ACTIVE, 1)
    assert service.search("zzzz", now=NOW) == []
    assert len(service.search("", now=NOW)) == 2


def test_the_status_filter_keeps_only_that_status(service):
    statuses = [
        ReferralStatus.NEW,
        ReferralStatus.ACTIVE,
        ReferralStatus.ACTIVE,
        ReferralStatus.ON_HOLD,
    ]
    for n, status in enumerate(statuses):
        add(service, f"Family{n}", status, 2)
    active = service.search(status=ReferralStatus.ACTIVE, now=NOW)
    assert len(active) == 2
    assert {r.status for r in active} == {ReferralStatus.ACTIVE}
    assert service.search(status=ReferralStatus.DECLINED, now=NOW) == []


def test_a_patients_row_shows_their_latest_referral(service):
    patient, _ = add(service, "Twice", ReferralStatus.DISCHARGED, 200)
    service.add_referral(
        make_referral(patient_id=patient.id, referral_date=TODAY - timedelta(days=2))
    )
    row = row_for(service, patient)
    assert row.status == ReferralStatus.NEW
    assert row.referral_date == TODAY - timedelta(days=2)


def test_days_waiting_counts_to_the_first_attended_session(service, book):
    patient, referral = add(service, "Seen", ReferralStatus.ACTIVE, 30)
    book(patient.id, referral.id, at(-30 + 9), "did_not_attend")
    book(patient.id, referral.id, at(-30 + 12), "attended")
    book(patient.id, referral.id, at(-30 + 20), "attended")
    row = row_for(service, patient)
    assert row.days_waiting == 12
    assert row.sessions_used == 2


def test_days_waiting_counts_to_today_while_not_yet_seen(service):
    patient, _ = add(service, "Waiting", ReferralStatus.CONTACTED, 9)
    assert row_for(service, patient).days_waiting == 9


def test_sessions_used_counts_only_attended_live_appointments(service, book, open_profile):
    patient, referral = add(service, "Counted", ReferralStatus.ACTIVE, 60)
    for days, status in [
        (-50, "attended"),
        (-40, "attended"),
        (-30, "cancelled"),
        (-20, "did_not_attend"),
    ]:
        book(patient.id, referral.id, at(days), status)
    removed = book(patient.id, referral.id, at(-10), "attended")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        uow.delete("appointments", removed)
    assert row_for(service, patient).sessions_used == 2


def test_the_next_session_is_the_soonest_booked_one_still_to_come(service, book):
    patient, referral = add(service, "Booked", ReferralStatus.ACTIVE, 20)
    book(patient.id, referral.id, at(-5), "attended")
    book(patient.id, referral.id, at(9), "booked")
    book(patient.id, referral.id, at(3), "booked")
    book(patient.id, referral.id, at(1), "cancelled")
    assert row_for(service, patient).next_session == at(3)


def test_a_new_referral_past_the_first_contact_target_is_overdue(service):
    target = FIRST_CONTACT_TARGET_DAYS.default
    late, _ = add(service, "Late", ReferralStatus.NEW, target + 1)
    in_time, _ = add(service, "InTime", ReferralStatus.NEW, target)
    assert row_for(service, late).overdue
    assert str(target) in row_for(service, late).overdue_reason
    assert not row_for(service, in_time).overdue
    assert [r.patient_id for r in service.search(overdue_only=True, now=NOW)] == [late.id]


def test_the_first_contact_target_is_a_setting(service, open_profile):
    late, _ = add(service, "Late", ReferralStatus.NEW, 20)
    assert row_for(service, late).overdue
    open_profile.settings.set(FIRST_CONTACT_TARGET_DAYS, 30)
    assert not row_for(service, late).overdue


def test_a_past_session_with_no_outcome_makes_an_open_referral_overdue(service, book):
    forgotten, referral = add(service, "Forgotten", ReferralStatus.ACTIVE, 20)
    book(forgotten.id, referral.id, at(-2), "booked")
    closed, closed_referral = add(service, "Closed", ReferralStatus.DISCHARGED, 20)
    book(closed.id, closed_referral.id, at(-2), "booked")
    assert "no outcome" in row_for(service, forgotten).overdue_reason
    assert not row_for(service, closed).overdue
    assert [r.patient_id for r in service.search(overdue_only=True, now=NOW)] == [forgotten.id]


def test_filters_and_search_combine(service):
    a, _ = add(service, "Stone", ReferralStatus.NEW, 40)
    add(service, "Stone", ReferralStatus.ACTIVE, 40)
    add(service, "Flint", ReferralStatus.NEW, 40)
    found = service.search("stone", ReferralStatus.NEW, overdue_only=True, now=NOW)
    assert [r.patient_id for r in found] == [a.id]


@pytest.mark.parametrize("status", list(ReferralStatus))
def test_a_row_reads_back_as_json(service, status):
    patient, referral = add(service, "Jsonson", status, 5)
    doc = row_for(service, patient).as_json()
    assert doc["status"] == status.value
    assert doc["referral_date"] == referral.referral_date.isoformat()
    assert doc["nhs_number"] == patient.nhs_number
