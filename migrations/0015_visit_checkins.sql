-- Lone working on home visits: starting a home visit's session checks the worker in with the
-- time they expect to be back; ending it (or "Checked out safe" on Today) checks them out.
-- Synced with the patient's record, so the worker's team and the hub see a visit that is
-- overdue. The place and the worker's contact are copied as they were at check-in: a duty
-- colleague needs where the worker went and how to call them, not the patient's notes.
CREATE TABLE visit_checkins (
    id TEXT PRIMARY KEY,
    session_id TEXT REFERENCES sessions (id),
    appointment_id TEXT REFERENCES appointments (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    worker_id TEXT NOT NULL DEFAULT '',
    worker_name TEXT NOT NULL DEFAULT '',
    worker_contact TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    checked_in_at TEXT NOT NULL,
    expected_end_at TEXT NOT NULL,
    checked_out_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX visit_checkins_open ON visit_checkins (checked_out_at, expected_end_at);

-- When and where a visit began is a safety record: it never changes, and a check-out stays.
CREATE TRIGGER visit_checkins_keep_times BEFORE UPDATE ON visit_checkins
WHEN NEW.checked_in_at IS NOT OLD.checked_in_at
    OR NEW.expected_end_at IS NOT OLD.expected_end_at
    OR NEW.place IS NOT OLD.place
    OR NEW.worker_id IS NOT OLD.worker_id
    OR NEW.deleted IS NOT OLD.deleted
    OR (OLD.checked_out_at IS NOT NULL AND NEW.checked_out_at IS NOT OLD.checked_out_at)
BEGIN
    SELECT RAISE(ABORT, 'a visit check-in keeps its times: it is checked out once');
END;
