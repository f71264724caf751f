"""A real hub for the tests: the FastAPI app served by uvicorn on loopback, in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import uvicorn
from sqlalchemy import Engine, text

from linkworker_desktop.hub.app import create_app
from linkworker_desktop.hub.engine import make_engine
from linkworker_desktop.hub.limits import EnrolmentLimiter

START_TIMEOUT = 20.0


class RunningHub:
    """What every test hub offers: ``with`` to run it, and a look at its database as referee."""

    engine: Engine

    def start(self) -> Any:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())

    def execute(self, sql: str, **params: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(sql), params)


class HubServer(RunningHub):
    """``with HubServer(url) as hub:`` serves the hub on 127.0.0.1 at ``hub.url``.

    The listening socket is bound before the thread starts, so the port is known and free;
    ``wrap`` puts an ASGI wrapper (a fault injector) in front of the hub's app.
    """

    def __init__(
        self,
        database_url: str,
        wrap: Callable[[Any], Any] | None = None,
        limiter: EnrolmentLimiter | None = None,
    ):
        self.database_url = database_url
        self.engine: Engine = make_engine(database_url)
        # Tests enrol many laptops a minute from one address: the production limit is tested
        # on its own, with a limiter of its own.
        self.app = create_app(self.engine, limiter=limiter or EnrolmentLimiter(attempts=100_000))
        self.served = wrap(self.app) if wrap else self.app
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            self.served, log_level="warning", access_log=False, lifespan="off", backlog=256
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self) -> HubServer:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the hub did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT)
        self._socket.close()
        self.engine.dispose()
