-- Alerts on a patient's record (risk to visitors, do not visit alone, interpreter needed…).
-- Set with a reason and cleared with one; a cleared alert stays as history and a new alert of
-- the same kind is a new row. Synced like the rest of the record; never printed on the plan.
CREATE TABLE patient_alerts (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    set_at TEXT NOT NULL,
    set_by TEXT NOT NULL DEFAULT '',
    cleared_at TEXT,
    cleared_by TEXT NOT NULL DEFAULT '',
    clear_reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX patient_alerts_patient ON patient_alerts (patient_id, cleared_at);

-- What was set, when, by whom and why never changes; once cleared, neither does the clearing.
CREATE TRIGGER patient_alerts_keep_history BEFORE UPDATE ON patient_alerts
WHEN NEW.kind IS NOT OLD.kind
    OR NEW.reason IS NOT OLD.reason
    OR NEW.set_at IS NOT OLD.set_at
    OR NEW.set_by IS NOT OLD.set_by
    OR (OLD.cleared_at IS NOT NULL AND (
        NEW.cleared_at IS NOT OLD.cleared_at
        OR NEW.cleared_by IS NOT OLD.cleared_by
        OR NEW.clear_reason IS NOT OLD.clear_reason
    ))
BEGIN
    SELECT RAISE(ABORT, 'an alert keeps its history: clear it and set a new one');
END;
