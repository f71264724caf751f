"""An ASGI wrapper in front of the hub that answers 500 on demand.

``before``: the hub never sees the request. ``after``: the hub handles it (a push is applied and
committed) but the laptop gets a 500 instead of the answer, as when a proxy fails on the way back.
"""

from __future__ import annotations

import threading
from typing import Any

_BODY = b'{"error": "internal", "detail": "Injected failure."}'


class FailingApp:
    def __init__(self, app: Any):
        self.app = app
        self._lock = threading.Lock()
        self._plan: list[tuple[str, str]] = []  # (path, "before" | "after"), used in order
        self.failed = 0

    def fail_next(self, path: str, when: str = "before") -> None:
        with self._lock:
            self._plan.append((path, when))

    def _take(self, path: str) -> str | None:
        with self._lock:
            for i, (wanted, when) in enumerate(self._plan):
                if wanted == path:
                    del self._plan[i]
                    self.failed += 1
                    return when
        return None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        when = self._take(scope.get("path", "")) if scope["type"] == "http" else None
        if when is None:
            await self.app(scope, receive, send)
            return
        if when == "after":

            async def swallow(_message: Any) -> None:
                return None

            await self.app(scope, receive, swallow)
        await send(
            {
                "type": "http.response.start",
                "status": 500,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": _BODY})
