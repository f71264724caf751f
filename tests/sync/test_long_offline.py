"""A laptop offline for a month with hundreds of changes syncs them all, in several batches."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from linkworker_desktop.services import demo
from linkworker_desktop.storage import unit_of_work


def test_a_month_offline_with_hundreds_of_changes(org, hub, monkeypatch):
    away, office = org.laptop("North", "Away"), org.laptop("North", "Office")
    shared = [away.add_patient(town="Leeds") for _ in range(30)]
    away.sync()
    office.sync()

    month_ago = datetime.now(UTC) - timedelta(days=31)
    days = iter(range(10_000))

    def a_day_in_that_month() -> str:
        moment = month_ago + timedelta(minutes=5 * next(days))
        return moment.isoformat(timespec="milliseconds")

    with monkeypatch.context() as patch:
        patch.setattr(unit_of_work, "utc_now", a_day_in_that_month)
        demo.add_demo_caseload(away.profile, 40, seed=31)  # new patients and their histories
        for round_no in range(8):
            for n, pid in enumerate(shared):
                away.edit("patients", pid, contact_notes=f"Visit {round_no}.{n}")
    office.edit("patients", shared[0], town="York")  # the office changed one meanwhile
    office.sync()

    waiting = away.pending()
    assert waiting > 500
    # Each batch of 120 rows sends one change per record it names, a record's creation apart.
    rows = away.profile.conn.execute(
        "SELECT entity, entity_id, instr(changes, '\"created_at\"') > 0 FROM outbox"
        " ORDER BY mutation_id"
    ).fetchall()
    sent = sum(len({tuple(r) for r in rows[i : i + 120]}) for i in range(0, len(rows), 120))
    assert waiting - 240 < sent < waiting  # the 240 edits of the 30 shared patients fold
    result = away.sync(push_batch=120)
    assert result.pushed == sent and result.rejected == []
    assert away.pending() == 0
    office.sync()

    assert office.ids("patients") == away.ids("patients")
    assert len(office.ids("patients")) == 70
    for table in ("referrals", "appointments", "sessions", "session_notes"):
        assert office.ids(table) == away.ids(table), table
        hub_ids = {r.id for r in hub.rows("SELECT id FROM records WHERE entity = :e", e=table)}
        assert hub_ids == away.ids(table, live_only=False), table
    for n, pid in enumerate(shared):
        for laptop in (away, office):
            assert laptop.record("patients", pid)["contact_notes"] == f"Visit 7.{n}"
    assert office.record("patients", shared[0])["town"] == "York"  # a different field: kept
    assert away.record("patients", shared[0])["town"] == "York"
    data = json.loads(hub.rows("SELECT data FROM records WHERE id = :i", i=shared[0])[0].data)
    assert (data["town"], data["contact_notes"]) == ("York", "Visit 7.0")
    assert office.conflicts() == []
