-- Consent is never guessed: "not asked yet" becomes the starting state of both consents.
-- Consent to contact stays 1 (yes) or 0 (no), with NULL for not asked yet; consent to share
-- gains 'not_asked'. Stored patients keep the answers they have. SQLite cannot change a CHECK
-- or NOT NULL in place, so the table is rebuilt (the runner turns foreign keys off for this and
-- checks them all before committing) with its columns in the same order.
CREATE TABLE patients_new (
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
    consent_to_contact INTEGER DEFAULT NULL CHECK (consent_to_contact IN (0, 1)),
    consent_to_share TEXT NOT NULL DEFAULT 'not_asked'
        CHECK (consent_to_share IN ('full_notes', 'codes_only', 'nothing', 'not_asked')),
    owner_worker_id TEXT REFERENCES workers (id),
    team_id TEXT REFERENCES teams (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}',
    merged_into TEXT
);

INSERT INTO patients_new SELECT * FROM patients;

DROP TABLE patients;

ALTER TABLE patients_new RENAME TO patients;

CREATE UNIQUE INDEX patients_nhs_number ON patients (nhs_number) WHERE deleted = 0;
CREATE INDEX patients_name ON patients (family_name, given_name);
