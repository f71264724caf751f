"""A first upload is applied in bulk: the statements a batch costs do not grow with its records."""

from __future__ import annotations

import json

from sqlalchemy import event, text

from linkworker_desktop.hub import store
from linkworker_desktop.services import demo


def _statements_while(engine, work):
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return result, seen


def test_a_first_upload_costs_a_few_statements_not_a_few_per_record(org):
    laptop = org.laptop("North", "Asha")
    demo.add_demo_caseload(laptop.profile, 12, seed=12)
    notes = laptop.profile.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'session_notes'"
    ).fetchone()[0]
    waiting = laptop.pending()
    assert 100 < notes < waiting < 1000  # one batch, most of it notes with a unique key
    _, statements = _statements_while(org.hub.engine, laptop.push_only)
    records = org.hub.rows("SELECT entity, COUNT(*) AS n FROM records GROUP BY entity")
    stored = {row.entity: row.n for row in records}
    assert stored["session_notes"] == notes
    assert stored["patients"] == 12
    assert laptop.pending() == 0
    assert len(statements) < 60


def _plan_of_reading_records(conn, entity: str, record_ids: list[str]) -> str:
    """How the database finds a batch's records, as a push's prepared statement keeps it."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
        conn.execute(
            text(
                "PREPARE lookup(text, text, text[]) AS SELECT id FROM records"
                " WHERE org_id = $1 AND entity = $2 AND id = ANY($3)"
            )
        )
        ids = ", ".join(f"'{i}'" for i in record_ids)
        org_id = conn.execute(text("SELECT id FROM organisations")).scalar_one()
        plan = conn.execute(
            text(f"EXPLAIN EXECUTE lookup('{org_id}', '{entity}', ARRAY[{ids}])")
        ).scalars()
        return " ".join(plan)
    marks = ", ".join("?" * len(record_ids))
    plan = conn.exec_driver_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM records WHERE org_id = ? AND entity = ?"
        f" AND id IN ({marks})",
        ("org", entity, *record_ids),
    ).all()
    return " ".join(str(step) for step in plan)


def test_after_a_bulk_upload_a_push_finds_its_records_by_primary_key(org, monkeypatch):
    """Before the table had statistics, PostgreSQL planned the read of a batch's records as a
    walk through every record of that kind, once per batch: a first upload slowed as it went."""
    monkeypatch.setattr(store, "_ANALYSE_AFTER", 100)
    laptop = org.laptop("North", "Asha")
    demo.add_demo_caseload(laptop.profile, 12, seed=12)
    laptop.push_only()
    notes = [r.id for r in org.hub.rows("SELECT id FROM records WHERE entity = 'session_notes'")]
    assert len(notes) > 100
    with org.hub.engine.begin() as conn:
        plan = _plan_of_reading_records(conn, "session_notes", notes[:50])
    assert "records_match" not in plan
    assert "records_org_version" not in plan
    assert "records_pkey" in plan or "sqlite_autoindex_records_1" in plan


def test_a_note_for_a_stage_already_noted_is_still_settled_in_a_bulk_upload(org):
    """Two laptops each write the one note a session stage may hold: the hub keeps one."""
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient()
    rid = a.add_referral(pid)
    session = a.insert(
        "sessions", patient_id=pid, referral_id=rid, template_id="initial", kind="initial",
        planned_minutes=60, state="ended", started_at="2026-11-30T09:00:00+00:00",
        ended_at="2026-11-30T10:00:00+00:00", duration_seconds=3600,
    )  # fmt: skip
    a.sync()
    b.sync()
    b.insert("session_notes", session_id=session, stage_id="welcome", text="Met at home.")
    a.insert("session_notes", session_id=session, stage_id="welcome", text="Met at the cafe.")
    a.sync()
    b.sync()
    a.sync()
    rows = org.hub.rows(
        "SELECT data FROM records WHERE entity = 'session_notes' AND deleted = :f", f=False
    )
    assert [json.loads(r.data)["stage_id"] for r in rows] == ["welcome"]
