"""Enrol this laptop with the hub, run sync rounds, report status, settle conflicts."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from linkworker_desktop.domain.ids import utc_now
from linkworker_desktop.services.directory import Directory
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.restored_copy import RESTORED_FROM
from linkworker_desktop.storage import database, os_keyring
from linkworker_desktop.storage.records import fetch_dicts
from linkworker_desktop.storage.unit_of_work import SYNCED_TABLES, Actor, UnitOfWork, table_columns
from linkworker_desktop.sync import state

if TYPE_CHECKING:  # the engine, its wire models and HTTP client load when a sync runs
    from linkworker_desktop.sync.engine import RoundResult, SyncEngine
    from linkworker_desktop.sync.protocol import EnrolResponse
    from linkworker_desktop.sync.transport import Transport

_PEOPLE_COLUMNS = ("author_id", "owner_worker_id", "worker_id", "kept_worker_id")


class AlreadyEnrolled(Exception):
    """Enrolment happens once per caseload; a second would split its identity."""


class NotEnrolled(Exception):
    def __init__(self) -> None:
        super().__init__(
            "This laptop is not enrolled with a hub yet: "
            "use 'linkworker enrol --hub URL --code CODE'."
        )


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    hub_url: str
    organisation: str
    last_good_sync: str
    pending: int
    open_conflicts: int
    last_error: str


def _token_account(profile: OpenProfile) -> str:
    return f"hub-token-{profile.keyfile.key_id}"


def save_token(profile: OpenProfile, token: str) -> str:
    """Keep the device token in the OS keyring, or inside the encrypted caseload without one."""
    if os_keyring.availability()[0]:
        import keyring  # loaded by availability() above; large, so not on every start
        import keyring.errors

        try:
            keyring.set_password(os_keyring.SERVICE, _token_account(profile), token)
            return "keyring"
        except keyring.errors.KeyringError:
            pass
    state.put(profile.conn, "token", token)
    return "caseload"


def load_token(profile: OpenProfile) -> str:
    if state.get(profile.conn, "token_store") == "keyring":
        import keyring  # large, so loaded only for a token kept there
        import keyring.errors

        try:
            return keyring.get_password(os_keyring.SERVICE, _token_account(profile)) or ""
        except keyring.errors.KeyringError:
            return ""
    return state.get(profile.conn, "token")


def enrol(
    profile: OpenProfile,
    hub_url: str,
    code: str,
    device_name: str | None = None,
    transport: Transport | None = None,
    insecure: bool = False,
) -> EnrolResponse:
    """Exchange the one-time code for a token, and take on the hub's ids for this worker.

    ``insecure`` allows plain http:// to another computer, and is remembered for every round.
    """
    if state.get(profile.conn, "hub_url"):
        raise AlreadyEnrolled("This laptop is already enrolled with a hub.")
    response = request_enrolment(
        hub_url, code, profile.actor.client_id, device_name, transport, insecure
    )
    adopt_enrolment(profile, hub_url, response, insecure)
    return response


def request_enrolment(
    hub_url: str,
    code: str,
    client_id: str,
    device_name: str | None = None,
    transport: Transport | None = None,
    insecure: bool = False,
) -> EnrolResponse:
    """The network half of enrolment: no caseload connection, so any thread may run it."""
    from linkworker_desktop.sync.protocol import EnrolRequest
    from linkworker_desktop.sync.transport import Transport

    own_transport = transport is None
    transport = transport or Transport(hub_url, insecure=insecure)
    try:
        return transport.enrol(
            EnrolRequest(
                code=code,
                device_name=device_name or socket.gethostname(),
                client_id=client_id,
            )
        )
    finally:
        if own_transport:
            transport.close()


def adopt_enrolment(
    profile: OpenProfile, hub_url: str, response: EnrolResponse, insecure: bool = False
) -> None:
    """The local half of enrolment, on the thread that owns the caseload connection."""
    if state.get(profile.conn, "hub_url"):
        raise AlreadyEnrolled("This laptop is already enrolled with a hub.")
    _adopt_hub_identity(profile, response)
    store = save_token(profile, response.token)
    conn = profile.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for key, value in (
            ("hub_url", hub_url.rstrip("/")),
            ("device_id", response.device_id),
            ("organisation", response.organisation_name),
            ("token_store", store),
            ("cursor", "0"),
            ("insecure_transport", "1" if insecure else ""),
        ):
            state.put(conn, key, value)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _adopt_hub_identity(profile: OpenProfile, response: EnrolResponse) -> None:
    """Rename this laptop's worker and team to the hub's ids, then queue every record afresh.

    Before enrolment the caseload was made under ids invented on the laptop; afterwards every
    author and owner must be the worker the hub knows, and the hub must receive every record.
    """
    conn = profile.conn
    old_worker = profile.actor.worker_id
    old_team = conn.execute("SELECT team_id FROM workers WHERE id = ?", (old_worker,)).fetchone()[0]
    new_worker, new_team = response.worker_id, response.team_id
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in SYNCED_TABLES:
            columns = table_columns(conn, table)
            for column in _PEOPLE_COLUMNS:
                if column in columns:
                    conn.execute(
                        f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                        (new_worker, old_worker),
                    )
            if "team_id" in columns and table != "workers":
                # Records made before enrolment join the worker's team on the hub.
                conn.execute(
                    f"UPDATE {table} SET team_id = ?"
                    " WHERE team_id IS NULL OR team_id = '' OR team_id = ?",
                    (new_team, old_team),
                )
        conn.execute(
            "UPDATE workers SET id = ?, display_name = ? WHERE id = ?",
            (new_worker, response.worker_name, old_worker),
        )
        if new_team:
            _take_hub_team(conn, old_team, response)
        conn.execute("UPDATE workers SET team_id = ? WHERE id = ?", (new_team, new_worker))
        conn.execute("UPDATE profile SET worker_id = ?", (new_worker,))
        if _restored_as(conn, old_worker, new_worker):
            # A restored copy enrolling again as the same worker: the hub holds its records
            # already (and may hold newer values), so only what it never acknowledged is sent.
            state.put(conn, RESTORED_FROM, "")
        else:
            _queue_everything(conn, profile.actor.client_id, new_worker)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    profile.actor = Actor(worker_id=new_worker, client_id=profile.actor.client_id)
    profile.worker_name = response.worker_name
    profile.team_name = response.team_name or ""


def _restored_as(conn: Any, old_worker: str, new_worker: str) -> bool:
    return bool(state.get(conn, RESTORED_FROM)) and old_worker == new_worker


def _queue_everything(conn: Any, client_id: str, new_worker: str) -> None:
    """Every record into the outbox afresh: the hub must receive all of a new caseload."""
    from linkworker_desktop.sync.protocol import HUB_OWNED

    conn.execute("DELETE FROM outbox")
    for table in SYNCED_TABLES:
        if table in HUB_OWNED or table == "conflicts":
            continue
        names = [d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        # Feed entries of the directory are every laptop's cache of the same feed.
        only_local = " WHERE source = 'local'" if table == "directory_services" else ""
        for row in conn.execute(
            f"SELECT * FROM {table}{only_local} ORDER BY created_at"
        ).fetchall():
            record = dict(zip(names, row, strict=True))
            changes = {k: v for k, v in record.items() if k not in ("id", "versions")}
            conn.execute(
                "INSERT INTO outbox (client_id, worker_id, entity, entity_id, op, changes,"
                " base_versions, created_at) VALUES (?, ?, ?, ?, 'put', ?, '{}', ?)",
                (
                    client_id,
                    new_worker,
                    table,
                    record["id"],
                    json.dumps(changes, sort_keys=True, default=str),
                    utc_now(),
                ),
            )


def _take_hub_team(conn: Any, old_team: str | None, response: EnrolResponse) -> None:
    """Hold the worker's team under the hub's id before anything refers to it.

    A caseload set up without a team has no row to rename; without one, every new patient
    would name a team the laptop lacks until the first pull brings the hub's teams.
    """
    name = response.team_name or ""
    if conn.execute("SELECT 1 FROM teams WHERE id = ?", (response.team_id,)).fetchone():
        conn.execute("UPDATE teams SET name = ? WHERE id = ?", (name, response.team_id))
    elif old_team:
        conn.execute(
            "UPDATE teams SET id = ?, name = ? WHERE id = ?", (response.team_id, name, old_team)
        )
    else:
        now = utc_now()
        conn.execute(
            "INSERT INTO teams (id, name, organisation, created_at, updated_at, author_id)"
            " VALUES (?, ?, ?, ?, ?, 'hub')",
            (response.team_id, name, response.organisation_name, now, now),
        )


@dataclass(frozen=True)
class SyncTarget:
    """What a round needs from the caseload, read on the thread that owns its connection.

    The round itself opens its own connection from this, so it can run on a worker thread.
    """

    database: Path
    data_key: bytes = field(repr=False)
    client_id: str
    hub_url: str
    token: str = field(repr=False)
    insecure: bool = False  # plain http:// to another computer, chosen at enrolment


def target_for(profile: OpenProfile) -> SyncTarget:
    hub_url = state.get(profile.conn, "hub_url")
    if not hub_url:
        raise NotEnrolled()
    return SyncTarget(
        database=profile.files.database,
        data_key=profile.data_key,
        client_id=profile.actor.client_id,
        hub_url=hub_url,
        token=load_token(profile),
        insecure=state.get(profile.conn, "insecure_transport") == "1",
    )


@dataclass(frozen=True, slots=True)
class _Local:
    """What the directory service needs of an open caseload: a connection and who is working."""

    conn: Any
    actor: Actor


def apply_directory_feed(
    conn: Any, client_id: str, contents: list[dict[str, Any]], withdrawn: list[str]
) -> int:
    """The engine's directory sink: a page of the hub's feed into the local directory cache,
    and the services the hub has withdrawn marked so."""
    worker_id = conn.execute("SELECT worker_id FROM profile").fetchone()[0]
    directory = Directory(_Local(conn, Actor(worker_id=worker_id, client_id=client_id)))
    changed = 0
    if contents:
        report = directory.import_feed({"contents": contents}, "hub")
        changed += report.added + report.updated
    if withdrawn:
        changed += directory.withdraw(withdrawn, "hub")
    return changed


@contextmanager
def engine_at(target: SyncTarget, transport: Transport | None = None) -> Iterator[SyncEngine]:
    """A sync engine on its own connection, opened (and closed) on the calling thread."""
    from linkworker_desktop.sync.engine import SyncEngine
    from linkworker_desktop.sync.transport import Transport

    conn = database.connect(target.database, target.data_key)
    own_transport = transport is None
    transport = transport or Transport(target.hub_url, target.token, insecure=target.insecure)
    try:
        yield SyncEngine(conn, target.client_id, transport, directory_sink=apply_directory_feed)
    finally:
        conn.close()
        if own_transport:
            transport.close()


@contextmanager
def engine_for(profile: OpenProfile, transport: Transport | None = None) -> Iterator[SyncEngine]:
    """A sync engine on its own connection, for a caller on the profile's own thread (the CLI).

    The app reads a :class:`SyncTarget` on the GUI thread and runs :func:`run_round` elsewhere.
    """
    with engine_at(target_for(profile), transport) as engine:
        yield engine


def sync_once(
    profile: OpenProfile, transport: Transport | None = None, insecure: bool = False
) -> RoundResult:
    """One round; ``insecure`` allows plain http:// to another computer for this round."""
    target = target_for(profile)
    if insecure:
        target = replace(target, insecure=True)
    with engine_at(target, transport) as engine:
        return engine.run_round()


def run_round(target: SyncTarget, transport: Transport | None = None) -> RoundResult:
    """One round from a target read earlier: what the app runs on a worker thread."""
    with engine_at(target, transport) as engine:
        return engine.run_round()


def status(profile: OpenProfile) -> SyncStatus:
    conn = profile.conn
    last_error = conn.execute("SELECT error FROM sync_rounds ORDER BY id DESC LIMIT 1").fetchone()
    return SyncStatus(
        enrolled=bool(state.get(conn, "hub_url")),
        hub_url=state.get(conn, "hub_url"),
        organisation=state.get(conn, "organisation"),
        last_good_sync=state.get(conn, "last_good_sync"),
        pending=state.waiting(conn),
        open_conflicts=int(
            conn.execute(
                "SELECT COUNT(*) FROM conflicts WHERE status = 'open' AND deleted = 0"
            ).fetchone()[0]
        ),
        last_error=last_error[0] if last_error else "",
    )


def rounds(profile: OpenProfile, limit: int = 50) -> list[dict[str, Any]]:
    return fetch_dicts(profile.conn, "SELECT * FROM sync_rounds ORDER BY id DESC LIMIT ?", (limit,))


def open_conflicts(profile: OpenProfile) -> list[dict[str, Any]]:
    return fetch_dicts(
        profile.conn,
        "SELECT * FROM conflicts WHERE status = 'open' AND deleted = 0 ORDER BY created_at",
    )


def settle(profile: OpenProfile, conflict_id: str, value: Any) -> None:
    """Settle a conflict with the chosen (or merged) value: one change, synced like any other."""
    rows = fetch_dicts(profile.conn, "SELECT * FROM conflicts WHERE id = ?", (conflict_id,))
    if not rows or rows[0]["status"] != "open":
        raise ValueError("That conflict is not open.")
    conflict = rows[0]
    with UnitOfWork(profile.conn, profile.actor) as uow:
        if conflict["entity"] in SYNCED_TABLES and conflict["field"] in table_columns(
            profile.conn, conflict["entity"]
        ):
            uow.update(conflict["entity"], conflict["entity_id"], {conflict["field"]: value})
        uow.update(
            "conflicts",
            conflict_id,
            {"status": "resolved", "resolution": json.dumps(value, default=str)},
        )
