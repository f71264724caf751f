"""The demo caseload written in batches is the caseload written record by record, and repeatable."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest

from linkworker_desktop.services import demo, demo_writes
from linkworker_desktop.storage import records, unit_of_work

TODAY = date(2026, 3, 2)
NOW = "2026-03-02T08:00:00.000+00:00"
PEOPLE = 45
DEMO_TABLES = (
    "patients", "referrals", "appointments", "goals", "goal_helpers", "goal_steps", "plans",
    "sessions", "session_notes", "goal_progress", "measure_results", "directory_connections",
)  # fmt: skip


class OneByOne(demo_writes.PendingWrites):
    """The demo's records each written on its own with :meth:`UnitOfWork.insert`, in the
    order they were made, as they finally are."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[tuple[str, str, dict]] = []

    def insert(self, table, values):
        record_id = super().insert(table, values)
        self.made.append((table, record_id, values))  # changed later through update()
        return record_id

    def write(self, uow):
        made = iter(record_id for _table, record_id, _values in self.made)
        original = unit_of_work.uuid7
        unit_of_work.uuid7 = lambda: next(made)  # the id insert makes is the one handed out
        try:
            for table, _record_id, values in self.made:
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
def caseloads(new_profile, monkeypatch):
    """Makes demo caseloads in new profiles, all stamped with one clock."""
    monkeypatch.setattr(unit_of_work, "utc_now", lambda: NOW)

    def make(seed: int = 21):
        _number_ids_from_one(monkeypatch)
        opened = new_profile()
        assert demo.add_demo_caseload(opened, PEOPLE, seed=seed, today=TODAY) == PEOPLE
        return opened

    return make


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
    counts = {t: len(in_batches[t]) for t in DEMO_TABLES}
    assert counts["patients"] == PEOPLE
    assert all(counts[t] > 0 for t in DEMO_TABLES), counts
    for table in (*DEMO_TABLES, "audit_log", "outbox", "waiting"):
        assert in_batches[table] == one_by_one[table], table


def test_each_demo_record_is_written_once_as_it_finally_is(caseloads):
    opened = caseloads()
    found = _contents(opened)
    records_made = sum(len(found[t]) for t in DEMO_TABLES)
    mutations = found["outbox"]
    assert len(mutations) == records_made
    assert found["waiting"] == records_made + 2  # and the profile's own worker and team
    assert {len(m) for m in mutations.values()} == {1}
    assert {m[0][3] for m in mutations.values()} == {"put"}
    actions = {row[2] for row in found["audit_log"]}
    assert actions == {"create"} and len(found["audit_log"]) == records_made
    conn = opened.conn
    # Sessions ended, goals rated and referrals discharged in the one write of each.
    assert conn.execute(
        "SELECT state, COUNT(*), COUNT(ended_at), MIN(duration_seconds) > 0 FROM sessions"
    ).fetchall() == [("ended", counts := len(found["sessions"]), counts, 1)]
    statuses = {row[0] for row in conn.execute("SELECT status FROM goals")}
    assert {"achieved", "in_progress"} <= statuses
    discharged = conn.execute(
        "SELECT COUNT(*), COUNT(discharged_on), SUM(discharge_reason != '') FROM referrals"
        " WHERE status = 'discharged'"
    ).fetchone()
    assert discharged[0] > 0 and discharged == (discharged[0],) * 3
    kept_open = conn.execute(
        "SELECT COUNT(*) FROM referrals WHERE status != 'discharged'"
        " AND (discharged_on IS NOT NULL OR discharge_reason != '')"
    ).fetchone()
    assert kept_open == (0,)
    for entity_id, ((*_, changes, _base, _at),) in mutations.items():
        if entity_id in {row[0] for row in found["sessions"]}:
            assert json.loads(changes)["state"] == "ended"


def test_a_held_record_changes_only_in_the_fields_it_was_made_with():
    pending = demo_writes.PendingWrites()
    goal = pending.insert("goals", {"description": "Walk", "status": "not_started"})
    pending.update("goals", goal, {"status": "achieved"})
    with pytest.raises(ValueError, match=r"was not made with \['deleted'\]"):
        pending.update("goals", goal, {"deleted": 1})
    with pytest.raises(LookupError, match="no plans record"):
        pending.update("plans", goal, {"status": "achieved"})
    with pytest.raises(LookupError, match="no goals record nobody"):
        pending.update("goals", "nobody", {"status": "achieved"})
    assert pending.count("goals") == 1
    (prepared,) = pending.prepare(_ACTOR, NOW, lambda table: frozenset({"description", "status"}))
    assert prepared.groups[0][1] == [("Walk", "achieved", goal, NOW, NOW, "w")]


_ACTOR = unit_of_work.Actor(worker_id="w", client_id="c")


def test_held_records_go_one_statement_for_each_shape_in_the_order_first_made(monkeypatch):
    monkeypatch.setattr(demo_writes, "_IDS_AT_ONCE", 2)  # ids run out and are made again
    asked = []
    made_many = demo_writes.uuid7_many
    monkeypatch.setattr(
        demo_writes, "uuid7_many", lambda count: asked.append(count) or made_many(count)
    )
    pending = demo_writes.PendingWrites()
    made = [
        pending.insert("goals", {"description": "Walk"}),
        pending.insert("plans", {"what_matters": "Friends"}),
        pending.insert("goals", {"description": "Swim", "status": "in_progress"}),
        pending.insert("goals", {"description": "Read"}),
        pending.insert("plans", {"what_matters": "Sleep"}),
    ]
    assert len(set(made)) == 5 and made == sorted(made)  # new ids, in the order made
    assert asked == [2, 2, 2]  # each id made ahead is used
    columns = {"goals": frozenset({"description", "status"}), "plans": frozenset({"what_matters"})}
    prepared = pending.prepare(_ACTOR, NOW, columns.__getitem__)
    assert [(p.table, p.ids) for p in prepared] == [
        ("goals", [made[0], made[3]]),
        ("goals", [made[2]]),
        ("plans", [made[1], made[4]]),
    ]
    assert [len(p.groups) for p in prepared] == [1, 1, 1]
    assert pending.count("goals") == 3 and pending.count("plans") == 2
    assert pending.count("sessions") == 0


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
