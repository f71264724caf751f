"""The organisation's copy of its directory feed, served to laptops read-only and incrementally.

An administrator imports the council's Open Referral UK feed on the hub; laptops then fetch
only what changed since their last fetch. Every stored change takes the organisation's next
directory number (``seq``), so a page can end anywhere and the next page starts exactly after
it: one import stamps thousands of services with one time, which a timestamp cursor cannot
split. A service left out of a newer feed is kept as withdrawn, so laptops learn it is gone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Index,
    String,
    Table,
    Text,
    and_,
    func,
    select,
)

from linkworker_desktop.domain.openreferral import FeedError, parse_service, records_of
from linkworker_desktop.hub import schema
from linkworker_desktop.hub.store import now

directory_entries = Table(
    "hub_directory",
    schema.metadata,
    Column("org_id", String(64), primary_key=True),
    Column("source_id", String(200), primary_key=True),
    Column("data", Text, nullable=False),
    Column("modified_at", String(40), nullable=False, index=True),
    # The organisation's directory number of the last change: strictly increasing, the cursor.
    Column("seq", BigInteger, nullable=False, default=0),
    Column("withdrawn", Boolean, nullable=False, default=False),
)
Index("hub_directory_seq", directory_entries.c.org_id, directory_entries.c.seq, unique=True)


@dataclass(frozen=True, slots=True)
class FeedImport:
    """What an import did: services stored, withdrawn, left alone though missing, rejected."""

    stored: int
    withdrawn: int
    missing: int
    rejected: list[str]


def import_feed(
    conn: Connection, org_id: str, doc: Any, withdraw_missing: bool = False
) -> FeedImport:
    """Store every valid record (raw, so laptops parse it with the same code); report the rest.

    Services on the hub but not in ``doc`` are withdrawn only when asked: a feed may be one of
    several, and nothing is taken off laptops unless the administrator says so.
    """
    valid: dict[str, str] = {}
    rejected = []
    for index, raw in enumerate(records_of(doc), start=1):
        try:
            service = parse_service(raw)
        except (ValueError, TypeError) as exc:
            rejected.append(f"record {index}: {exc}")
            continue
        valid[service.source_id] = json.dumps(raw, sort_keys=True)
    if withdraw_missing and not valid:
        raise FeedError("The feed has no usable services, so nothing was withdrawn or stored.")
    seq = _lock_and_last_seq(conn, org_id)
    stamp = now()
    table = directory_entries
    held = {
        row.source_id: row
        for row in conn.execute(
            select(table.c.source_id, table.c.data, table.c.withdrawn).where(
                table.c.org_id == org_id
            )
        )
    }
    stored = 0
    for source_id, data in valid.items():
        existing = held.get(source_id)
        if existing is not None and existing.data == data and not existing.withdrawn:
            continue
        seq += 1
        values = {"data": data, "modified_at": stamp, "seq": seq, "withdrawn": False}
        if existing is None:
            conn.execute(table.insert().values(org_id=org_id, source_id=source_id, **values))
        else:
            conn.execute(table.update().where(_key(org_id, source_id)).values(**values))
        stored += 1
    missing = sorted(s for s, row in held.items() if not row.withdrawn and s not in valid)
    if withdraw_missing:
        for source_id in missing:
            seq += 1
            conn.execute(
                table.update()
                .where(_key(org_id, source_id))
                .values(withdrawn=True, modified_at=stamp, seq=seq)
            )
    return FeedImport(
        stored=stored,
        withdrawn=len(missing) if withdraw_missing else 0,
        missing=0 if withdraw_missing else len(missing),
        rejected=rejected,
    )


def changes_since(conn: Connection, org_id: str, modified_after: str, limit: int) -> dict[str, Any]:
    """One page of what changed after the cursor ``modified_after`` (a page's ``modified_until``).

    A cursor the hub cannot place (empty, a timestamp from an older hub, past the end) starts
    the laptop again from the beginning: fetching everything twice costs time, missing a
    service costs a patient a referral.
    """
    table = directory_entries
    after = _cursor(conn, org_id, modified_after)
    rows = conn.execute(
        select(table.c.source_id, table.c.data, table.c.seq, table.c.withdrawn)
        .where(and_(table.c.org_id == org_id, table.c.seq > after))
        .order_by(table.c.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    return {
        "contents": [json.loads(r.data) for r in rows if not r.withdrawn],
        "withdrawn": [r.source_id for r in rows if r.withdrawn],
        "modified_until": str(rows[-1].seq if rows else after),
        "has_more": has_more,
    }


def number_existing(conn: Connection) -> None:
    """Give rows stored before directory numbers existed their numbers, oldest first."""
    table = directory_entries
    rows = conn.execute(
        select(table.c.org_id, table.c.source_id).order_by(
            table.c.org_id, table.c.modified_at, table.c.source_id
        )
    ).all()
    counters: dict[str, int] = {}
    for row in rows:
        counters[row.org_id] = counters.get(row.org_id, 0) + 1
        conn.execute(
            table.update().where(_key(row.org_id, row.source_id)).values(seq=counters[row.org_id])
        )


def _key(org_id: str, source_id: str) -> Any:
    return and_(directory_entries.c.org_id == org_id, directory_entries.c.source_id == source_id)


def _last_seq(conn: Connection, org_id: str) -> int:
    table = directory_entries
    found = conn.execute(select(func.max(table.c.seq)).where(table.c.org_id == org_id)).scalar()
    return int(found or 0)


def _lock_and_last_seq(conn: Connection, org_id: str) -> int:
    """Hold the organisation's row, so two imports number their changes one after the other."""
    conn.execute(
        select(schema.organisations.c.id)
        .where(schema.organisations.c.id == org_id)
        .with_for_update()
    ).one()
    return _last_seq(conn, org_id)


def _cursor(conn: Connection, org_id: str, text: str) -> int:
    """The directory number a cursor names, or 0 (from the start) when it names none here."""
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        return 0
    after = int(text)
    return after if after <= _last_seq(conn, org_id) else 0
