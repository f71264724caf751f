"""Bringing a caseload in from spreadsheets, in one transaction, as if each row had been typed.

Each good row goes in through the unit of work (so it is audited and queued for the hub like a
typed record); each bad row is refused with its file, row and reason. Records are matched on
their natural keys, so importing the same files twice adds nothing the second time: a patient
by NHS number, a referral by patient, referral date and source, a contact by patient, date and
time, a measure by patient, date and measure.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from linkworker_desktop.domain.appointments import AppointmentKind, AppointmentStatus
from linkworker_desktop.domain.clock_changes import local_instant
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.import_rows import (
    CONTACTS,
    MEASURES,
    REFERRALS,
    ContactRow,
    MeasureRow,
    ReferralRow,
    RowProblem,
    read_contact,
    read_measure,
    read_referral,
)
from linkworker_desktop.domain.measures import Measure, answers_in_order
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.domain.typed_dates import format_uk_date
from linkworker_desktop.services.import_files import Sheet, read_source
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import FOLLOW_UP_MINUTES, INITIAL_MINUTES
from linkworker_desktop.storage import records
from linkworker_desktop.storage.unit_of_work import UnitOfWork

# A measure's date is a day; it is kept at midday local time, clear of any clock change.
MEASURE_CLOCK = time(12, 0)


@dataclass(frozen=True, slots=True)
class Rejected:
    file: str
    row: int
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "reason": self.reason}


@dataclass(slots=True)
class ImportResult:
    patients_added: int = 0
    referrals_added: int = 0
    contacts_added: int = 0
    measures_added: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "patients_added": self.patients_added,
            "referrals_added": self.referrals_added,
            "contacts_added": self.contacts_added,
            "measures_added": self.measures_added,
            "rejected": [r.as_json() for r in self.rejected],
        }

    def summary(self) -> str:
        """One sentence for a screen reader, the wizard and the command line."""
        verb = "Would add" if self.dry_run else "Added"
        refused = len(self.rejected)
        return (
            f"{verb} {self.patients_added} patients, {self.referrals_added} referrals, "
            f"{self.contacts_added} contacts and {self.measures_added} measures; "
            f"{refused} row{'' if refused == 1 else 's'} refused."
        )


class _DryRun(Exception):
    """Raised inside the transaction so a dry run rolls back exactly what a real run writes."""


@dataclass(slots=True)
class _Referral:
    id: str
    opened: date
    closed: date | None

    def open_on(self, day: date) -> bool:
        return self.opened <= day and (self.closed is None or day <= self.closed)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class CaseloadImport:
    """``CaseloadImport(profile).run_path(path)``, or ``run(sheets)`` once columns are mapped;
    ``now`` and ``zone`` are given in tests."""

    def __init__(self, profile: OpenProfile, zone: tzinfo | None = None):
        self.profile = profile
        self.zone = zone or local_zone()

    def read(self, path: Path) -> dict[str, Sheet]:
        return read_source(path)

    def run_path(
        self, path: Path, dry_run: bool = False, now: datetime | None = None
    ) -> ImportResult:
        return self.run(self.read(path), dry_run=dry_run, now=now)

    def run(
        self, sheets: dict[str, Sheet], dry_run: bool = False, now: datetime | None = None
    ) -> ImportResult:
        """Import the sheets (their column mappings applied); a dry run writes nothing."""
        for sheet in sheets.values():
            sheet.check()
        moment = now or datetime.now(UTC)
        today = moment.astimezone(self.zone).date()
        result = ImportResult(dry_run=dry_run)
        measures = MeasureService(self.profile).library()
        try:
            with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
                run = _Run(self, uow, result, today, measures)
                run.referrals(sheets.get(REFERRALS))
                run.contacts(sheets.get(CONTACTS))
                run.measures(sheets.get(MEASURES))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return result


class _Run:
    """One import's state: what the caseload already holds, keyed for matching."""

    def __init__(
        self,
        owner: CaseloadImport,
        uow: UnitOfWork,
        result: ImportResult,
        today: date,
        library: dict[str, Measure],
    ):
        self.profile = owner.profile
        self.zone = owner.zone
        self.uow = uow
        self.result = result
        self.today = today
        self.library = library
        conn = self.profile.conn
        self.patients: dict[str, tuple[str, date]] = {
            nhs: (pid, date.fromisoformat(born))
            for pid, nhs, born in conn.execute(
                "SELECT id, nhs_number, date_of_birth FROM patients WHERE deleted = 0"
            )
        }
        self.referral_keys: set[tuple[str, str, str]] = set()
        self.referrals_of: dict[str, list[_Referral]] = defaultdict(list)
        for rid, pid, on, source, closed in conn.execute(
            "SELECT id, patient_id, referral_date, source, discharged_on FROM referrals"
            " WHERE deleted = 0"
        ):
            self.referral_keys.add((pid, on, source))
            self.referrals_of[pid].append(
                _Referral(
                    rid, date.fromisoformat(on), date.fromisoformat(closed) if closed else None
                )
            )
        self.contact_keys = {
            (pid, starts)
            for pid, starts in conn.execute(
                "SELECT patient_id, starts_at FROM appointments WHERE deleted = 0"
            )
        }
        self.has_initial = {
            rid
            for (rid,) in conn.execute(
                "SELECT DISTINCT referral_id FROM appointments WHERE deleted = 0"
                " AND kind = 'initial' AND status IN ('booked', 'attended')"
            )
        }
        self.measure_keys: set[tuple[str, str, date]] = set()
        self.measured: set[tuple[str, str]] = set()
        for pid, measure_id, recorded in conn.execute(
            "SELECT patient_id, measure_id, recorded_at FROM measure_results WHERE deleted = 0"
        ):
            day = datetime.fromisoformat(recorded).astimezone(self.zone).date()
            self.measure_keys.add((pid, measure_id, day))
            self.measured.add((pid, measure_id))
        self.team_id = self._team_id()

    def _team_id(self) -> str | None:
        row = self.profile.conn.execute(
            "SELECT team_id FROM workers WHERE id = ?", (self.profile.actor.worker_id,)
        ).fetchone()
        return row[0] if row and row[0] else None

    def refuse(self, sheet: Sheet, row: int, reason: str) -> None:
        self.result.rejected.append(Rejected(sheet.name, row, reason))

    def _patient(self, number: str) -> str:
        found = self.patients.get(number)
        if found is None:
            raise RowProblem(
                f"No patient with NHS number {format_nhs_number(number)} is in the caseload "
                "or in referrals."
            )
        return found[0]

    def _open_referral(self, patient_id: str, day: date) -> _Referral | None:
        open_then = [r for r in self.referrals_of[patient_id] if r.open_on(day)]
        return max(open_then, key=lambda r: r.opened) if open_then else None

    # --- referrals ----------------------------------------------------------------------------

    def referrals(self, sheet: Sheet | None) -> None:
        if sheet is None:
            return
        for number, values, problem in sheet.records():
            try:
                if problem:
                    raise RowProblem(problem)
                self._referral(read_referral(values, self.today))
            except RowProblem as exc:
                self.refuse(sheet, number, str(exc))

    def _referral(self, row: ReferralRow) -> None:
        patient, referral = row.patient, row.referral
        known = self.patients.get(patient.nhs_number)
        if known is not None and known[1] != patient.date_of_birth:
            raise RowProblem(
                f"NHS number {format_nhs_number(patient.nhs_number)} belongs to a patient born "
                f"on {format_uk_date(known[1])}, not {format_uk_date(patient.date_of_birth)}: "
                "check the NHS number and date of birth."
            )
        if known is None:
            patient.owner_worker_id = self.profile.actor.worker_id
            patient.team_id = self.team_id or ""
            patient_id = self.uow.insert("patients", records.patient_values(patient))
            self.patients[patient.nhs_number] = (patient_id, patient.date_of_birth)
            self.result.patients_added += 1
        else:
            patient_id = known[0]
        key = (patient_id, referral.referral_date.isoformat(), referral.source.value)
        if key in self.referral_keys:
            return
        referral.patient_id = patient_id
        referral.owner_worker_id = self.profile.actor.worker_id
        referral.team_id = self.team_id or ""
        values = records.referral_values(referral)
        if row.discharged_on is not None and row.discharge_reason is not None:
            values.update(
                discharge_reason=row.discharge_reason.value,
                discharged_on=row.discharged_on.isoformat(),
            )
        referral_id = self.uow.insert("referrals", values)
        self.referral_keys.add(key)
        self.referrals_of[patient_id].append(
            _Referral(referral_id, referral.referral_date, row.discharged_on)
        )
        self.result.referrals_added += 1

    # --- contacts -----------------------------------------------------------------------------

    def contacts(self, sheet: Sheet | None) -> None:
        if sheet is None:
            return
        found: list[tuple[datetime, str, _Referral, ContactRow]] = []
        for number, values, problem in sheet.records():
            try:
                if problem:
                    raise RowProblem(problem)
                row = read_contact(values, self.today)
                patient_id = self._patient(row.nhs_number)
                referral = self._open_referral(patient_id, row.day)
                if referral is None:
                    raise RowProblem(
                        f"No referral of this patient was open on {format_uk_date(row.day)}."
                    )
                try:
                    starts = local_instant(row.day, row.at, self.zone)
                except ValidationError as exc:
                    raise RowProblem(" ".join(exc.problems.values())) from exc
            except RowProblem as exc:
                self.refuse(sheet, number, str(exc))
                continue
            key = (patient_id, _utc(starts))
            if key in self.contact_keys:
                continue
            self.contact_keys.add(key)
            found.append((starts, patient_id, referral, row))
        # In time order, so the first attended contact of a referral is its initial session.
        for starts, patient_id, referral, row in sorted(found, key=lambda f: f[0]):
            self._contact(starts, patient_id, referral, row)

    def _contact(self, starts: datetime, patient_id: str, referral: _Referral, row: ContactRow):
        initial = referral.id not in self.has_initial
        if initial and row.outcome is AppointmentStatus.ATTENDED:
            self.has_initial.add(referral.id)
        kind = AppointmentKind.INITIAL if initial else AppointmentKind.FOLLOW_UP
        setting = INITIAL_MINUTES if initial else FOLLOW_UP_MINUTES
        self.uow.insert(
            "appointments",
            {
                "patient_id": patient_id,
                "referral_id": referral.id,
                "starts_at": _utc(starts),
                "planned_minutes": row.minutes or self.profile.settings.get(setting),
                "kind": kind.value,
                "mode": row.mode.value,
                "status": row.outcome.value,
                "worker_id": self.profile.actor.worker_id,
                "imported": 1,
            },
        )
        self.result.contacts_added += 1

    # --- measures -----------------------------------------------------------------------------

    def measures(self, sheet: Sheet | None) -> None:
        if sheet is None:
            return
        found: list[tuple[date, str, MeasureRow, dict[str, int | None], Measure]] = []
        for number, values, problem in sheet.records():
            try:
                if problem:
                    raise RowProblem(problem)
                row = read_measure(values, self.today)
                patient_id = self._patient(row.nhs_number)
                measure = self.library.get(row.measure_id)
                if measure is None:
                    known = ", ".join(sorted(self.library))
                    raise RowProblem(
                        f"There is no measure called {row.measure_id!r} in this caseload: "
                        f"use one of {known}."
                    )
                try:
                    answers = measure.check_answers(answers_in_order(measure, row.answers))
                except ValidationError as exc:
                    raise RowProblem(" ".join(exc.problems.values())) from exc
            except RowProblem as exc:
                self.refuse(sheet, number, str(exc))
                continue
            key = (patient_id, measure.id, row.day)
            if key in self.measure_keys:
                continue
            self.measure_keys.add(key)
            found.append((row.day, patient_id, row, answers, measure))
        for day, patient_id, _row, answers, measure in sorted(found, key=lambda f: f[0]):
            self._measure(day, patient_id, answers, measure)

    def _measure(
        self, day: date, patient_id: str, answers: dict[str, int | None], measure: Measure
    ) -> None:
        referral = self._open_referral(patient_id, day)
        if (patient_id, measure.id) not in self.measured:
            timepoint = "baseline"
        elif referral is not None and referral.closed == day:
            timepoint = "discharge"
        else:
            timepoint = "review"
        score = measure.score(answers)
        if score.complete:
            self.measured.add((patient_id, measure.id))
        self.uow.insert(
            "measure_results",
            {
                "patient_id": patient_id,
                "referral_id": referral.id if referral else None,
                "session_id": None,
                "measure_id": measure.id,
                "timepoint": timepoint,
                "answers": json.dumps(answers, sort_keys=True),
                "complete": int(score.complete),
                "scores": json.dumps(score.as_json()),
                "recorded_at": local_instant(day, MEASURE_CLOCK, self.zone)
                .astimezone(UTC)
                .isoformat(timespec="milliseconds"),
            },
        )
        self.result.measures_added += 1
