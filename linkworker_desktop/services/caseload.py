"""The caseload use cases: list and search it, add and change patients and referrals."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.appointments import Slot, outcome_overdue
from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.consent import GivenBy, GivenHow
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.patient import Patient, validate_patient
from linkworker_desktop.domain.referral import Referral, validate_referral
from linkworker_desktop.domain.text_fold import fold
from linkworker_desktop.domain.typed_dates import format_uk_date
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.services.consent import changed_answers, write_answers
from linkworker_desktop.services.discharge import discharge_of, reopened_line
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import FIRST_CONTACT_TARGET_DAYS
from linkworker_desktop.storage import records
from linkworker_desktop.storage.unit_of_work import UnitOfWork, record_audit


class PatientNotFound(Exception):
    """No live patient matches; the message says which."""


class DuplicatePatient(Exception):
    """The NHS number already belongs to a patient in the caseload: open that record instead."""

    def __init__(self, patient_id: str, name: str):
        self.patient_id = patient_id
        self.name = name
        super().__init__(
            f"{name} already has this NHS number in the caseload. Their record has been opened "
            "so you can add the new referral there."
        )


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One line of the caseload table, with everything derived that the screen and CLI show."""

    patient_id: str
    name: str
    nhs_number: str
    status: ReferralStatus | None
    referral_date: date | None
    days_waiting: int | None
    sessions_used: int
    next_session: datetime | None
    overdue_reason: str
    search_key: str
    sort_key: str  # name_sort_text: orders as the name does
    alerts: tuple[str, ...] = ()  # the alerts in force on the record, in the list's order

    @property
    def overdue(self) -> bool:
        return bool(self.overdue_reason)

    def as_json(self) -> dict[str, Any]:
        return {
            "patient_id": self.patient_id,
            "name": self.name,
            "nhs_number": self.nhs_number,
            "status": self.status.value if self.status else None,
            "referral_date": self.referral_date.isoformat() if self.referral_date else None,
            "days_waiting": self.days_waiting,
            "sessions_used": self.sessions_used,
            "next_session": self.next_session.isoformat() if self.next_session else None,
            "overdue": self.overdue,
            "overdue_reason": self.overdue_reason or None,
            "alerts": list(self.alerts),
        }


def search_text(query: str) -> str:
    """What to look for, folded as names are (:func:`~linkworker_desktop.domain.text_fold.fold`).

    "o neill" finds O’Neill, "sian" finds Siân, and 943 476 5919 finds 9434765919.
    """
    return fold(query)


def row_matches(row: CaseloadRow, needle: str) -> bool:
    """Search-as-you-type rule shared by the screen and the CLI (needle: :func:`search_text`)."""
    return not needle or needle in row.search_key


def matching(rows: list[CaseloadRow], needle: str) -> list[CaseloadRow]:
    """The rows :func:`row_matches` keeps, in order, found in one pass with no call a row."""
    return [row for row in rows if needle in row.search_key] if needle else list(rows)


def _instant(text: str) -> datetime:
    """A stored time as an aware instant (a time stored without a zone is UTC)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _booked(listed: str) -> list[tuple[Slot, bool]]:
    """The "start|minutes|started" entries of a referral's booked sessions."""
    found = []
    for entry in listed.split(","):
        start, minutes, started = entry.split("|")
        found.append((Slot(_instant(start), int(minutes)), started == "1"))
    return found


_STATUSES = {status.value: status for status in ReferralStatus}


def _derive_row(
    raw: tuple[Any, ...], now: datetime, today: date, zone: tzinfo, target_days: int
) -> CaseloadRow:
    """One row, with days counted between local dates (``today`` is ``now``'s) and times
    compared as instants."""
    pid, name, nhs, search_key, sort_key, status, ref_date, booked_list, attended_list = raw
    referral_date = date.fromisoformat(ref_date) if ref_date else None
    status_value = _STATUSES[status] if status else None
    booked = _booked(booked_list) if booked_list else ()
    attended = [_instant(text) for text in attended_list.split(",")] if attended_list else ()
    upcoming = [slot.starts_at for slot, _ in booked if slot.starts_at >= now]
    days_waiting = None
    if referral_date is not None:
        if attended:
            days_waiting = (min(attended).astimezone(zone).date() - referral_date).days
        elif status_value in (ReferralStatus.NEW, ReferralStatus.CONTACTED):
            days_waiting = (today - referral_date).days
    overdue = ""
    if (
        status_value == ReferralStatus.NEW
        and days_waiting is not None
        and days_waiting > target_days
    ):
        overdue = f"Not contacted within {target_days} days"
    elif status_value in (ReferralStatus.CONTACTED, ReferralStatus.ACTIVE) and any(
        outcome_overdue(slot, now, started) for slot, started in booked
    ):  # looked for only where it counts: most referrals are neither
        overdue = "A past session has no outcome recorded"
    return CaseloadRow(
        patient_id=pid,
        name=name,
        nhs_number=nhs,
        status=status_value,
        referral_date=referral_date,
        days_waiting=days_waiting,
        sessions_used=len(attended),
        next_session=min(upcoming).astimezone(zone) if upcoming else None,
        overdue_reason=overdue,
        search_key=search_key,
        sort_key=sort_key,
    )


class CaseloadService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    @property
    def _conn(self) -> Any:
        return self.profile.conn

    # --- reading ------------------------------------------------------------------------------

    def rows(self, now: datetime | None = None, zone: tzinfo | None = None) -> list[CaseloadRow]:
        """The caseload at ``now`` in name order (:func:`name_sort_text`, as the screen sorts,
        kept in order by the database); days are counted in ``zone`` (the laptop's, by
        default)."""
        now = now or datetime.now(UTC)
        if now.tzinfo is None:  # a naive time is this laptop's, as elsewhere in the app
            now = now.astimezone()
        zone = zone or local_zone()
        target = self.profile.settings.get(FIRST_CONTACT_TARGET_DAYS)
        today = now.astimezone(zone).date()
        raw_rows = records.caseload_rows(self._conn)
        rows = [_derive_row(raw, now, today, zone, target) for raw in raw_rows]
        alerts = AlertService(self.profile).active_by_patient()  # one query, few patients
        if alerts:
            rows = [
                replace(row, alerts=tuple(a.kind.label for a in alerts[row.patient_id]))
                if row.patient_id in alerts
                else row
                for row in rows
            ]
        return rows

    def search(
        self,
        text: str = "",
        status: ReferralStatus | None = None,
        overdue_only: bool = False,
        now: datetime | None = None,
    ) -> list[CaseloadRow]:
        return [
            row
            for row in matching(self.rows(now), search_text(text))
            if (status is None or row.status == status) and (not overdue_only or row.overdue)
        ]

    def current_id(self, patient_id: str) -> str:
        """Where a patient's record lives now: one registered twice follows its merge."""
        for _ in range(8):
            row = self._conn.execute(
                "SELECT deleted, merged_into FROM patients WHERE id = ?", (patient_id,)
            ).fetchone()
            if row is None or not row[0] or not row[1]:
                break
            patient_id = row[1]
        return patient_id

    def patient(self, patient_id: str) -> Patient:
        """Open a patient's record; the view is written to the audit log."""
        patient_id = self.current_id(patient_id)
        patient = records.load_patient(self._conn, patient_id)
        if patient is None or patient.deleted:
            raise PatientNotFound("That patient is not in the caseload.")
        record_audit(self._conn, self.profile.actor, "view", "patients", patient_id)
        return patient

    def patient_by_nhs_number(self, text: str) -> Patient:
        number = nhs_number.validate(text)
        patient_id = records.find_patient_id_by_nhs_number(self._conn, number)
        if patient_id is None:
            shown = nhs_number.format_nhs_number(number)
            raise PatientNotFound(f"No patient with NHS number {shown} is in the caseload.")
        return self.patient(patient_id)

    def referrals(self, patient_id: str) -> list[Referral]:
        return records.load_referrals(self._conn, patient_id)

    # --- writing ------------------------------------------------------------------------------

    def _check_unique(self, patient: Patient) -> None:
        existing = records.find_patient_id_by_nhs_number(self._conn, patient.nhs_number)
        if existing and existing != patient.id:
            other = records.load_patient(self._conn, existing)
            raise DuplicatePatient(existing, other.display_name if other else "A patient")

    def add_patient(
        self,
        patient: Patient,
        referral: Referral | None = None,
        consent_given: GivenBy | None = None,
    ) -> str:
        """Add a patient (and their first referral) in one unit of work; returns the patient id.

        Consent answered on the form is recorded as given ``consent_given`` (how not recorded
        when the caller cannot say).
        """
        today = date.today()
        # Check both records before raising, so a form can mark every wrong field at once.
        problems: dict[str, str] = {}
        try:
            validate_patient(patient, today)
        except ValidationError as exc:
            problems.update(exc.problems)
        if referral is not None:
            try:
                validate_referral(referral, today, patient.date_of_birth)
            except ValidationError as exc:
                problems.update(exc.problems)
        given = GivenBy(GivenHow.NOT_RECORDED)
        answers = changed_answers(None, patient)
        try:
            given = _given(consent_given) if answers else given
        except ValidationError as exc:
            problems.update(exc.problems)
        if problems:
            raise ValidationError(problems)
        self._check_unique(patient)
        patient.owner_worker_id = patient.owner_worker_id or self.profile.actor.worker_id
        patient.team_id = patient.team_id or self._team_id()
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            values = records.patient_values(patient)
            patient.id = uow.insert("patients", values)
            write_answers(uow, patient.id, answers, given)
            if referral is not None:
                referral.patient_id = patient.id
                self._insert_referral(uow, referral)
        return patient.id

    def update_patient(self, patient: Patient, consent_given: GivenBy | None = None) -> list[str]:
        """Save an edited patient; returns the fields that changed. A changed consent answer is
        also recorded, as given ``consent_given``."""
        if not patient.id:
            raise ValueError("update_patient needs a saved patient")
        validate_patient(patient, date.today())
        before = records.load_patient(self._conn, patient.id)
        answers = changed_answers(before, patient) if before is not None else {}
        # How and by whom matters only when an answer changed: an unused form is no obstacle.
        given = _given(consent_given) if answers else GivenBy(GivenHow.NOT_RECORDED)
        self._check_born_before_referrals(patient)
        self._check_unique(patient)
        values = records.patient_values(patient)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            changed = uow.update("patients", patient.id, values)
            write_answers(uow, patient.id, answers, given)
            return changed

    def add_referral(self, referral: Referral) -> str:
        patient = records.load_patient(self._conn, referral.patient_id)
        if patient is None:
            raise ValidationError({"patient_id": "The referral must belong to a patient."})
        validate_referral(referral, date.today(), patient.date_of_birth)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return self._insert_referral(uow, referral)

    def update_referral(self, referral: Referral) -> list[str]:
        """Save an edited referral; moving a closed one back to an open status re-opens it.

        A re-opened referral loses its discharge reason and date (it is no longer discharged),
        and a line in its notes keeps what the discharge was.
        """
        if not referral.id:
            raise ValueError("update_referral needs a saved referral")
        patient = records.load_patient(self._conn, referral.patient_id)
        closed = discharge_of(self._conn, referral.id)
        reopening = closed is not None and referral.status.is_open
        validate_referral(
            referral,
            date.today(),
            patient.date_of_birth if patient else None,
            None if reopening or closed is None else closed[1],
        )
        if reopening and closed is not None:
            referral.reason_notes = _with_line(
                referral.reason_notes, reopened_line(closed[0], closed[1], date.today())
            )
        values = records.referral_values(referral)
        if reopening:
            values.update(discharge_reason="", discharge_notes="", discharged_on=None)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return uow.update("referrals", referral.id, values)

    def _check_born_before_referrals(self, patient: Patient) -> None:
        earliest = self._conn.execute(
            "SELECT MIN(referral_date) FROM referrals WHERE patient_id = ? AND deleted = 0",
            (patient.id,),
        ).fetchone()[0]
        if (
            earliest
            and patient.date_of_birth
            and patient.date_of_birth > date.fromisoformat(earliest)
        ):
            raise ValidationError(
                {
                    "date_of_birth": "The date of birth is after this person's referral on "
                    f"{format_uk_date(date.fromisoformat(earliest))}; check both."
                }
            )

    def _insert_referral(self, uow: UnitOfWork, referral: Referral) -> str:
        referral.owner_worker_id = referral.owner_worker_id or self.profile.actor.worker_id
        referral.team_id = referral.team_id or self._team_id()
        values = records.referral_values(referral)
        referral.id = uow.insert("referrals", values)
        return referral.id

    def _team_id(self) -> str:
        row = self._conn.execute(
            "SELECT team_id FROM workers WHERE id = ?", (self.profile.actor.worker_id,)
        ).fetchone()
        return row[0] if row and row[0] else ""


def _given(consent_given: GivenBy | None) -> GivenBy:
    """A caller that asked how consent was given has it checked; one that did not says so."""
    return consent_given.checked() if consent_given else GivenBy(GivenHow.NOT_RECORDED)


def _with_line(notes: str, line: str) -> str:
    return f"{notes.rstrip()}\n{line}" if notes.strip() else line
