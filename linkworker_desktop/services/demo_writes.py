"""Demo records held in memory and written a table at a time, as one batch per transaction.

Writing a record on its own costs three statements (the row, its audit event, its outbox
mutation); a 10,000-patient demo is some 300,000 records. Held here, they go to the unit of work
as a few ``executemany`` calls each, and the tables end up holding what record-by-record writes
would have left: the same rows, audit events and outbox mutations.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from linkworker_desktop.domain.ids import uuid7_many
from linkworker_desktop.storage.records import sequence_scope
from linkworker_desktop.storage.unit_of_work import UnitOfWork

# Ids are made ahead a thousand at a time: one clock and random read each, not one a record.
_IDS_AT_ONCE = 1024


class PendingWrites:
    """Records and changes for a batch of new demo patients, in the order they were made.

    Tables are written in the order they were first used, so a record's parent (a referral's
    patient, a session's appointment) is always written, and synced, before it. Within a table,
    records with the same columns go together (a measure taken in a session and one recorded
    at discharge differ), so each shape is a single statement.
    """

    def __init__(self) -> None:
        # Keyed by table and then by the record's columns: one statement writes each shape.
        self._rows: dict[str, dict[tuple[str, ...], list[dict[str, Any]]]] = {}
        self._ids: dict[str, dict[tuple[str, ...], list[str]]] = {}
        self._changes: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        self._sequences: Counter[tuple[Any, ...]] = Counter()
        self._spare_ids: list[str] = []

    def _new_id(self) -> str:
        if not self._spare_ids:
            self._spare_ids = uuid7_many(_IDS_AT_ONCE)[::-1]
        return self._spare_ids.pop()

    def insert(self, table: str, values: dict[str, Any]) -> str:
        """Hold a new record; its id is made now, so later records can refer to it."""
        record_id = self._new_id()
        shape = tuple(values)
        self._rows.setdefault(table, {}).setdefault(shape, []).append(values)
        self._ids.setdefault(table, {}).setdefault(shape, []).append(record_id)
        return record_id

    def update(self, table: str, record_id: str, values: dict[str, Any]) -> None:
        """Hold a change, made after every new record is written (as a worker's edit would be)."""
        self._changes.setdefault(table, []).append((record_id, values))

    def next_sequence(self, table: str, row: dict[str, Any]) -> int:
        """:func:`records.next_sequence` for records of new patients, with nothing to look up.

        A new patient's records have ids made in this batch, so none is in the database yet.
        """
        key = (table, *(row[column] for column in sequence_scope(table)))
        self._sequences[key] += 1
        return self._sequences[key]

    def count(self, table: str) -> int:
        return sum(len(rows) for rows in self._rows.get(table, {}).values())

    def write(self, uow: UnitOfWork) -> None:
        for table, shapes in self._rows.items():
            for shape, rows in shapes.items():
                uow.insert_many(table, rows, ids=self._ids[table][shape])
        for table, changes in self._changes.items():
            uow.update_many(table, changes)
