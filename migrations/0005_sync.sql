-- Sync with the hub: this laptop's place in the exchange, conflicts to settle, and a log of rounds.

CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A value that lost under last-writer-wins, kept for a person to settle. Made by the hub.
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    kept_value TEXT NOT NULL,
    other_value TEXT NOT NULL,
    kept_worker_id TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX conflicts_open ON conflicts (status);

-- One line per sync round, for the Sync view. Counts and plain-English errors only.
CREATE TABLE sync_rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pushed INTEGER NOT NULL DEFAULT 0,
    pulled INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT ''
);

-- An ended session's content stays fixed; who it is attributed to may follow the worker's
-- identity on the hub (enrolment renames a laptop-made worker id to the hub's).
DROP TRIGGER sessions_append_only;

CREATE TRIGGER sessions_append_only BEFORE UPDATE ON sessions
WHEN OLD.state = 'ended' AND (
    NEW.state IS NOT OLD.state
    OR NEW.started_at IS NOT OLD.started_at
    OR NEW.ended_at IS NOT OLD.ended_at
    OR NEW.duration_seconds IS NOT OLD.duration_seconds
    OR NEW.stage_seconds IS NOT OLD.stage_seconds
    OR NEW.what_matters IS NOT OLD.what_matters
    OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.deleted IS NOT OLD.deleted
)
BEGIN
    SELECT RAISE(ABORT, 'an ended session is append-only: add an addendum instead');
END;
