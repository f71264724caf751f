"""What the hub refuses before any work: oversized bodies, enrolment floods; and its request log.

Both are plain ASGI middleware so they see the bytes as they arrive: a chunked body has no
Content-Length to check, so it is counted as it streams in and refused once past the limit,
without the rest ever being read into memory.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import HTTPException

MAX_BODY_BYTES = 8 * 1024 * 1024
# An enrolment is a code, a device name and an id: a few hundred bytes.
MAX_ENROL_BYTES = 4 * 1024
ENROL_PATH = "/v1/enrol"
ENROL_ATTEMPTS = 10
ENROL_WINDOW = 60.0
# Addresses remembered at most; past this, those with no attempt in the window are forgotten.
MAX_ADDRESSES = 10_000

log = logging.getLogger("linkworker.hub")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
App = Callable[[Scope, Receive, Send], Any]


class BodyTooLarge(HTTPException):
    """Raised from inside the body stream; an HTTPException so FastAPI passes it through."""

    def __init__(self) -> None:
        super().__init__(413, "The request body is too large.")


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class EnrolmentLimiter:
    """At most ``attempts`` enrolments per address per ``window`` seconds, in this process only.

    Each replica counts on its own, so behind N replicas an address gets up to N × attempts.
    """

    def __init__(
        self,
        attempts: int = ENROL_ATTEMPTS,
        window: float = ENROL_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.attempts = attempts
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}

    def wait(self, address: str) -> int:
        """0 and the attempt counted, or the whole seconds until this address may try again."""
        now = self.clock()
        times = self._seen.setdefault(address, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) >= self.attempts:
            return max(1, math.ceil(times[0] + self.window - now))
        times.append(now)
        if len(self._seen) > MAX_ADDRESSES:
            self._forget(now)
        return 0

    def _forget(self, now: float) -> None:
        for address in [a for a, t in self._seen.items() if not t or t[-1] <= now - self.window]:
            del self._seen[address]


async def refuse(send: Send, status: int, error: str, detail: str, **headers: str) -> None:
    body = json.dumps({"error": error, "detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(name.encode(), value.encode()) for name, value in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Refuse floods of enrolments (429) and bodies past the limit (413) as early as possible."""

    def __init__(
        self,
        app: App,
        max_body_bytes: int = MAX_BODY_BYTES,
        limiter: EnrolmentLimiter | None = None,
    ):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limiter = limiter or EnrolmentLimiter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        enrolling = scope["path"] == ENROL_PATH
        if enrolling and scope["method"] == "POST":
            wait = self.limiter.wait(client_address(scope))
            if wait:
                detail = f"Too many enrolment attempts from this address; try in {wait} s."
                await refuse(send, 429, "too_many_requests", detail, **{"retry-after": str(wait)})
                return
        limit = min(MAX_ENROL_BYTES, self.max_body_bytes) if enrolling else self.max_body_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await refuse(send, 413, "too_large", "The request body is too large.")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)


class RequestLog:
    """One JSON line per request: method, path, status, time; for a refusal, its code and the
    client address. Never a body, a token or a name."""

    def __init__(self, app: App):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": 500}

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body" and seen["status"] >= 400:
                seen.setdefault("error", _error_code(message.get("body", b"")))
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            line: dict[str, Any] = {
                "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "method": scope["method"],
                "path": scope["path"],
                "status": seen["status"],
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
            if seen["status"] >= 400:
                line["refused"] = seen.get("error") or "error"
                line["client"] = client_address(scope)
            log.info(json.dumps(line))


def _error_code(body: bytes) -> str:
    """The ``error`` of one of the hub's problem bodies (small JSON), or "" for anything else."""
    if len(body) > 4096:
        return ""
    try:
        error = json.loads(body).get("error", "")
    except (ValueError, AttributeError):
        return ""
    return error if isinstance(error, str) else ""
