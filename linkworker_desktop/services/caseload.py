"""The caseload use cases: list and search it, add and change patients and referrals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.names import filed_name, name_search_key, name_sort_key
from linkworker_desktop.domain.patient import Patient, validate_patient
from linkworker_desktop.domain.referral import Referral, validate_referral
from linkworker_desktop.domain.text_fold import fold
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
    sort_key: tuple[tuple[str, ...], ...]

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
        }


def search_text(query: str) -> str:
    """What to look for, folded as names are (:func:`~linkworker_desktop.domain.text_fold.fold`).

    "o neill" finds O’Neill, "sian" finds Siân, and 943 476 5919 finds 9434765919.
    """
    return fold(query)


def row_matches(row: CaseloadRow, needle: str) -> bool:
    """Search-as-you-type rule shared by the screen and the CLI (needle: :func:`search_text`)."""
    return not needle or needle in row.search_key


def _derive_row(raw: tuple[Any, ...], today: date, target_days: int) -> CaseloadRow:
    (
        pid,
        given,
        family,
        preferred,
        nhs,
        _rid,
        status,
        ref_date,
        _priority,
        used,
        next_at,
        first_seen,
        unrecorded,
    ) = raw
    referral_date = date.fromisoformat(ref_date) if ref_date else None
    status_value = ReferralStatus(status) if status else None
    days_waiting = None
    if referral_date is not None:
        if first_seen:
            days_waiting = (date.fromisoformat(first_seen[:10]) - referral_date).days
        elif status_value in (ReferralStatus.NEW, ReferralStatus.CONTACTED):
            days_waiting = (today - referral_date).days
    overdue = ""
    if (
        status_value == ReferralStatus.NEW
        and days_waiting is not None
        and days_waiting > target_days
    ):
        overdue = f"Not contacted within {target_days} days"
    elif unrecorded and status_value in (ReferralStatus.CONTACTED, ReferralStatus.ACTIVE):
        overdue = "A past session has no outcome recorded"
    return CaseloadRow(
        patient_id=pid,
        name=filed_name(given, family, preferred),
        nhs_number=nhs,
        status=status_value,
        referral_date=referral_date,
        days_waiting=days_waiting,
        sessions_used=int(used),
        next_session=datetime.fromisoformat(next_at) if next_at else None,
        overdue_reason=overdue,
        search_key=name_search_key(given, family, preferred, nhs),
        sort_key=name_sort_key(given, family, preferred),
    )


class CaseloadService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    @property
    def _conn(self) -> Any:
        return self.profile.conn

    # --- reading ------------------------------------------------------------------------------

    def rows(self, now: datetime | None = None) -> list[CaseloadRow]:
        """Every live patient, in name order (:func:`name_sort_key`, as the screen sorts)."""
        now = now or datetime.now(UTC)
        target = self.profile.settings.get(FIRST_CONTACT_TARGET_DAYS)
        raw_rows = records.caseload_rows(self._conn, now.isoformat(timespec="seconds"))
        today = now.date()
        rows = [_derive_row(raw, today, target) for raw in raw_rows]
        rows.sort(key=lambda row: row.sort_key)
        return rows

    def search(
        self,
        text: str = "",
        status: ReferralStatus | None = None,
        overdue_only: bool = False,
        now: datetime | None = None,
    ) -> list[CaseloadRow]:
        needle = search_text(text)
        return [
            row
            for row in self.rows(now)
            if row_matches(row, needle)
            and (status is None or row.status == status)
            and (not overdue_only or row.overdue)
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

    def add_patient(self, patient: Patient, referral: Referral | None = None) -> str:
        """Add a patient (and their first referral) in one unit of work; returns the patient id."""
        today = date.today()
        # Check both records before raising, so a form can mark every wrong field at once.
        problems: dict[str, str] = {}
        try:
            validate_patient(patient, today)
        except ValidationError as exc:
            problems.update(exc.problems)
        if referral is not None:
            try:
                validate_referral(referral, today)
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
            if referral is not None:
                referral.patient_id = patient.id
                self._insert_referral(uow, referral)
        return patient.id

    def update_patient(self, patient: Patient) -> list[str]:
        """Save an edited patient; returns the fields that changed."""
        if not patient.id:
            raise ValueError("update_patient needs a saved patient")
        validate_patient(patient, date.today())
        self._check_unique(patient)
        values = records.patient_values(patient)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return uow.update("patients", patient.id, values)

    def add_referral(self, referral: Referral) -> str:
        if records.load_patient(self._conn, referral.patient_id) is None:
            raise ValidationError({"patient_id": "The referral must belong to a patient."})
        validate_referral(referral, date.today())
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return self._insert_referral(uow, referral)

    def update_referral(self, referral: Referral) -> list[str]:
        if not referral.id:
            raise ValueError("update_referral needs a saved referral")
        validate_referral(referral, date.today())
        values = records.referral_values(referral)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return uow.update("referrals", referral.id, values)

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
