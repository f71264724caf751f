"""Map patients and referrals between domain objects and table rows."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from typing import Any

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
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral

_BOOKKEEPING = {"id", "created_at", "updated_at", "author_id", "deleted"}
_PATIENT_FIELDS = [f.name for f in fields(Patient) if f.name != "extra"]
_REFERRAL_FIELDS = [f.name for f in fields(Referral)]
# Consent to contact is stored as 1 or 0, and NULL while the patient has not been asked.
_CONTACT_COLUMN: dict[ConsentToContact, int | None] = {
    ConsentToContact.YES: 1,
    ConsentToContact.NO: 0,
    ConsentToContact.NOT_ASKED: None,
}


def _rows_as_dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def fetch_dicts(conn: Any, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """Run a query and return its rows as dicts keyed by column name."""
    return _rows_as_dicts(conn.execute(sql, params))


def patient_values(patient: Patient) -> dict[str, Any]:
    """The columns a unit of work writes for a patient (bookkeeping columns excluded)."""
    values: dict[str, Any] = {}
    for name in _PATIENT_FIELDS:
        if name in _BOOKKEEPING:
            continue
        value = getattr(patient, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = int(value)
        elif hasattr(value, "value"):
            value = value.value
        values[name] = value if value is not None else ""
    values["consent_to_contact"] = _CONTACT_COLUMN[ConsentToContact(patient.consent_to_contact)]
    for ref in ("owner_worker_id", "team_id"):
        values[ref] = values[ref] or None
    return values


def patient_from_row(row: dict[str, Any]) -> Patient:
    data = {name: row[name] for name in _PATIENT_FIELDS if name in row}
    data["date_of_birth"] = date.fromisoformat(row["date_of_birth"])
    data["gender"] = Gender(row["gender"])
    data["ethnicity"] = Ethnicity(row["ethnicity"])
    data["preferred_contact"] = ContactMethod(row["preferred_contact"])
    data["consent_to_share"] = ConsentToShare(row["consent_to_share"])
    data["consent_to_contact"] = consent_to_contact_from_column(row["consent_to_contact"])
    data["deleted"] = bool(row["deleted"])
    data["owner_worker_id"] = row["owner_worker_id"] or ""
    data["team_id"] = row["team_id"] or ""
    return Patient(**data)


def consent_to_contact_column(value: ConsentToContact) -> int | None:
    return _CONTACT_COLUMN[ConsentToContact(value)]


def consent_to_contact_from_column(stored: int | None) -> ConsentToContact:
    if stored is None:
        return ConsentToContact.NOT_ASKED
    return ConsentToContact.YES if stored else ConsentToContact.NO


def referral_values(referral: Referral) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _REFERRAL_FIELDS:
        if name in _BOOKKEEPING:
            continue
        value = getattr(referral, name)
        if name == "reasons":
            value = json.dumps([ReferralReason(r).value for r in value])
        elif isinstance(value, date):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        values[name] = value
    for ref in ("owner_worker_id", "team_id"):
        values[ref] = values[ref] or None
    return values


def referral_from_row(row: dict[str, Any]) -> Referral:
    data = {name: row[name] for name in _REFERRAL_FIELDS if name in row}
    data["referral_date"] = date.fromisoformat(row["referral_date"])
    data["source"] = ReferralSource(row["source"])
    data["reasons"] = [ReferralReason(r) for r in json.loads(row["reasons"] or "[]")]
    data["priority"] = Priority(row["priority"])
    data["status"] = ReferralStatus(row["status"])
    data["deleted"] = bool(row["deleted"])
    data["owner_worker_id"] = row["owner_worker_id"] or ""
    data["team_id"] = row["team_id"] or ""
    return Referral(**data)


def load_patient(conn: Any, patient_id: str) -> Patient | None:
    rows = _rows_as_dicts(conn.execute("SELECT * FROM patients WHERE id = ?", (patient_id,)))
    return patient_from_row(rows[0]) if rows else None


def find_patient_id_by_nhs_number(conn: Any, nhs_number: str) -> str | None:
    row = conn.execute(
        "SELECT id FROM patients WHERE nhs_number = ? AND deleted = 0", (nhs_number,)
    ).fetchone()
    return row[0] if row else None


def load_referrals(conn: Any, patient_id: str) -> list[Referral]:
    cursor = conn.execute(
        "SELECT * FROM referrals WHERE patient_id = ? AND deleted = 0"
        " ORDER BY referral_date DESC, created_at DESC",
        (patient_id,),
    )
    return [referral_from_row(row) for row in _rows_as_dicts(cursor)]


def load_referral(conn: Any, referral_id: str) -> Referral | None:
    rows = _rows_as_dicts(conn.execute("SELECT * FROM referrals WHERE id = ?", (referral_id,)))
    return referral_from_row(rows[0]) if rows else None


# The latest referral of each patient comes last in this order (then the latest made that day).
_LATEST_REFERRALS = """
SELECT patient_id, id, status, referral_date FROM referrals INDEXED BY referrals_latest
WHERE deleted = 0 ORDER BY patient_id, referral_date, created_at
"""
# Each referral's booked sessions as "start|minutes|started" and its attended ones' starts (times
# are compared as instants in Python, not as text here).
_CASELOAD_VISITS = """
SELECT a.referral_id,
       GROUP_CONCAT(CASE WHEN a.status = 'booked' THEN a.starts_at || '|' || a.planned_minutes
           || '|' || EXISTS (SELECT 1 FROM sessions AS s
                             WHERE s.appointment_id = a.id AND s.deleted = 0) END),
       GROUP_CONCAT(CASE WHEN a.status = 'attended' THEN a.starts_at END)
FROM appointments AS a INDEXED BY appointments_caseload
WHERE a.deleted = 0 AND a.status IN ('booked', 'attended')
GROUP BY a.referral_id
"""
_CASELOAD_NAMES = """
SELECT patient_id, name, nhs_number, search_key, sort_key FROM caseload_names
ORDER BY sort_key, nhs_number, patient_id
"""
_NO_REFERRAL = (None, None, None, None)
_NO_VISITS = (None, None, None)


def caseload_rows(conn: Any) -> list[tuple[Any, ...]]:
    """One raw row per live patient, in name order (the stored sort text, then NHS number):
    ``(id, filed name, NHS number, search key, sort text, latest referral's status and date,
    booked sessions as "start|minutes|started,…", attended sessions' starts as "start,…")``.

    Three reads of a small table and two covering indexes, each in its own order, joined
    here: a query that joined them would look up each patient's referral and sessions one by
    one, scattered across the file.
    """
    latest = {row[0]: row for row in conn.execute(_LATEST_REFERRALS)}  # the last one stays
    visits = {row[0]: row for row in conn.execute(_CASELOAD_VISITS)}
    rows = []
    for patient_id, name, nhs_number, search_key, sort_key in conn.execute(_CASELOAD_NAMES):
        _, referral_id, status, referral_date = latest.get(patient_id, _NO_REFERRAL)
        _, booked, attended = visits.get(referral_id, _NO_VISITS)
        rows.append(
            (
                patient_id,
                name,
                nhs_number,
                search_key,
                sort_key,
                status,
                referral_date,
                booked,
                attended,
            )
        )
    return rows


# Records that keep an order of their own, and what each is numbered within.
_SEQUENCED = {"goal_progress": ("goal_id",), "measure_results": ("patient_id", "measure_id")}


def sequence_scope(table: str) -> tuple[str, ...]:
    """The columns whose records share one run of ``sequence`` numbers in ``table``."""
    return _SEQUENCED[table]


def next_sequence(conn: Any, table: str, row: dict[str, Any]) -> int:
    """The next number in the stable order of ``table``'s records that share ``row``'s scope.

    Two records made in the same millisecond still have a first and a second: reports take a
    baseline as "first" and a follow-up as "last" (ordered by time, then this, then the id).
    """
    scope = _SEQUENCED[table]
    where = " AND ".join(f"{column} = ?" for column in scope)
    found = conn.execute(
        f"SELECT COALESCE(MAX(sequence), 0) + 1 FROM {table} WHERE {where}",
        [row[column] for column in scope],
    ).fetchone()
    return int(found[0])
