"""Faults over real TCP: the hub down, the connection cut at many points, a timeout, a 500.

After each fault the round raises SyncError; a clean round afterwards leaves the hub holding
every record exactly once with its latest values, every mutation applied exactly once, and the
laptop's outbox empty.
"""

from __future__ import annotations

import json
import random
import re

import pytest

from linkworker_desktop.services import sync_service
from linkworker_desktop.sync.transport import SyncError
from tests.support.failing_app import FailingApp
from tests.support.hub import HubServer
from tests.support.tcp_proxy import REQUEST, RESPONSE, TcpProxy

CUTS_PER_DIRECTION = 12


@pytest.fixture
def proxy(hub):
    proxy = TcpProxy(hub.port)
    yield proxy
    proxy.close()


class Ledger:
    """What the laptop changed, to check the hub against: latest town per patient, and counts."""

    def __init__(self, laptop, hub):
        self.laptop = laptop
        self.hub = hub
        self.towns: dict[str, str] = {}
        self.queued = 0
        self.serial = 0

    def change_some(self, edits: int = 3, new: int = 1) -> None:
        assert self.laptop.pending() == 0
        for pid in list(self.towns)[-edits:]:
            self.serial += 1
            self.towns[pid] = f"Town {self.serial}"
            self.laptop.edit("patients", pid, town=self.towns[pid])
        for _ in range(new):
            self.serial += 1
            pid = self.laptop.add_patient(town=f"Town {self.serial}")
            self.towns[pid] = f"Town {self.serial}"
        self.queued += self.laptop.pending()

    def applied_on_hub(self) -> int:
        total = 0
        for row in self.hub.rows(
            "SELECT detail FROM hub_audit WHERE action = 'push' AND device_id = :d",
            d=self.laptop.enrolment.device_id,
        ):
            total += int(re.search(r"applied=(\d+)", row.detail).group(1))
        return total

    def check(self) -> None:
        """Everything once, latest values, nothing twice, nothing waiting."""
        assert self.laptop.pending() == 0
        rows = self.hub.rows("SELECT id, data FROM records WHERE entity = 'patients'")
        ids = [r.id for r in rows]
        assert len(ids) == len(set(ids)) == len(self.towns)
        assert {r.id: json.loads(r.data)["town"] for r in rows} == self.towns
        assert self.applied_on_hub() == self.queued  # each mutation applied exactly once
        assert self.hub.rows("SELECT id FROM records WHERE entity = 'conflicts'") == []
        version = int(self.hub.rows("SELECT version FROM organisations")[0].version)
        people = len(self.hub.rows("SELECT id FROM records WHERE entity IN ('teams', 'workers')"))
        # One version per applied mutation and per team or worker published, none twice.
        assert version == self.queued + people
        for pid, town in self.towns.items():
            assert self.laptop.record("patients", pid)["town"] == town
        assert self.laptop.cursor() == version


def _round(laptop, url, timeout=20.0):
    transport = laptop.transport(url, timeout=timeout)
    try:
        return laptop.sync(transport)
    finally:
        transport.close()


def _offsets(total: int, seed: int) -> list[int]:
    """Cut points spread over the whole exchange, the first and last bytes, and random ones."""
    rng = random.Random(seed)
    spread = [max(1, total * k // 6) for k in range(1, 6)]
    edges = [1, 2, total - 1]
    picks = [rng.randrange(1, total) for _ in range(CUTS_PER_DIRECTION - len(spread) - 3)]
    return sorted(set(edges + spread + picks))


@pytest.fixture
def ledger(org):
    laptop = org.laptop("North")
    ledger = Ledger(laptop, org.hub)
    ledger.change_some(edits=0, new=4)
    laptop.sync()
    ledger.check()
    return ledger


def test_hub_down_then_back(ledger, proxy):
    proxy.refuse()
    ledger.change_some()
    with pytest.raises(SyncError, match="cannot be reached"):
        _round(ledger.laptop, proxy.url)
    assert ledger.laptop.pending() == 4
    status = sync_service.status(ledger.laptop.profile)
    assert "cannot be reached" in status.last_error and status.pending == 4
    proxy.accept_again()
    assert _round(ledger.laptop, proxy.url).pushed == 4
    ledger.check()


@pytest.mark.parametrize("direction", [REQUEST, RESPONSE])
def test_connection_cut_at_many_points(ledger, proxy, direction):
    ledger.change_some()
    proxy.bytes = {REQUEST: 0, RESPONSE: 0}
    _round(ledger.laptop, proxy.url)  # a clean round of the same shape, to measure it
    total = proxy.bytes[direction]
    assert total > 500
    ledger.check()
    fired = 0
    for offset in _offsets(total, seed=len(direction)):
        ledger.change_some()
        before = proxy.cuts_fired
        proxy.cut_after(direction, offset)
        try:
            _round(ledger.laptop, proxy.url)
        except SyncError:
            assert proxy.cuts_fired == before + 1, "failed with no cut"
            fired += 1
        else:
            assert proxy.cuts_fired == before, f"a cut at byte {offset} went unnoticed"
        proxy.disarm()
        _round(ledger.laptop, proxy.url)
        ledger.check()
    assert fired >= CUTS_PER_DIRECTION - 2


def test_pull_cut_at_many_points_resumes_from_the_last_whole_page(org, ledger, proxy):
    reader = org.laptop("North")
    for _ in range(5):
        ledger.change_some(edits=4, new=6)
        ledger.laptop.sync()
    proxy.bytes = {REQUEST: 0, RESPONSE: 0}
    probe = org.laptop("North")
    _round(probe, proxy.url)
    total = proxy.bytes[RESPONSE]
    for offset in _offsets(total, seed=7):
        ledger.change_some(edits=2, new=1)
        ledger.laptop.sync()
        before_cursor = reader.cursor()
        proxy.cut_after(RESPONSE, offset)
        transport = reader.transport(proxy.url)
        try:
            reader.sync(transport, pull_page=4)
        except SyncError:
            assert reader.cursor() >= before_cursor
        finally:
            transport.close()
        proxy.disarm()
        reader.sync()
        assert {pid: reader.record("patients", pid)["town"] for pid in ledger.towns} == (
            ledger.towns
        )
        assert reader.cursor() == ledger.laptop.cursor()
    ledger.check()


def test_a_hub_slower_than_the_timeout(ledger, proxy):
    ledger.change_some()
    proxy.delay_response(3.0)
    with pytest.raises(SyncError, match="took too long"):
        _round(ledger.laptop, proxy.url, timeout=0.5)
    assert ledger.laptop.pending() == 4  # the hub may have applied them; the laptop can't know
    proxy.disarm()
    _round(ledger.laptop, proxy.url)
    ledger.check()


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("path", ["/v1/sync/push", "/v1/sync/pull"])
def test_a_500_from_the_hub(ledger, hub_database_url, when, path):
    failing: list[FailingApp] = []

    def wrap(app):
        failing.append(FailingApp(app))
        return failing[0]

    with HubServer(hub_database_url, wrap=wrap) as replica:  # a second hub on the same database
        ledger.change_some()
        failing[0].fail_next(path, when)
        with pytest.raises(SyncError, match=r"had a problem \(500\)"):
            _round(ledger.laptop, replica.url)
        assert failing[0].failed == 1
        if path.endswith("push"):
            assert ledger.laptop.pending() == 4
        _round(ledger.laptop, replica.url)
    ledger.check()
