"""The hub's tables (SQLAlchemy Core): the same schema on PostgreSQL and SQLite."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_version = Table(
    "hub_schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("version", BigInteger, nullable=False, default=0),
    Column("min_cursor", BigInteger, nullable=False, default=0),
    Column("created_at", String(40), nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("organisations.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
)

workers = Table(
    "workers",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("org_id", String(64), ForeignKey("organisations.id"), nullable=False),
    Column("team_id", String(64), ForeignKey("teams.id"), nullable=True),
    Column("name", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("worker_id", String(64), ForeignKey("workers.id"), nullable=False),
    Column("client_id", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(128), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40), nullable=True),
    Column("last_seen_at", String(40), nullable=True),
)

enrol_codes = Table(
    "enrol_codes",
    metadata,
    Column("code_hash", String(128), primary_key=True),
    Column("worker_id", String(64), ForeignKey("workers.id"), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("used_at", String(40), nullable=True),
)

records = Table(
    "records",
    metadata,
    Column("org_id", String(64), ForeignKey("organisations.id"), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("id", String(64), nullable=False),
    Column("team_id", String(64), nullable=True),
    Column("owner_id", String(64), nullable=True),
    Column("root_id", String(64), nullable=True),
    Column("data", Text, nullable=False),
    Column("field_versions", Text, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("updated_at", String(40), nullable=False),
    # The device that wrote the record last, and whether that device holds it exactly as stored
    # (it had seen the record before writing): then a pull need not send it back to that device.
    Column("writer", String(64), nullable=True),
    Column("writer_current", Boolean, nullable=False, default=False),
    # A live patient's NHS number, to find one person registered twice.
    Column("match_key", String(64), nullable=True),
    # Per organisation: one organisation's ids can be neither seen nor taken by another's pushes.
    PrimaryKeyConstraint("org_id", "entity", "id"),
)
Index("records_org_version", records.c.org_id, records.c.version)
Index("records_root", records.c.root_id)
Index("records_match", records.c.org_id, records.c.entity, records.c.match_key)

# A record that left a team's or worker's scope, so their pulls can remove it.
scope_exits = Table(
    "scope_exits",
    metadata,
    Column("org_id", String(64), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("entity", String(40), nullable=False),
    Column("id", String(64), nullable=False),
    Column("team_id", String(64), nullable=True),
    Column("owner_id", String(64), nullable=True),
)
Index("scope_exits_org_version", scope_exits.c.org_id, scope_exits.c.version)

client_mutations = Table(
    "client_mutations",
    metadata,
    Column("client_id", String(64), primary_key=True),
    Column("last_mutation_id", BigInteger, nullable=False),
)

audit = Table(
    "hub_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("org_id", String(64), nullable=True),
    Column("device_id", String(64), nullable=True),
    Column("worker_id", String(64), nullable=True),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)
