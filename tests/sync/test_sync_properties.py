"""Random interleavings of edits, syncs and cut connections across three laptops.

Whatever the order, once every laptop has synced twice the three laptops and the hub hold the
same data, and every value that was overwritten is accounted for: a conflict record keeps it,
or the laptop that overwrote it had it on screen, or the same laptop wrote the field again.
"""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkworker_desktop.sync.transport import SyncError
from tests.support.organisation import Organisation
from tests.support.tcp_proxy import REQUEST, RESPONSE, TcpProxy

LAPTOPS = 3
PATIENTS = 2
FIELDS = ("town", "contact_notes", "pronouns")

edit = st.tuples(
    st.just("edit"),
    st.integers(0, LAPTOPS - 1),
    st.integers(0, PATIENTS - 1),
    st.sampled_from(FIELDS),
)
sync = st.tuples(st.just("sync"), st.integers(0, LAPTOPS - 1))
cut = st.tuples(
    st.just("cut"),
    st.integers(0, LAPTOPS - 1),
    st.sampled_from((REQUEST, RESPONSE)),
    st.integers(1, 6000),
)
steps = st.lists(st.one_of(edit, edit, sync, cut), min_size=1, max_size=40)
_orgs = itertools.count(1)


@dataclass(frozen=True)
class Write:
    laptop: int
    pid: str
    field: str
    value: str
    saw: str  # the value on this laptop's screen when it was overwritten


@pytest.fixture
def proxy(hub):
    proxy = TcpProxy(hub.port)
    yield proxy
    proxy.close()


def _hub_state(hub, org_id):
    rows = hub.rows(
        "SELECT entity, id, data, deleted FROM records WHERE org_id = :o AND entity IN"
        " ('patients', 'conflicts')",
        o=org_id,
    )
    return {(r.entity, r.id): (json.loads(r.data), bool(r.deleted)) for r in rows}


def _check_converged(laptops, hub_state):
    for laptop in laptops:
        for (entity, record_id), (data, deleted) in hub_state.items():
            row = laptop.record(entity, record_id)
            assert row is not None, (laptop.name, entity, record_id)
            assert row["deleted"] == int(deleted)
            for field, value in data.items():
                if field in row and field not in ("updated_at", "author_id", "created_at"):
                    assert row[field] == value, (laptop.name, entity, field)
        assert laptop.pending() == 0
        assert len(laptop.ids("conflicts", live_only=False)) == sum(
            1 for entity, _ in hub_state if entity == "conflicts"
        )


def _check_accounted(writes, hub_state):
    conflicts: dict[tuple[str, str], set[str]] = {}
    for (entity, _), (data, _deleted) in hub_state.items():
        if entity == "conflicts":
            kept = {json.loads(data["kept_value"]), json.loads(data["other_value"])}
            conflicts.setdefault((data["entity_id"], data["field"]), set()).update(kept)
    for n, write in enumerate(writes):
        final = hub_state[("patients", write.pid)][0][write.field]
        if write.value == final:
            continue
        later = [w for w in writes[n + 1 :] if (w.pid, w.field) == (write.pid, write.field)]
        assert (
            write.value in conflicts.get((write.pid, write.field), set())
            or any(w.saw == write.value for w in later)
            or any(w.laptop == write.laptop for w in later)
        ), f"{write} was lost without a conflict"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_random_interleavings_converge_and_lose_nothing(hub, proxy, steps):
    folder = Path(tempfile.mkdtemp(prefix="linkworker-prop-"))
    org = Organisation(hub, folder, f"Property PCN {next(_orgs)}")  # a fresh org per example
    try:
        laptops = [org.laptop("North", f"Worker {i}") for i in range(LAPTOPS)]
        pids = [laptops[0].add_patient(town="Start") for _ in range(PATIENTS)]
        for laptop in laptops:
            laptop.sync()
        writes: list[Write] = []
        values = itertools.count(1)
        for step in steps:
            laptop = laptops[step[1]]
            if step[0] == "edit":
                pid, field = pids[step[2]], step[3]
                value = f"{laptop.name} value {next(values)}"
                saw = laptop.record("patients", pid)[field]
                laptop.edit("patients", pid, **{field: value})
                writes.append(Write(step[1], pid, field, value, saw))
            elif step[0] == "sync":
                laptop.sync()
            else:
                proxy.cut_after(step[2], step[3])
                transport = laptop.transport(proxy.url)
                try:
                    laptop.sync(transport)
                except SyncError:
                    pass
                finally:
                    transport.close()
                    proxy.disarm()
        for _ in range(2):
            for laptop in laptops:
                laptop.sync()
        hub_state = _hub_state(hub, org.id)
        _check_converged(laptops, hub_state)
        _check_accounted(writes, hub_state)
    finally:
        org.close()
        shutil.rmtree(folder, ignore_errors=True)
