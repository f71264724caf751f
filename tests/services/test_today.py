"""The Today list: the worker's sessions for one day, in order, ready to run."""

from __future__ import annotations

import pytest

from linkworker_desktop.domain.appointments import AppointmentMode, AppointmentStatus
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from tests.support.session_factories import add_patient, local


@pytest.fixture
def service(open_profile):
    return AppointmentService(open_profile)


@pytest.fixture
def day(open_profile, service):
    """Three patients today (booked out of order), one tomorrow, one cancelled today."""
    _a, ada = add_patient(open_profile, "Ada", "Fenwick")
    _b, ben = add_patient(open_profile, "Ben", "Hollis")
    _c, cara = add_patient(open_profile, "Cara", "Quill")
    _d, dev = add_patient(open_profile, "Dev", "Rowe")
    service.book(ben, local(-7, 10), past_confirmed=True)  # Ben's initial was last week
    ids = {
        "ben": service.book(
            ben,
            local(0, 14),
            AppointmentMode.TELEPHONE,
            prepare_notes="Ask about the group",
            past_confirmed=True,
        ),
        "ada": service.book(
            ada, local(0, 9, 30), AppointmentMode.HOME_VISIT, "At home", past_confirmed=True
        ),
        "cara": service.book(cara, local(0, 11), place="Consulting room 2", past_confirmed=True),
        "tomorrow": service.book(dev, local(1, 9)),
        "cancelled": service.book(dev, local(0, 16), past_confirmed=True),
    }
    service.cancel(ids["cancelled"], "Clash with hospital appointment")
    return ids


def test_today_lists_the_days_sessions_in_time_order(service, day):
    entries = service.day()
    assert [e.patient_name for e in entries] == ["Ada Fenwick", "Cara Quill", "Ben Hollis"]
    assert [e.starts_at.replace(tzinfo=None) for e in entries] == [
        local(0, 9, 30),
        local(0, 11),
        local(0, 14),
    ]


def test_today_shows_mode_place_label_and_what_to_prepare(service, day):
    ada, cara, ben = service.day()
    assert (ada.mode, ada.place, ada.label, ada.planned_minutes) == (
        AppointmentMode.HOME_VISIT,
        "At home",
        "Initial session",
        45,
    )
    assert (cara.mode, cara.place) == (AppointmentMode.SURGERY, "Consulting room 2")
    assert (ben.label, ben.planned_minutes, ben.prepare_notes) == (
        "Follow-up 1 of 5",
        30,
        "Ask about the group",
    )
    assert all(e.status == AppointmentStatus.BOOKED and not e.has_session for e in (ada, ben))


def test_today_leaves_out_cancelled_sessions_and_other_days(service, day):
    today_ids = {e.appointment_id for e in service.day()}
    assert day["cancelled"] not in today_ids
    assert day["tomorrow"] not in today_ids
    assert [e.appointment_id for e in service.day(local(1, 0).date())] == [day["tomorrow"]]


def test_a_started_session_shows_on_today(open_profile, service, day):
    SessionService(open_profile).start(day["cara"])
    flags = {e.appointment_id: e.has_session for e in service.day()}
    assert flags == {day["ada"]: False, day["cara"]: True, day["ben"]: False}


def test_a_colleagues_sessions_are_not_on_my_today(open_profile, service, day):
    patient_id, referral_id = add_patient(open_profile, "Eli", "Sturgess")
    with UnitOfWork(open_profile.conn, open_profile.actor) as uow:
        colleague = uow.insert("workers", {"display_name": "Pat Colleague"})
        uow.insert(
            "appointments",
            {
                "patient_id": patient_id,
                "referral_id": referral_id,
                "starts_at": local(0, 12).astimezone().isoformat(timespec="seconds"),
                "worker_id": colleague,
            },
        )
    assert "Eli Sturgess" not in [e.patient_name for e in service.day()]


def test_today_as_json(service, day):
    first = service.day()[0].as_json()
    assert first["patient"] == "Ada Fenwick"
    assert (first["mode"], first["place"], first["session"], first["status"]) == (
        "home_visit",
        "At home",
        "Initial session",
        "booked",
    )
    assert first["minutes"] == 45
