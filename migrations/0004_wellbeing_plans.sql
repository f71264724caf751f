-- The personalised wellbeing plan: the plan's own parts, and each goal's steps and helpers.

ALTER TABLE goals ADD COLUMN why_it_matters TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN target_date TEXT;
ALTER TABLE goals ADD COLUMN barriers TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

-- One plan per referral (an episode of support); the patient owns its words.
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_id TEXT REFERENCES referrals (id),
    what_matters TEXT NOT NULL DEFAULT '',
    working TEXT NOT NULL DEFAULT '',
    not_working TEXT NOT NULL DEFAULT '',
    strengths TEXT NOT NULL DEFAULT '',
    contingency TEXT NOT NULL DEFAULT '',
    review_date TEXT,
    share_with TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX plans_patient ON plans (patient_id);

-- Who does what by when, for one goal.
CREATE TABLE goal_steps (
    id TEXT PRIMARY KEY,
    goal_id TEXT NOT NULL REFERENCES goals (id),
    what TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT '',
    by_when TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX goal_steps_goal ON goal_steps (goal_id, position);

-- Who can help with a goal: a person, a community service, or a phone line.
CREATE TABLE goal_helpers (
    id TEXT PRIMARY KEY,
    goal_id TEXT NOT NULL REFERENCES goals (id),
    kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'service', 'phone')),
    name TEXT NOT NULL,
    contact TEXT NOT NULL DEFAULT '',
    when_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX goal_helpers_goal ON goal_helpers (goal_id);
