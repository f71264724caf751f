-- Structured sessions, goal progress and outcome measures.

ALTER TABLE appointments ADD COLUMN prepare_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE appointments ADD COLUMN over_cap_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';

ALTER TABLE referrals ADD COLUMN discharge_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN discharge_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN discharged_on TEXT;

-- One run of a session. Once ended it is append-only: corrections are addenda.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    appointment_id TEXT REFERENCES appointments (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_id TEXT REFERENCES referrals (id),
    template_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('initial', 'follow_up')),
    planned_minutes INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'ended')),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    duration_seconds INTEGER,
    stage_seconds TEXT NOT NULL DEFAULT '{}',
    current_stage TEXT NOT NULL DEFAULT '',
    what_matters TEXT NOT NULL DEFAULT '',
    worker_id TEXT REFERENCES workers (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX sessions_patient ON sessions (patient_id, started_at);
CREATE INDEX sessions_state ON sessions (state);

CREATE TRIGGER sessions_append_only BEFORE UPDATE ON sessions
WHEN OLD.state = 'ended'
BEGIN
    SELECT RAISE(ABORT, 'an ended session is append-only: add an addendum instead');
END;

-- The notes of each stage, kept as the worker typed them (synced; never conflict).
CREATE TABLE session_notes (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    stage_id TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}',
    UNIQUE (session_id, stage_id)
);

-- Keystroke-level drafts, written every few seconds so a crash loses almost nothing.
-- Local only: they become session notes at each stage change and at the end.
CREATE TABLE note_drafts (
    session_id TEXT NOT NULL REFERENCES sessions (id),
    stage_id TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (session_id, stage_id)
);

-- A correction or addition to an ended session, with its own author and time.
CREATE TABLE session_addenda (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE goals (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_id TEXT REFERENCES referrals (id),
    description TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'in_progress', 'achieved', 'changed', 'stopped')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX goals_patient ON goals (patient_id);

CREATE TABLE goal_progress (
    id TEXT PRIMARY KEY,
    goal_id TEXT NOT NULL REFERENCES goals (id),
    session_id TEXT REFERENCES sessions (id),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX goal_progress_goal ON goal_progress (goal_id, recorded_at);

CREATE TABLE measure_results (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_id TEXT REFERENCES referrals (id),
    session_id TEXT REFERENCES sessions (id),
    measure_id TEXT NOT NULL,
    timepoint TEXT NOT NULL CHECK (timepoint IN ('baseline', 'review', 'discharge')),
    answers TEXT NOT NULL,
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    scores TEXT NOT NULL DEFAULT '{}',
    recorded_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX measure_results_patient ON measure_results (patient_id, measure_id, recorded_at);

-- Measure files a licensed service imported (wording the app may not ship), kept encrypted.
CREATE TABLE measure_definitions (
    id TEXT PRIMARY KEY,
    measure_id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);
