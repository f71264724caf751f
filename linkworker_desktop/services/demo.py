"""A synthetic demo caseload: Faker's en_GB people and NHS numbers from the 999 test range.

Never real patient data. The spread of statuses, sources and reasons roughly follows what a PCN
service sees, so the caseload screen, its filters and the benchmarks look like real use.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import (
    ConsentToContact,
    ConsentToShare,
    ContactMethod,
    Ethnicity,
    Gender,
    Priority,
    ReferralReason,
    ReferralSource,
    ReferralStatus,
)
from linkworker_desktop.domain.entities import SYNCED_ENTITIES
from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services import demo_sessions
from linkworker_desktop.services.demo_contacts import DemoContacts
from linkworker_desktop.services.demo_diary import SLOTS, Diary, working_day_from
from linkworker_desktop.services.demo_directory import DEMO_DISTRICTS, demo_feed
from linkworker_desktop.services.demo_writes import PendingWrites
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage import records
from linkworker_desktop.storage.unit_of_work import (
    Actor,
    PreparedInserts,
    UnitOfWork,
    table_columns,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

_T = TypeVar("_T")

_STATUS_WEIGHTS = {
    ReferralStatus.NEW: 12,
    ReferralStatus.CONTACTED: 10,
    ReferralStatus.ACTIVE: 38,
    ReferralStatus.ON_HOLD: 5,
    ReferralStatus.DISCHARGED: 25,
    ReferralStatus.DECLINED: 5,
    ReferralStatus.DID_NOT_ENGAGE: 5,
}
_SOURCE_WEIGHTS = {
    ReferralSource.GP: 45,
    ReferralSource.NURSE: 12,
    ReferralSource.OTHER_PRACTICE_STAFF: 10,
    ReferralSource.HOSPITAL: 5,
    ReferralSource.SOCIAL_CARE: 8,
    ReferralSource.VOLUNTARY_SECTOR: 8,
    ReferralSource.SELF: 12,
}
_REASON_WEIGHTS = {
    ReferralReason.LONELINESS: 30,
    ReferralReason.LOW_MOOD: 22,
    ReferralReason.ANXIETY: 16,
    ReferralReason.DEBT_AND_MONEY: 12,
    ReferralReason.HOUSING: 8,
    ReferralReason.BENEFITS: 10,
    ReferralReason.EMPLOYMENT: 5,
    ReferralReason.BEREAVEMENT: 8,
    ReferralReason.CARER_SUPPORT: 6,
    ReferralReason.PHYSICAL_ACTIVITY: 10,
    ReferralReason.WEIGHT: 5,
    ReferralReason.LONG_TERM_CONDITION: 9,
    ReferralReason.SUBSTANCE_USE: 3,
    ReferralReason.OTHER: 2,
}
_PRACTICES = [
    ("Y00001", "Riverside Medical Practice"),
    ("Y00002", "Market Street Surgery"),
    ("Y00003", "Hillview Health Centre"),
    ("Y00004", "Canal Side Family Practice"),
]
_PLACES = {
    "surgery": ["Consulting room 4", "Consulting room 2", "Wellbeing room"],
    "home_visit": ["At home"],
    "telephone": [""],
    "community_venue": ["Community centre", "Library meeting room", "Church hall café"],
}
# Demo patients have all been asked; "not asked yet" is left for the people a worker adds.
_ASKED_SHARE = [ConsentToShare.FULL_NOTES, ConsentToShare.CODES_ONLY, ConsentToShare.NOTHING]
# What to prepare for each of the sessions on the demo worker's day, slot by slot.
_PREPARE = [
    "Bring the leaflet for the walking group",
    "Check the money adviser's new opening times",
    "",
    "Ask how the first coffee morning went",
    "",
    "Print the updated plan",
]


def _pick(rng: random.Random, weights: dict[_T, int]) -> _T:
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def make_people(count: int, seed: int = 2026, today: date | None = None) -> list[tuple]:
    """Generate ``count`` synthetic (patient, referral, appointments) triples, unsaved."""
    return list(people_made(count, seed, today))


def people_made(count: int, seed: int = 2026, today: date | None = None) -> Iterator[tuple]:
    """:func:`make_people` one person at a time, so writing starts before the last is made."""
    today = today or date.today()
    diary = Diary(today - timedelta(days=366), today + timedelta(days=42))
    # Today's slots are kept for the Today view (the next weekday's, at a weekend).
    day_slots = diary.take_day(working_day_from(today))
    rng = random.Random(seed)
    fake = DemoContacts(seed)
    used_numbers: set[str] = set()
    # Today's slots go to the first people with a booked session, as they are made.
    todays = iter(zip(day_slots, _PREPARE, strict=False))
    for _ in range(count):
        number = nhs_number.generate_test_number(rng)
        while number in used_numbers:
            number = nhs_number.generate_test_number(rng)
        used_numbers.add(number)
        gender = rng.choices(
            [Gender.FEMALE, Gender.MALE, Gender.NON_BINARY, Gender.NOT_STATED], [52, 44, 2, 2]
        )[0]
        given = fake.given_name(gender)
        family = fake.family_name()
        age = rng.choices(
            [rng.randint(18, 39), rng.randint(40, 64), rng.randint(65, 98)], [25, 35, 40]
        )[0]
        dob = today - timedelta(days=age * 365 + rng.randint(0, 364))
        code, practice = rng.choice(_PRACTICES)
        preferred = rng.choices(list(ContactMethod), [55, 25, 10, 10])[0]
        patient = Patient(
            nhs_number=number,
            given_name=given,
            family_name=family,
            date_of_birth=dob,
            gender=gender,
            ethnicity=rng.choices(list(Ethnicity), [70] + [2] * 15 + [5])[0],
            pronouns={Gender.FEMALE: "she/her", Gender.MALE: "he/him"}.get(gender, "they/them"),
            phone=fake.phone_number() if rng.random() < 0.6 else "",
            mobile=f"07700 900{rng.randint(0, 999):03d}",
            email=fake.email(given, family)
            if preferred == ContactMethod.EMAIL or rng.random() < 0.3
            else "",
            preferred_contact=preferred,
            address_line1=fake.street_address(),
            town="Leeds",
            postcode=_demo_postcode(rng),
            gp_practice_code=code,
            gp_practice_name=practice,
            communication_needs=rng.choices(
                ["", "Large print letters", "Hard of hearing: face the patient", "BSL interpreter"],
                [85, 7, 6, 2],
            )[0],
            consent_to_contact=ConsentToContact.YES if rng.random() < 0.95 else ConsentToContact.NO,
            consent_to_share=rng.choices(_ASKED_SHARE, [70, 25, 5])[0],
        )
        status = _pick(rng, _STATUS_WEIGHTS)
        age_days = {
            ReferralStatus.NEW: rng.randint(0, 30),
            ReferralStatus.CONTACTED: rng.randint(3, 40),
        }.get(status, rng.randint(20, 300))
        reasons = list(dict.fromkeys(_pick(rng, _REASON_WEIGHTS) for _ in range(rng.randint(1, 3))))
        source = _pick(rng, _SOURCE_WEIGHTS)
        referral = Referral(
            patient_id="",
            referral_date=today - timedelta(days=age_days),
            source=source,
            reasons=reasons,
            reason_notes="Wants to get out more" if ReferralReason.OTHER in reasons else "",
            referrer_name="" if source == ReferralSource.SELF else f"Dr {fake.family_name()}",
            referrer_organisation="" if source == ReferralSource.SELF else practice,
            priority=Priority.URGENT if rng.random() < 0.08 else Priority.ROUTINE,
            status=status,
        )
        appointments = _appointments(rng, diary, referral, today)
        _fill_today(appointments, todays)
        yield patient, referral, appointments


def _fill_today(appointments: list[dict], todays: Iterator[tuple[str, str]]) -> None:
    """Move a booked session to the day's next slot so the Today view shows a working day."""
    booked = [a for a in appointments if a["status"] == "booked"]
    if not booked:
        return
    slot = next(todays, None)
    if slot is None:
        return
    booked[-1]["starts_at"] = slot[0]
    booked[-1]["prepare_notes"] = slot[1]


def _appointments(rng: random.Random, diary: Diary, referral: Referral, today: date) -> list[dict]:
    """Past and booked appointments that fit the referral's status, in the worker's diary."""
    status = referral.status
    attended = {
        ReferralStatus.ACTIVE: rng.randint(1, 4),
        ReferralStatus.ON_HOLD: rng.randint(1, 2),
        ReferralStatus.DISCHARGED: rng.randint(2, 6),
        ReferralStatus.DID_NOT_ENGAGE: 0,
    }.get(status, 0)
    result: list[dict] = []
    start = referral.referral_date + timedelta(days=rng.randint(5, 15))
    yesterday = today - timedelta(days=1)
    past = (referral.referral_date, yesterday)
    # Fortnightly, or closer together when a fortnight apart would run past yesterday.
    every = max(1, min(14, (yesterday - start).days // max(attended, 1)))
    days: set[date] = set()
    for number in range(attended):
        wanted = start + timedelta(days=every * number)
        made = _appointment(rng, diary, wanted, [past], False, "attended", days)
        if made is None:
            break  # no weekday between the referral and yesterday
        result.append(made)
        days.add(_local_day(made))
    result.sort(key=lambda a: a["starts_at"])
    if result:  # the earliest is the initial session, wherever the diary put it
        result[0].update(kind="initial", planned_minutes=45)
    after = max(days, default=referral.referral_date) + timedelta(days=1)
    coming = (today + timedelta(days=1), today + timedelta(days=42))
    booked = None
    if status == ReferralStatus.CONTACTED or status == ReferralStatus.ACTIVE:
        if rng.random() < 0.08:  # a past session whose outcome was never recorded
            wanted = today - timedelta(days=rng.randint(1, 6))
            windows = [(max(after, today - timedelta(days=14)), yesterday), coming]
        else:
            wanted = today + timedelta(days=rng.randint(1, 21))
            windows = [coming]
        booked = _appointment(rng, diary, wanted, windows, not result, "booked")
    if status == ReferralStatus.DID_NOT_ENGAGE:
        booked = _appointment(rng, diary, start, [past], True, "did_not_attend")
    if booked is not None:
        result.append(booked)
    return result


def _local_day(appointment: dict) -> date:
    return datetime.fromisoformat(appointment["starts_at"]).astimezone().date()


def _appointment(
    rng: random.Random,
    diary: Diary,
    wanted: date,
    windows: list[tuple[date, date]],
    initial: bool,
    status: str,
    avoid: Collection[date] = (),
) -> dict | None:
    """An appointment in the first of ``windows`` (earliest, latest) with a free slot."""
    slot = rng.choice(range(len(SLOTS)))
    rng.choice([0, 30])  # the minutes once drawn here: each seed still makes the same people
    mode = rng.choices(["surgery", "home_visit", "telephone", "community_venue"], [50, 25, 15, 10])[
        0
    ]
    place = rng.choice(_PLACES[mode])
    starts_at = next(
        (s for w in windows if (s := diary.take(wanted, *w, slot, avoid))), None
    ) or diary.overbook(wanted, *windows[-1], slot, avoid)
    if starts_at is None:
        return None
    return {
        "starts_at": starts_at,
        "planned_minutes": 45 if initial else 30,
        "kind": "initial" if initial else "follow_up",
        "mode": mode,
        "place": place,
        "status": status,
    }


# Patients made and written together: one transaction each. Small enough that writing starts
# soon after the second process does; big enough that commits stay few.
_BATCH = 500
# Batches made in this process: a second process takes about as long to start as two take to
# make, so it pays only for bigger demos.
_MADE_HERE = 2


def add_demo_caseload(
    profile: OpenProfile,
    count: int,
    seed: int = 2026,
    today: date | None = None,
    *,
    batch: int = _BATCH,
) -> int:
    """Write ``count`` synthetic patients through the unit of work (so they sync like any other).

    Each ``batch`` of patients, with their histories, is made in memory and written in one
    transaction a table at a time: a 10,000-patient demo takes seconds, not minutes. A demo of
    more than two batches is made in a second process, a batch ahead of the writing, so making
    records in Python and SQLite's writing them use two processor cores. Only this process
    opens the database. A caller run as a script needs ``if __name__ == "__main__":`` (the
    second process imports it).
    """
    if count < 0:
        raise ValueError("The number of demo patients cannot be negative.")
    if batch < 1:
        raise ValueError("A demo is written at least one patient at a time.")
    existing = {
        row[0] for row in profile.conn.execute("SELECT nhs_number FROM patients WHERE deleted = 0")
    }
    actor = profile.actor
    team = profile.conn.execute(
        "SELECT team_id FROM workers WHERE id = ?", (actor.worker_id,)
    ).fetchone()[0]
    directory = Directory(profile)
    if not profile.conn.execute("SELECT 1 FROM directory_services LIMIT 1").fetchone():
        directory.import_feed(demo_feed(seed), "Demo directory")
        _load_demo_districts(profile)
    today = today or date.today()
    histories = _Histories(
        existing,
        demo_sessions.services_by_category(profile.conn),
        random.Random(seed + 1),
        actor.worker_id,
        team or "",
        today,
    )
    columns = {table: table_columns(profile.conn, table) for table in SYNCED_ENTITIES}
    maker = _Maker(count, seed, today, histories, actor, columns, batch)
    batches = max(1, -(-count // batch))
    added = 0
    if batches <= _MADE_HERE:
        for _ in range(batches):
            pending = maker.next_batch()
            with UnitOfWork(profile.conn, actor) as uow:
                pending.write(uow)
            added += pending.count("patients")
        return added
    with _making_process(maker) as making:
        made = making.submit(_make_next)
        for number in range(1, batches + 1):
            patients, prepared = made.result()
            if number < batches:
                made = making.submit(_make_next)
            with UnitOfWork(profile.conn, actor) as uow:
                for records_of_a_kind in prepared:
                    uow.write_prepared(records_of_a_kind)
            added += patients
    return added


@dataclass
class _Maker:
    """Makes the demo's patients a batch at a time, in order, so each seed makes the same ones.

    Picklable, so it can go to the process that makes the records of a big demo.
    """

    count: int
    seed: int
    today: date
    histories: _Histories
    actor: Actor
    columns: dict[str, frozenset[str]]
    batch: int
    _people: Iterator[tuple] | None = field(default=None, repr=False)

    def next_batch(self) -> PendingWrites:
        if self._people is None:
            self._people = people_made(self.count, self.seed, self.today)
        return self.histories.records_of(list(islice(self._people, self.batch)))

    def next_prepared(self) -> tuple[int, list[PreparedInserts]]:
        """The next batch stamped now, with its audit events and outbox mutations."""
        pending = self.next_batch()
        prepared = pending.prepare(self.actor, utc_now(), self.columns.__getitem__)
        return pending.count("patients"), prepared


def _making_process(maker: _Maker) -> Executor:
    """The second process that makes a big demo's batches, loaded only for one (not at start)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Spawned, not forked: the same on every system, and safe beside Qt's and SQLite's threads.
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_making,
        initargs=(maker,),
    )


_making: _Maker | None = None


def _start_making(maker: _Maker | None) -> None:
    """In the making process: keep the maker, whose generators carry on from batch to batch."""
    global _making
    _making = maker


def _make_next() -> tuple[int, list[PreparedInserts]]:
    if _making is None:
        raise RuntimeError("the demo's making process was not started with a maker")
    return _making.next_prepared()


@dataclass
class _Histories:
    """What every demo patient's records share, and the generator that tells their stories."""

    existing: set[str]  # NHS numbers already in the caseload: those demo people are left out
    services: dict[str, list[str]]
    rng: random.Random
    worker_id: str
    team_id: str
    today: date

    def records_of(self, people: list[tuple]) -> PendingWrites:
        """Each patient's records, from the referral to the last session, ready to write."""
        pending = PendingWrites()
        for patient, referral, appointments in people:
            if patient.nhs_number in self.existing:
                continue
            patient.owner_worker_id = self.worker_id
            patient.team_id = self.team_id
            patient_id = pending.insert("patients", records.patient_values(patient))
            referral.patient_id = patient_id
            referral.owner_worker_id = self.worker_id
            referral.team_id = self.team_id
            # Made with the discharge fields, for the history to fill if it ends in discharge.
            referral_row = dict(
                records.referral_values(referral), discharge_reason="", discharged_on=None
            )
            referral_id = pending.insert("referrals", referral_row)
            inserted = []
            for appointment in appointments:
                row = dict(
                    appointment,
                    patient_id=patient_id,
                    referral_id=referral_id,
                    worker_id=self.worker_id,
                )
                inserted.append((pending.insert("appointments", row), row))
            referral.id = referral_id
            demo_sessions.add_history(
                pending, self.services, self.rng, patient_id, referral, inserted, self.today
            )
        return pending


def _load_demo_districts(profile: OpenProfile) -> None:
    profile.conn.executemany(
        "INSERT OR IGNORE INTO postcode_districts (district, latitude, longitude) VALUES (?, ?, ?)",
        [(d, lat, lon) for d, (lat, lon) in DEMO_DISTRICTS.items()],
    )


def _demo_postcode(rng: random.Random) -> str:
    """A postcode in the demo area, so "near the patient" works with the demo districts."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    district = rng.choice(list(DEMO_DISTRICTS))
    return f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
