"""A push batch encoded from the outbox's JSON text says exactly what the folded changes say."""

from __future__ import annotations

import json

from linkworker_desktop.sync.protocol import Mutation, PushRequest
from linkworker_desktop.sync.wire import encode_push

CLIENT = "0193a1c2-7f00-7000-8000-00000000c11e"
NOW = "2026-11-30T09:00:00.000+00:00"


def _row(mutation_id, entity, entity_id, changes, base=None, op="put"):
    return (
        mutation_id,
        entity,
        entity_id,
        op,
        json.dumps(changes, sort_keys=True),
        json.dumps(base or {}, sort_keys=True),
    )


ROWS = [
    # Made here, then edited twice: the creation goes as written, the edits as one change.
    _row(11, "patients", "p-1", {"created_at": NOW, "given_name": "Siân", "town": "Leeds"}),
    _row(12, "patients", "p-1", {"town": "York"}, {"town": 1}),
    # A record made elsewhere, edited here once: sent as stored, quotes and all.
    _row(13, "referrals", "r-9", {"notes": 'Said "call after 2pm"\\n'}, {"notes": 4}),
    _row(14, "teams", "t-1", {"name": "North"}),  # the hub's to keep: never sent
    _row(15, "patients", "p-1", {"phone": "01632 960001"}, {"phone": 2}),
    _row(16, "patients", "p-2", {"phone": "01632 960002"}, {"phone": 7}),
    _row(17, "patients", "p-2", {"deleted": 1}, {"deleted": 7}, op="delete"),
]


def test_a_batch_carries_each_record_once_folded_as_before_and_skips_the_hubs_records():
    push = encode_push(CLIENT, 42, ROWS)
    assert push is not None
    sent = PushRequest.model_validate_json(push.body)
    assert (sent.client_id, sent.cursor, sent.protocol) == (CLIENT, 42, 1)
    assert sent.mutations == [
        Mutation(
            mutation_id=11,
            entity="patients",
            entity_id="p-1",
            op="put",
            changes={"created_at": NOW, "given_name": "Siân", "town": "Leeds"},
        ),
        Mutation(
            mutation_id=12,
            entity="patients",
            entity_id="p-1",
            op="put",
            changes={"town": "York", "phone": "01632 960001"},
            base_versions={"town": 1, "phone": 2},
        ),
        Mutation(
            mutation_id=13,
            entity="referrals",
            entity_id="r-9",
            op="put",
            changes={"notes": 'Said "call after 2pm"\\n'},
            base_versions={"notes": 4},
        ),
        Mutation(
            mutation_id=16,
            entity="patients",
            entity_id="p-2",
            op="delete",
            changes={"phone": "01632 960002", "deleted": 1},
            base_versions={"phone": 7, "deleted": 7},
        ),
    ]
    assert (push.last_mutation_id, push.count) == (16, 4)


def test_a_record_alone_in_its_batch_goes_out_as_the_outbox_holds_it():
    stored = ROWS[2]
    push = encode_push(CLIENT, 0, [stored])
    assert push is not None
    assert f'"changes": {stored[4]}, "base_versions": {stored[5]}' in push.body.decode()
    assert (push.last_mutation_id, push.count) == (13, 1)


def test_a_batch_of_only_the_hubs_records_sends_nothing():
    assert encode_push(CLIENT, 0, [ROWS[3]]) is None


def test_a_row_alone_goes_out_byte_for_byte_however_it_was_written():
    compact = (21, "referrals", "r-3", "put", '{"notes":"Gardening, Tuesdays"}', '{"notes":2}')
    push = encode_push(CLIENT, 0, [compact])
    assert push is not None
    assert '"changes": {"notes":"Gardening, Tuesdays"}, "base_versions": {"notes":2}' in (
        push.body.decode()
    )


def test_records_of_two_kinds_that_share_an_id_are_folded_apart():
    rows = [
        _row(31, "goals", "same-id", {"title": "Walk"}, {"title": 1}),
        _row(32, "plans", "same-id", {"summary": "Spring"}, {"summary": 3}),
        _row(33, "goals", "same-id", {"status": "done"}, {"status": 2}),
        _row(34, "plans", "same-id", {"summary": "Summer"}, {"summary": 3}),
    ]
    push = encode_push(CLIENT, 0, rows)
    assert push is not None
    sent = PushRequest.model_validate_json(push.body).mutations
    assert [(m.mutation_id, m.entity, m.changes, m.base_versions) for m in sent] == [
        (31, "goals", {"title": "Walk", "status": "done"}, {"title": 1, "status": 2}),
        (32, "plans", {"summary": "Summer"}, {"summary": 3}),
    ]
    assert (push.last_mutation_id, push.count) == (32, 2)


def test_ids_that_need_escaping_are_escaped_and_plain_ones_written_as_they_are():
    ids = ['p-"quoted"', "p\\back", "p-Siân", "p-tab\t", "0193A1C2-7f00-7000-8000-00000000c11e"]
    rows = [_row(n, "patients", entity_id, {"town": "Leeds"}) for n, entity_id in enumerate(ids, 1)]
    push = encode_push(CLIENT, 0, rows)
    assert push is not None
    sent = json.loads(push.body)
    assert [m["entity_id"] for m in sent["mutations"]] == ids
    assert f'"entity_id": "{ids[-1]}"' in push.body.decode()
    assert '"entity_id": "p-\\"quoted\\""' in push.body.decode()
