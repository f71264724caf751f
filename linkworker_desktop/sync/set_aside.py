"""Changes from the hub this laptop could not apply, kept with their reason instead of lost.

One record that breaks a local rule (a clash with a record only this laptop holds, a value an
older schema refuses, a kind of record this version does not know) must not stop every pull
after it. The engine keeps the change here, applies the rest, and tries it again later.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.storage import database
from linkworker_desktop.storage.migrations import current_version

if TYPE_CHECKING:  # the wire models (pydantic) load only when held changes are read
    from linkworker_desktop.sync.protocol import RecordChange

# What one record's change can raise while it is written; anything else (a full disk, a locked
# file) is about the caseload, not the record, and still stops the round.
APPLY_ERRORS: tuple[type[BaseException], ...] = (
    database.IntegrityError,
    database.sqlcipher.ProgrammingError,
    database.sqlcipher.InterfaceError,
    database.sqlcipher.DataError,
    OverflowError,
    TypeError,
    ValueError,
)

UNKNOWN_KIND = (
    "This version of Linkworker does not know this kind of record; it will be applied after "
    "an update."
)

_CONSTRAINT = re.compile(r"^(UNIQUE|NOT NULL|CHECK) constraint failed: (.*)$")


@dataclass(frozen=True, slots=True)
class SetAside:
    entity: str
    entity_id: str
    fields: dict[str, Any]
    reason: str
    detail: str
    set_aside_at: str
    attempts: int

    def as_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_id": self.entity_id,
            "reason": self.reason,
            "detail": self.detail,
            "set_aside_at": self.set_aside_at,
            "attempts": self.attempts,
        }


def _words(columns: str) -> str:
    names = [part.split(".")[-1].strip() for part in columns.split(",")]
    return " and ".join(name.replace("_", " ") for name in names if name)


def reason_for(error: BaseException) -> tuple[str, str]:
    """A sentence a link worker can act on, and the technical text for an administrator."""
    detail = f"{type(error).__name__}: {error}"
    match = _CONSTRAINT.match(str(error))
    if match and match.group(1) == "UNIQUE":
        reason = (
            f"Another record on this laptop has the same {_words(match.group(2))}, so the two "
            "cannot both be kept here."
        )
    elif match and match.group(1) == "NOT NULL":
        reason = f"It has no {_words(match.group(2))}, which this laptop needs."
    elif match:
        reason = "It holds a value this version of Linkworker does not accept."
    elif isinstance(error, database.IntegrityError):
        reason = f"It breaks a rule of this caseload: {error}."
    elif isinstance(error, OverflowError):
        reason = "It holds a number too large for this laptop to store."
    else:
        reason = "It holds a value of a type this laptop cannot store."
    return reason, detail


def keep(conn: Any, change: RecordChange, reason: str, detail: str = "") -> None:
    """Hold ``change`` (replacing an older held change of the same record)."""
    conn.execute(
        "INSERT INTO sync_set_aside (entity, entity_id, change, reason, detail, schema_version,"
        " set_aside_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (entity, entity_id) DO UPDATE SET change = excluded.change,"
        " reason = excluded.reason, detail = excluded.detail,"
        " schema_version = excluded.schema_version, attempts = attempts + 1",
        (
            change.entity,
            change.entity_id,
            change.model_dump_json(),
            reason,
            detail,
            current_version(conn),
            utc_now(),
        ),
    )


def forget(conn: Any, entity: str, entity_id: str) -> None:
    """A record applied or removed since: its held change is out of date."""
    conn.execute(
        "DELETE FROM sync_set_aside WHERE entity = ? AND entity_id = ?", (entity, entity_id)
    )


def changes(conn: Any, older_schema_only: bool = False) -> list[RecordChange]:
    """The held changes in the order they were first set aside (older schema: after upgrade)."""
    from linkworker_desktop.sync.protocol import RecordChange

    where = " WHERE schema_version < ?" if older_schema_only else ""
    params = (current_version(conn),) if older_schema_only else ()
    rows = conn.execute(
        f"SELECT change FROM sync_set_aside{where} ORDER BY set_aside_at, entity, entity_id",
        params,
    ).fetchall()
    return [RecordChange.model_validate_json(row[0]) for row in rows]


def held(conn: Any) -> list[SetAside]:
    rows = conn.execute(
        "SELECT entity, entity_id, change, reason, detail, set_aside_at, attempts"
        " FROM sync_set_aside ORDER BY set_aside_at, entity, entity_id"
    ).fetchall()
    return [
        SetAside(
            entity=row[0],
            entity_id=row[1],
            fields=dict(json.loads(row[2]).get("fields") or {}),
            reason=row[3],
            detail=row[4],
            set_aside_at=row[5],
            attempts=int(row[6]),
        )
        for row in rows
    ]


def count(conn: Any) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM sync_set_aside").fetchone()[0])
