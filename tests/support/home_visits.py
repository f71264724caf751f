"""A home visit started on a worker's laptop at a fixed time, for the lone-working tests."""

from __future__ import annotations

from datetime import datetime

from linkworker_desktop.domain.appointments import AppointmentMode
from linkworker_desktop.services.appointments import AppointmentService
from linkworker_desktop.services.sessions import SessionService, SessionState
from linkworker_desktop.services.settings import WORKER_CONTACT, Settings
from tests.support.laptop import Laptop


def start_home_visit(
    laptop: Laptop,
    starts: datetime,
    place: str = "12 Mill Lane, Leeds",
    minutes: int = 45,
    contact: str = "07700 900123",
) -> SessionState:
    """Book a home visit for a new patient and start its session at ``starts`` (checked in)."""
    Settings(laptop.profile.conn, laptop.profile.actor).set(WORKER_CONTACT, contact)
    patient = laptop.add_patient(given_name="Ann", family_name="Bee")
    referral = laptop.add_referral(patient)
    appointment = AppointmentService(laptop.profile).book(
        referral,
        starts,
        mode=AppointmentMode.HOME_VISIT,
        place=place,
        minutes=minutes,
        past_confirmed=True,
        now=starts,
    )
    return SessionService(laptop.profile).start(appointment, now=starts)
