"""A push batch written from the outbox's own JSON text, without decoding what need not change.

The outbox keeps every change as JSON already. Decoding each row, building a model of it and
encoding it again cost the laptop more than the hub's work on a first upload (270k rows at 10k
patients), on the same busy processor. So a row that is its record's only one in the batch goes
out as stored, and only the rows folded into one change per record (:mod:`coalesce`) are
decoded and encoded again. The hub validates every field of what arrives, as before.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic_core import from_json

from linkworker_desktop.sync.coalesce import OutboxRow, coalesce
from linkworker_desktop.sync.protocol import HUB_OWNED, PROTOCOL_VERSION

# (mutation id, entity, entity id, op, changes as JSON, base versions as JSON): an outbox row.
StoredRow = tuple[int, str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class EncodedPush:
    """One push request as the bytes sent, and the last mutation id in it."""

    body: bytes
    last_mutation_id: int
    count: int


def encode_push(client_id: str, cursor: int, rows: Sequence[StoredRow]) -> EncodedPush | None:
    """The push for these outbox rows (in order), or None if all are the hub's to keep."""
    sent = [row for row in rows if row[1] not in HUB_OWNED]
    if not sent:
        return None
    per_record = Counter((row[1], row[2]) for row in sent)
    folded = {
        row.mutation_id: row
        for row in coalesce(
            OutboxRow(r[0], r[1], r[2], r[3], from_json(r[4]), from_json(r[5]))
            for r in sent
            if per_record[(r[1], r[2])] > 1
        )
    }
    parts = []
    ids = []  # the mutations sent: a folded record's later rows go under its first id
    for mutation_id, entity, entity_id, op, changes, base_versions in sent:
        if per_record[(entity, entity_id)] == 1:
            ids.append(mutation_id)
            parts.append(_mutation(mutation_id, entity, entity_id, op, changes, base_versions))
        elif (row := folded.get(mutation_id)) is not None:
            ids.append(mutation_id)
            parts.append(
                _mutation(
                    mutation_id,
                    entity,
                    entity_id,
                    row.op,
                    json.dumps(row.changes),  # decoded from JSON: nothing else in it
                    json.dumps(row.base_versions),
                )
            )
    head = {"protocol": PROTOCOL_VERSION, "client_id": client_id, "cursor": cursor}
    body = f'{json.dumps(head)[:-1]}, "mutations": [{", ".join(parts)}]}}'
    return EncodedPush(body.encode(), int(ids[-1]), len(parts))


def _mutation(
    mutation_id: int, entity: str, entity_id: str, op: str, changes: str, base_versions: str
) -> str:
    return (
        f'{{"mutation_id": {int(mutation_id)}, "entity": {_quoted(entity)},'
        f' "entity_id": {_quoted_id(entity_id)}, "op": {_quoted(op)},'
        f' "changes": {changes}, "base_versions": {base_versions}}}'
    )


# A few dozen kinds of record and two operations: each written as JSON once.
_quoted = cache(json.dumps)
# An id made of letters, digits and hyphens (every id this app makes) needs no escaping.
_PLAIN_ID = re.compile(r"[A-Za-z0-9-]*")


def _quoted_id(entity_id: str) -> str:
    return f'"{entity_id}"' if _PLAIN_ID.fullmatch(entity_id) else json.dumps(entity_id)
