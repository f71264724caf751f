"""An organisation on the test hub: its teams, workers and enrolled laptops."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

from linkworker_desktop.hub import auth
from tests.support.hub import HubServer
from tests.support.laptop import Laptop

_serial = itertools.count(1)


class Organisation:
    """Set up as the hub's administrator would with ``linkworker hub …``."""

    def __init__(self, hub: HubServer, folder: Path, name: str):
        self.hub = hub
        self.folder = folder
        self.name = name
        with hub.engine.begin() as conn:
            self.id = auth.create_org(conn, name)
        self.teams: dict[str, str] = {}
        self.laptops: list[Laptop] = []

    def team(self, name: str) -> str:
        if name not in self.teams:
            with self.hub.engine.begin() as conn:
                self.teams[name] = auth.add_team(conn, self.id, name)
        return self.teams[name]

    def worker(self, name: str, team: str | None = None) -> str:
        team_id = self.team(team) if team else None
        with self.hub.engine.begin() as conn:
            return auth.add_worker(conn, self.id, team_id, name)

    def code(self, worker_id: str, lifetime: timedelta = auth.CODE_LIFETIME) -> str:
        with self.hub.engine.begin() as conn:
            return auth.new_enrol_code(conn, worker_id, lifetime)

    def laptop(self, team: str | None = "North", name: str | None = None) -> Laptop:
        """A new worker on the hub, and their laptop enrolled with a one-time code."""
        name = name or f"Worker {next(_serial)}"
        worker_id = self.worker(name, team)
        laptop = Laptop(self.folder / f"laptop-{next(_serial)}", name, "Laptop team")
        laptop.enrol(self.hub.url, self.code(worker_id))
        self.laptops.append(laptop)
        return laptop

    def revoke(self, laptop: Laptop) -> None:
        assert laptop.enrolment is not None
        with self.hub.engine.begin() as conn:
            auth.revoke_device(conn, laptop.enrolment.device_id)

    def close(self) -> None:
        for laptop in self.laptops:
            laptop.close()
