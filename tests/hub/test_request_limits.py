"""What the hub refuses before doing any work: bodies from unknown devices, bodies past the limit
(counted as they stream, chunked too) and floods of enrolment attempts; each refusal is logged."""

from __future__ import annotations

import json
import logging
import socket
import time

import httpx
import pytest

from linkworker_desktop.hub.limits import MAX_BODY_BYTES, EnrolmentLimiter
from tests.support.hub import HubServer

CHUNK = 64 * 1024


def _open_chunked_push(hub, token: str) -> socket.socket:
    """A push whose body is chunked (no Content-Length) and not yet finished."""
    sock = socket.create_connection(("127.0.0.1", hub.port), timeout=10)
    sock.sendall(
        b"POST /v1/sync/push HTTP/1.1\r\nHost: hub\r\n"
        + f"Authorization: Bearer {token}\r\n".encode()
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    return sock


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _status_line(sock: socket.socket) -> bytes:
    return sock.recv(4096).split(b"\r\n", 1)[0]


def test_a_body_from_an_unknown_device_is_refused_before_it_is_read(hub):
    sock = _open_chunked_push(hub, "garbage")
    try:
        sock.sendall(_chunk(b'{"protocol": 1, '))
        # The body has not ended, yet the answer comes: the token was checked first.
        assert _status_line(sock) == b"HTTP/1.1 401 Unauthorized"
    finally:
        sock.close()


def test_a_chunked_body_past_the_limit_is_refused_before_it_ends(org):
    laptop = org.laptop("North")
    sock = _open_chunked_push(org.hub, laptop.token)
    try:
        sent = 0
        while sent <= MAX_BODY_BYTES:
            sock.sendall(_chunk(b" " * CHUNK))
            sent += CHUNK
        assert _status_line(sock) == b"HTTP/1.1 413 Request Entity Too Large"
    finally:
        sock.close()


def test_a_chunked_body_past_the_limit_gets_a_413_with_a_reason(org):
    laptop = org.laptop("North")

    def body():
        for _ in range(MAX_BODY_BYTES // CHUNK + 2):
            yield b" " * CHUNK

    response = httpx.post(
        f"{org.hub.url}/v1/sync/push",
        content=body(),
        headers={"Authorization": f"Bearer {laptop.token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.json() == {"error": "too_large", "detail": "The request body is too large."}


def test_a_body_just_within_the_limit_is_read(org):
    laptop = org.laptop("North")
    body = json.dumps({"protocol": 1, "client_id": laptop.client_id, "mutations": []})
    padded = body.encode() + b" " * (MAX_BODY_BYTES - len(body))

    def chunks():
        for start in range(0, len(padded), CHUNK):
            yield padded[start : start + CHUNK]

    response = httpx.post(
        f"{org.hub.url}/v1/sync/push",
        content=chunks(),
        headers={"Authorization": f"Bearer {laptop.token}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.json()["applied"] == 0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_limiter_counts_each_address_in_a_sliding_minute():
    clock = Clock()
    limiter = EnrolmentLimiter(attempts=3, window=60, clock=clock)
    waits = []
    for _ in range(3):
        waits.append(limiter.wait("10.0.0.1"))
        clock.now += 10  # attempts at 1000, 1010 and 1020
    assert waits == [0, 0, 0]
    assert limiter.wait("10.0.0.1") == 30  # at 1030: the attempt at 1000 leaves at 1060
    assert limiter.wait("10.0.0.2") == 0  # another address has its own count
    clock.now = 1059.5
    assert limiter.wait("10.0.0.1") == 1  # half a second, rounded up to a whole one
    clock.now = 1060
    assert limiter.wait("10.0.0.1") == 0
    assert limiter.wait("10.0.0.1") == 10  # now 1010, 1020 and 1060 are within the minute


@pytest.fixture
def limited_hub(hub_database_url):
    clock = Clock()
    with HubServer(hub_database_url, limiter=EnrolmentLimiter(clock=clock)) as server:
        server.clock = clock
        yield server


def test_the_eleventh_enrolment_in_a_minute_gets_429_and_is_logged(limited_hub, caplog):
    caplog.set_level(logging.INFO, logger="linkworker.hub")
    body = {"code": "AAAA-BBBB-CCCC", "device_name": "laptop", "client_id": "client-1"}
    url = f"{limited_hub.url}/v1/enrol"
    statuses = [httpx.post(url, json=body, timeout=10).status_code for _ in range(10)]
    assert statuses == [401] * 10
    refused = httpx.post(url, json=body, timeout=10)
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "60"
    assert refused.json() == {
        "error": "too_many_requests",
        "detail": "Too many enrolment attempts from this address; try in 60 s.",
    }
    limited_hub.clock.now += 60
    assert httpx.post(url, json=body, timeout=10).status_code == 401

    def logged() -> list[dict]:
        return [json.loads(r.getMessage()) for r in caplog.records if r.name == "linkworker.hub"]

    # The hub's thread logs a request as its answer goes out: on a busy machine the client
    # can read the answer first.
    deadline = time.monotonic() + 10
    while len(logged()) < 12 and time.monotonic() < deadline:
        time.sleep(0.01)
    lines = logged()
    assert [line["status"] for line in lines] == [401] * 10 + [429, 401]
    assert lines[10]["refused"] == "too_many_requests"
    assert lines[10]["client"] == "127.0.0.1"
    assert lines[0]["refused"] == "unauthorised"
    for line in lines:
        assert set(line) == {"at", "method", "path", "status", "ms", "refused", "client"}
        assert "AAAA" not in json.dumps(line)


def test_an_enrolment_body_bigger_than_any_enrolment_is_refused(hub):
    body = {"code": "A" * 8000, "device_name": "laptop", "client_id": "client-1"}
    response = httpx.post(f"{hub.url}/v1/enrol", json=body, timeout=10)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
