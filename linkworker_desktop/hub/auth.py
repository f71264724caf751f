"""Devices, enrolment codes and tokens. The hub keeps only hashes of codes and tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, and_, func, select

from linkworker_desktop.hub import people, schema
from linkworker_desktop.hub.store import Caller, now
from linkworker_desktop.sync.protocol import EnrolResponse

CODE_LIFETIME = timedelta(hours=24)
SEEN_EVERY = timedelta(minutes=1)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
MAX_NAME = 200  # the names' column width


class Unauthorised(Exception):
    """No valid token: the device was never enrolled, or it was revoked."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def authenticate(conn: Connection, token: str) -> Caller:
    row = conn.execute(
        select(
            schema.devices.c.id,
            schema.devices.c.client_id,
            schema.devices.c.revoked_at,
            schema.devices.c.last_seen_at,
            schema.workers.c.id.label("worker_id"),
            schema.workers.c.org_id,
            schema.workers.c.team_id,
        )
        .join(schema.workers, schema.workers.c.id == schema.devices.c.worker_id)
        .where(schema.devices.c.token_hash == digest(token))
    ).first()
    if row is None:
        raise Unauthorised("This device is not enrolled with the hub.")
    if row.revoked_at:
        raise Unauthorised(
            "This device's access was revoked. Ask your administrator to re-enrol it."
        )
    # Written at most once a minute, so a busy device does not turn every read into a write.
    stale = (datetime.now(UTC) - SEEN_EVERY).isoformat(timespec="milliseconds")
    if not row.last_seen_at or row.last_seen_at < stale:
        conn.execute(
            schema.devices.update().where(schema.devices.c.id == row.id).values(last_seen_at=now())
        )
    return Caller(row.id, row.client_id, row.worker_id, row.org_id, row.team_id)


def enrol(conn: Connection, code: str, device_name: str, client_id: str) -> EnrolResponse:
    """Exchange a one-time code for a device token (returned once, stored hashed)."""
    row = conn.execute(
        select(schema.enrol_codes).where(
            schema.enrol_codes.c.code_hash == digest(_normal_code(code))
        )
    ).first()
    if row is None or row.used_at or datetime.fromisoformat(row.expires_at) < datetime.now(UTC):
        raise Unauthorised("That enrolment code is wrong, used or expired. Ask for a new one.")
    worker = conn.execute(select(schema.workers).where(schema.workers.c.id == row.worker_id)).one()
    org = conn.execute(
        select(schema.organisations).where(schema.organisations.c.id == worker.org_id)
    ).one()
    team = (
        conn.execute(select(schema.teams).where(schema.teams.c.id == worker.team_id)).first()
        if worker.team_id
        else None
    )
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    existing = conn.execute(
        select(schema.devices.c.id).where(schema.devices.c.client_id == client_id)
    ).first()
    if existing is not None:
        raise Unauthorised("This caseload is already enrolled as another device.")
    # Claim the code only if nobody has meanwhile: two devices racing with one code get one token.
    claimed = conn.execute(
        schema.enrol_codes.update()
        .where(
            and_(
                schema.enrol_codes.c.code_hash == row.code_hash,
                schema.enrol_codes.c.used_at.is_(None),
            )
        )
        .values(used_at=now())
    )
    if claimed.rowcount != 1:
        raise Unauthorised("That enrolment code is wrong, used or expired. Ask for a new one.")
    conn.execute(
        schema.devices.insert().values(
            id=device_id,
            worker_id=worker.id,
            client_id=client_id,
            name=device_name,
            token_hash=digest(token),
            created_at=now(),
        )
    )
    return EnrolResponse(
        token=token,
        device_id=device_id,
        worker_id=worker.id,
        worker_name=worker.name,
        organisation_id=org.id,
        organisation_name=org.name,
        team_id=team.id if team else None,
        team_name=team.name if team else None,
    )


# --- administration (the `linkworker hub …` commands) --------------------------------------------


class Refused(Exception):
    """An administrator's change the hub will not make (a blank name, or one already taken)."""


def _name(value: str, what: str) -> str:
    """A name people will pick from a list: not blank, one line, and fitting its column."""
    name = value.strip()
    a_what = f"{'An' if what[0] in 'aeiou' else 'A'} {what}"
    if not name:
        raise Refused(f"{a_what} needs a name; it cannot be blank.")
    if len(name) > MAX_NAME:
        raise Refused(f"{a_what}'s name can be at most {MAX_NAME} characters.")
    if not name.isprintable():
        raise Refused(f"{a_what}'s name cannot hold tabs, line breaks or control characters.")
    return name


def create_org(conn: Connection, name: str) -> str:
    name = _name(name, "organisation")
    table = schema.organisations
    if conn.execute(select(table.c.id).where(func.lower(table.c.name) == name.lower())).first():
        raise Refused(f"An organisation called {name!r} is already on this hub.")
    org_id = str(uuid.uuid4())
    conn.execute(
        table.insert().values(id=org_id, name=name, version=0, min_cursor=0, created_at=now())
    )
    return org_id


def org_id(conn: Connection, org: str) -> str:
    """An organisation's id from its id or its name."""
    return _org_id(conn, org)


def _org_id(conn: Connection, org: str) -> str:
    row = conn.execute(
        select(schema.organisations.c.id).where(
            (schema.organisations.c.id == org) | (schema.organisations.c.name == org)
        )
    ).first()
    if row is None:
        raise LookupError(f"No organisation called {org!r}.")
    return str(row.id)


def add_team(conn: Connection, org: str, name: str) -> str:
    name = _name(name, "team")
    team_id = str(uuid.uuid4())
    org_id = _org_id(conn, org)
    table = schema.teams
    taken = select(table.c.id).where(
        and_(table.c.org_id == org_id, func.lower(table.c.name) == name.lower())
    )
    if conn.execute(taken).first():
        # Workers are added to a team by its name, so two teams of one name could not be told apart.
        raise Refused(f"That organisation already has a team called {name!r}.")
    conn.execute(table.insert().values(id=team_id, org_id=org_id, name=name, created_at=now()))
    people.publish_team(conn, org_id, team_id, name)
    return team_id


def add_worker(conn: Connection, org: str, team: str | None, name: str) -> str:
    name = _name(name, "worker")
    org_id = _org_id(conn, org)
    team_id = None
    if team:
        row = conn.execute(
            select(schema.teams.c.id).where(
                and_(
                    schema.teams.c.org_id == org_id,
                    (schema.teams.c.id == team) | (schema.teams.c.name == team),
                )
            )
        ).first()
        if row is None:
            raise LookupError(f"No team called {team!r} in that organisation.")
        team_id = row.id
    worker_id = str(uuid.uuid4())
    conn.execute(
        schema.workers.insert().values(
            id=worker_id, org_id=org_id, team_id=team_id, name=name, created_at=now()
        )
    )
    people.publish_worker(conn, org_id, worker_id, name, team_id)
    return worker_id


def new_enrol_code(conn: Connection, worker: str, lifetime: timedelta = CODE_LIFETIME) -> str:
    row = conn.execute(
        select(schema.workers.c.id).where(
            (schema.workers.c.id == worker) | (schema.workers.c.name == worker)
        )
    ).all()
    if len(row) != 1:
        raise LookupError(f"No single worker called {worker!r}; use their id.")
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    conn.execute(
        schema.enrol_codes.insert().values(
            code_hash=digest(code),
            worker_id=row[0].id,
            expires_at=(datetime.now(UTC) + lifetime).isoformat(),
        )
    )
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def revoke_device(conn: Connection, device_id: str) -> None:
    result = conn.execute(
        schema.devices.update()
        .where(and_(schema.devices.c.id == device_id, schema.devices.c.revoked_at.is_(None)))
        .values(revoked_at=now())
    )
    if result.rowcount != 1:
        raise LookupError(f"No active device {device_id}.")
