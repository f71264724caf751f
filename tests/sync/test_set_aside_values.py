"""Values a misbehaving hub or device could send: each is set aside with a plain reason.

A page mixes one good patient with records that break the local schema in every way the
engine meets (a number too big, a list where text goes, a refused choice, a missing required
value, a kind of record this version does not know). The good one is applied and the cursor
moves to the page's end.
"""

from __future__ import annotations

import pytest

from linkworker_desktop.services import held_changes
from linkworker_desktop.sync.engine import SyncEngine
from linkworker_desktop.sync.protocol import PullResponse, RecordChange
from linkworker_desktop.sync.transport import Transport
from tests.support.laptop import Laptop, fresh_nhs_number

STAMP = "2024-06-03T09:15:00+00:00"


@pytest.fixture
def laptop(tmp_path):
    made = Laptop(tmp_path / "laptop", "Asha")
    yield made
    made.close()


def _patient(record_id: str, **overrides) -> RecordChange:
    fields = {
        "nhs_number": fresh_nhs_number(),
        "given_name": "Ann",
        "family_name": "Bee",
        "date_of_birth": "1960-05-17",
        "created_at": STAMP,
        "updated_at": STAMP,
        "author_id": "w-hub",
        **overrides,
    }
    return RecordChange(
        entity="patients",
        entity_id=record_id,
        version=1,
        fields=fields,
        field_versions={},
        deleted=False,
    )


BAD = {
    "p-huge": (
        _patient("p-huge", updated_at=2**63),
        "It holds a number too large for this laptop to store.",
    ),
    "p-list": (
        _patient("p-list", author_id=["a", "list"]),
        "It holds a value of a type this laptop cannot store.",
    ),
    "p-choice": (
        _patient("p-choice", consent_to_share="whatever_next"),
        "It holds a value this version of Linkworker does not accept.",
    ),
    "p-no-name": (
        _patient("p-no-name", given_name=None),
        "It has no given name, which this laptop needs.",
    ),
    "badges": (
        RecordChange(
            entity="wellbeing_badges",
            entity_id="badges",
            version=1,
            fields={"name": "Gold"},
            field_versions={},
            deleted=False,
        ),
        "This version of Linkworker does not know this kind of record; it will be applied "
        "after an update.",
    ),
}


def test_each_bad_value_is_set_aside_with_its_reason_and_the_good_record_applies(laptop):
    page = PullResponse(
        changes=[_patient("p-good"), *(change for change, _why in BAD.values())],
        next_cursor=42,
        has_more=False,
        last_mutation_id=0,
    )
    engine = SyncEngine(laptop.profile.conn, laptop.client_id, Transport("http://127.0.0.1:9"))
    try:
        assert engine.apply_page(page) == 1
    finally:
        engine.transport.close()
    assert laptop.cursor() == 42
    assert laptop.record("patients", "p-good")["given_name"] == "Ann"
    for record_id in BAD:
        assert laptop.record("patients", record_id) is None
    held = {h.entity_id: h for h in held_changes.held_changes(laptop.profile)}
    assert {record_id: h.reason for record_id, h in held.items()} == {
        record_id: why for record_id, (_change, why) in BAD.items()
    }
    assert held["p-huge"].description == "The patient details of Ann Bee"
    assert held["badges"].description == "A record of the kind “wellbeing_badges”"
    assert held_changes.summary(len(held)) == "5 changes from the hub could not be applied"
