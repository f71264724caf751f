-- The community directory (Open Referral UK shapes), searchable offline, and the connections
-- a worker makes between a patient and a service, with their outcomes.

CREATE TABLE directory_services (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('feed', 'local')),
    source_id TEXT NOT NULL,
    feed TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    alternate_name TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phones TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'active',
    free INTEGER CHECK (free IN (0, 1)),
    cost_text TEXT NOT NULL DEFAULT '',
    eligibility TEXT NOT NULL DEFAULT '',
    minimum_age INTEGER,
    maximum_age INTEGER,
    application_process TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '[]',
    locations TEXT NOT NULL DEFAULT '[]',
    schedules TEXT NOT NULL DEFAULT '[]',
    service_area TEXT NOT NULL DEFAULT '',
    last_confirmed TEXT,
    modified_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}',
    UNIQUE (source, source_id)
);

-- Word search over the directory; kept in step by the code that writes directory_services.
CREATE VIRTUAL TABLE directory_fts USING fts5(
    service_id UNINDEXED,
    name,
    organisation,
    description,
    categories,
    place,
    accessibility,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Postcode district centroids (e.g. LS6 -> lat/lon) for "near the patient"; a service loads them.
CREATE TABLE postcode_districts (
    district TEXT PRIMARY KEY,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL
);

-- A patient connected to a service: signposted, referred or accompanied, and how it went.
CREATE TABLE directory_connections (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_id TEXT REFERENCES referrals (id),
    service_id TEXT NOT NULL REFERENCES directory_services (id),
    goal_id TEXT REFERENCES goals (id),
    kind TEXT NOT NULL CHECK (kind IN ('signposted', 'referred', 'accompanied')),
    connected_on TEXT NOT NULL,
    chase_on TEXT,
    outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'attended', 'attending_regularly',
        'did_not_attend', 'not_suitable', 'service_full', 'service_closed')),
    outcome_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX directory_connections_patient ON directory_connections (patient_id);
CREATE INDEX directory_connections_service ON directory_connections (service_id);
CREATE INDEX directory_connections_chase ON directory_connections (outcome, chase_on);

-- A worker's report that a service has closed or changed, for whoever keeps the directory.
CREATE TABLE directory_reports (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES directory_services (id),
    kind TEXT NOT NULL CHECK (kind IN ('closed', 'changed', 'confirmed')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

-- Numbering a referral's sessions ("Follow-up 3 of 5") reads its appointments in order.
CREATE INDEX appointments_referral ON appointments (referral_id, starts_at);

-- Today and the record find a booking's session by its appointment.
CREATE INDEX sessions_appointment ON sessions (appointment_id);
