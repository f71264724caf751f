-- Safeguarding concerns and their hand-overs. A concern is written once: what was seen or said,
-- in the person's words, and what was done at once never change; it is closed once, with an
-- outcome. Each hand-over (to the practice safeguarding lead, the local authority, police,
-- 999) is its own row and is never changed either. Synced to the team; never on the plan.
CREATE TABLE safeguarding_concerns (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    raised_at TEXT NOT NULL,
    raised_by TEXT NOT NULL DEFAULT '',
    person_at_risk TEXT NOT NULL CHECK (person_at_risk IN ('patient', 'child', 'other_adult')),
    at_risk_details TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    what_was_seen TEXT NOT NULL,
    immediate_action TEXT NOT NULL DEFAULT '',
    closed_at TEXT,
    closed_by TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX safeguarding_concerns_patient ON safeguarding_concerns (patient_id, closed_at);

CREATE TRIGGER safeguarding_concerns_append_only BEFORE UPDATE ON safeguarding_concerns
WHEN NEW.raised_at IS NOT OLD.raised_at
    OR NEW.raised_by IS NOT OLD.raised_by
    OR NEW.person_at_risk IS NOT OLD.person_at_risk
    OR NEW.at_risk_details IS NOT OLD.at_risk_details
    OR NEW.category IS NOT OLD.category
    OR NEW.what_was_seen IS NOT OLD.what_was_seen
    OR NEW.immediate_action IS NOT OLD.immediate_action
    OR NEW.deleted IS NOT OLD.deleted
    OR (OLD.closed_at IS NOT NULL AND (
        NEW.closed_at IS NOT OLD.closed_at
        OR NEW.closed_by IS NOT OLD.closed_by
        OR NEW.outcome IS NOT OLD.outcome
    ))
BEGIN
    SELECT RAISE(ABORT, 'a safeguarding concern is append-only: add a hand-over or close it');
END;

CREATE TABLE safeguarding_handovers (
    id TEXT PRIMARY KEY,
    concern_id TEXT NOT NULL REFERENCES safeguarding_concerns (id),
    passed_to TEXT NOT NULL,
    passed_at TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX safeguarding_handovers_concern ON safeguarding_handovers (concern_id);

CREATE TRIGGER safeguarding_handovers_append_only BEFORE UPDATE ON safeguarding_handovers
WHEN NEW.concern_id IS NOT OLD.concern_id
    OR NEW.passed_to IS NOT OLD.passed_to
    OR NEW.passed_at IS NOT OLD.passed_at
    OR NEW.contact IS NOT OLD.contact
    OR NEW.notes IS NOT OLD.notes
    OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.deleted IS NOT OLD.deleted
BEGIN
    SELECT RAISE(ABORT, 'a safeguarding hand-over is append-only');
END;
