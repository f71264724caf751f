"""Neither an ordinary import nor a hostile device stops an organisation's sync.

Three laptops in one organisation: two workers import the same measure file and sync, a third
device sends a delete whose values no laptop can hold. The hub keeps one measure record and
refuses the delete, and afterwards every laptop syncs cleanly and a new patient reaches the
other two.
"""

from __future__ import annotations

from linkworker_desktop.services.measures import definition_id
from tests.support.hand_pushes import Sender, hostile_delete
from tests.support.measure_files import import_measure, wording_file

IMPORTED = (
    "Imported Short Warwick-Edinburgh Mental Wellbeing Scale (swemwbs); "
    "it syncs with your next sync.\n"
)


def _clean(result) -> tuple:
    """What a round reports that would show it stopped or put something aside."""
    return (result.rejected, result.error, result.set_aside)


def _measures(laptop) -> list[tuple[str, str, str]]:
    return laptop.profile.conn.execute(
        "SELECT id, measure_id, source FROM measure_definitions WHERE deleted = 0 ORDER BY id"
    ).fetchall()


def _hub_patient(hub, org_id, pid):
    return hub.rows(
        "SELECT data, version, deleted FROM records WHERE org_id = :o AND entity = 'patients' "
        "AND id = :i",
        o=org_id,
        i=pid,
    )


def test_same_measure_twice_and_a_hostile_delete_leave_all_three_syncing(
    org, hub, tmp_path, monkeypatch, capsys
):
    w1, w2, w3 = org.laptop("North", "W1"), org.laptop("North", "W2"), org.laptop("North", "W3")
    ann = w1.add_patient(given_name="Ann", family_name="Okafor")
    path = wording_file(tmp_path)
    assert import_measure(w1, path, monkeypatch, capsys) == IMPORTED
    assert import_measure(w2, path, monkeypatch, capsys) == IMPORTED

    rounds = [(w, w.sync()) for w in (w1, w2, w3, w1, w2)]
    assert [_clean(result) for _, result in rounds] == [([], "", [])] * 5
    # W1 pushes the patient and its measure, W2 its measure: the same record, kept once.
    assert [r.pushed for _, r in rounds] == [2, 1, 0, 0, 0]
    measure = [(definition_id("swemwbs"), "swemwbs", path.read_text("utf-8"))]
    assert [_measures(w) for w in (w1, w2, w3)] == [measure] * 3
    assert [len(w.conflicts()) for w in (w1, w2, w3)] == [0, 0, 0]
    hub_measures = hub.rows("SELECT id FROM records WHERE entity = 'measure_definitions'")
    assert [row.id for row in hub_measures] == [definition_id("swemwbs")]

    before = _hub_patient(hub, org.id, ann)
    response = Sender(hub, w3).push(hostile_delete(20_000, w3.record("patients", ann)))
    assert (response["applied"], [r["mutation_id"] for r in response["rejected"]]) == (0, [20_000])
    assert "author_id must be a single value" in response["rejected"][0]["reason"]
    assert _hub_patient(hub, org.id, ann) == before
    assert len(before) == 1 and before[0].deleted in (0, False)

    for laptop in (w1, w2, w3):
        result = laptop.sync()
        assert (_clean(result), result.pulled) == (([], "", []), 0)
        patient = laptop.record("patients", ann)
        assert (patient["given_name"], patient["family_name"], patient["deleted"]) == (
            "Ann",
            "Okafor",
            0,
        )

    bea = w2.add_patient(given_name="Bea", family_name="Lindqvist")
    pushed = w2.sync()
    assert (_clean(pushed), pushed.pushed) == (([], "", []), 1)
    sent = w2.record("patients", bea)
    for laptop in (w1, w3):
        result = laptop.sync()
        assert (_clean(result), result.pulled) == (([], "", []), 1)
        got = laptop.record("patients", bea)
        assert (got["given_name"], got["family_name"], got["nhs_number"], got["deleted"]) == (
            "Bea",
            "Lindqvist",
            sent["nhs_number"],
            0,
        )
    assert [w.ids("patients") for w in (w1, w2, w3)] == [{ann, bea}] * 3
    assert [w.pending() for w in (w1, w2, w3)] == [0, 0, 0]
