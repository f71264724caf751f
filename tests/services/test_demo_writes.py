"""The demo caseload written in batches is the caseload written record by record, and repeatable."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest

from linkworker_desktop.services import demo, demo_writes, profile
from linkworker_desktop.storage import records, unit_of_work
from tests.conftest import FAST_KDF, PASSPHRASE

TODAY = date(2026, 3, 2)
NOW = "2026-03-02T08:00:00.000+00:00"
PEOPLE = 45
DEMO_TABLES = (
    "patients", "referrals", "appointments", "goals", "goal_helpers", "goal_steps", "plans",
    "sessions", "session_notes", "goal_progress", "measure_results", "directory_connections",
)  # fmt: skip


class OneByOne(demo_writes.PendingWrites):
    """The demo's records written as they were made: each insert and update on its own."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple] = []

    def insert(self, table, values):
        record_id = super().insert(table, values)
        self.calls.append(("insert", table, record_id, values))
        return record_id

    def update(self, table, record_id, values):
        super().update(table, record_id, values)
        self.calls.append(("update", table, record_id, values))

    def write(self, uow):
        made = iter(call[2] for call in self.calls if call[0] == "insert")
        original = unit_of_work.uuid7
        unit_of_work.uuid7 = lambda: next(made)  # the id insert makes is the one handed out
        try:
            for kind, table, record_id, values in self.calls:
                if kind == "update":
                    uow.update(table, record_id, values)
                    continue
                if "sequence" in values:  # numbered from what is in the database, as before
                    values = dict(values, sequence=records.next_sequence(uow.conn, table, values))
                uow.insert(table, values)
        finally:
            unit_of_work.uuid7 = original


def _number_ids_from_one(monkeypatch) -> None:
    """Ids handed out in order, so two caseloads can be compared row by row."""
    counter = itertools.count(1)
    monkeypatch.setattr(
        demo_writes,
        "uuid7_many",
        lambda count: [f"0190aaaa-0000-7000-8000-{next(counter):012d}" for _ in range(count)],
    )


@pytest.fixture
def caseloads(tmp_path, monkeypatch):
    """Makes demo caseloads in new profiles, all stamped with one clock; closes them after."""
    monkeypatch.setattr(unit_of_work, "utc_now", lambda: NOW)
    made = []

    def make(seed: int = 21):
        _number_ids_from_one(monkeypatch)
        opened, _ = profile.create_profile(
            profile.ProfileFiles(tmp_path / f"profile{len(made)}"),
            PASSPHRASE,
            "Sam Patel",
            "North PCN",
            kdf=FAST_KDF,
        )
        made.append(opened)
        assert demo.add_demo_caseload(opened, PEOPLE, seed=seed, today=TODAY) == PEOPLE
        return opened

    yield make
    for opened in made:
        opened.close()


def _contents(opened) -> dict[str, object]:
    """Every demo row, audit event and outbox mutation, with this laptop's own ids named."""
    conn = opened.conn
    team = conn.execute(
        "SELECT team_id FROM workers WHERE id = ?", (opened.actor.worker_id,)
    ).fetchone()[0]
    names = {opened.actor.worker_id: "<worker>", opened.actor.client_id: "<client>", team: "<team>"}
    for service_id, source_id in conn.execute("SELECT id, source_id FROM directory_services"):
        names[service_id] = f"<service {source_id}>"

    def named(value):
        if isinstance(value, str):
            for raw, name in names.items():
                value = value.replace(raw, name)
        return value

    def rows(sql, *args):
        return [tuple(named(v) for v in row) for row in conn.execute(sql, args)]

    found: dict[str, object] = {t: rows(f"SELECT * FROM {t} ORDER BY id") for t in DEMO_TABLES}
    marks = ", ".join("?" for _ in DEMO_TABLES)
    found["audit_log"] = sorted(
        rows(
            f"SELECT at, worker_id, action, entity, entity_id, fields FROM audit_log"
            f" WHERE entity IN ({marks})",
            *DEMO_TABLES,
        )
    )
    mutations: dict[str, list[tuple]] = {}
    for row in rows(
        f"SELECT entity_id, client_id, worker_id, entity, op, changes, base_versions, created_at"
        f" FROM outbox WHERE entity IN ({marks}) ORDER BY mutation_id",
        *DEMO_TABLES,
    ):
        mutations.setdefault(row[0], []).append(row[1:])  # each record's changes, in order
    found["outbox"] = mutations
    found["waiting"] = conn.execute("SELECT waiting FROM outbox_count").fetchone()[0]
    return found


def test_the_demo_written_in_batches_is_the_demo_written_record_by_record(caseloads, monkeypatch):
    in_batches = _contents(caseloads())
    monkeypatch.setattr(demo, "PendingWrites", OneByOne)
    one_by_one = _contents(caseloads())
    # Enough of every kind of record to tell: sessions ended, goals rated, referrals discharged.
    counts = {t: len(in_batches[t]) for t in DEMO_TABLES}
    assert counts["patients"] == PEOPLE
    assert all(counts[t] > 0 for t in DEMO_TABLES), counts
    changed_later = [c for c in in_batches["outbox"].values() if len(c) > 1]
    assert len(changed_later) > PEOPLE  # ended sessions, goal statuses, discharges
    for table in (*DEMO_TABLES, "audit_log", "outbox", "waiting"):
        assert in_batches[table] == one_by_one[table], table


def test_a_parent_record_reaches_the_outbox_before_its_children(caseloads):
    conn = caseloads().conn
    ids = {row[0] for table in DEMO_TABLES for row in conn.execute(f"SELECT id FROM {table}")}
    first_put: dict[str, int] = {}
    references = 0
    late = []
    for mutation_id, entity_id, changes in conn.execute(
        "SELECT mutation_id, entity_id, changes FROM outbox ORDER BY mutation_id"
    ):
        first_put.setdefault(entity_id, mutation_id)
        for column, value in json.loads(changes).items():
            if column.endswith("_id") and value in ids:
                references += 1
                if first_put.get(value, mutation_id) >= mutation_id:
                    late.append((column, value))
    assert references > PEOPLE * 10
    assert late == []


def test_the_same_seed_makes_the_same_caseload(caseloads):
    first, again, other = (_contents(caseloads(seed)) for seed in (21, 21, 22))
    assert len(first["patients"]) == PEOPLE
    assert first == again
    assert first["patients"] != other["patients"]
    assert first["sessions"] != other["sessions"]
