"""A TCP proxy on loopback between a laptop and the hub that can break the connection.

It can refuse connections (the hub is down), cut a connection after N bytes in either
direction (a network drop at that point of the request or the response), or hold the response
back for a while (a hub slower than the client's timeout). Each fault fires once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass

REQUEST = "request"  # laptop -> hub
RESPONSE = "response"  # hub -> laptop
_CHUNK = 4096


@dataclass
class _Cut:
    direction: str
    after: int


class TcpProxy:
    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self._listener = self._listen(0)
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._cut: _Cut | None = None
        self._delay = 0.0
        self._closing = threading.Event()
        self._sockets: set[socket.socket] = set()
        self.cuts_fired = 0
        self.bytes = {REQUEST: 0, RESPONSE: 0}
        self._accepting = self._start_accepting()

    # --- faults -------------------------------------------------------------------------------

    def cut_after(self, direction: str, after: int) -> None:
        """Drop the connection once ``after`` bytes have gone in ``direction`` (counted anew)."""
        with self._lock:
            self._cut = _Cut(direction, after)
            self.bytes = {REQUEST: 0, RESPONSE: 0}

    def disarm(self) -> None:
        """Forget a cut or a delay that has not happened (``cuts_fired`` tells which did)."""
        with self._lock:
            self._cut = None
            self._delay = 0.0

    def delay_response(self, seconds: float) -> None:
        """Hold the next response back for ``seconds`` before passing it on."""
        self._delay = seconds

    def refuse(self) -> None:
        """Stop listening: connecting gets 'connection refused', as with a hub that is down."""
        self._stop_listening()
        self._accepting.join(timeout=5)
        assert not self._accepting.is_alive()

    def accept_again(self) -> None:
        self._listener = self._listen(self.port)
        self._accepting = self._start_accepting()

    def close(self) -> None:
        self._closing.set()
        self._stop_listening()
        with self._lock:
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.close()

    # --- plumbing -----------------------------------------------------------------------------

    def _stop_listening(self) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone would not on Linux.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    @staticmethod
    def _listen(port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        return listener

    def _start_accepting(self) -> threading.Thread:
        thread = threading.Thread(target=self._accept_loop, args=(self._listener,), daemon=True)
        thread.start()
        return thread

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._closing.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, target, direction in (
                (client, upstream, REQUEST),
                (upstream, client, RESPONSE),
            ):
                threading.Thread(
                    target=self._pump, args=(source, target, direction), daemon=True
                ).start()

    def _allowance(self, direction: str, size: int) -> int | None:
        """How many of ``size`` bytes may pass before the cut, or None for all of them."""
        with self._lock:
            cut = self._cut
            if cut is None or cut.direction != direction:
                self.bytes[direction] += size
                return None
            left = cut.after - self.bytes[direction]
            if left >= size:
                self.bytes[direction] += size
                return None
            self._cut = None
            self.cuts_fired += 1
            self.bytes[direction] += max(left, 0)
            return max(left, 0)

    def _pump(self, source: socket.socket, target: socket.socket, direction: str) -> None:
        try:
            while True:
                data = source.recv(_CHUNK)
                if not data:
                    with contextlib.suppress(OSError):
                        target.shutdown(socket.SHUT_WR)
                    return
                if direction == RESPONSE and self._delay:
                    delay, self._delay = self._delay, 0.0
                    if self._closing.wait(delay):
                        return
                allowed = self._allowance(direction, len(data))
                if allowed is not None:
                    if allowed:
                        target.sendall(data[:allowed])
                    self._drop(source, target)
                    return
                target.sendall(data)
        except OSError:
            self._drop(source, target)

    def _drop(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()
            with self._lock:
                self._sockets.discard(sock)
