"""A link worker's laptop for the sync tests: a real SQLCipher profile in its own folder."""

from __future__ import annotations

import random
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from linkworker_desktop.domain import nhs_number
from linkworker_desktop.domain.choices import ReferralReason, ReferralSource
from linkworker_desktop.domain.patient import Patient
from linkworker_desktop.domain.referral import Referral
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services import sync_service
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import UnitOfWork
from linkworker_desktop.sync import set_aside, state
from linkworker_desktop.sync.engine import RoundResult
from linkworker_desktop.sync.protocol import EnrolResponse
from linkworker_desktop.sync.transport import SyncError, Transport
from tests.conftest import FAST_KDF, PASSPHRASE

_numbers_lock = threading.Lock()
_numbers_used: set[str] = set()
_numbers_rng = random.Random(5)


def fresh_nhs_number() -> str:
    """A valid NHS number from the 999 test range, never handed out twice in one test run."""
    with _numbers_lock:
        while True:
            number = nhs_number.generate_test_number(_numbers_rng)
            if number not in _numbers_used:
                _numbers_used.add(number)
                return number


DROPPED_BEFORE_PULL = "The connection dropped after the push."


class _DropsBeforePull(Transport):
    """A transport whose connection is lost once the push is answered: nothing is pulled."""

    def pull(self, cursor: int, limit: int) -> Any:
        raise SyncError(DROPPED_BEFORE_PULL)


class Laptop:
    def __init__(self, folder: Path, worker_name: str, team_name: str = "Laptop team"):
        self.name = worker_name
        self.files = profile_service.ProfileFiles(folder)
        self.profile, _ = profile_service.create_profile(
            self.files, PASSPHRASE, worker_name, team_name, kdf=FAST_KDF
        )
        self.enrolment: EnrolResponse | None = None

    @classmethod
    def from_profile(cls, opened: profile_service.OpenProfile, name: str) -> Laptop:
        """A laptop around a caseload opened some other way (restored from a backup, say)."""
        laptop = cls.__new__(cls)
        laptop.name = name
        laptop.files = opened.files
        laptop.profile = opened
        laptop.enrolment = None
        return laptop

    def close(self) -> None:
        if self.profile.is_open:
            self.profile.close()

    # --- sync ---------------------------------------------------------------------------------

    def enrol(self, hub_url: str, code: str) -> EnrolResponse:
        self.enrolment = sync_service.enrol(self.profile, hub_url, code, device_name=self.name)
        return self.enrolment

    def sync(
        self,
        transport: Transport | None = None,
        pull_page: int | None = None,
        push_batch: int | None = None,
    ) -> RoundResult:
        """One round, as ``sync_service.sync_once``, optionally with smaller pages and batches."""
        if pull_page is None and push_batch is None:
            return sync_service.sync_once(self.profile, transport)
        with sync_service.engine_for(self.profile, transport) as engine:
            engine.pull_page = pull_page or engine.pull_page
            engine.push_batch = push_batch or engine.push_batch
            return engine.run_round()

    def push_only(self) -> None:
        """A round that pushes the outbox and then loses the connection before it pulls."""
        transport = _DropsBeforePull(state.get(self.profile.conn, "hub_url"), self.token)
        try:
            self.sync(transport)
        except SyncError as exc:
            if str(exc) != DROPPED_BEFORE_PULL:
                raise
        else:
            raise AssertionError("the round finished without pulling")
        finally:
            transport.close()

    def transport(self, base_url: str | None = None, timeout: float = 20.0) -> Transport:
        """A transport with this laptop's token, to another address (a proxy) or timeout."""
        return Transport(
            base_url or state.get(self.profile.conn, "hub_url"),
            sync_service.load_token(self.profile),
            client=httpx.Client(timeout=httpx.Timeout(timeout)),
        )

    @property
    def token(self) -> str:
        return sync_service.load_token(self.profile)

    @property
    def worker_id(self) -> str:
        return self.profile.actor.worker_id

    @property
    def client_id(self) -> str:
        return self.profile.actor.client_id

    def pending(self) -> int:
        return sync_service.status(self.profile).pending

    def cursor(self) -> int:
        return state.cursor(self.profile.conn)

    def set_aside(self) -> list[tuple[str, str]]:
        """The changes from the hub held on this laptop: (entity, id), oldest first."""
        return [(held.entity, held.entity_id) for held in set_aside.held(self.profile.conn)]

    # --- the caseload -------------------------------------------------------------------------

    def add_patient(self, **fields: Any) -> str:
        patient = Patient(
            nhs_number=fields.pop("nhs_number", None) or fresh_nhs_number(),
            given_name=fields.pop("given_name", "Alex"),
            family_name=fields.pop("family_name", "Testperson"),
            date_of_birth=fields.pop("date_of_birth", date(1960, 5, 17)),
            **fields,
        )
        return CaseloadService(self.profile).add_patient(patient)

    def add_referral(self, patient_id: str, **fields: Any) -> str:
        referral = Referral(
            patient_id=patient_id,
            referral_date=fields.pop("referral_date", date.today() - timedelta(days=3)),
            source=fields.pop("source", ReferralSource.SELF),
            reasons=fields.pop("reasons", [ReferralReason.LONELINESS]),
            **fields,
        )
        return CaseloadService(self.profile).add_referral(referral)

    def edit(self, table: str, record_id: str, **values: Any) -> list[str]:
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return uow.update(table, record_id, values)

    def delete(self, table: str, record_id: str) -> None:
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            uow.delete(table, record_id)

    def insert(self, table: str, **values: Any) -> str:
        with UnitOfWork(self.profile.conn, self.profile.actor) as uow:
            return uow.insert(table, values)

    def record(self, table: str, record_id: str) -> dict[str, Any] | None:
        rows = fetch_dicts(self.profile.conn, f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        return rows[0] if rows else None

    def ids(self, table: str, live_only: bool = True) -> set[str]:
        where = " WHERE deleted = 0" if live_only else ""
        return {row[0] for row in self.profile.conn.execute(f"SELECT id FROM {table}{where}")}

    def conflicts(self, status: str = "open") -> list[dict[str, Any]]:
        return fetch_dicts(
            self.profile.conn,
            "SELECT * FROM conflicts WHERE status = ? ORDER BY created_at",
            (status,),
        )
