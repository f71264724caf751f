"""The made-up people and times a journey uses: Faker en_GB names, 999 NHS numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from faker import Faker

from linkworker_desktop.domain import nhs_number


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    nhs_number: str  # ten digits, from the range reserved for testing
    born: str  # as typed: dd/mm/yyyy

    @property
    def shown_nhs_number(self) -> str:
        return nhs_number.format_nhs_number(self.nhs_number)


def made_up_person(seed: int) -> Person:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    return Person(
        given=fake.first_name(),
        family=fake.last_name(),
        nhs_number=nhs_number.generate_test_number(random.Random(seed)),
        born="12/03/1958",
    )


def typed_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def later_today(now: datetime, minutes: int = 10) -> datetime:
    """A start time a little later today, on a five-minute mark, so the booking is not past.

    The app reads the computer's clock, so the journey books relative to it; in the last
    quarter-hour of the day there is no later slot, and the journey says so.
    """
    starts = (now + timedelta(minutes=minutes + 5 - now.minute % 5)).replace(
        second=0, microsecond=0
    )
    assert starts.date() == now.date(), "the journey books later today: run it before 23:45"
    return starts
