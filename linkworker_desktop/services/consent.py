"""Consent records: each answer saved with when, how and by whom; the latest of a kind is current.

The patient's own consent columns are written in the same unit of work as each record, so the
caseload, chase-ups and the command line, which read those columns, always agree with it. The
GP summary, the plan and the record's summary read the records themselves.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any

from linkworker_desktop.domain.choices import ConsentToContact, ConsentToShare
from linkworker_desktop.domain.consent import (
    ConsentKind,
    ConsentRecord,
    ConsentValue,
    GivenBy,
    GivenHow,
    value_of,
)
from linkworker_desktop.services.local_zone import local_zone
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.storage import records
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork

_SELECT = (
    "SELECT c.id, c.patient_id, c.kind, c.value, c.given_how, c.given_by_name,"
    " c.given_by_relationship, c.recorded_at, coalesce(w.display_name, '') AS recorded_by_name"
    " FROM consent_records c LEFT JOIN workers w ON w.id = c.recorded_by"
    " WHERE c.patient_id = ? AND c.deleted = 0"
)
# Latest first; the id settles two answers recorded in the same millisecond.
_NEWEST_FIRST = " ORDER BY c.recorded_at DESC, c.id DESC"
_COLUMN = {ConsentKind.CONTACT: "consent_to_contact", ConsentKind.SHARE_WITH_GP: "consent_to_share"}


def _record(row: dict[str, Any]) -> ConsentRecord:
    kind = ConsentKind(row["kind"])
    return ConsentRecord(
        id=row["id"],
        patient_id=row["patient_id"],
        kind=kind,
        value=value_of(kind, row["value"]),
        given=GivenBy(
            GivenHow(row["given_how"]), row["given_by_name"], row["given_by_relationship"]
        ),
        recorded_at=datetime.fromisoformat(row["recorded_at"]),
        recorded_by=row["recorded_by_name"],
    )


def local_day(record: ConsentRecord, zone: tzinfo | None = None) -> date:
    """The day the answer was recorded, where the worker is (stored times are UTC)."""
    return record.recorded_at.astimezone(zone or local_zone()).date()


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="milliseconds")


def column_value(value: ConsentValue) -> Any:
    """What the patient's own column holds for an answer (contact is stored as 1, 0 or NULL)."""
    if isinstance(value, ConsentToContact):
        return records.consent_to_contact_column(value)
    return value.value


def write_answers(
    uow: UnitOfWork,
    patient_id: str,
    answers: dict[ConsentKind, ConsentValue],
    given: GivenBy,
    now: datetime | None = None,
) -> list[str]:
    """Add a record for each answer and keep the patient's columns in step, inside ``uow``."""
    stamp = _stamp(now)
    ids = []
    for kind, value in answers.items():
        ids.append(
            uow.insert(
                "consent_records",
                {
                    "patient_id": patient_id,
                    "kind": kind.value,
                    "value": value.value,
                    "given_how": given.how.value,
                    "given_by_name": given.name,
                    "given_by_relationship": given.relationship,
                    "recorded_at": stamp,
                    "recorded_by": uow.actor.worker_id,
                },
            )
        )
        uow.update("patients", patient_id, {_COLUMN[kind]: column_value(value)})
    return ids


def changed_answers(before: Any, after: Any) -> dict[ConsentKind, ConsentValue]:
    """The consent answers that differ between two versions of a patient."""
    found: dict[ConsentKind, ConsentValue] = {}
    if before is None or before.consent_to_contact != after.consent_to_contact:
        found[ConsentKind.CONTACT] = ConsentToContact(after.consent_to_contact)
    if before is None or before.consent_to_share != after.consent_to_share:
        found[ConsentKind.SHARE_WITH_GP] = ConsentToShare(after.consent_to_share)
    if before is None:  # a new patient: only the questions actually answered are recorded
        found = {kind: value for kind, value in found.items() if value.value != "not_asked"}
    return found


class ConsentService:
    def __init__(self, profile: OpenProfile):
        self.profile = profile

    def history(self, patient_id: str) -> list[ConsentRecord]:
        """Every answer recorded, newest first."""
        rows = fetch_dicts(self.profile.conn, _SELECT + _NEWEST_FIRST, (patient_id,))
        return [_record(row) for row in rows]

    def current(self, patient_id: str) -> dict[ConsentKind, ConsentRecord]:
        """The latest answer of each kind asked. A patient with no record of a kind but an answer
        in their own columns (written by a laptop from before records) reads that answer, marked
        as from before consent records."""
        found: dict[ConsentKind, ConsentRecord] = {}
        for record in self.history(patient_id):
            found.setdefault(record.kind, record)
        patient = records.load_patient(self.profile.conn, patient_id)
        if patient is None:
            return found
        stamp = datetime.fromisoformat(patient.updated_at) if patient.updated_at else None
        held: dict[ConsentKind, ConsentValue] = {
            ConsentKind.CONTACT: patient.consent_to_contact,
            ConsentKind.SHARE_WITH_GP: patient.consent_to_share,
        }
        for kind, value in held.items():
            if kind in found or value.value == "not_asked" or stamp is None:
                continue
            found[kind] = ConsentRecord(
                "", patient_id, kind, value, GivenBy(GivenHow.BEFORE_RECORDS), stamp, ""
            )
        return dict(sorted(found.items(), key=lambda item: list(ConsentKind).index(item[0])))

    def share(self, patient_id: str) -> ConsentRecord | None:
        """The consent the GP summary and the plan honour; None when never asked."""
        found = self.current(patient_id).get(ConsentKind.SHARE_WITH_GP)
        return found if found and found.value.value != "not_asked" else None

    def record(
        self,
        patient_id: str,
        answers: dict[ConsentKind, ConsentValue],
        given: GivenBy,
        now: datetime | None = None,
    ) -> list[str]:
        """Record the answers that differ from the current ones; the same answer again is not a
        new record. ``given`` is checked: a representative needs a name and relationship."""
        checked = given.checked()
        current = self.current(patient_id)
        changed = {
            kind: value
            for kind, value in answers.items()
            if (current[kind].value if kind in current else _not_asked(kind)) != value
        }
        if not changed:
            return []
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return write_answers(uow, patient_id, changed, checked, now)


def _not_asked(kind: ConsentKind) -> ConsentValue:
    return value_of(kind, "not_asked")
