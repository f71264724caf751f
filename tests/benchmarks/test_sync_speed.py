"""Sync over loopback against a real hub: first sync, a no-change round, 1k changes, 20 clients.

Targets from the issue: a first sync of 10k patients under 30 s, a no-change round under 100 ms
whatever the caseload's size, 1k changes pushed under 3 s; the hub's pushes per second and p95
latency with 20 clients syncing at once on PostgreSQL.
"""

from __future__ import annotations

import itertools
import shutil
import statistics
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from linkworker_desktop.hub import auth
from linkworker_desktop.services import demo, profile, sync_service
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.sync.transport import Transport
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.support.hub_process import HubProcess
from tests.support.laptop import Laptop
from tests.support.organisation import Organisation

LOAD_CLIENTS = 20
LOAD_ROUNDS = 10
LOAD_EDITS = 5
LOAD_TIME_LIMIT = 120.0
_orgs = itertools.count(1)


class CaseloadTemplates:
    """Unenrolled profiles of N demo patients, built once and copied for each laptop."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.built: dict[int, Path] = {}

    def copy(self, size: int, into: Path) -> Laptop:
        if size not in self.built:
            source = self.folder / f"caseload-{size}"
            opened, _ = profile.create_profile(
                profile.ProfileFiles(source), PASSPHRASE, "Bench Worker", "Bench", kdf=FAST_KDF
            )
            demo.add_demo_caseload(opened, size, seed=size)
            opened.close()
            self.built[size] = source
        shutil.copytree(self.built[size], into)
        laptop = Laptop.__new__(Laptop)
        laptop.name = f"Bench {into.name}"
        laptop.files = profile.ProfileFiles(into)
        laptop.profile = profile.unlock(laptop.files, PASSPHRASE)
        laptop.enrolment = None
        return laptop


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    return CaseloadTemplates(tmp_path_factory.mktemp("sync-templates"))


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def bench_hub(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('bench-hub') / 'hub.db'}"
    else:
        server, reason = request.getfixturevalue("postgres_server")
        if server is None:
            pytest.skip(reason)
        url = server.create_database()
    with HubProcess(url) as hub:
        yield hub


_synced: dict[tuple[str, int], Laptop] = {}


def _enrolled(hub, templates, tmp_path_factory, size) -> Laptop:
    org = Organisation(hub, tmp_path_factory.mktemp("org"), f"Bench PCN {next(_orgs)}")
    laptop = templates.copy(size, tmp_path_factory.mktemp("laptop") / "profile")
    laptop.enrol(hub.url, org.code(org.worker(laptop.name, "North")))
    return laptop


def _synced_laptop(hub, templates, tmp_path_factory, size) -> Laptop:
    key = (hub.database_url, size)
    if key not in _synced:
        laptop = _enrolled(hub, templates, tmp_path_factory, size)
        laptop.sync()
        _synced[key] = laptop
    laptop = _synced[key]
    # Each test has a keyring of its own; a laptop kept from an earlier test brings its token.
    assert laptop.enrolment is not None
    sync_service.save_token(laptop.profile, laptop.enrolment.token)
    return laptop


def test_first_sync_of_10k_patients(benchmark, bench_hub, templates, tmp_path_factory):
    laptop = _enrolled(bench_hub, templates, tmp_path_factory, 10_000)
    waiting = laptop.pending()
    result = benchmark.pedantic(laptop.sync, rounds=1, iterations=1)
    assert result.pushed == waiting and laptop.pending() == 0
    assert len(laptop.ids("patients")) == 10_000
    benchmark.extra_info.update(records=waiting, pulled=result.pulled)
    _synced[(bench_hub.database_url, 10_000)] = laptop


def test_first_sync_of_a_colleague_joining_a_10k_caseload(
    benchmark, bench_hub, templates, tmp_path_factory
):
    """A new laptop in the same team receives everything the first laptop pushed."""
    first = _synced_laptop(bench_hub, templates, tmp_path_factory, 10_000)
    org_id = bench_hub.rows(
        "SELECT org_id FROM devices JOIN workers ON workers.id = devices.worker_id"
        " WHERE devices.client_id = :c",
        c=first.client_id,
    )[0].org_id
    with bench_hub.engine.begin() as conn:
        team = conn.execute(
            text("SELECT team_id FROM workers WHERE id = :w"), {"w": first.worker_id}
        ).scalar_one()
        worker = auth.add_worker(conn, org_id, team, f"Colleague {next(_orgs)}")
        code = auth.new_enrol_code(conn, worker)
    colleague = Laptop(tmp_path_factory.mktemp("colleague") / "profile", "Colleague")
    colleague.enrol(bench_hub.url, code)
    result = benchmark.pedantic(colleague.sync, rounds=1, iterations=1)
    assert len(colleague.ids("patients")) == 10_000
    benchmark.extra_info.update(pulled=result.pulled)
    colleague.close()


@pytest.mark.parametrize("size", [1_000, 10_000], ids=["1k", "10k"])
def test_no_change_sync(benchmark, bench_hub, templates, tmp_path_factory, size):
    laptop = _synced_laptop(bench_hub, templates, tmp_path_factory, size)
    result = benchmark.pedantic(laptop.sync, rounds=30, iterations=1, warmup_rounds=2)
    assert (result.pushed, result.pulled) == (0, 0)
    assert benchmark.stats.stats.median < 0.1


def test_push_1k_changes(benchmark, bench_hub, templates, tmp_path_factory):
    laptop = _synced_laptop(bench_hub, templates, tmp_path_factory, 1_000)
    pids = sorted(laptop.ids("patients"))[:1_000]
    serial = itertools.count()

    def change_all():
        n = next(serial)
        with UnitOfWork(laptop.profile.conn, laptop.profile.actor) as uow:
            for pid in pids:
                uow.update("patients", pid, {"contact_notes": f"Reviewed {n}"})
        return (), {}

    result = benchmark.pedantic(laptop.sync, setup=change_all, rounds=3, iterations=1)
    assert result.pushed == 1_000 and laptop.pending() == 0


class TimedTransport(Transport):
    def __init__(self, *args, timings: list[float], **kwargs):
        super().__init__(*args, **kwargs)
        self.timings = timings

    def push(self, request):
        started = time.perf_counter()
        try:
            return super().push(request)
        finally:
            self.timings.append(time.perf_counter() - started)


def test_twenty_clients_at_once_on_postgresql(benchmark, bench_hub, tmp_path_factory):
    if not bench_hub.database_url.startswith("postgresql"):
        pytest.skip("the load test is for the production database")
    org = Organisation(bench_hub, tmp_path_factory.mktemp("load"), f"Load PCN {next(_orgs)}")
    laptops = [org.laptop("North") for _ in range(LOAD_CLIENTS)]
    patients = {}
    for laptop in laptops:
        patients[laptop.name] = [laptop.add_patient() for _ in range(LOAD_EDITS)]
        laptop.sync()
        laptop.close()  # each client reopens its caseload on its own thread
    push_times: list[float] = []
    round_times: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(LOAD_CLIENTS + 1)

    def client(laptop: Laptop) -> None:
        opened = profile.unlock(laptop.files, PASSPHRASE)
        mine: list[float] = []
        transport = TimedTransport(bench_hub.url, sync_service.load_token(opened), timings=mine)
        rounds: list[float] = []
        try:
            start.wait(timeout=30)
            for n in range(LOAD_ROUNDS):
                with UnitOfWork(opened.conn, opened.actor) as uow:
                    for pid in patients[laptop.name]:
                        uow.update("patients", pid, {"contact_notes": f"Round {n}"})
                began = time.perf_counter()
                sync_service.sync_once(opened, transport)
                rounds.append(time.perf_counter() - began)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            transport.close()
            opened.close()
            with lock:
                push_times.extend(mine)
                round_times.extend(rounds)

    def run_load() -> float:
        threads = [threading.Thread(target=client, args=(laptop,)) for laptop in laptops]
        for thread in threads:
            thread.start()
        start.wait(timeout=30)
        began = time.perf_counter()
        for thread in threads:
            thread.join(timeout=LOAD_TIME_LIMIT)
        return time.perf_counter() - began

    elapsed = benchmark.pedantic(run_load, rounds=1, iterations=1)
    assert not errors, errors
    assert len(push_times) == LOAD_CLIENTS * LOAD_ROUNDS
    p95 = statistics.quantiles(push_times, n=20)[-1]
    round_p95 = statistics.quantiles(round_times, n=20)[-1]
    benchmark.extra_info.update(
        clients=LOAD_CLIENTS,
        pushes=len(push_times),
        pushes_per_second=round(len(push_times) / elapsed, 1),
        push_p95_ms=round(p95 * 1000, 1),
        round_p95_ms=round(round_p95 * 1000, 1),
    )
    print(f"\n{benchmark.extra_info}")
