-- Appointments, so the caseload can count sessions used and show the next one.

CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL REFERENCES patients (id),
    referral_id TEXT REFERENCES referrals (id),
    starts_at TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL DEFAULT 30 CHECK (planned_minutes > 0),
    kind TEXT NOT NULL DEFAULT 'follow_up' CHECK (kind IN ('initial', 'follow_up')),
    mode TEXT NOT NULL DEFAULT 'surgery'
        CHECK (mode IN ('surgery', 'home_visit', 'telephone', 'video', 'community_venue')),
    place TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'booked'
        CHECK (status IN ('booked', 'attended', 'did_not_attend', 'cancelled')),
    worker_id TEXT REFERENCES workers (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    versions TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX appointments_patient ON appointments (patient_id, starts_at);
CREATE INDEX appointments_day ON appointments (starts_at);
