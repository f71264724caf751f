"""Demo records held in memory and written a table at a time, as one batch per transaction.

Writing a record on its own costs three statements (the row, its audit event, its outbox
mutation); a 10,000-patient demo is some 270,000 records. Held here, they go to the unit of work
as a few ``executemany`` calls each, and the tables end up holding what writing each record on
its own would have left: the same rows, audit events and outbox mutations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from linkworker_desktop.domain.ids import uuid7_many
from linkworker_desktop.storage.records import sequence_scope
from linkworker_desktop.storage.unit_of_work import (
    Actor,
    PreparedInserts,
    UnitOfWork,
    prepare_inserts,
)

# Ids are made ahead a thousand at a time: one clock and random read each, not one a record.
_IDS_AT_ONCE = 1024


class PendingWrites:
    """Records for a batch of new demo patients, in the order they were made.

    Tables are written in the order they were first used, so a record's parent (a referral's
    patient, a session's appointment) is always written, and synced, before it. Within a table,
    records with the same columns go together (a measure taken in a session and one recorded
    at discharge differ), so each shape is a single statement. Each record is written once, as
    it finally is: a session already ended, a goal with the status its ratings earned.
    """

    def __init__(self) -> None:
        # Keyed by table and then by the record's columns: one statement writes each shape.
        self._rows: dict[str, dict[tuple[str, ...], list[dict[str, Any]]]] = {}
        self._ids: dict[str, dict[tuple[str, ...], list[str]]] = {}
        self._held: dict[str, tuple[str, dict[str, Any]]] = {}
        self._sequences: Counter[tuple[Any, ...]] = Counter()
        self._spare_ids: Iterator[str] = iter(())

    def _new_id(self) -> str:
        record_id = next(self._spare_ids, None)
        if record_id is None:
            self._spare_ids = iter(uuid7_many(_IDS_AT_ONCE))
            record_id = next(self._spare_ids)
        return record_id

    def insert(self, table: str, values: dict[str, Any]) -> str:
        """Hold a new record; its id is made now, so later records can refer to it."""
        record_id = self._new_id()
        shape = tuple(values)
        self._rows.setdefault(table, {}).setdefault(shape, []).append(values)
        self._ids.setdefault(table, {}).setdefault(shape, []).append(record_id)
        self._held[record_id] = (table, values)
        return record_id

    def update(self, table: str, record_id: str, values: dict[str, Any]) -> None:
        """Change a held record before it is written, so it is written once, as it ends up.

        Only fields it was made with may change: a record's columns decide its statement.
        """
        held_table, row = self._held.get(record_id, (None, {}))
        if held_table != table:
            raise LookupError(f"no {table} record {record_id} waits to be written")
        unknown = set(values) - set(row)
        if unknown:
            raise ValueError(f"{table} record {record_id} was not made with {sorted(unknown)}")
        row.update(values)

    def next_sequence(self, table: str, row: dict[str, Any]) -> int:
        """:func:`records.next_sequence` for records of new patients, with nothing to look up.

        A new patient's records have ids made in this batch, so none is in the database yet.
        """
        key = (table, *(row[column] for column in sequence_scope(table)))
        self._sequences[key] += 1
        return self._sequences[key]

    def count(self, table: str) -> int:
        return sum(len(rows) for rows in self._rows.get(table, {}).values())

    def prepare(
        self, actor: Actor, now: str, columns: Callable[[str], frozenset[str]]
    ) -> list[PreparedInserts]:
        """Every held record, stamped and with its audit event and outbox mutation, in order.

        Needs no connection: ``columns`` gives each table's columns to check the records by.
        """
        made = []
        for table, shapes in self._rows.items():
            checked = columns(table)
            for shape, rows in shapes.items():
                ids = self._ids[table][shape]
                made.append(
                    prepare_inserts(table, rows, actor=actor, now=now, columns=checked, ids=ids)
                )
        return made

    def write(self, uow: UnitOfWork) -> None:
        for prepared in self.prepare(uow.actor, uow.now, uow.columns):
            uow.write_prepared(prepared)
