"""The hub as its own process (``linkworker hub serve``), as it runs in production.

The benchmarks use it so the hub and the laptop each have their own interpreter: timing a
hub served from a thread of the test process would measure the two fighting over one lock.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import Engine, create_engine

from linkworker_desktop.hub.engine import make_engine
from tests.support.hub import RunningHub

START_TIMEOUT = 30.0


class HubProcess(RunningHub):
    """``with HubProcess(url) as hub:`` serves the hub on 127.0.0.1 at ``hub.url``."""

    def __init__(self, database_url: str, migrate: bool = True, log: Path | None = None):
        self.database_url = database_url
        # Migrated here before the server starts, unless the test wants the server to do it.
        self.engine: Engine = make_engine(database_url) if migrate else create_engine(database_url)
        self.log = log
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> HubProcess:
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        """Start the process without waiting, so several can start at the same moment."""
        command = [sys.executable, "-m", "linkworker_desktop.cli.main", "hub", "serve"]
        command += ["--database", self.database_url, "--port", str(self.port)]
        with (self.log or Path(os.devnull)).open("wb") as errors:
            self._process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                # Tests and benchmarks enrol many laptops a minute from one address.
                env=dict(
                    os.environ, PYTHONUNBUFFERED="1", LINKWORKER_HUB_ENROL_PER_MINUTE="100000"
                ),
            )

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def wait_ready(self) -> HubProcess:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self._process.returncode}")
            try:
                if httpx.get(f"{self.url}/v1/ready", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the hub did not become ready")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self.engine.dispose()
