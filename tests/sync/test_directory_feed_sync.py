"""The hub's directory feed reaches a laptop through a round: the sync layer hands it up.

The engine fetches the feed; the services layer, which owns the local directory, applies it
(the sink :func:`sync_service.apply_directory_feed`). Without a sink the feed's position is left
where it was, so no page is skipped for a round that could not apply it.
"""

from __future__ import annotations

from linkworker_desktop.hub import directory as hub_directory
from linkworker_desktop.services import sync_service
from linkworker_desktop.sync import state
from linkworker_desktop.sync.engine import RoundResult, SyncEngine
from linkworker_desktop.sync.transport import Transport

FEED = {
    "contents": [
        {"id": "walk-1", "name": "Riverside walking group"},
        {"id": "cafe-2", "name": "Tuesday memory café"},
    ]
}


def _feed_names(laptop) -> set[str]:
    rows = laptop.profile.conn.execute(
        "SELECT name FROM directory_services WHERE source = 'feed' AND deleted = 0"
    )
    return {row[0] for row in rows}


def test_a_round_applies_the_organisations_directory_feed(org, hub):
    laptop = org.laptop("North", "Asha")
    with hub.engine.begin() as conn:
        imported = hub_directory.import_feed(conn, org.id, FEED)
        assert (imported.stored, imported.rejected) == (2, [])
    result = laptop.sync()
    assert (result.error, result.directory) == ("", 2)
    assert _feed_names(laptop) == {"Riverside walking group", "Tuesday memory café"}


def test_an_engine_without_a_sink_leaves_the_feed_for_a_later_round(org, hub):
    laptop = org.laptop("North", "Asha")
    with hub.engine.begin() as conn:
        hub_directory.import_feed(conn, org.id, FEED)
    target = sync_service.target_for(laptop.profile)
    transport = Transport(target.hub_url, target.token)
    try:
        engine = SyncEngine(laptop.profile.conn, laptop.client_id, transport)
        result = RoundResult()
        engine.pull_directory(result)
    finally:
        transport.close()
    assert result.directory == 0
    assert state.get(laptop.profile.conn, "directory_since") == ""
    assert _feed_names(laptop) == set()
    assert laptop.sync().directory == 2
    assert len(_feed_names(laptop)) == 2
