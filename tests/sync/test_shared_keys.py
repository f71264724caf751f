"""Two records that share a laptop UNIQUE key never reach laptops: the hub settles them.

Two workers importing the same measure file (``linkworker measure import``) used to stop every
laptop's pulls in the organisation. Now the same file makes one record, two wordings make one
record and a conflict, and records from older laptops that share a key are merged on the hub.
"""

from __future__ import annotations

import json

import pytest

from linkworker_desktop.services.measures import definition_id
from tests.support.measure_files import import_measure, wording_file


def _definitions(laptop) -> list[tuple[str, str, str]]:
    return sorted(
        laptop.profile.conn.execute(
            "SELECT id, measure_id, source FROM measure_definitions WHERE deleted = 0"
        ).fetchall()
    )


@pytest.fixture
def three(org):
    return org.laptop("North", "W1"), org.laptop("North", "W2"), org.laptop("South", "W3")


def test_two_workers_importing_the_same_measure_make_one_record_and_all_sync(
    three, hub, tmp_path, monkeypatch, capsys
):
    w1, w2, w3 = three
    path = wording_file(tmp_path)
    out = import_measure(w1, path, monkeypatch, capsys)
    assert out == (
        "Imported Short Warwick-Edinburgh Mental Wellbeing Scale (swemwbs); "
        "it syncs with your next sync.\n"
    )
    import_measure(w2, path, monkeypatch, capsys)
    for laptop in (w1, w2, w3, w1, w2):
        result = laptop.sync()
        assert result.rejected == []
    source = path.read_text("utf-8")
    expected = [(definition_id("swemwbs"), "swemwbs", source)]
    for laptop in (w1, w2, w3):
        assert _definitions(laptop) == expected
        assert laptop.conflicts() == []
    assert len(hub.rows("SELECT id FROM records WHERE entity = 'measure_definitions'")) == 1
    # Sync goes on: a new patient of W1 reaches W2.
    pid = w1.add_patient(given_name="Nell")
    w1.sync()
    w2.sync()
    assert w2.record("patients", pid)["given_name"] == "Nell"


def test_two_wordings_for_one_measure_make_one_record_and_a_conflict(
    three, tmp_path, monkeypatch, capsys
):
    w1, w2, w3 = three
    first = wording_file(tmp_path, name="first.toml")
    second = tmp_path / "second.toml"
    second.write_text(first.read_text("utf-8").replace("Statement 3", "Another statement 3"))
    import_measure(w1, first, monkeypatch, capsys)
    w1.sync()
    import_measure(w2, second, monkeypatch, capsys)
    for laptop in (w2, w1, w3):
        assert laptop.sync().rejected == []
    expected = [(definition_id("swemwbs"), "swemwbs", second.read_text("utf-8"))]
    for laptop in (w1, w2, w3):
        assert _definitions(laptop) == expected
        [conflict] = laptop.conflicts()
        assert (conflict["entity"], conflict["entity_id"], conflict["field"]) == (
            "measure_definitions",
            definition_id("swemwbs"),
            "source",
        )
        assert json.loads(conflict["other_value"]) == first.read_text("utf-8")


def test_records_of_older_laptops_sharing_a_measure_id_are_merged_on_the_hub(three, hub):
    """Before ids were derived from the measure, each import had its own id."""
    w1, w2, w3 = three
    older = w1.insert("measure_definitions", id="older-1", measure_id="swemwbs", source="A")
    w1.sync()
    later = w2.insert("measure_definitions", id="later-2", measure_id="swemwbs", source="B")
    for laptop in (w2, w1, w3, w2):
        assert laptop.sync().rejected == []
    for laptop in (w1, w2, w3):
        assert _definitions(laptop) == [(older, "swemwbs", "A")]
        gone = laptop.record("measure_definitions", later)
        assert (gone["deleted"], gone["measure_id"]) == (1, f"swemwbs~{later}")
        [conflict] = laptop.conflicts()
        assert (conflict["entity_id"], conflict["field"], conflict["reason"]) == (
            older,
            "source",
            "same_key",
        )
        assert (json.loads(conflict["kept_value"]), json.loads(conflict["other_value"])) == (
            "A",
            "B",
        )
