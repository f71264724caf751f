-- Changes pulled from the hub that this laptop could not apply (a clash with a local record, a
-- value this version refuses, a kind of record it does not know). Each is kept with its reason
-- instead of stopping the pull, and tried again on later rounds, after an upgrade, or when a
-- person asks. One row per record: a newer change of the same record replaces the older one.
CREATE TABLE sync_set_aside (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    change TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    schema_version INTEGER NOT NULL,
    set_aside_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (entity, entity_id)
);
