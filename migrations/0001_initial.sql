-- The caseload: who works here, patients, referrals, and the audit log and outbox every write feeds.
-- Every synced record carries a client-made UUID, created/updated stamps, its author (a worker),
-- a tombstone flag and a per-field version map (JSON) that sync compares against the hub.

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    team_id TEXT REFERENCES teams (id),
    role TEXT NOT NULL DEFAULT 'link_worker',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

-- The one row that says whose laptop profile this is and how it identifies itself to the hub.
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    client_id TEXT NOT NULL,
    worker_id TEXT NOT NULL REFERENCES workers (id),
    created_at TEXT NOT NULL
);

CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    nhs_number TEXT NOT NULL CHECK (length(nhs_number) = 10),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    preferred_name TEXT NOT NULL DEFAULT '',
    date_of_birth TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT 'not_stated',
    ethnicity TEXT NOT NULL DEFAULT 'Z',
    pronouns TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    mobile TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    preferred_contact TEXT NOT NULL DEFAULT 'phone',
    contact_notes TEXT NOT NULL DEFAULT '',
    address_line1 TEXT NOT NULL DEFAULT '',
    address_line2 TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    gp_practice_code TEXT NOT NULL DEFAULT '',
    gp_practice_name TEXT NOT NULL DEFAULT '',
    communication_needs TEXT NOT NULL DEFAULT '',
    accessibility_needs TEXT NOT NULL DEFAULT '',
    interpreter_language TEXT NOT NULL DEFAULT '',
    consent_to_contact INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_contact IN (0, 1)),
    consent_to_share TEXT NOT NULL DEFAULT 'nothing'
        CHECK (consent_to_share IN ('full_notes', 'codes_only', 'nothing')),
    owner_worker_id TEXT REFERENCES workers (id),
    team_id TEXT REFERENCES teams (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

-- One live record per NHS number: a second referral opens the existing patient.
CREATE UNIQUE INDEX patients_nhs_number ON patients (nhs_number) WHERE deleted = 0;
CREATE INDEX patients_name ON patients (family_name, given_name);

CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_date TEXT NOT NULL,
    source TEXT NOT NULL,
    referrer_name TEXT NOT NULL DEFAULT '',
    referrer_organisation TEXT NOT NULL DEFAULT '',
    reasons TEXT NOT NULL DEFAULT '[]',
    reason_notes TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT 'routine' CHECK (priority IN ('routine', 'urgent')),
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN
        ('new', 'contacted', 'active', 'on_hold', 'discharged', 'declined', 'did_not_engage')),
    owner_worker_id TEXT REFERENCES workers (id),
    team_id TEXT REFERENCES teams (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX referrals_patient ON referrals (patient_id, referral_date);
CREATE INDEX referrals_status ON referrals (status);

-- Who viewed or changed which record, when. Field names only, never values.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'view', 'export')),
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '[]'
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Changes waiting for the hub, in the order they were made. Sync deletes a row once acknowledged.
CREATE TABLE outbox (
    mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL,
    worker_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('put', 'delete')),
    changes TEXT NOT NULL,
    base_versions TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
