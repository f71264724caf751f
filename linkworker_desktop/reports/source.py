"""The caseload's records as a report reads them: read once, in plain rows, deleted ones left out.

Every figure works from these rows, so the same code serves a laptop and the hub's laptop-shaped
copy of an organisation's records. A record without a referral (an older measure, a connection
made from the record) belongs to the patient's referral open on its date.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import Any

from linkworker_desktop.storage.records import fetch_dicts

# Measures whose figures read the answers themselves (the FFT answer, the two GP counts).
ANSWERS_READ = frozenset({"fft", "gp_appointments"})


@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: str
    patient_id: str
    referral_date: date
    source: str
    reasons: tuple[str, ...]
    status: str
    discharge_reason: str
    discharged_on: date | None
    worker: str
    team: str
    practice: str
    date_of_birth: date | None
    gender: str
    ethnicity: str
    postcode: str
    coded_on: str | None
    decline_coded_on: str | None


@dataclass(frozen=True, slots=True)
class ContactRow:
    patient_id: str
    referral_id: str
    day: date
    status: str
    mode: str


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One measure result in the stable order: time, then sequence, then id."""

    patient_id: str
    referral_id: str
    measure_id: str
    order: tuple[str, int, str]
    day: date
    complete: bool
    answers: dict[str, Any]
    scores: dict[str, float]


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: str
    patient_id: str
    referral_id: str


@dataclass(frozen=True, slots=True)
class RatingRow:
    goal_id: str
    patient_id: str
    referral_id: str
    order: tuple[str, int, str]
    rating: int


@dataclass(frozen=True, slots=True)
class ConnectionRow:
    patient_id: str
    referral_id: str
    kind: str
    categories: tuple[str, ...]
    day: date
    outcome: str


@dataclass(frozen=True, slots=True)
class ReportData:
    referrals: tuple[ReferralRow, ...]
    contacts: tuple[ContactRow, ...]
    results: tuple[ResultRow, ...]
    goals: tuple[GoalRow, ...]
    ratings: tuple[RatingRow, ...]
    connections: tuple[ConnectionRow, ...]
    imd: dict[str, int] | None

    def split(self, group_of: dict[str, str]) -> dict[str, ReportData]:
        """The records of each group (referral id -> group), in one pass over each table."""
        parts: dict[str, dict[str, list[Any]]] = {}
        tables = ("referrals", "contacts", "results", "goals", "ratings", "connections")

        def bucket(group: str) -> dict[str, list[Any]]:
            return parts.setdefault(group, {name: [] for name in tables})

        for referral in self.referrals:
            if referral.id in group_of:
                bucket(group_of[referral.id])["referrals"].append(referral)
        for name in tables[1:]:
            for row in getattr(self, name):
                group = group_of.get(row.referral_id)
                if group is not None:
                    bucket(group)[name].append(row)
        return {
            group: ReportData(
                referrals=tuple(rows["referrals"]),
                contacts=tuple(rows["contacts"]),
                results=tuple(rows["results"]),
                goals=tuple(rows["goals"]),
                ratings=tuple(rows["ratings"]),
                connections=tuple(rows["connections"]),
                imd=self.imd,
            )
            for group, rows in parts.items()
        }


def local_day(text: str, zone: tzinfo) -> date:
    """The local date of a stored time: UTC stamps are moved to the zone, local ones kept."""
    # Every zone's offset is whole minutes, so the minute and the offset decide the day.
    return _local_day(text[:16], text[19:].lstrip("0123456789."), zone)


@lru_cache(maxsize=65536)
def _local_day(minute: str, offset: str, zone: tzinfo) -> date:
    moment = datetime.fromisoformat(minute + offset)
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.date()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


class _Episodes:
    """Which referral a record belongs to when it names none: the one open on its date."""

    def __init__(self, referrals: Iterable[ReferralRow]):
        self._by_patient: dict[str, list[ReferralRow]] = {}
        for referral in sorted(referrals, key=lambda r: (r.referral_date, r.id)):
            self._by_patient.setdefault(referral.patient_id, []).append(referral)
        self._known = {r.id for rows in self._by_patient.values() for r in rows}

    def resolve(self, patient_id: str, referral_id: str | None, day: date) -> str:
        if referral_id and referral_id in self._known:
            return referral_id
        episodes = self._by_patient.get(patient_id, [])
        started = [r for r in episodes if r.referral_date <= day]
        chosen = started[-1] if started else (episodes[0] if episodes else None)
        return chosen.id if chosen else ""


def load(conn: Any, zone: tzinfo) -> ReportData:
    """Read every live record a report needs, in one pass per table."""
    workers = {
        r["id"]: r["display_name"]
        for r in fetch_dicts(conn, "SELECT id, display_name FROM workers")
    }
    teams = {r["id"]: r["name"] for r in fetch_dicts(conn, "SELECT id, name FROM teams")}
    referrals = tuple(
        ReferralRow(
            id=r["id"],
            patient_id=r["patient_id"],
            referral_date=date.fromisoformat(r["referral_date"]),
            source=r["source"],
            reasons=tuple(json.loads(r["reasons"] or "[]")),
            status=r["status"],
            discharge_reason=r["discharge_reason"] or "",
            discharged_on=_day(r["discharged_on"]),
            worker=workers.get(r["owner_worker_id"] or "", "") or "Not assigned",
            team=teams.get(r["team_id"] or "", "") or "No team",
            practice=r["gp_practice_code"] or "Not recorded",
            date_of_birth=_day(r["date_of_birth"]),
            gender=r["gender"],
            ethnicity=r["ethnicity"],
            postcode=r["postcode"],
            coded_on=r["coded_on"],
            decline_coded_on=r["decline_coded_on"],
        )
        for r in fetch_dicts(
            conn,
            "SELECT r.id, r.patient_id, r.referral_date, r.source, r.reasons, r.status,"
            " r.discharge_reason, r.discharged_on, r.owner_worker_id, r.team_id,"
            " r.coded_on, r.decline_coded_on, p.gp_practice_code, p.date_of_birth, p.gender,"
            " p.ethnicity, p.postcode FROM referrals r JOIN patients p ON p.id = r.patient_id"
            " WHERE r.deleted = 0 AND p.deleted = 0 ORDER BY r.referral_date, r.id",
        )
    )
    episodes = _Episodes(referrals)
    contacts = []
    for patient_id, referral_id, starts_at, status, mode in conn.execute(
        "SELECT patient_id, referral_id, starts_at, status, mode FROM appointments"
        " WHERE deleted = 0 AND status IN ('attended', 'did_not_attend', 'cancelled')"
    ):
        day = local_day(starts_at, zone)
        resolved = episodes.resolve(patient_id, referral_id, day)
        contacts.append(ContactRow(patient_id, resolved, day, status, mode))
    results = []
    for (
        result_id,
        patient_id,
        referral_id,
        measure_id,
        recorded_at,
        sequence,
        complete,
        answers,
        scores,
    ) in conn.execute(
        "SELECT id, patient_id, referral_id, measure_id, recorded_at, sequence, complete,"
        " answers, scores FROM measure_results WHERE deleted = 0"
        " ORDER BY recorded_at, sequence, id"
    ):
        day = local_day(recorded_at, zone)
        # Answers matter only where the figure reads them; scores only once complete.
        read_answers = measure_id in ANSWERS_READ
        doc = json.loads(scores or "{}") if complete and not read_answers else {}
        results.append(
            ResultRow(
                patient_id=patient_id,
                referral_id=episodes.resolve(patient_id, referral_id, day),
                measure_id=measure_id,
                order=(recorded_at, sequence, result_id),
                day=day,
                complete=bool(complete),
                answers=json.loads(answers or "{}") if read_answers else {},
                scores={s["id"]: s["value"] for s in doc.get("scores", [])},
            )
        )
    goals = {
        r["id"]: GoalRow(
            r["id"],
            r["patient_id"],
            episodes.resolve(r["patient_id"], r["referral_id"], local_day(r["created_at"], zone)),
        )
        for r in fetch_dicts(
            conn,
            "SELECT id, patient_id, referral_id, created_at FROM goals WHERE deleted = 0"
            " ORDER BY created_at, id",
        )
    }
    ratings = [
        RatingRow(
            goal_id=r["goal_id"],
            patient_id=goals[r["goal_id"]].patient_id,
            referral_id=goals[r["goal_id"]].referral_id,
            order=(r["recorded_at"], r["sequence"], r["id"]),
            rating=r["rating"],
        )
        for r in fetch_dicts(
            conn,
            "SELECT id, goal_id, recorded_at, sequence, rating FROM goal_progress"
            " WHERE deleted = 0 ORDER BY recorded_at, sequence, id",
        )
        if r["goal_id"] in goals
    ]
    connections = []
    for r in fetch_dicts(
        conn,
        "SELECT c.patient_id, c.referral_id, c.kind, c.connected_on, c.outcome, s.categories"
        " FROM directory_connections c LEFT JOIN directory_services s ON s.id = c.service_id"
        " WHERE c.deleted = 0",
    ):
        day = date.fromisoformat(r["connected_on"][:10])
        connections.append(
            ConnectionRow(
                patient_id=r["patient_id"],
                referral_id=episodes.resolve(r["patient_id"], r["referral_id"], day),
                kind=r["kind"],
                categories=tuple(json.loads(r["categories"] or "[]")),
                day=day,
                outcome=r["outcome"] or "",
            )
        )
    # Only the caseload's own postcodes are looked up: a national table has millions of rows.
    imd = None
    if conn.execute("SELECT 1 FROM imd_postcodes LIMIT 1").fetchone():
        imd = {
            row[0]: int(row[1])
            for row in conn.execute(
                "SELECT DISTINCT i.postcode, i.decile FROM imd_postcodes i"
                " JOIN patients p ON p.postcode = i.postcode WHERE p.deleted = 0"
            ).fetchall()
        }
    return ReportData(
        referrals=referrals,
        contacts=tuple(contacts),
        results=tuple(results),
        goals=tuple(goals.values()),
        ratings=tuple(ratings),
        connections=tuple(connections),
        imd=imd,
    )
