"""A demo of more than one batch is made in a second process: the same caseload, nothing left
running, and the database touched only by the caseload's own connection."""

from __future__ import annotations

import json
import multiprocessing
import random
from datetime import date, datetime, timedelta

import pytest

from linkworker_desktop.domain.entities import SYNCED_ENTITIES
from linkworker_desktop.services import demo, demo_sessions, profile
from linkworker_desktop.storage.unit_of_work import table_columns

TODAY = date(2026, 3, 2)
PEOPLE = 45
DEMO_TABLES = (
    "patients", "referrals", "appointments", "goals", "goal_helpers", "goal_steps", "plans",
    "sessions", "session_notes", "goal_progress", "measure_results", "directory_connections",
)  # fmt: skip
STAMPS = {"created_at", "updated_at"}


def _canonical(opened: profile.OpenProfile) -> dict[str, object]:
    """The demo's rows, audit events and mutations with every id named by its table and its
    place in the order it was made (ids are time-ordered), and the write times left out."""
    conn = opened.conn
    names: dict[str, str] = {
        opened.actor.worker_id: "<worker>",
        opened.actor.client_id: "<client>",
    }
    for (team,) in conn.execute("SELECT id FROM teams"):
        names[team] = "<team>"
    for service_id, source_id in conn.execute("SELECT id, source_id FROM directory_services"):
        names[service_id] = f"<service {source_id}>"
    for table in DEMO_TABLES:
        for place, (record_id,) in enumerate(conn.execute(f"SELECT id FROM {table} ORDER BY id")):
            names[record_id] = f"<{table} {place}>"

    def named(value: object) -> object:
        return names.get(value, value) if isinstance(value, str) else value

    found: dict[str, object] = {}
    for table in DEMO_TABLES:
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
        columns = [d[0] for d in cursor.description]
        found[table] = [
            {c: named(v) for c, v in zip(columns, row, strict=True) if c not in STAMPS}
            for row in cursor
        ]
    marks = ", ".join("?" for _ in DEMO_TABLES)
    found["audit_log"] = sorted(
        (row[0], row[1], named(row[2]), row[3])
        for row in conn.execute(
            f"SELECT action, entity, entity_id, fields FROM audit_log WHERE entity IN ({marks})",
            DEMO_TABLES,
        )
    )
    mutations = {}
    for entity, entity_id, op, changes, base in conn.execute(
        f"SELECT entity, entity_id, op, changes, base_versions FROM outbox"
        f" WHERE entity IN ({marks}) ORDER BY mutation_id",
        DEMO_TABLES,
    ):
        fields = {k: named(v) for k, v in json.loads(changes).items() if k not in STAMPS}
        mutations.setdefault(named(entity_id), []).append((entity, op, fields, base))
    found["outbox"] = mutations
    return found


def test_a_demo_made_in_another_process_is_the_demo_made_here(new_profile):
    here, elsewhere = new_profile(), new_profile()
    assert demo.add_demo_caseload(here, PEOPLE, seed=21, today=TODAY) == PEOPLE
    # Three batches of 20, 20 and 5 patients: made in a second process.
    assert demo.add_demo_caseload(elsewhere, PEOPLE, seed=21, today=TODAY, batch=20) == PEOPLE
    assert multiprocessing.active_children() == []
    made_here, made_elsewhere = _canonical(here), _canonical(elsewhere)
    assert len(made_here["patients"]) == PEOPLE
    assert sum(len(made_here[t]) for t in DEMO_TABLES) > PEOPLE * 20
    for part in (*DEMO_TABLES, "audit_log", "outbox"):
        assert made_here[part] == made_elsewhere[part], part
    stamps = [row[0] for row in elsewhere.conn.execute("SELECT DISTINCT created_at FROM patients")]
    assert len(stamps) == 3  # one transaction, and one time, for each batch


def test_a_demo_of_two_batches_is_made_here(new_profile, monkeypatch):
    def no_second_process(*args, **kwargs):
        raise AssertionError("two batches need no second process")

    monkeypatch.setattr(demo, "_making_process", no_second_process)
    opened = new_profile()
    assert demo.add_demo_caseload(opened, 40, seed=21, today=TODAY, batch=20) == 40
    stamps = opened.conn.execute("SELECT COUNT(DISTINCT created_at) FROM patients").fetchone()
    assert stamps == (2,)  # a transaction for each batch
    with pytest.raises(AssertionError, match="no second process"):
        demo.add_demo_caseload(opened, 41, seed=22, today=TODAY, batch=20)


def test_a_batch_of_no_patients_is_refused(new_profile):
    opened = new_profile()
    with pytest.raises(ValueError, match="at least one patient at a time"):
        demo.add_demo_caseload(opened, 10, batch=0)
    assert opened.conn.execute("SELECT COUNT(*) FROM patients").fetchone() == (0,)


def test_the_maker_hands_out_batches_in_order_each_stamped_for_this_writer(new_profile):
    """What the second process runs, run here: the maker carries on from batch to batch."""
    opened = new_profile()
    demo.add_demo_caseload(opened, 0)  # the demo directory, which the histories link to
    columns = {t: table_columns(opened.conn, t) for t in SYNCED_ENTITIES}

    def maker() -> demo._Maker:
        histories = demo._Histories(
            set(),
            demo_sessions.services_by_category(opened.conn),
            random.Random(22),
            opened.actor.worker_id,
            "team",
            TODAY,
        )
        return demo._Maker(7, 21, TODAY, histories, opened.actor, columns, 3)

    expected = maker()
    demo._start_making(maker())
    try:
        batches = [demo._make_next() for _ in range(4)]
    finally:
        demo._start_making(None)
    assert [patients for patients, _ in batches] == [3, 3, 1, 0]
    for patients, prepared in batches:
        made_here = expected.next_batch()
        assert made_here.count("patients") == patients
        assert sum(len(p.ids) for p in prepared) == sum(made_here.count(t) for t in SYNCED_ENTITIES)
        if not patients:
            assert prepared == []
            continue
        assert prepared[0].table == "patients"  # parents first
        assert {p.actor for p in prepared} == {opened.actor}
        (stamp,) = {event[0] for p in prepared for event in p.audits}  # one time a batch
        assert datetime.fromisoformat(stamp).utcoffset() == timedelta(0)
    with pytest.raises(
        RuntimeError, match="^the demo's making process was not started with a maker$"
    ):
        demo._make_next()
