"""The hub's directory feed reaches laptops whole: one import of thousands of services (one
timestamp) over several pages, then an update to one service, then a withdrawal."""

from __future__ import annotations

import copy

from linkworker_desktop.hub.directory import import_feed
from linkworker_desktop.services.demo_directory import demo_feed
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.sync import state

SERVICES = 2500


def _import(hub, org, feed, withdraw_missing=False):
    with hub.engine.begin() as conn:
        return import_feed(conn, org.id, feed, withdraw_missing)


def _feed_services(laptop):
    """source id → (name, deleted) of every feed service the laptop holds."""
    rows = laptop.profile.conn.execute(
        "SELECT source_id, name, deleted FROM directory_services WHERE source = 'feed'"
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def test_one_import_of_many_services_arrives_whole_then_an_update_then_a_withdrawal(org, hub):
    feed = demo_feed(count=SERVICES)
    ids = [s["id"] for s in feed["contents"]]
    assert len(set(ids)) == SERVICES
    done = _import(hub, org, feed)
    assert (done.stored, done.withdrawn, done.missing, done.rejected) == (SERVICES, 0, 0, [])
    stamps = hub.rows("SELECT DISTINCT modified_at FROM hub_directory")
    assert len(stamps) == 1  # one import, one timestamp: what a timestamp cursor cannot page
    laptop = org.laptop("North")

    first = laptop.sync()  # pages of 1,000: 1,000 + 1,000 + 500
    assert first.directory == SERVICES
    held = _feed_services(laptop)
    assert sorted(held) == sorted(ids)
    assert all(deleted == 0 for _, deleted in held.values())
    assert state.get(laptop.profile.conn, "directory_since") == str(SERVICES)
    assert laptop.sync().directory == 0  # nothing new: nothing fetched again

    changed = copy.deepcopy(feed)
    changed["contents"][1234]["name"] = "Riverside walking football"
    done = _import(hub, org, changed)
    assert (done.stored, done.withdrawn, done.missing) == (1, 0, 0)
    assert laptop.sync().directory == 1
    held = _feed_services(laptop)
    assert held[ids[1234]] == ("Riverside walking football", 0)
    assert held[ids[1233]] == (feed["contents"][1233]["name"], 0)

    shorter = copy.deepcopy(changed)
    gone = shorter["contents"].pop(42)["id"]
    kept = _import(hub, org, shorter)
    assert (kept.stored, kept.withdrawn, kept.missing) == (0, 0, 1)
    assert laptop.sync().directory == 0  # a feed that leaves a service out withdraws nothing
    done = _import(hub, org, shorter, withdraw_missing=True)
    assert (done.stored, done.withdrawn, done.missing) == (0, 1, 0)
    assert laptop.sync().directory == 1
    held = _feed_services(laptop)
    assert held[gone][1] == 1
    assert sum(1 for _, deleted in held.values() if deleted == 0) == SERVICES - 1
    found = Directory(laptop.profile).search(feed["contents"][42]["name"], limit=None)
    assert gone not in {hit.service.source_id for hit in found}
    assert ids[43] in {s.service.source_id for s in Directory(laptop.profile).search(limit=None)}

    late = org.laptop("North")  # a laptop enrolled now gets the directory as it stands
    assert late.sync(pull_page=700).directory == SERVICES - 1
    assert {s for s, (_, deleted) in _feed_services(late).items() if deleted == 0} == set(ids) - {
        gone
    }


def test_a_cursor_from_the_older_hub_starts_the_directory_again(org, hub):
    feed = demo_feed(count=1205)
    _import(hub, org, feed)
    (stamp,) = hub.rows("SELECT DISTINCT modified_at FROM hub_directory")
    laptop = org.laptop("North")
    # Where the older hub left a laptop after the first 1,000 of one import: at its timestamp.
    state.put(laptop.profile.conn, "directory_since", stamp.modified_at)
    assert laptop.sync().directory == 1205
    assert sorted(_feed_services(laptop)) == sorted(s["id"] for s in feed["contents"])
    assert state.get(laptop.profile.conn, "directory_since") == "1205"


def test_a_cursor_past_the_hubs_last_change_starts_the_directory_again(org, hub):
    feed = demo_feed(count=30)
    _import(hub, org, feed)
    laptop = org.laptop("North")
    state.put(laptop.profile.conn, "directory_since", "999999")
    assert laptop.sync(pull_page=7).directory == 30
    assert len(_feed_services(laptop)) == 30
