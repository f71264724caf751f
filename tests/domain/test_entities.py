"""One list of synced records: storage, protocol and hub all read the same names."""

from __future__ import annotations

from typing import get_args

from linkworker_desktop.domain.entities import SYNCED_ENTITIES, EntityName
from linkworker_desktop.hub.scope import ORG_WIDE, PARENTS
from linkworker_desktop.storage.unit_of_work import SYNCED_TABLES
from linkworker_desktop.sync.protocol import HUB_OWNED, NO_CONFLICT_ENTITIES, Mutation


def test_storage_and_protocol_share_the_one_list():
    assert SYNCED_TABLES is SYNCED_ENTITIES
    assert get_args(EntityName) == SYNCED_ENTITIES
    assert len(SYNCED_ENTITIES) == 24
    assert Mutation.model_fields["entity"].annotation is EntityName


def test_every_named_group_is_drawn_from_the_list():
    named = set(PARENTS) | ORG_WIDE | HUB_OWNED | NO_CONFLICT_ENTITIES | {"patients"}
    assert named <= set(SYNCED_ENTITIES)
    assert set(SYNCED_ENTITIES) - named == set()
