"""Pushes grow to what the hub says it takes, stay at what every hub takes otherwise, and stay
under the hub's body limit however long the notes."""

from __future__ import annotations

import httpx

from linkworker_desktop.services import demo
from linkworker_desktop.sync import state
from linkworker_desktop.sync.protocol import MAX_BATCH_HEADER
from linkworker_desktop.sync.transport import Transport


class _Counting(Transport):
    """Counts the changes in each push it sends."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sizes: list[int] = []

    def push(self, request):
        self.sizes.append(request.count)
        return super().push(request)


class _OlderHub(_Counting):
    """A hub from before larger batches: its answers carry no word on batch size."""

    def _send(self, method, path, **kwargs):
        response = super()._send(method, path, **kwargs)
        headers = {
            k: v for k, v in response.headers.items() if k.lower() != MAX_BATCH_HEADER.lower()
        }
        return httpx.Response(response.status_code, headers=headers, content=response.content)


def _laptop_with_waiting_changes(org, patients: int):
    laptop = org.laptop("North", "Asha")
    demo.add_demo_caseload(laptop.profile, patients, seed=patients)
    return laptop


def _sync_with(laptop, transport_class):
    transport = transport_class(state.get(laptop.profile.conn, "hub_url"), laptop.token)
    try:
        result = laptop.sync(transport)
    finally:
        transport.close()
    return transport.sizes, result


def test_after_the_hub_says_it_takes_more_the_laptop_sends_larger_batches(org):
    laptop = _laptop_with_waiting_changes(org, 280)
    waiting = laptop.pending()
    assert 7000 < waiting < 11_000
    sizes, result = _sync_with(laptop, _Counting)
    # The first two are read before the hub's first answer; the rest as large as it takes.
    assert sizes[:2] == [1000, 1000]
    assert len(sizes) == 3 and sizes[2] <= 5000 or len(sizes) == 4 and sizes[2] == 5000
    assert sum(sizes) == result.pushed == waiting
    assert laptop.pending() == 0


def test_a_hub_that_says_nothing_gets_batches_every_hub_takes(org):
    laptop = _laptop_with_waiting_changes(org, 100)
    waiting = laptop.pending()
    assert 2000 < waiting < 4000
    sizes, result = _sync_with(laptop, _OlderHub)
    assert max(sizes) == 1000
    assert len(sizes) == -(-waiting // 1000)
    assert sum(sizes) == result.pushed == waiting
    assert laptop.pending() == 0
