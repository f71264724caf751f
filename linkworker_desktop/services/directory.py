"""The community directory on the laptop: import feeds, search offline, connect patients.

Feed entries are a local cache of the feed (imported in one transaction, never queued for the
hub: every laptop reads the same feed). Local entries, reports of closed or changed services,
and the connections a worker makes go through the unit of work and sync to the team.
"""

from __future__ import annotations

import csv
import json
import math
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from linkworker_desktop.domain.directory import (
    ConnectionKind,
    ConnectionOutcome,
    DirectoryService,
    Location,
    Schedule,
    distance_km,
    postcode_district,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.ids import utc_now, uuid7
from linkworker_desktop.domain.openreferral import MAX_FEED_BYTES, FeedError, Rejected, parse_feed
from linkworker_desktop.domain.text_fold import fold, fold_words
from linkworker_desktop.storage.records import consent_to_contact_from_column, fetch_dicts
from linkworker_desktop.storage.unit_of_work import Actor, UnitOfWork, record_audit

CHASE_AFTER_DAYS = 14


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    rejected: tuple[Rejected, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"record": r.where, "reason": r.reason} for r in self.rejected],
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    service: DirectoryService
    next_meeting: datetime | None
    distance_km: float | None
    needs_review: bool


_FEED_NAMESPACE = uuid.UUID("5b0e4c52-7a51-4d1c-9c3e-2f4f1f0b6a11")


def feed_record_id(source_id: str) -> str:
    """The same id on every laptop for the same feed record, so connections to it sync."""
    return str(uuid.uuid5(_FEED_NAMESPACE, f"feed:{source_id}"))


def fts_query(text: str) -> str:
    """Words as quoted FTS5 terms (so quotes, *, NEAR or AND in the text are just words).

    Each word is folded as the index is (:func:`fold_words`), so "lukasz" finds Łukasz and
    "oneill" or "o'neill" finds O’Neill.
    """
    words = [word for word in (fold(w) for w in text.split()) if word]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"  # the word being typed matches as a prefix
    return " ".join(quoted)


def _to_row(service: DirectoryService) -> dict[str, Any]:
    return {
        "source": service.source,
        "source_id": service.source_id,
        "organisation": service.organisation,
        "name": service.name,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "phones": json.dumps(service.phones),
        "status": service.status,
        "free": None if service.free is None else int(service.free),
        "cost_text": service.cost_text,
        "eligibility": service.eligibility,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "application_process": service.application_process,
        "accessibility": service.accessibility,
        "categories": json.dumps(service.categories),
        "locations": json.dumps([asdict(loc) for loc in service.locations]),
        "schedules": json.dumps([_schedule_json(s) for s in service.schedules]),
        "service_area": service.service_area,
        "last_confirmed": service.last_confirmed.isoformat() if service.last_confirmed else None,
        "modified_at": service.modified_at,
    }


def _schedule_json(schedule: Schedule) -> dict[str, Any]:
    data = asdict(schedule)
    for key in ("opens_at", "closes_at", "valid_from", "valid_to"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    return data


def _schedule_from(data: dict[str, Any]) -> Schedule:
    return Schedule(
        freq=data["freq"],
        interval=data.get("interval", 1),
        byday=tuple(data.get("byday", ())),
        bymonthday=tuple(data.get("bymonthday", ())),
        opens_at=time.fromisoformat(data["opens_at"]) if data.get("opens_at") else None,
        closes_at=time.fromisoformat(data["closes_at"]) if data.get("closes_at") else None,
        description=data.get("description", ""),
        valid_from=date.fromisoformat(data["valid_from"]) if data.get("valid_from") else None,
        valid_to=date.fromisoformat(data["valid_to"]) if data.get("valid_to") else None,
    )


# A search builds a service for each result on every keystroke, and the same texts come back
# keystroke after keystroke: each is read once into immutable parts, copied into fresh lists.
_READ_ONCE = 4096


@lru_cache(maxsize=_READ_ONCE)
def _strings(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


@lru_cache(maxsize=_READ_ONCE)
def _locations(text: str) -> tuple[Location, ...]:
    return tuple(Location(**loc) for loc in json.loads(text))


@lru_cache(maxsize=_READ_ONCE)
def _schedules(text: str) -> tuple[Schedule, ...]:
    return tuple(_schedule_from(s) for s in json.loads(text))


def from_row(row: dict[str, Any]) -> DirectoryService:
    return DirectoryService(
        id=row["id"],
        source=row["source"],
        source_id=row["source_id"],
        organisation=row["organisation"],
        name=row["name"],
        alternate_name=row["alternate_name"],
        description=row["description"],
        url=row["url"],
        email=row["email"],
        phones=list(_strings(row["phones"])),
        status=row["status"],
        free=None if row["free"] is None else bool(row["free"]),
        cost_text=row["cost_text"],
        eligibility=row["eligibility"],
        minimum_age=row["minimum_age"],
        maximum_age=row["maximum_age"],
        application_process=row["application_process"],
        accessibility=row["accessibility"],
        categories=list(_strings(row["categories"])),
        locations=list(_locations(row["locations"])),
        schedules=list(_schedules(row["schedules"])),
        service_area=row["service_area"],
        last_confirmed=date.fromisoformat(row["last_confirmed"]) if row["last_confirmed"] else None,
        modified_at=row["modified_at"],
    )


class OpenCaseload(Protocol):
    """What the directory needs of an open caseload (an OpenProfile, or sync's own connection)."""

    @property
    def conn(self) -> Any: ...

    @property
    def actor(self) -> Actor: ...


class Directory:
    def __init__(self, profile: OpenCaseload):
        """Works on an open caseload (anything with ``conn`` and ``actor``, as sync passes)."""
        self.profile = profile

    @property
    def _conn(self) -> Any:
        return self.profile.conn

    # --- import -------------------------------------------------------------------------------

    def import_file(self, path: Path, feed: str = "") -> ImportReport:
        try:
            if path.stat().st_size > MAX_FEED_BYTES:
                raise FeedError(f"The file {path.name} is larger than a directory feed should be.")
            text = path.read_text("utf-8")
        except OSError as exc:
            raise FeedError(
                f"The file {path} cannot be read ({_why(exc)}); nothing was imported."
            ) from exc
        except UnicodeDecodeError as exc:
            raise FeedError(
                f"The file {path.name} is not UTF-8 text; nothing was imported."
            ) from exc
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FeedError(
                f"The file {path.name} is not complete JSON ({exc.__class__.__name__}); "
                "nothing was imported."
            ) from exc
        except RecursionError as exc:
            raise FeedError(
                f"The file {path.name} is nested too deeply to be a directory feed; "
                "nothing was imported."
            ) from exc
        return self.import_feed(doc, feed or path.name)

    def import_feed(self, doc: Any, feed: str) -> ImportReport:
        """Import every valid service in ONE transaction: all of it, or none of it."""
        services, rejected = parse_feed(doc)
        existing = {
            r["source_id"]: r
            for r in fetch_dicts(
                self._conn, "SELECT * FROM directory_services WHERE source = 'feed'"
            )
        }
        added = updated = unchanged = 0
        now = utc_now()
        author = self.profile.actor.worker_id
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for service in services:
                row = _to_row(service)
                row["feed"] = feed
                old = existing.get(service.source_id)
                if old is None:
                    service.id = feed_record_id(service.source_id)
                    row.update(id=service.id, created_at=now, updated_at=now, author_id=author)
                    names = ", ".join(row)
                    self._conn.execute(
                        f"INSERT INTO directory_services ({names}) VALUES"
                        f" ({', '.join('?' for _ in row)})",
                        list(row.values()),
                    )
                    added += 1
                else:
                    service.id = old["id"]
                    changed = {k: v for k, v in row.items() if old.get(k) != v}
                    if not changed and not old["deleted"]:
                        unchanged += 1
                        continue
                    changed.update(updated_at=now, deleted=0)
                    sets = ", ".join(f"{k} = ?" for k in changed)
                    self._conn.execute(
                        f"UPDATE directory_services SET {sets} WHERE id = ?",
                        [*changed.values(), service.id],
                    )
                    updated += 1
                self._index(service)
            record_audit(
                self._conn,
                self.profile.actor,
                "create",
                "directory_import",
                feed,
                [f"added={added}", f"updated={updated}", f"rejected={len(rejected)}"],
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return ImportReport(added, updated, unchanged, tuple(rejected))

    def _index(self, service: DirectoryService) -> None:
        """Keep the word index in step; its rowid is the service row's, so updates are cheap."""
        rowid = self._conn.execute(
            "SELECT rowid FROM directory_services WHERE id = ?", (service.id,)
        ).fetchone()[0]
        self._conn.execute("DELETE FROM directory_fts WHERE rowid = ?", (rowid,))
        place = " ".join(f"{loc.name} {loc.address} {loc.postcode}" for loc in service.locations)
        self._conn.execute(
            "INSERT INTO directory_fts (rowid, service_id, name, organisation, description,"
            " categories, place, accessibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rowid,
                service.id,
                fold_words(f"{service.name} {service.alternate_name}"),
                fold_words(service.organisation),
                fold_words(service.description),
                fold_words(" ".join(service.categories)),
                fold_words(place),
                fold_words(service.accessibility),
            ),
        )

    def withdraw(self, source_ids: list[str], feed: str) -> int:
        """Take feed services off this laptop (the hub's feed no longer lists them).

        The row stays, marked deleted, so a patient's connection to it still reads; a later
        import that lists the service again brings it back.
        """
        now = utc_now()
        gone = 0
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for source_id in source_ids:
                gone += self._conn.execute(
                    "UPDATE directory_services SET deleted = 1, updated_at = ?"
                    " WHERE source = 'feed' AND source_id = ? AND deleted = 0",
                    (now, source_id),
                ).rowcount
            record_audit(
                self._conn,
                self.profile.actor,
                "delete",
                "directory_import",
                feed,
                [f"withdrawn={gone}"],
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return gone

    # --- local entries and reports --------------------------------------------------------------

    def add_local(self, service: DirectoryService) -> str:
        """A group the feed lacks (the church coffee morning): marked local, synced to the team."""
        if not service.name.strip():
            raise ValidationError({"name": "A group or service needs a name."})
        service.source = "local"
        service.source_id = service.source_id or uuid7()
        service.last_confirmed = service.last_confirmed or date.today()
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            service.id = uow.insert("directory_services", _to_row(service))
            self._index(service)
        return service.id

    def report(self, service_id: str, kind: str, notes: str = "", on: date | None = None) -> str:
        """Report a service closed or changed (or confirm it still runs, ``on`` today)."""
        if kind not in ("closed", "changed", "confirmed"):
            raise ValidationError({"kind": "Report a service as closed, changed or confirmed."})
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            report_id = uow.insert(
                "directory_reports", {"service_id": service_id, "kind": kind, "notes": notes}
            )
            if kind == "confirmed":
                self._conn.execute(
                    "UPDATE directory_services SET last_confirmed = ? WHERE id = ?",
                    ((on or date.today()).isoformat(), service_id),
                )
            elif kind == "closed":
                self._conn.execute(
                    "UPDATE directory_services SET status = 'reported_closed' WHERE id = ?",
                    (service_id,),
                )
        return report_id

    # --- search -------------------------------------------------------------------------------

    def get(self, service_id: str) -> DirectoryService:
        rows = fetch_dicts(
            self._conn, "SELECT * FROM directory_services WHERE id = ?", (service_id,)
        )
        if not rows:
            raise ValidationError({"service": "That service is not in the directory."})
        return from_row(rows[0])

    def categories(self) -> list[str]:
        names: set[str] = set()
        for (raw,) in self._conn.execute(
            "SELECT categories FROM directory_services WHERE deleted = 0"
        ).fetchall():
            names.update(json.loads(raw))
        return sorted(names)

    def centroid(self, postcode: str) -> tuple[float, float] | None:
        row = self._conn.execute(
            "SELECT latitude, longitude FROM postcode_districts WHERE district = ?",
            (postcode_district(postcode),),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def search(
        self,
        text: str = "",
        category: str = "",
        weekday: int | None = None,
        at: time | None = None,
        free_only: bool = False,
        near_postcode: str = "",
        within_km: float | None = None,
        accessibility: str = "",
        now: datetime | None = None,
        limit: int | None = 200,
    ) -> list[SearchHit]:
        """Search by words, category, day and time, cost, distance and accessibility notes.

        ``limit`` None gives every match, so a caller can say how many there were in all.
        """
        if within_km is not None and not (math.isfinite(within_km) and within_km >= 0):
            # NaN compares false with every distance, so it would quietly mean "anywhere".
            raise ValidationError(
                {"within": f"The distance {within_km} km cannot be searched; give 0 km or more."}
            )
        now = now or datetime.now()
        clauses = ["s.deleted = 0", "s.status NOT IN ('inactive', 'defunct')"]
        params: list[Any] = []
        query = fts_query(text)
        if accessibility.strip():
            words = fts_query(accessibility).replace('"', "")
            if words:
                access = " ".join(f'"{w.rstrip("*")}"' for w in words.split())
                query = f"{query} accessibility : ({access})".strip()
        if query:
            # "+" keeps SQLite walking the services in name order (their index) and stopping at
            # ``limit``, rather than fetching every word match by rowid and sorting them all.
            clauses.append(
                "+s.rowid IN (SELECT rowid FROM directory_fts WHERE directory_fts MATCH ?)"
            )
            params.append(query)
        if free_only:
            clauses.append("s.free = 1")
        if category:
            clauses.append("s.categories LIKE ?")
            params.append(f'%"{category}"%')
        # Filters done in Python (day, time, distance) need every candidate; others can stop early.
        python_filters = weekday is not None or at is not None or near_postcode
        sql_limit = "" if (python_filters or limit is None) else " LIMIT ?"
        rows = fetch_dicts(
            self._conn,
            f"SELECT s.* FROM directory_services s WHERE {' AND '.join(clauses)}"
            f" ORDER BY s.name COLLATE NOCASE, s.rowid{sql_limit}",
            [*params, limit] if sql_limit else params,
        )
        origin = self.centroid(near_postcode) if near_postcode else None
        if near_postcode and origin is None:
            raise ValidationError(
                {
                    "postcode": f"No location is known for {postcode_district(near_postcode)}; "
                    "load a postcode district table (see the README)."
                }
            )
        today = now.date()
        hits: list[SearchHit] = []
        for row in rows:
            service = from_row(row)
            if (weekday is not None or at is not None) and not _meets(service, weekday, at, today):
                continue
            distance = None
            if origin is not None:
                places = [
                    (loc.latitude, loc.longitude)
                    for loc in service.locations
                    if loc.latitude is not None and loc.longitude is not None
                ]
                if not places:
                    continue
                distance = min(distance_km(origin, p) for p in places)  # type: ignore[arg-type]
                if within_km is not None and distance > within_km:
                    continue
            hits.append(
                SearchHit(service, service.next_meeting(now), distance, service.needs_review(today))
            )
            if limit is not None and len(hits) >= limit and origin is None:
                break
        if origin is not None:
            hits.sort(key=lambda h: h.distance_km or 0.0)
            hits = hits[:limit]
        return hits

    # --- connections --------------------------------------------------------------------------

    def connect(
        self,
        patient_id: str,
        service_id: str,
        kind: ConnectionKind,
        referral_id: str | None = None,
        goal_id: str | None = None,
        on: date | None = None,
        notes: str = "",
        chase_after_days: int = CHASE_AFTER_DAYS,
    ) -> str:
        on = on or date.today()
        if on > date.today():
            raise ValidationError({"connected_on": "That date is in the future."})
        self.get(service_id)
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            return uow.insert(
                "directory_connections",
                {
                    "patient_id": patient_id,
                    "referral_id": referral_id,
                    "service_id": service_id,
                    "goal_id": goal_id,
                    "kind": ConnectionKind(kind).value,
                    "connected_on": on.isoformat(),
                    "chase_on": (on + timedelta(days=chase_after_days)).isoformat(),
                    "notes": notes.strip(),
                },
            )

    def record_outcome(
        self, connection_id: str, outcome: ConnectionOutcome, notes: str = ""
    ) -> None:
        values: dict[str, Any] = {
            "outcome": ConnectionOutcome(outcome).value,
            "outcome_on": date.today().isoformat(),
        }
        if notes.strip():
            values["notes"] = notes.strip()
        with UnitOfWork(self._conn, self.profile.actor) as uow:
            uow.update("directory_connections", connection_id, values)

    def connections(self, patient_id: str) -> list[dict[str, Any]]:
        return fetch_dicts(
            self._conn,
            "SELECT c.*, s.name AS service_name, s.phones, s.schedules, s.locations"
            " FROM directory_connections c JOIN directory_services s ON s.id = c.service_id"
            " WHERE c.patient_id = ? AND c.deleted = 0 ORDER BY c.connected_on",
            (patient_id,),
        )

    def chase_ups(self, day: date | None = None) -> list[dict[str, Any]]:
        """Connections with no outcome yet whose chase-up date has come (for Today)."""
        day = day or date.today()
        rows = fetch_dicts(
            self._conn,
            "SELECT c.id, c.chase_on, c.kind, c.patient_id, s.name AS service_name,"
            " p.given_name, p.family_name, p.consent_to_contact FROM directory_connections c"
            " JOIN directory_services s ON s.id = c.service_id"
            " JOIN patients p ON p.id = c.patient_id"
            " WHERE c.deleted = 0 AND c.outcome = '' AND c.chase_on <= ?"
            " ORDER BY c.chase_on",
            (day.isoformat(),),
        )
        for row in rows:  # chasing up means contacting them: say when that is not agreed
            row["consent_to_contact"] = consent_to_contact_from_column(row["consent_to_contact"])
        return rows

    def outcome_counts(self) -> list[dict[str, Any]]:
        """Per service: how many were connected, and how it went (which groups help whom)."""
        return fetch_dicts(
            self._conn,
            "SELECT s.id, s.name, COUNT(c.id) AS connections,"
            " SUM(c.outcome IN ('attended', 'attending_regularly')) AS attended,"
            " SUM(c.outcome = 'attending_regularly') AS regular,"
            " SUM(c.outcome = 'did_not_attend') AS did_not_attend,"
            " SUM(c.outcome = 'not_suitable') AS not_suitable,"
            " SUM(c.outcome = '') AS waiting"
            " FROM directory_services s JOIN directory_connections c ON c.service_id = s.id"
            " WHERE c.deleted = 0 GROUP BY s.id ORDER BY connections DESC",
        )

    def outcomes_for(self, service_id: str) -> dict[str, int]:
        """How the patients connected to one service got on, for the directory's details."""
        counts: dict[str, int] = {}
        for (outcome,) in self._conn.execute(
            "SELECT outcome FROM directory_connections WHERE service_id = ? AND deleted = 0",
            (service_id,),
        ).fetchall():
            counts[outcome or "waiting"] = counts.get(outcome or "waiting", 0) + 1
        return counts

    def load_postcodes(self, path: Path) -> int:
        """Load district centroids from a CSV of district,latitude,longitude (one transaction).

        One bad line refuses the whole file, naming the line, so no half-loaded table is left.
        """
        try:
            with open(path, newline="", encoding="utf-8") as fh:
                rows = _postcode_rows(path, fh)
        except OSError as exc:
            raise ValidationError(
                {"file": f"The file {path} cannot be read ({_why(exc)}); nothing was loaded."}
            ) from exc
        except UnicodeDecodeError as exc:
            raise ValidationError(
                {
                    "file": f"The file {path.name} is not UTF-8 text, so it is not a CSV of "
                    "postcode districts; nothing was loaded."
                }
            ) from exc
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany(
                "INSERT INTO postcode_districts (district, latitude, longitude) VALUES (?, ?, ?)"
                " ON CONFLICT (district) DO UPDATE SET latitude = excluded.latitude,"
                " longitude = excluded.longitude",
                rows,
            )
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        return len(rows)


_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _postcode_rows(path: Path, fh: Any) -> list[tuple[str, float, float]]:
    rows = []
    reader = csv.reader(fh)
    try:
        for record in reader:
            if not record or record[0].strip().lower() in ("district", "pcd", "postcode"):
                continue
            rows.append(_postcode_row(record, reader.line_num))
    except csv.Error as exc:
        raise ValidationError(
            {
                "file": f"Line {reader.line_num} of {path.name} is not CSV ({exc}); "
                "nothing was loaded."
            }
        ) from exc
    return rows


def _postcode_row(record: list[str], line: int) -> tuple[str, float, float]:
    """One district and its centre, refusing what no map has (NaN, infinity, latitude 999)."""
    shape = f"Line {line} is not district,latitude,longitude; nothing was loaded."
    if len(record) < 3:
        raise ValidationError({"file": shape})
    district = record[0].strip().upper()
    if not _DISTRICT.fullmatch(district):
        raise ValidationError(
            {
                "file": f"Line {line}: {record[0][:20]!r} is not a postcode district such as LS6; "
                "nothing was loaded."
            }
        )
    try:
        latitude, longitude = float(record[1]), float(record[2])
    except ValueError as exc:
        raise ValidationError({"file": shape}) from exc
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):  # also false for NaN
        raise ValidationError(
            {
                "file": f"Line {line}: {record[1][:20]},{record[2][:20]} is not a place on Earth "
                "(latitude -90 to 90, longitude -180 to 180); nothing was loaded."
            }
        )
    return district, latitude, longitude


def _meets(service: DirectoryService, weekday: int | None, at: time | None, today: date) -> bool:
    for schedule in service.schedules:
        days = range(7) if weekday is None else [weekday]
        for wd in days:
            day = today + timedelta(days=(wd - today.weekday()) % 7)
            for week in range(5):  # monthly meetings: look a few weeks ahead
                candidate = day + timedelta(weeks=week)
                if not schedule.occurs_on(candidate):
                    continue
                if at is None:
                    return True
                opens = schedule.opens_at or time(0, 0)
                closes = schedule.closes_at or time(23, 59)
                if opens <= at < closes:
                    return True
    return False
