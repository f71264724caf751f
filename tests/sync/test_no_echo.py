"""A pull does not send a laptop back what only it has written, and never loses anyone else's.

A record whose only writes since the laptop last saw it are that laptop's own stays on the hub;
a record a colleague (or the hub) has written since then always comes back.
"""

from __future__ import annotations

import itertools
import json
import random

import pytest

from linkworker_desktop.sync import state
from linkworker_desktop.sync.protocol import PullResponse
from linkworker_desktop.sync.transport import SyncError, Transport
from tests.support.tcp_proxy import RESPONSE, TcpProxy

LAPTOP_NAMES = ("Asha", "Ben", "Cleo")
STEPS = ("edit", "push", "pull")  # each laptop edits, pushes (the pull is cut), then syncs


@pytest.fixture
def trio(org):
    """Three North workers who have all pulled the organisation."""
    laptops = {name: org.laptop("North", name) for name in LAPTOP_NAMES}
    for laptop in laptops.values():
        laptop.sync()
    return laptops


def _hub_patient(hub, pid):
    rows = hub.rows(
        "SELECT data, deleted FROM records WHERE entity = 'patients' AND id = :i", i=pid
    )
    assert len(rows) == 1
    return json.loads(rows[0].data), bool(rows[0].deleted)


def _assert_holds_the_hubs_patients(laptop, hub):
    """Every patient on the hub is on the laptop with the hub's values, and no others."""
    rows = hub.rows("SELECT id, data, deleted FROM records WHERE entity = 'patients'")
    assert {r.id for r in rows} == laptop.ids("patients", live_only=False)
    for row in rows:
        local = laptop.record("patients", row.id)
        data = json.loads(row.data)
        shared = {k: v for k, v in data.items() if k in local and k not in ("versions", "deleted")}
        assert {k: local[k] for k in shared} == shared, row.id
        assert local["deleted"] == int(bool(row.deleted)), row.id


# --- what is not sent back -----------------------------------------------------------------------


def test_patients_a_laptop_just_pushed_are_not_pulled_back(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    a.sync()
    b.sync()
    towns = {a.add_patient(town=f"Town {n}"): f"Town {n}" for n in range(20)}
    result = a.sync()
    assert result.pushed == 20 and result.rejected == []
    assert result.pulled == 0
    assert a.sync().pulled == 0
    assert a.pending() == 0
    for pid, town in towns.items():
        assert a.record("patients", pid)["town"] == town
    assert b.sync().pulled == 20  # a colleague receives every one of them
    for pid, town in towns.items():
        assert b.record("patients", pid)["town"] == town


def test_own_edits_are_not_pulled_back_but_a_colleagues_edit_is(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pids = [a.add_patient(town="Leeds") for _ in range(6)]
    a.sync()
    b.sync()
    for pid in pids[:5]:
        a.edit("patients", pid, town="York")
    b.edit("patients", pids[5], phone="01632 960005")
    assert b.sync().pulled == 0
    result = a.sync()
    assert (result.pushed, result.pulled) == (5, 1)
    assert a.record("patients", pids[5])["phone"] == "01632 960005"
    assert b.sync().pulled == 5
    for laptop in (a, b):
        assert [laptop.record("patients", p)["town"] for p in pids] == ["York"] * 5 + ["Leeds"]


def test_a_conflict_the_hub_makes_from_a_laptops_push_reaches_that_laptop(org):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001")
    a.sync()
    b.sync()
    a.edit("patients", pid, phone="01632 960002")
    b.edit("patients", pid, phone="01632 960003")
    b.sync()
    result = a.sync()  # Asha's push makes the conflict on the hub
    assert result.conflicts == 1
    [conflict] = a.conflicts()
    assert (conflict["entity_id"], conflict["field"]) == (pid, "phone")
    assert json.loads(conflict["other_value"]) == "01632 960003"
    assert a.record("patients", pid)["phone"] == "01632 960002"


# --- nothing of a colleague's is lost ------------------------------------------------------------


def test_an_edit_pushed_without_pulling_first_still_receives_a_colleagues_edit(org, hub):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001", email="ann@example.org")
    a.sync()
    b.sync()
    b.edit("patients", pid, phone="01632 960002")
    b.sync()
    a.edit("patients", pid, email="ann.new@example.org")  # Asha has not pulled Ben's phone
    a.sync()
    b.sync()
    for laptop in (a, b):
        row = laptop.record("patients", pid)
        assert (row["phone"], row["email"]) == ("01632 960002", "ann.new@example.org")
        assert laptop.conflicts() == []
        _assert_holds_the_hubs_patients(laptop, hub)


def test_an_edit_made_before_a_colleagues_but_pushed_after_it(org, hub):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001", email="ann@example.org")
    a.sync()
    b.sync()
    a.edit("patients", pid, email="ann.new@example.org")  # made first, still offline
    b.edit("patients", pid, phone="01632 960002")
    b.sync()
    a.sync()
    b.sync()
    for laptop in (a, b):
        row = laptop.record("patients", pid)
        assert (row["phone"], row["email"]) == ("01632 960002", "ann.new@example.org")
        _assert_holds_the_hubs_patients(laptop, hub)


def _edit_after_a_colleague(org):
    """Ben edits Ann's phone and adds patients; Asha, not having pulled them, edits her email."""
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001", email="ann@example.org")
    a.sync()
    b.sync()
    b.edit("patients", pid, phone="01632 960002")
    b.sync()
    others = [b.add_patient() for _ in range(4)]
    b.sync()
    a.edit("patients", pid, email="ann.new@example.org")
    return a, pid, others


def _assert_has_both_edits(a, hub, pid, others):
    row = a.record("patients", pid)
    assert (row["phone"], row["email"]) == ("01632 960002", "ann.new@example.org")
    assert set(others) <= a.ids("patients")
    _assert_holds_the_hubs_patients(a, hub)


@pytest.mark.parametrize("pull_page", [1, 2, 3])
def test_a_colleagues_edit_is_not_lost_when_the_pull_comes_in_small_pages(org, hub, pull_page):
    """Ben's edit and other changes reach the hub; then Asha, who has not pulled them, edits
    the same patient and syncs in pages that end before the patient's new version."""
    a, pid, others = _edit_after_a_colleague(org)
    a.sync(pull_page=pull_page)
    _assert_has_both_edits(a, hub, pid, others)


class _CutAfterPages(Transport):
    """A transport whose connection drops after it has received ``pages`` pull pages."""

    def __init__(self, laptop, pages: int):
        super().__init__(state.get(laptop.profile.conn, "hub_url"), laptop.token)
        self.pages = pages

    def pull(self, cursor: int, limit: int) -> PullResponse:
        if self.pages == 0:
            raise SyncError("The connection dropped during the pull.")
        self.pages -= 1
        return super().pull(cursor, limit)


def test_a_colleagues_edit_is_not_lost_when_a_pull_is_cut_after_a_page(org, hub):
    a, pid, others = _edit_after_a_colleague(org)
    transport = _CutAfterPages(a, pages=1)
    try:
        with pytest.raises(SyncError, match="during the pull"):
            a.sync(transport, pull_page=1)
    finally:
        transport.close()
    assert a.pending() == 0
    a.sync()
    _assert_has_both_edits(a, hub, pid, others)


def test_a_colleagues_edit_between_two_of_my_pushes_is_not_lost(org, hub):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(phone="01632 960001", town="Leeds")
    a.sync()
    b.sync()
    a.edit("patients", pid, town="York")
    a.push_only()
    b.edit("patients", pid, phone="01632 960002")
    b.sync()
    a.edit("patients", pid, town="Hull")
    a.sync()
    b.sync()
    for laptop in (a, b):
        row = laptop.record("patients", pid)
        assert (row["phone"], row["town"]) == ("01632 960002", "Hull")
        _assert_holds_the_hubs_patients(laptop, hub)


def _schedules(count: int, seed: int) -> list[list[tuple[str, str]]]:
    """Orders of three laptops' edit, push and pull steps, each laptop's own steps in order.

    The first is the case that matters most: Asha edits before Ben's edit reaches the hub, and
    pushes after it.
    """
    first = [("Asha", "edit"), ("Ben", "edit"), ("Ben", "push"), ("Asha", "push"),
             ("Ben", "pull"), ("Cleo", "edit"), ("Asha", "pull"), ("Cleo", "push"),
             ("Cleo", "pull")]  # fmt: skip
    rng = random.Random(seed)
    found = [first]
    while len(found) < count:
        slots = [name for name in LAPTOP_NAMES for _ in STEPS]
        rng.shuffle(slots)
        steps = {name: iter(STEPS) for name in LAPTOP_NAMES}
        schedule = [(name, next(steps[name])) for name in slots]
        if schedule not in found:
            found.append(schedule)
    return found


def _run(schedule, laptops, pid, edits):
    for name, step in schedule:
        laptop = laptops[name]
        if step == "edit":
            laptop.edit("patients", pid, **edits[name])
        elif step == "push":
            laptop.push_only()
        else:
            laptop.sync()
    for name in LAPTOP_NAMES:  # everyone syncs once more
        laptops[name].sync()


def test_three_laptops_editing_different_fields_in_any_order_end_with_every_edit(org, hub, trio):
    pid = trio["Asha"].add_patient(phone="01632 960000", email="a@example.org", town="Leeds")
    for name in LAPTOP_NAMES:
        trio[name].sync()
    fields = {"Asha": "phone", "Ben": "email", "Cleo": "town"}
    serial = itertools.count(1)
    for schedule in _schedules(16, seed=2024):
        edits = {}
        for name, field in fields.items():
            n = next(serial)
            edits[name] = {field: f"01632 96{n:04d}" if field == "phone" else f"v{n}"}
        _run(schedule, trio, pid, edits)
        expected = {k: v for change in edits.values() for k, v in change.items()}
        data, deleted = _hub_patient(hub, pid)
        assert {k: data[k] for k in expected} == expected and not deleted, schedule
        for name in LAPTOP_NAMES:
            row = trio[name].record("patients", pid)
            assert {k: row[k] for k in expected} == expected, (name, schedule)
            assert trio[name].pending() == 0
            assert trio[name].conflicts() == [], (name, schedule)


def test_three_laptops_editing_one_field_in_any_order_end_with_the_last_push(org, hub, trio):
    pid = trio["Asha"].add_patient(town="Leeds")
    for name in LAPTOP_NAMES:
        trio[name].sync()
    serial = itertools.count(1)
    for schedule in _schedules(16, seed=7):
        edits = {name: {"town": f"Town {next(serial)}"} for name in LAPTOP_NAMES}
        last_pusher = [name for name, step in schedule if step == "push"][-1]
        _run(schedule, trio, pid, edits)
        expected = edits[last_pusher]["town"]
        assert _hub_patient(hub, pid)[0]["town"] == expected, schedule
        for name in LAPTOP_NAMES:
            assert trio[name].record("patients", pid)["town"] == expected, (name, schedule)
            assert trio[name].pending() == 0
    for name in LAPTOP_NAMES:
        _assert_holds_the_hubs_patients(trio[name], hub)


# --- a lost answer -------------------------------------------------------------------------------


@pytest.fixture
def proxy(hub):
    proxy = TcpProxy(hub.port)
    yield proxy
    proxy.close()


@pytest.mark.parametrize("colleague", [False, True], ids=["alone", "colleague edits meanwhile"])
@pytest.mark.parametrize("cut_at", [0, 100], ids=["no byte", "headers cut"])
def test_a_push_whose_answer_is_lost_then_retried_leaves_the_hubs_data(
    org, hub, proxy, cut_at, colleague
):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pids = [a.add_patient(town="Leeds", phone="01632 960001") for _ in range(3)]
    a.sync()
    b.sync()
    a.edit("patients", pids[0], town="York")
    a.edit("patients", pids[1], phone="01632 960010")
    new = a.add_patient(town="Hull")
    a.delete("patients", pids[2])
    waiting = a.pending()
    proxy.cut_after(RESPONSE, cut_at)
    transport = a.transport(proxy.url)
    try:
        with pytest.raises(SyncError):
            a.sync(transport)
    finally:
        transport.close()
    assert proxy.cuts_fired == 1
    assert a.pending() == waiting  # the laptop cannot know the hub has them
    assert _hub_patient(hub, pids[0])[0]["town"] == "York"  # but it has
    assert _hub_patient(hub, pids[2])[1] is True
    if colleague:
        b.sync()
        b.edit("patients", pids[0], email="ann@example.org")
        b.edit("patients", pids[1], town="Otley")
        b.edit("patients", new, phone="01632 960020")
        b.sync()
    result = a.sync()
    assert result.pushed == 0  # each mutation was applied once, the first time
    assert a.pending() == 0
    _assert_holds_the_hubs_patients(a, hub)
    b.sync()
    _assert_holds_the_hubs_patients(b, hub)
    expected = {pids[0]: "York", pids[1]: "Otley" if colleague else "Leeds", new: "Hull"}
    for laptop in (a, b):
        assert {p: laptop.record("patients", p)["town"] for p in expected} == expected
        assert pids[2] not in laptop.ids("patients")


# --- the laptop that wrote last holds what the hub holds ----------------------------------------


def test_a_laptop_that_deleted_a_patient_holds_the_hubs_values_for_it(org, hub):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(town="Leeds")
    a.sync()
    b.sync()
    a.delete("patients", pid)
    a.sync()
    b.sync()
    assert _hub_patient(hub, pid)[1] is True
    for laptop in (a, b):
        _assert_holds_the_hubs_patients(laptop, hub)
    assert a.record("patients", pid)["updated_at"] == b.record("patients", pid)["updated_at"]


def test_a_laptop_that_edited_a_colleagues_patient_holds_the_hubs_values_for_it(org, hub):
    a, b = org.laptop("North", "Asha"), org.laptop("North", "Ben")
    pid = a.add_patient(town="Leeds")
    a.sync()
    b.sync()
    b.edit("patients", pid, town="York")
    b.sync()
    a.sync()
    for laptop in (a, b):
        _assert_holds_the_hubs_patients(laptop, hub)
    assert a.record("patients", pid)["author_id"] == b.record("patients", pid)["author_id"]
