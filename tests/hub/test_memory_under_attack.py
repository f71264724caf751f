"""Bodies without a valid token cost the hub no memory: 20 chunked uploads at once, each far past
the limit, leave its peak resident memory within 50 MiB of what it was idle."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.support.hub_process import HubProcess

MIB = 1024 * 1024
CHUNK = 256 * 1024
SENDERS = 20
BODY_MIB = 20
ALLOWED_GROWTH_MIB = 50


def memory_mib(pid: int) -> dict[str, float]:
    """The process's resident memory now (VmRSS) and at its peak so far (VmHWM), in MiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found


def send_without_a_token(url: str, body_mib: int, deadline: float) -> int:
    """One chunked push of ``body_mib`` MiB with a made-up token; the status it got (0: cut)."""

    def body():
        for _ in range(body_mib * MIB // CHUNK):
            if time.monotonic() > deadline:
                return
            yield b"x" * CHUNK

    try:
        response = httpx.post(
            f"{url}/v1/sync/push",
            content=body(),
            headers={"Authorization": "Bearer garbage", "Content-Type": "application/json"},
            timeout=60,
        )
    except httpx.TransportError:
        return 0
    return response.status_code


def attack(hub: HubProcess, senders: int, body_mib: int) -> tuple[dict[str, float], list[int]]:
    """Idle memory (after a warm-up), then every sender at once; the statuses they got."""
    for _ in range(3):  # warm up: the first requests load what every request needs
        send_without_a_token(hub.url, 1, time.monotonic() + 30)
    idle = memory_mib(hub.pid)
    deadline = time.monotonic() + 90
    with ThreadPoolExecutor(senders) as pool:
        statuses = list(
            pool.map(lambda _: send_without_a_token(hub.url, body_mib, deadline), range(senders))
        )
    return idle, statuses


@pytest.mark.slow
def test_twenty_tokenless_chunked_bodies_leave_memory_within_50_mib(tmp_path):
    with HubProcess(f"sqlite:///{tmp_path / 'hub.db'}") as hub:
        idle, statuses = attack(hub, SENDERS, BODY_MIB)
        after = memory_mib(hub.pid)
    assert len(statuses) == SENDERS
    assert set(statuses) <= {401, 0}, statuses
    assert statuses.count(401) >= 1
    assert after["VmHWM"] - idle["VmHWM"] < ALLOWED_GROWTH_MIB, (idle, after)
